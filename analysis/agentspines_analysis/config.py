"""Case-insensitive access to the run config JSON (keys as in configs/*.json: Run.Name, Regime.Doses, ...)."""
from __future__ import annotations


def cfg_get(config, *path, default=None):
    """cfg_get(cfg, "Regime", "Doses") -> value, or default; keys match case-insensitively, numbers index lists."""
    node = config
    for key in path:
        if isinstance(node, dict):
            match = next((v for k, v in node.items() if str(k).lower() == str(key).lower()), None)
            if match is None:
                return default
            node = match
        elif isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node):
            node = node[key]
        else:
            return default
    return node


def as_float(value, default=float("nan")) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def reference_day(config: dict) -> float:
    """Simulation day that is the papers' day 0, the first dose (Regime.ReferenceDay; 0 when absent)."""
    day = as_float(cfg_get(config or {}, "Regime", "ReferenceDay"), 0.0)
    return day if day == day else 0.0
