"""Benchmarks: minigrad against hand-written NumPy and other autograd engines, in one run."""
