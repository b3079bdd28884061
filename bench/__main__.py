"""``python -m bench``: run the benchmarks and print their tables."""
import os

# One BLAS thread, so that ratios between engines are stable on small machines.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

from . import two_moons  # noqa: E402 - after the thread settings

two_moons.main()
