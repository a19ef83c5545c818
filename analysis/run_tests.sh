#!/usr/bin/env bash
# The one script CI calls for the Python analysis package (analysis/). Exits non-zero on any failure.
#  1. DuckDB for node (Parquet reader; pyarrow cannot be installed here): `npm ci` in tests/interop if missing
#  2. small real simulations with ./agentspines (psilocybin, both arms), two transport runs (Markovian and
#     anomalous mu = 0.5) and three single electrodiffusion episodes (agentspines episode --trace-csv),
#     each unless given
#  3. pytest with /usr/bin/python3 (Debian python3-pandas python3-matplotlib python3-scipy python3-pytest)
#  4. the notebooks, executed top to bottom with nbconvert against those runs
#  5. the report of all runs through `./agentspines report` (AGENTSPINES_NO_CLI=1: python3 -m agentspines_analysis)
# Usage: analysis/run_tests.sh [PLASTICITY_RUN_DIR [TRANSPORT_RUN_DIR [EPISODE_DIR [ANOMALOUS_RUN_DIR]]]]
#   (or AGENTSPINES_RUN_DIR / AGENTSPINES_TRANSPORT_RUN_DIR / AGENTSPINES_EPISODE_DIR / AGENTSPINES_ANOMALOUS_RUN_DIR,
#   AGENTSPINES_EXCHANGE_RUN_DIR);
#   given ones are used as they are, the others are simulated.
# Outputs (executed notebooks, report) go to $AGENTSPINES_ANALYSIS_OUT or a temp folder, printed at the end.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
py=/usr/bin/python3
out="${AGENTSPINES_ANALYSIS_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/agentspines-analysis.XXXXXX")}"
mkdir -p "$out"
start=$(date +%s)
step() { echo "== [$(( $(date +%s) - start )) s] $*"; }
fail() { echo "analysis: FAILED: $*" >&2; exit 1; }

"$py" -c "import pandas, matplotlib, pytest, nbconvert, ipykernel" 2>/dev/null \
  || fail "$py lacks pandas/matplotlib/pytest/nbconvert (apt-get install python3-pandas python3-matplotlib python3-scipy python3-pytest python3-nbconvert python3-ipykernel)"

if ! "$py" -c "import pyarrow" 2>/dev/null && [ ! -d "$root/tests/interop/node_modules/@duckdb/node-api" ]; then
  step "npm ci in tests/interop (DuckDB for node)"
  (cd "$root/tests/interop" && npm ci --no-audit --no-fund --prefer-offline) || fail "npm ci in tests/interop"
fi

# given <kind> <dir or ""> <folder under $out> <what>: prints the given dir, else builds the run there first
real_run() {
  local kind="$1" given="$2" dir="$out/$3"
  if [ -n "$given" ]; then echo "$given"; return; fi
  step "$4 (analysis/tests/real_run.py $kind)" >&2
  "$py" "$here/tests/real_run.py" "$kind" "$dir" >/dev/null || fail "building the $kind run"
  echo "$dir"
}
run_dir=$(real_run plasticity "${1:-${AGENTSPINES_RUN_DIR:-}}" run-psilocybin "small real plasticity run (configs/psilocybin.json)") || exit 1
transport_dir=$(real_run transport "${2:-${AGENTSPINES_TRANSPORT_RUN_DIR:-}}" run-transport "small real transport run (configs/transport/markovian.json)") || exit 1
anomalous_dir=$(real_run anomalous "${4:-${AGENTSPINES_ANOMALOUS_RUN_DIR:-}}" run-anomalous "small real anomalous transport run (configs/transport/anomalous_mu0.5.json)") || exit 1
episode_dir=$(real_run episodes "${3:-${AGENTSPINES_EPISODE_DIR:-}}" episodes "single electrodiffusion episodes (agentspines episode --trace-csv, neck 250/500/1000 nm)") || exit 1
exchange_dir=$(real_run exchange "${AGENTSPINES_EXCHANGE_RUN_DIR:-}" run-exchange "small real exchange run (configs/prp_tagging.json, PRPs from the soma end)") || exit 1
export AGENTSPINES_RUN_DIR="$run_dir" AGENTSPINES_TRANSPORT_RUN_DIR="$transport_dir" AGENTSPINES_EPISODE_DIR="$episode_dir"
export AGENTSPINES_ANOMALOUS_RUN_DIR="$anomalous_dir" AGENTSPINES_EXCHANGE_RUN_DIR="$exchange_dir"
export AGENTSPINES_REQUIRE_REAL_RUN=1
export MPLBACKEND=Agg PYTHONDONTWRITEBYTECODE=1 PYDEVD_DISABLE_FILE_VALIDATION=1

status=0
# The notebooks run in the background while pytest runs (two cores); each writes its own log.
step "notebooks (nbconvert --execute, in the background) and pytest"
mkdir -p "$out/notebooks"
(
  unset MPLBACKEND
  export AGENTSPINES_TRANSPORT_RUN_DIR="$transport_dir:$anomalous_dir"  # the notebook takes several runs
  nb_status=0
  for nb in "$here"/notebooks/*.ipynb; do
    name="$(basename "$nb" .ipynb)"
    (cd "$here/notebooks" && "$py" -Xfrozen_modules=off -m nbconvert --to notebook --execute --output-dir "$out/notebooks" \
       --ExecutePreprocessor.timeout=300 "$nb" >"$out/nbconvert-$name.log" 2>&1) \
      || { echo "notebook failed: $nb (log: $out/nbconvert-$name.log)" >&2; tail -30 "$out/nbconvert-$name.log" >&2; nb_status=1; }
  done
  exit "$nb_status"
) &
notebooks_pid=$!
(cd "$here" && "$py" -m pytest -q -p no:cacheprovider tests) || status=1
step "pytest finished; waiting for the notebooks"
wait "$notebooks_pid" || status=1
step "notebooks finished"

if [ "${AGENTSPINES_NO_CLI:-0}" = 1 ]; then
  step "report (python3 -m agentspines_analysis report)"
  (cd "$here" && "$py" -m agentspines_analysis report "$run_dir" "$transport_dir" "$anomalous_dir" "$episode_dir"/*.csv --out "$out/report") || status=1
else
  step "report (./agentspines report, which calls the Python package)"
  "$root/agentspines" report "$run_dir" "$transport_dir" "$anomalous_dir" "$episode_dir"/*.csv --out "$out/report" || status=1
  "$root/agentspines" report "$out/no-such-run" >/dev/null 2>"$out/missing.err"; rc=$?
  if [ "$rc" -ne 2 ] || [ "$(wc -l <"$out/missing.err")" -ne 1 ]; then
    echo "agentspines report of a missing run dir: exit $rc (want 2), stderr: $(cat "$out/missing.err")" >&2; status=1
  fi
fi
[ -f "$out/report/index.html" ] || { echo "no report/index.html" >&2; status=1; }

step "done: outputs in $out"
if [ "$status" -eq 0 ]; then echo "analysis: all checks passed"; else echo "analysis: FAILED" >&2; fi
exit "$status"
