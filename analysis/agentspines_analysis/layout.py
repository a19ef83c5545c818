"""Where the tables of a run directory live: <run>/<table>/<key>=<value>/.../part-<shard>.parquet."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

PART_FILE = re.compile(r"^part-(\d+)\.parquet$")

# Tables the simulator writes; any other folder holding part-*.parquet files is loaded too.
KNOWN_TABLES = ("events", "snapshots", "metrics", "imaging", "cohorts", "episodes", "exposure")


class RunDirError(ValueError):
    """The path is not a readable AgentSpines run directory (user error: one line)."""


@dataclass(frozen=True)
class DataFile:
    path: Path
    table: str
    partition: tuple[tuple[str, str], ...]  # decoded (name, value) pairs, outermost first
    shard: int

    def sort_key(self):
        return tuple(_natural(v) for _, v in self.partition) + (self.shard,)


def _natural(value: str):
    # Replicate 10 after replicate 2: numbers sort as numbers, then text.
    try:
        return (0, int(value), "")
    except ValueError:
        return (1, 0, value)


@dataclass
class RunLayout:
    root: Path
    files: dict[str, list[DataFile]] = field(default_factory=dict)
    manifest: dict | None = None
    complete: bool = False

    @property
    def tables(self) -> list[str]:
        return sorted(self.files, key=lambda t: (KNOWN_TABLES.index(t) if t in KNOWN_TABLES else len(KNOWN_TABLES), t))


def _partition_of(rel_dir: Path) -> tuple[tuple[str, str], ...] | None:
    parts = []
    for level in rel_dir.parts:
        if "=" not in level:
            return None
        name, value = level.split("=", 1)
        parts.append((name, unquote(value, errors="strict")))
    return tuple(parts)


def scan(run_dir: str | os.PathLike) -> RunLayout:
    """Lists the data files of every table (temp files and hidden files are skipped)."""
    root = Path(run_dir)
    if not root.exists():
        raise RunDirError(f"run directory '{run_dir}' does not exist")
    if not root.is_dir():
        raise RunDirError(f"'{run_dir}' is not a directory (expected a run directory with events/, metrics/, ...)")
    layout = RunLayout(root=root.resolve())
    manifest = root / "manifest.json"
    if manifest.is_file():
        try:
            with open(manifest, encoding="utf-8") as f:
                layout.manifest = json.load(f)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise RunDirError(f"{manifest}: malformed manifest ({e})") from None
    layout.complete = (root / "_SUCCESS").is_file()
    for table_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        found = []
        for dirpath, dirnames, filenames in os.walk(table_dir):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                m = PART_FILE.match(name)
                if not m:
                    continue
                partition = _partition_of(Path(dirpath).relative_to(table_dir))
                if partition is None:
                    continue
                found.append(DataFile(Path(dirpath) / name, table_dir.name, partition, int(m.group(1))))
        if found:
            layout.files[table_dir.name] = sorted(found, key=DataFile.sort_key)
    if not layout.files:
        raise RunDirError(f"'{run_dir}' holds no tables (no <table>/regime=.../part-*.parquet files)")
    return layout
