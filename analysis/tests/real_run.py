"""Builds the small real simulations the tests and notebooks use, with the repo's ./agentspines.

usage: /usr/bin/python3 analysis/tests/real_run.py plasticity|transport|anomalous|exchange|episodes OUT_DIR
The runs are kept small (a few replicates and dendrites) so that building them stays within the CI budget.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AGENTSPINES = REPO / "agentspines"

# Psilocybin with both arms on the published session schedule (-3 ... 34 days): every table and target kind.
PLASTICITY_ARGS = ["run", "configs/psilocybin.json", "--Run:Replicates=3", "--Dendrites:Count=3", "--quiet"]
TRANSPORT_ARGS = ["run", "configs/transport/markovian.json", "--quiet"]
# Mittag-Leffler dwell with mu = 0.5: subdiffusion, MSD ~ t^0.5 at long times.
ANOMALOUS_ARGS = ["run", "configs/transport/anomalous_mu0.5.json", "--quiet"]


# PRPs made at the soma end and exchanged with the spines (a gradient); stabilisation fed by them.
EXCHANGE_ARGS = ["run", "configs/prp_tagging.json", "--Run:Replicates=2", "--Dendrites:Count=6", "--Run:DurationDays=10",
                 "--Imaging:SessionDays=[-3,-1,1,3,5,7]",  # sessions must lie inside the 10-day run
                 "--Exchange:Species:0:ProductionPlacement=Point", "--Exchange:Species:0:Initial:Placement=Point",
                 "--Exchange:Species:0:Initial:PositionUm=0", "--quiet"]


# Single electrodiffusion episodes (agentspines episode --trace-csv) with three neck lengths.
EPISODE_NECK_LENGTHS_NM = (250, 500, 1000)


def episodes(out_dir: str | Path, timeout_s: float = 420) -> list[Path]:
    """Writes neck-<L>nm.csv traces (and .json summaries) into out_dir; returns the trace paths."""
    import json
    sys.path.insert(0, str(REPO / "analysis"))
    from agentspines_analysis.electrodiffusion import run_episode
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in EPISODE_NECK_LENGTHS_NM:
        trace = out / f"neck-{n}nm.csv"
        if not trace.is_file() or not trace.with_suffix(".json").is_file():
            summary, _ = run_episode(AGENTSPINES, trace, timeout_s, neck_length_nm=n)
            trace.with_suffix(".json").write_text(json.dumps(summary))
        paths.append(trace)
    return paths


def build(kind: str, out_dir: str | Path, timeout_s: float = 420) -> Path:
    if kind == "episodes":
        episodes(out_dir, timeout_s)
        return Path(out_dir)
    args = {"plasticity": PLASTICITY_ARGS, "transport": TRANSPORT_ARGS, "anomalous": ANOMALOUS_ARGS, "exchange": EXCHANGE_ARGS}[kind]
    out = Path(out_dir)
    if (out / "_SUCCESS").is_file():
        return out
    cmd = [str(AGENTSPINES), *args, "--out", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout_s)
    if not (out / "_SUCCESS").is_file():
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    if proc.returncode != 0:
        # The dataset is complete (_SUCCESS is written last); a crash after it is the CLI's bug, not the data's.
        print(f"warning: {' '.join(cmd)} exited {proc.returncode} after writing a complete dataset: "
              f"{proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}", file=sys.stderr)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("plasticity", "transport", "anomalous", "exchange", "episodes"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        print(build(sys.argv[1], sys.argv[2]))
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        print(e, file=sys.stderr)
        sys.exit(1)
