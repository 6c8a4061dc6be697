#!/usr/bin/env bash
# One stage of `make test`, timed:  tests/tools/stage.sh NAME COMMAND...
# Prints a header, runs COMMAND, appends "NAME <tab> seconds <tab> exit status" to
# test-artifacts/stages.tsv. When the stage fails, prints the summary so far
# (tests/tools/report.py: each stage's time, the 20 slowest tests) and exits with its status.
set -uo pipefail
name=$1
shift
mkdir -p test-artifacts
echo "==> stage: $name"
started=$(date +%s)
"$@"
status=$?
printf '%s\t%s\t%s\n' "$name" "$(($(date +%s) - started))" "$status" >>test-artifacts/stages.tsv
if [ "$status" -ne 0 ]; then
  python3 "$(dirname "$0")/report.py" || true
  echo "==> stage $name FAILED (exit $status)" >&2
fi
exit "$status"
