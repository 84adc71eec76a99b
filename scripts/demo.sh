#!/usr/bin/env bash
# Set up, then run `refcheck check` on the example chapter.
#
# This machine has no internet, so the demo starts the project's fake Crossref/PubMed upstream
# on 127.0.0.1 (serving records for the chapter's references) and points refcheck at it through
# REFCHECK_CROSSREF_URL / REFCHECK_PUBMED_URL. With internet access, skip the fake and run
#   REFCHECK_MAILTO=you@example.org .venv/bin/refcheck check FILE
# Exits with refcheck's own exit code (1: the chapter has mismatches).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
chapter=${1:-../shared/examples/liver-metastasis-chapter.txt}
shift || true
log=$(mktemp)
.venv/bin/python -m tests.fake_upstream --data tests/data/chapter/records.jsonl --port 0 >"$log" 2>&1 &
fake=$!
trap 'kill $fake 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q '^READY' "$log" && break
  sleep 0.1
done
base=$(sed -n 's/^READY //p' "$log")
[ -n "$base" ] || { echo "fake upstream did not start:" >&2; cat "$log" >&2; exit 2; }
export REFCHECK_CROSSREF_URL="$base/crossref" REFCHECK_PUBMED_URL="$base/eutils"
export REFCHECK_MAILTO=${REFCHECK_MAILTO:-demo@example.org} REFCHECK_CACHE_PATH=none
echo "+ refcheck check $chapter   (upstream: fake at $base)" >&2
set +e
.venv/bin/refcheck check "$chapter" "$@"
status=$?
set -e
exit "$status"
