"""How long minigrad.viz takes on graphs of about 2,000 nodes, with both renderers.

usage: python -m bench.viz_render

The target: a 2,000-node graph renders to SVG with Graphviz's ``dot`` in under 2 s. Two
graphs: a 200-layer chain of Linear+Tanh layers, and a scalar-level MLP loss (micrograd
style: one tensor per number, so many crossing edges). The WebAssembly renderer is timed
too: the first render on a machine also compiles Graphviz (about 2 s); wasmtime caches the
result on disk, so later processes start in a fraction of a second.
"""
from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import time
from functools import partial

import minigrad as torch
from minigrad import nn
from minigrad.viz import draw, set_renderer
from minigrad.viz.render import render

TARGET_SECONDS = 2.0
REPEATS = 3


def layer_chain(layers: int = 200):
    torch.manual_seed(0)
    modules = []
    for _ in range(layers):
        modules += [nn.Linear(3, 3), nn.Tanh()]
    return nn.Sequential(*modules)(torch.randn(2, 3)).sum()


def scalar_mlp(width: int = 20):
    """A 3 -> width -> width -> 1 network written with one 0-dim tensor per number."""
    rng = random.Random(0)

    def neuron(inputs):
        total = torch.tensor(0.0, requires_grad=True)
        for x in inputs:
            total = total + torch.tensor(rng.uniform(-1, 1), requires_grad=True) * x
        return total.tanh()

    xs = [torch.tensor(v) for v in (1.0, -2.0, 3.0)]
    hidden = [neuron(xs) for _ in range(width)]
    hidden = [neuron(hidden) for _ in range(width)]
    return (neuron(hidden) - 1.0) ** 2


def seconds(function, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


WASM_FIRST = """
import time, minigrad as torch
from minigrad.viz import draw, set_renderer
set_renderer("wasm")
a = torch.tensor(2.0, requires_grad=True)
view = draw((a * 3).sum(), a=a)
start = time.perf_counter(); view.svg(); first = time.perf_counter() - start
view = draw((a * 4).exp(), a=a)
start = time.perf_counter(); view.svg(); second = time.perf_counter() - start
print(first, second)
"""


def main() -> None:
    print(f"{'graph':<24}{'nodes':>7}{'draw s':>9}{'dot svg s':>11}{'wasm svg s':>12}")
    for name, make in (("200-layer Linear chain", layer_chain), ("scalar MLP loss", scalar_mlp)):
        loss = make()
        view = draw(loss, max_nodes=10_000)
        draw_s = seconds(partial(draw, loss, max_nodes=10_000))
        timings = {}
        for renderer in ("dot", "wasm"):
            if renderer == "dot" and shutil.which("dot") is None:
                timings[renderer] = float("nan")
                continue
            set_renderer(renderer)
            timings[renderer] = seconds(partial(render, view.source, "svg"))
        print(f"{name:<24}{len(view.graph.nodes):>7}{draw_s:>9.3f}{timings['dot']:>11.3f}"
              f"{timings['wasm']:>12.3f}")
        if timings["dot"] > TARGET_SECONDS:
            print(f"  over the {TARGET_SECONDS} s target with dot")
    first, second = map(float, subprocess.run(
        [sys.executable, "-c", WASM_FIRST], capture_output=True, text=True, check=True,
    ).stdout.split())
    print(f"wasm renderer in a fresh process: first small graph {first:.3f} s (compiles "
          f"Graphviz unless wasmtime's cache has it already), second {second:.3f} s")


if __name__ == "__main__":
    main()
