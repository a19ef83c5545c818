#!/usr/bin/env bash
# Interop check of the AgentSpines Parquet writer and reader against independent readers.
#  1. npm ci (skipped when node_modules already matches package-lock.json, so it also works offline)
#  2. build tests/AgentSpines.EventLog.Interop and write fixture files + expected values with OUR writer
#  3. node --test: DuckDB and hyparquet must read every fixture exactly (full content)
#  4. reverse: DuckDB writes files (plain/dictionary, snappy/gzip/zstd), OUR reader (Parquet.Net) must read them exactly
# Exits non-zero on any mismatch. Usage: tests/interop/run.sh  (from anywhere; needs dotnet and node >= 20)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
artifacts="${AGENTSPINES_INTEROP_ARTIFACTS:-${TMPDIR:-/tmp}/agentspines-interop-artifacts}"
work="$(mktemp -d "${TMPDIR:-/tmp}/agentspines-interop.XXXXXX")"
trap 'rm -rf "$work"' EXIT
status=0

cd "$here"
# Versions are pinned exactly in package.json, so `npm ls` succeeding means node_modules holds the locked versions.
if [ -d node_modules/@duckdb/node-api ] && [ -d node_modules/hyparquet ] && npm ls --depth=0 >/dev/null 2>&1; then
  echo "== npm: node_modules already holds the pinned versions"
else
  echo "== npm ci"
  npm ci --no-audit --no-fund --prefer-offline || { echo "npm ci failed" >&2; exit 1; }
fi

echo "== build the fixture tool"
dotnet build "$root/tests/AgentSpines.EventLog.Interop" -c Release --nologo -v quiet --artifacts-path "$artifacts" \
  || { echo "build failed" >&2; exit 1; }
tool="$artifacts/bin/AgentSpines.EventLog.Interop/release/AgentSpines.EventLog.Interop.dll"

echo "== write fixtures with our writer"
dotnet "$tool" write-fixtures "$work/fixtures" || { echo "fixture writer failed" >&2; exit 1; }

echo "== DuckDB and hyparquet read our files (node --test)"
FIXTURES_DIR="$work/fixtures" node --test --test-reporter=spec readers.test.mjs || status=1

echo "== reverse: our reader (Parquet.Net behind our guards) reads DuckDB's files"
if node duckdb-fixtures.mjs "$work/duckdb"; then
  dotnet "$tool" verify-duckdb "$work/duckdb" || status=1
else
  echo "DuckDB fixture writer failed" >&2
  status=1
fi

if [ "$status" -eq 0 ]; then echo "interop: all checks passed"; else echo "interop: FAILED" >&2; fi
exit "$status"
