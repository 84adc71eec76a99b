#!/usr/bin/env bash
# Create .venv (once) and install refcheck with its development tools into it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
# Re-install only when pyproject.toml changed since the last install.
stamp=.venv/.refcheck-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  touch "$stamp"
fi
