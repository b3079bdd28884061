"""``GraphView``: what ``draw`` returns. Shows itself in Jupyter; saves to files."""
from __future__ import annotations

from pathlib import Path

from . import render
from .dot import FONT, FONT_FAMILIES
from .model import Graph

FILE_FORMATS = {".svg": "svg", ".dot": "dot", ".gv": "dot", ".png": "png", ".pdf": "pdf"}


class GraphView:
    """A drawn autograd graph: DOT text (``.source``), a text tree (``.text()``), pictures.

    In Jupyter it displays as SVG, with the text tree as its plain-text form (what
    terminals, screen readers and notebook tests see). It holds only text, never tensors.
    """

    def __init__(self, graph: Graph, source: str, text: str):
        self.graph = graph  # the boxes and arrows, as plain data (see model.py)
        self.source = source
        self._text = text
        self._svg: dict[str, str] = {}  # renderer -> SVG text, rendered once

    def text(self) -> str:
        """The indented text tree: the same graph, one line per box."""
        return self._text

    def svg(self) -> str:
        """The picture as SVG text."""
        renderer = render.resolve("svg")
        if renderer not in self._svg:
            svg = render.render(self.source, "svg").decode("utf-8")
            self._svg[renderer] = with_font_fallbacks(svg)
        return self._svg[renderer]

    def pipe(self, format: str = "svg") -> bytes:
        """The picture as file bytes: ``"svg"``, ``"png"`` or ``"pdf"``."""
        if format == "svg":
            return self.svg().encode("utf-8")
        return render.render(self.source, format)

    def save(self, path) -> Path:
        """Write ``.svg``, ``.dot``/``.gv`` (DOT text), or ``.png``/``.pdf`` (need Graphviz)."""
        path = Path(path)
        format = FILE_FORMATS.get(path.suffix.lower())
        if format is None:
            raise ValueError(
                f"cannot save a graph as {path.suffix or 'a file without suffix'!r}: use one of "
                + ", ".join(FILE_FORMATS)
            )
        if format == "dot":
            path.write_text(self.source, encoding="utf-8")
        else:
            path.write_bytes(self.pipe(format))
        return path

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/plain": self._text}
        try:
            bundle["image/svg+xml"] = self.svg()
        except (ImportError, RuntimeError) as error:  # no renderer: say why, keep the text
            bundle["text/plain"] = f"{self._text}\n(no picture: {error})\n"
        return bundle

    def __repr__(self) -> str:
        return self._text.rstrip("\n")


def with_font_fallbacks(svg: str) -> str:
    """The SVG with ``font-family="Verdana"`` made a list ending in ``sans-serif``.

    Graphviz copies a fontname list into the SVG as it is, but the WebAssembly build then
    measures text as Times (it knows the widths of single fonts only), so boxes come out too
    narrow: DOT names one font, and the browser gets the fallbacks here.
    """
    return svg.replace(f'font-family="{FONT}"', f'font-family="{FONT_FAMILIES}"')
