#!/usr/bin/env bash
# Runs every test of AgentSpines on a fresh machine: installs what the tests need (Debian packages, the npm
# readers from the lock file), builds, then runs the .NET tests, the Parquet interop tests against DuckDB and
# hyparquet, and the Python analysis tests and notebooks. Exit code 0 only if all pass.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

section() { printf '\n=== %s ===\n' "$*"; }

section "setup: Debian packages"
pkgs=(python3-pandas python3-matplotlib python3-scipy python3-pytest python3-nbconvert python3-ipykernel jupyter-notebook rabbitmq-server)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "ok: ${pkgs[*]}"

section "setup: npm readers (tests/interop, from package-lock.json)"
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)

section "build"
dotnet build AgentSpines.sln -c Release --nologo -v quiet -clp:ErrorsOnly

section ".NET tests"
dotnet test AgentSpines.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal"

section "drug figures (light: the command that regenerates docs/drugs.md, 2 replicates)"
figs="$(mktemp -d)"
./agentspines drug-figures --replicates 2 --spines 400 --out "$figs" > /dev/null
test -s "$figs/drug_table.md" && ls "$figs"/*.png > /dev/null
rm -rf "$figs"
echo "ok"

section "Parquet interop (DuckDB, hyparquet)"
bash tests/interop/run.sh

section "Python analysis (pytest, notebooks)"
bash analysis/run_tests.sh

section "all tests passed"
