"""Shared pytest configuration for the unit tests and the notebook runs (`make test`)."""


# nbval compares each stored notebook output with a fresh run, byte for byte. Graphviz SVG
# cannot pass that on another machine: it embeds the dot version, and its coordinates depend on
# the installed fonts. So SVG is left out; the graphs' DOT text is what the unit tests check.
# `make test` loads this file into the notebook run with `-p tests.conftest`.
def pytest_collectstart(collector):
    if collector.path is not None and collector.path.suffix == ".ipynb":
        collector.skip_compare += ("image/svg+xml",)
