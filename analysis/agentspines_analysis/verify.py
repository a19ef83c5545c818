"""Verified reads: a run directory is read only when it is complete (_SUCCESS) and every data file matches the
SHA-256 and size that manifest.json gives it. The problem lines and the refusal are word for word those of the
.NET reader (src/AgentSpines.EventLog/Dataset/DatasetSelection.cs), so the CLI and Python say the same thing.

allow_incomplete=True reads the files that verify instead: those the manifest lists with a matching checksum, or,
when there is no manifest at all (a run killed before it wrote one), every part file, unverified; it prints what
it skipped on stderr and keeps the lines in Run.skipped.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .layout import DataFile, RunDirError, RunLayout

SUCCESS_MISSING = "_SUCCESS is missing: the run did not finish"
MANIFEST_MISSING = "manifest.json is missing"
HINT = "--allow-incomplete (allow_incomplete=True in Python) reads only the files that verify"


class IncompleteRunError(RunDirError):
    """The run directory is incomplete (no _SUCCESS or manifest) or damaged (a file fails its checksum)."""

    def __init__(self, root: Path, problems: list[str]):
        more = len(problems) - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(f"{root}: incomplete or damaged dataset: {problems[0]}{extra}; {HINT}")
        self.problems = problems


@dataclass
class Selection:
    files: dict[str, list[DataFile]]
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unverified: int = 0

    def report(self, root: Path) -> list[str]:
        if not self.problems:
            return []
        n = sum(len(v) for v in self.files.values())
        head = (f"{root}: reading an incomplete or damaged dataset (--allow-incomplete): {n} files, "
                f"{len(self.skipped)} skipped")
        if self.unverified:
            head += f", {self.unverified} without a manifest checksum"
        return [head] + ["  " + p for p in self.problems]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _entry(f: dict, key: str, *alts: str):
    for k in (key, *alts):
        if k in f:
            return f[k]
    return None


def select(layout: RunLayout, allow_incomplete: bool = False) -> Selection:
    """The files a reader may use; raises IncompleteRunError (one line) unless the run verifies or allow_incomplete."""
    root = layout.root
    problems: list[str] = []
    if not layout.complete:
        problems.append(SUCCESS_MISSING)
    verified: set[str] = set()
    manifest = layout.manifest
    if manifest is None:
        problems.append(MANIFEST_MISSING)
    else:
        listed = set()
        for f in _entry(manifest, "files", "Files") or []:
            rel = str(_entry(f, "path", "Path"))
            listed.add(rel)
            full = root / rel
            if ".." in rel or Path(rel).is_absolute():
                problems.append(f"{rel}: path escapes the dataset")
            elif not full.is_file():
                problems.append(f"{rel}: missing")
            elif full.stat().st_size != int(_entry(f, "bytes", "Bytes")):
                problems.append(f"{rel}: {full.stat().st_size} bytes, manifest says {_entry(f, 'bytes', 'Bytes')}")
            else:
                sha = _sha256(full)
                want = str(_entry(f, "sha256", "Sha256"))
                if sha.lower() != want.lower():
                    problems.append(f"{rel}: SHA-256 {sha} differs from the manifest's {want}")
                else:
                    verified.add(rel)
        for files in layout.files.values():
            for df in files:
                rel = df.path.relative_to(root).as_posix()
                if rel not in listed:
                    problems.append(f"{rel}: not listed in the manifest")
    if problems and not allow_incomplete:
        raise IncompleteRunError(root, problems)
    if manifest is None:
        keep = {t: list(fs) for t, fs in layout.files.items()}
        unverified = sum(len(v) for v in keep.values())
    else:
        keep = {t: [f for f in fs if f.path.relative_to(root).as_posix() in verified] for t, fs in layout.files.items()}
        keep = {t: fs for t, fs in keep.items() if fs}
        unverified = 0
    skipped = [p for p in problems if p not in (SUCCESS_MISSING, MANIFEST_MISSING)]
    return Selection(keep, problems, skipped, unverified)
