#!/usr/bin/env bash
# Copy the browser tests' screenshots that the README shows into docs/screenshots/.
# usage: tools/update_screenshots.sh   (runs the browser tests first; needs Chromium)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
py="$root/.venv/bin/python"
[ -x "$py" ] || py=python
cd "$root"
"$py" -m pytest -q tests/browser
cp test-output/lesson_02_backward_and_the_chain_rule_graph.png docs/screenshots/graph.png
cp test-output/stepper_end_state.png docs/screenshots/stepper.png
echo "updated docs/screenshots/graph.png and docs/screenshots/stepper.png"
