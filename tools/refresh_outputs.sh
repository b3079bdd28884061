#!/usr/bin/env bash
# Rebuild lessons from their sources, run them top to bottom and store their outputs: the
# reference nbval compares against.
# usage: tools/refresh_outputs.sh [lessons/NAME.md | notebooks/NAME.ipynb ...]
#        (default: every lesson in lessons/ and lessons/zh-CN/; lessons/zh-CN/NAME.md or
#        notebooks/zh-CN/NAME.ipynb names a lesson of the Chinese edition)
#
# - build_notebook.py writes notebooks/NAME.ipynb from lessons/NAME.md, without outputs.
# - record_timing=False: no per-cell timestamps in the stored file.
# - Don't add --ExecutePreprocessor.store_widget_state=False: nbclient 0.11 then crashes
#   (KeyError in nbclient/output_widget.py) on interact/Output widgets. normalize_outputs.py
#   drops the widget state afterwards instead.
# - timeout: an execution that hangs must not hang the caller.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
py="$root/.venv/bin/python"
[ -x "$py" ] || py=python

[ "$#" -gt 0 ] || set -- "$root"/lessons/*.md "$root"/lessons/zh-CN/*.md
for given in "$@"; do
  [ "$(basename "$given")" != README.md ] || continue
  name="$(basename "${given%.*}")"
  edition=""
  case "$given" in */zh-CN/*) edition="zh-CN/" ;; esac
  src="$root/lessons/$edition$name.md"
  nb="$root/notebooks/$edition$name.ipynb"
  echo "refreshing $nb from $src"
  "$py" "$root/tools/build_notebook.py" "$src"
  timeout 900 "$py" -m nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False "$nb"
  "$py" "$root/tools/normalize_outputs.py" --trim-tracebacks "$nb"
done
