"""``python -m bench``: run every benchmark, print its table, write ``docs/benchmarks.md``.

``python -m bench --smoke`` runs everything with tiny sizes in seconds and writes nothing
(the tests use it); ``--only mlp,memory`` runs some benchmarks and writes nothing either.
"""
import argparse
import gc
import importlib
import os
import time
from pathlib import Path

# One BLAS thread, set before NumPy is imported (the benchmarks are imported later, by name):
# ratios between engines then stay stable on small, shared machines (PyTorch gets
# torch.set_num_threads(1) in engines.py).
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                 "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

BENCHMARKS = ("two_moons", "mlp", "deep_chain", "tiny_op", "render", "lessons", "memory",
              "profile")
DOCS = Path(__file__).resolve().parent.parent / "docs"


def run_all(smoke: bool = False, only=BENCHMARKS, echo=print) -> list:
    """Run the benchmarks in turn, echoing each table as soon as it is done."""
    from .engines import installed
    from .report import format_text

    modules = [importlib.import_module(f"bench.{name}") for name in only]
    installed()  # import every engine now
    tables = []
    try:
        for module in modules:
            # Freeze what exists so far (modules, earlier benchmarks' leftovers): the garbage
            # collector no longer scans it, so its passes during a timed run cost the same
            # whichever engines are loaded and whichever benchmark ran before.
            gc.collect()
            gc.freeze()
            start = time.perf_counter()
            table = module.run(smoke=smoke)
            echo(format_text(table))
            echo(f"  ({time.perf_counter() - start:.1f} s)\n")
            tables.append(table)
    finally:
        gc.unfreeze()
    return tables


def main(argv=None) -> list:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes, a few seconds; writes nothing")
    parser.add_argument("--only", type=lambda text: text.split(","), default=list(BENCHMARKS),
                        help=f"comma-separated, from: {','.join(BENCHMARKS)}; writes nothing")
    args = parser.parse_args(argv)
    unknown = set(args.only) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(sorted(unknown))}: "
                     f"choose from {', '.join(BENCHMARKS)}")
    from . import report

    info = report.machine()
    start = time.perf_counter()
    tables = run_all(args.smoke, args.only)
    seconds = time.perf_counter() - start
    print(f"all benchmarks: {seconds:.0f} s")
    if not args.smoke and list(args.only) == list(BENCHMARKS):
        DOCS.mkdir(exist_ok=True)
        info["load average at end (1 min)"] = f"{os.getloadavg()[0]:.2f}"
        chart = DOCS / "benchmarks.png"
        report.draw_chart(tables, chart)
        report.write_markdown(tables, info, DOCS / "benchmarks.md", chart, seconds)
        print(f"wrote {DOCS / 'benchmarks.md'} and {chart}")
    return tables


if __name__ == "__main__":
    main()
