"""The pandas dtypes pyarrow's to_pandas() gives each Parquet type, so both readers build identical frames."""
from __future__ import annotations

import numpy as np
import pandas as pd

# DuckDB type name -> (dtype without nulls, dtype when the column holds nulls), as pyarrow converts them:
# integers with nulls become float64, booleans with nulls become object (True/False/None).
_DUCKDB = {
    "DOUBLE": ("float64", "float64"),
    "FLOAT": ("float32", "float32"),
    "BIGINT": ("int64", "float64"),
    "INTEGER": ("int32", "float64"),
    "SMALLINT": ("int16", "float64"),
    "TINYINT": ("int8", "float64"),
    "UBIGINT": ("uint64", "float64"),
    "UINTEGER": ("uint32", "float64"),
    "USMALLINT": ("uint16", "float64"),
    "UTINYINT": ("uint8", "float64"),
    "BOOLEAN": ("bool", "object"),
    "VARCHAR": ("object", "object"),
}

FLOATS = {"DOUBLE", "FLOAT"}
INTEGERS = {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT"}


def csv_read_dtype(duckdb_type: str) -> str:
    """dtype to parse a CSV column with, keeping nulls visible (nullable extension types)."""
    if duckdb_type in FLOATS:
        return _DUCKDB[duckdb_type][0]
    if duckdb_type in INTEGERS:
        return _DUCKDB[duckdb_type][0].replace("int", "Int").replace("uInt", "UInt")
    if duckdb_type == "BOOLEAN":
        return "boolean"
    if duckdb_type.startswith("TIMESTAMP") or duckdb_type == "DATE":
        return "object"
    return "object"


def finish_column(series: pd.Series, duckdb_type: str) -> pd.Series:
    """Converts a CSV-parsed column to the dtype pyarrow would give."""
    has_nulls = bool(series.isna().any())
    if duckdb_type in _DUCKDB:
        plain, with_nulls = _DUCKDB[duckdb_type]
        if duckdb_type == "VARCHAR":
            return series.astype(object).where(series.notna(), None)
        if duckdb_type == "BOOLEAN":
            if has_nulls:
                return pd.Series([None if pd.isna(v) else bool(v) for v in series], index=series.index, dtype=object, name=series.name)
            return series.astype(bool)
        if has_nulls:
            return series.astype("float64") if with_nulls == "float64" else series.astype(with_nulls)
        return series.astype(plain)
    if duckdb_type.startswith("TIMESTAMP"):
        return pd.to_datetime(series)
    return series.where(series.notna(), None)


CANONICAL_PARTITION_DTYPES = {"regime": object, "replicate": np.int64}


def canonical_partition(name: str, values: pd.Series) -> pd.Series:
    """regime as str, replicate as int64 (other partition keys stay str)."""
    if name == "replicate":
        return values.astype(np.int64)
    return values.astype(str).astype(object)
