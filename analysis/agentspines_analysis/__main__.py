"""python3 -m agentspines_analysis report RUN_DIR [RUN_DIR ...] [TRACE.csv ...] [--out DIR] [--backend auto|pyarrow|duckdb]
[--allow-incomplete]"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .layout import RunDirError
from .readers import ReaderUnavailable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m agentspines_analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="figures and index.html of one or more run directories "
                                        "(and episode trace CSVs from agentspines episode --trace-csv)")
    rep.add_argument("run_dirs", nargs="+", metavar="RUN_DIR")
    rep.add_argument("--out", help="report folder (default RUN_DIR/report)")
    rep.add_argument("--backend", choices=["auto", "pyarrow", "duckdb"], default=None)
    rep.add_argument("--allow-incomplete", action="store_true",
                     help="read the files of an incomplete or damaged run that verify, instead of refusing it")
    args = parser.parse_args(argv)
    for d in args.run_dirs:
        if not Path(d).is_dir() and not (Path(d).is_file() and d.lower().endswith(".csv")):
            print(f"agentspines report: run directory '{d}' does not exist or is not a directory", file=sys.stderr)
            return 2
    out = Path(args.out) if args.out else Path(args.run_dirs[0]) / "report"
    from .report import build_report
    try:
        index = build_report(args.run_dirs, out, backend=args.backend, allow_incomplete=args.allow_incomplete)
    except (RunDirError, ReaderUnavailable) as e:
        print(f"agentspines report: {e}", file=sys.stderr)
        return 2
    print(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
