# Everything runs inside .venv, created on first use; a fresh machine needs only python3 and make.
PY  := .venv/bin/python
# --quiet hides "Requirement already satisfied" chatter; warnings and errors still show.
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

# jupyter refuses to start as root unless told to (containers, CI machines).
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: venv lab test bench refresh-notebooks clean

venv: $(PY)

$(PY):
	python3 -m venv .venv

# One stamp per extra, e.g. .venv/.installed-test for '.[test]': pip runs again only when
# pyproject.toml changes. The install is editable, so edits under minigrad/ need no reinstall.
.venv/.installed-%: pyproject.toml | $(PY)
	$(PIP) -e '.[$*]'
	touch $@

lab: .venv/.installed-lab
	.venv/bin/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(LAB_ROOT_FLAG)

# Unit tests and notebooks run in separate pytest processes, so that `--nbval` never collects the
# .py tests. The nbval hook lives in tests/conftest.py, which pytest loads by itself only for
# paths under tests/, hence `-p tests.conftest` for notebooks/.
test: .venv/.installed-test
	timeout 1800 $(PY) -m pytest tests
	timeout 900 $(PY) -m pytest -p tests.conftest --nbval --nbval-current-env \
	    --nbval-cell-timeout=120 --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/

bench: .venv/.installed-bench
	$(PY) -m bench

refresh-notebooks: .venv/.installed-test
	tools/refresh_outputs.sh

clean:
	rm -rf build/ dist/ *.egg-info test-output/
	find . -path ./.venv -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) \
	    -type d -exec rm -rf {} +
