"""The column names of every table the simulator writes, from data/columns.json.

That file is generated from the .NET table schemas by tests/AgentSpines.Cli.Tests/Schema/ColumnListTests.cs (a
test that fails when the checked-in file differs), so the package and the simulator share one list.
"""
from __future__ import annotations

import json
from pathlib import Path

_LIST = json.loads((Path(__file__).resolve().parent / "data" / "columns.json").read_text())

# table -> the column-name tuples of each schema that writes it (metrics: plasticity, transport, synthetic runs)
TABLES: dict[str, tuple[tuple[str, ...], ...]] = {
    table: tuple(tuple(c["name"] for c in v["columns"]) for v in variants) for table, variants in _LIST["tables"].items()
}
# table -> {column: unit} over all its schemas
UNITS: dict[str, dict[str, str]] = {
    table: {c["name"]: c["unit"] for v in variants for c in v["columns"] if "unit" in c}
    for table, variants in _LIST["tables"].items()
}
ALL_NAMES: frozenset[str] = frozenset(n for variants in TABLES.values() for v in variants for n in v)


class SchemaMismatch(ValueError):
    """A table's columns are none of the schemas the simulator declares for it."""


def names(table: str) -> frozenset[str]:
    """Every column any schema of the table declares (KeyError for a table the simulator does not write)."""
    return frozenset(n for v in TABLES[table] for n in v)


def col(table: str, name: str) -> str:
    """name, after checking that a schema of the table declares it: use it where code reads a column."""
    if name not in names(table):
        raise KeyError(f"table '{table}' has no column '{name}' in data/columns.json")
    return name


def check(table: str, columns, partition_keys=()) -> None:
    """Raises SchemaMismatch unless the columns (partition keys aside) are exactly those of one schema of the table.

    Tables the simulator does not declare are not checked.
    """
    if table not in TABLES:
        return
    got = [c for c in columns if c not in set(partition_keys)]
    for variant in TABLES[table]:
        if set(got) == set(variant):
            return
    closest = min(TABLES[table], key=lambda v: len(set(v) ^ set(got)))
    missing = [c for c in closest if c not in got]
    extra = [c for c in got if c not in closest]
    raise SchemaMismatch(f"table '{table}': columns differ from the schema (missing: {', '.join(missing) or 'none'}; "
                         f"not in the schema: {', '.join(extra) or 'none'})")
