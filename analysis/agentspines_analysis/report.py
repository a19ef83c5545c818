"""The report: figures (PNG) and tables of one or more runs, shown together in index.html."""
from __future__ import annotations

import html
import re
import warnings
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from . import cohorts as co
from . import electrodiffusion as ed
from . import figures as fg
from . import imaging as im
from . import lifetimes as lt
from . import sizes as sz
from . import targets as tg
from . import transport as tr
from . import exchange as ex
from .config import reference_day
from .loader import Run, load

CSS = """body{font-family:sans-serif;margin:24px;max-width:1250px;color:#222}
h1{font-size:22px}h2{font-size:19px;border-bottom:1px solid #ccc;margin-top:36px}h3{font-size:16px}
img{max-width:100%;border:1px solid #eee;margin:6px 0}
table{border-collapse:collapse;font-size:12px;margin:8px 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
th{background:#f3f3f3}td.t{text-align:left;max-width:300px;font-size:11px}.pass{background:#e3f6e3}.fail{background:#fbe0e0}.na{color:#888}.meta{font-size:13px;color:#555}"""


class Section:
    def __init__(self, title: str):
        self.title = title
        self.parts: list[str] = []

    def figure(self, out: Path, name: str, fig, caption: str):
        fg.save_png(fig, out / name)
        self.parts.append(f'<figure><img src="{html.escape(name)}" alt="{html.escape(caption)}">'
                          f"<figcaption>{html.escape(caption)}</figcaption></figure>")

    def table(self, df: pd.DataFrame, caption: str, out: Path | None = None, csv_name: str | None = None):
        if df is None or df.empty:
            self.parts.append(f"<p class=na>{html.escape(caption)}: no rows</p>")
            return
        link = ""
        if out is not None and csv_name:
            df.to_csv(out / csv_name, index=False)
            link = f' (<a href="{html.escape(csv_name)}">csv</a>)'
        self.parts.append(f"<h3>{html.escape(caption)}{link}</h3>" + _html_table(df))

    def text(self, s: str):
        self.parts.append(f"<p>{html.escape(s)}</p>")

    def render(self) -> str:
        return f"<h2>{html.escape(self.title)}</h2>\n" + "\n".join(self.parts)


def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and not np.isfinite(v)):
        return ""
    if isinstance(v, (float, np.floating)):
        return f"{v:.4g}"
    return str(v)


def _html_table(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = []
    for _, r in df.iterrows():
        cls = ""
        if "within_tolerance" in df.columns:
            w = r["within_tolerance"]
            cls = " class=pass" if w is True else (" class=fail" if w is False else " class=na")
        body.append(f"<tr{cls}>" + "".join(
            f"<td class=t>{html.escape(v)}</td>" if isinstance(v, str) and len(v) > 24 else f"<td>{html.escape(_fmt(v))}</td>"
            for v in r.to_numpy()) + "</tr>")
    return f"<table><tr>{head}</tr>\n" + "\n".join(body) + "</table>"


def _slug(s: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in str(s))


def plasticity_sections(run: Run, out: Path, tag: str) -> list[Section]:
    sections = []
    imaging, cohorts, snapshots, events, metrics = run.get("imaging"), run.get("cohorts"), run.get("snapshots"), run.get("events"), run.get("metrics")
    comparison = tg.compare(imaging, cohorts, run.config) if imaging is not None and len(imaging) else pd.DataFrame()
    regimes = sorted(set(imaging["regime"]) if imaging is not None else set(run.regimes))
    for regime in regimes:
        s = Section(f"{regime} ({run.path.name})")
        base = f"{tag}_{_slug(regime)}"
        if imaging is not None and len(imaging):
            s.figure(out, f"{base}_density.png", fg.density_time_course(imaging, regime, comparison),
                     "Visible-spine density vs the first session per arm (mean, 95% band over replicates) and drug minus vehicle; squares: published values +- tolerance")
            s.figure(out, f"{base}_turnover.png", fg.turnover_time_course(imaging, regime, comparison),
                     "Formation and elimination per imaging interval (% of the previous session's spines)")
        if cohorts is not None and len(cohorts[cohorts["regime"] == regime]):
            s.figure(out, f"{base}_cohorts.png", fg.cohort_survival(cohorts, regime, comparison),
                     "Survival of each new-spine cohort (mean, 95% band over replicates)")
        if snapshots is not None and len(snapshots[snapshots["regime"] == regime]):
            s.figure(out, f"{base}_sizes.png", fg.size_distribution(snapshots, regime),
                     "Head-volume distribution at the last census with its log-normal fit")
        if metrics is not None and "density_per_um" in metrics.columns and len(metrics[metrics["regime"] == regime]):
            s.figure(out, f"{base}_true_density.png", fg.true_density(metrics, regime, reference_day(run.config)),
                     "Density of all simulated spines (no detection threshold), every step")
        if len(comparison):
            s.table(comparison[comparison["regime"] == regime].drop(columns=["regime", "target_regime"]),
                    "Published targets vs simulation (residual = simulated - target)", out, f"{base}_targets.csv")
        if imaging is not None and len(imaging):
            sub = imaging[imaging["regime"] == regime]
            s.table(im.turnover_table(sub), "Formation and elimination per interval (%; mean, 95% interval)", out, f"{base}_turnover.csv")
            dens = im.time_course(sub, "density_change_pct")
            eff = im.effect_time_course(sub, "density_change_pct")
            s.table(pd.concat([dens, eff], ignore_index=True), "Density change vs first session (%; drug-vehicle in pp)", out, f"{base}_density.csv")
        if cohorts is not None and len(cohorts[cohorts["regime"] == regime]):
            s.table(co.cohort_survival(cohorts[cohorts["regime"] == regime]), "Cohort survival (%)", out, f"{base}_cohorts.csv")
        if snapshots is not None and len(snapshots[snapshots["regime"] == regime]):
            fits = pd.concat([sz.size_fits(snapshots[snapshots["regime"] == regime], c)
                              for c in ("head_volume_um3", "head_width_um") if c in snapshots.columns], ignore_index=True)
            s.table(fits, "Log-normal fits at the last census (replicates pooled)", out, f"{base}_sizes.csv")
        if events is not None and len(events[events["regime"] == regime]):
            lifes = lt.spine_lifetimes(events[events["regime"] == regime])
            s.table(lt.lifetime_summary(lifes), "Spine lifetimes from formed/eliminated events", out, f"{base}_lifetimes.csv")
        sections.append(s)
    return sections


def transport_section(run: Run, out: Path, tag: str) -> Section:
    metrics = run["metrics"]
    s = Section(f"transport ({run.path.name})")
    s.figure(out, f"{tag}_msd.png", fg.transport_msd(metrics, run.config), "Mean squared displacement per species; line: Markovian 2 D_eff t")
    s.figure(out, f"{tag}_decay.png", fg.transport_decay(metrics, run.config), "Particles remaining and trapped fraction")
    rows = []
    series = tr.series(metrics)
    for (regime, species), g in series.groupby(["regime", "species"]):
        theory = tr.species_theory(run.config, species)
        t_max = float(g["t_ms"].max())
        # MSD exponent over the last three decades; D, decay over the second half
        rows.append({"regime": regime, "species": species, **tr.msd_power_law(g["t_ms"], g["msd_um2"], t_max / 1000),
                     "D_fit_um2_per_ms": tr.diffusion_coefficient(g["t_ms"], g["msd_um2"], t_max / 2),
                     "D_eff_theory": theory.get("D_eff_um2_per_ms", np.nan), "mu_theory": theory.get("mu", np.nan),
                     "decay_fit_per_ms": tr.decay_rate(g["t_ms"], g["n_total"], float(g["t_ms"].max()) / 2),
                     "decay_theory_per_ms": theory.get("slow_decay_rate_per_ms", np.nan)})
    s.table(pd.DataFrame(rows), "Fits against theory (alpha: MSD exponent, 1 = normal diffusion, mu for a Mittag-Leffler dwell)", out, f"{tag}_transport_fits.csv")
    return s


def electrodiffusion_section(run: Run, out: Path, tag: str) -> Section:
    episodes = run["episodes"]
    s = Section(f"electrodiffusion episodes ({run.path.name})")
    s.figure(out, f"{tag}_episodes.png", fg.electrodiffusion_traces(episodes), "Episode quantities (mean over spines)")
    s.table(ed.summary(episodes), "Episode quantities per regime and arm", out, f"{tag}_episodes.csv")
    return s


def exchange_section(run: Run, out: Path, tag: str) -> Section:
    exposure = run["spine_exposure"]
    s = Section(f"particle exchange ({run.path.name})")
    events = run["events"] if "events" in run else None
    for species in sorted(exposure["species"].unique()):
        s.figure(out, f"{tag}_exchange_{_slug(species)}.png", fg.exchange_profile(exposure, events, species, run.config),
                 f"{species}: trapped particles along the dendrite, and where spines were stabilised")
        s.table(ex.trapped_profile(exposure, species), f"{species}: trapped particles per um by position", out, f"{tag}_exchange_{_slug(species)}.csv")
    return s


def episode_trace_section(paths: list[Path], out: Path) -> Section:
    s = Section("electrodiffusion episode traces")
    traces = {p.stem: ed.read_trace(p) for p in paths}
    s.figure(out, "episode_traces.png", fg.episode_traces(traces),
             "Head potential, head Na+ and neck current of single episodes (agentspines episode --trace-csv)")
    return s


def build_report(run_dirs: list[str | Path], out_dir: str | Path, backend: str | None = None,
                 allow_incomplete: bool = False) -> Path:
    """Writes <out>/index.html with PNG figures and CSV tables of every run; returns the index path.
    Entries that are CSV files are episode traces (agentspines episode --trace-csv FILE), drawn together."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sections: list[Section] = []
    heads = []
    trace_files = sorted((Path(d) for d in run_dirs if Path(d).is_file() and str(d).lower().endswith(".csv")),
                         key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)])
    run_dirs = [d for d in run_dirs if Path(d) not in trace_files]
    for i, d in enumerate(run_dirs):
        run = load(d, backend=backend, allow_incomplete=allow_incomplete)
        run.preload()
        tag = f"run{i}"
        manifest = run.manifest or {}
        heads.append(f"<li><b>{html.escape(str(run.path))}</b>: tables {html.escape(', '.join(run.tables))}; regimes "
                     f"{html.escape(', '.join(run.regimes))}; seed {html.escape(str(manifest.get('seed', '')))}; "
                     f"version {html.escape(str(manifest.get('software_version', manifest.get('softwareVersion', ''))))}"
                     f"{'' if run.layout.complete else ' <b>(incomplete: no _SUCCESS)</b>'}</li>")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            if tr.is_transport(run.get("metrics")):
                sections.append(transport_section(run, out, tag))
            else:
                sections.extend(plasticity_sections(run, out, tag))
            if "episodes" in run and len(run["episodes"]):
                sections.append(electrodiffusion_section(run, out, tag))
            if "spine_exposure" in run and len(run["spine_exposure"]):
                sections.append(exchange_section(run, out, tag))
    if trace_files:
        sections.append(episode_trace_section(trace_files, out))
        heads.append(f"<li>episode traces: {html.escape(', '.join(p.name for p in trace_files))}</li>")
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    doc = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>AgentSpines report</title><style>{CSS}</style></head>"
           f"<body><h1>AgentSpines report</h1><p class=meta>written {stamp} by agentspines_analysis</p><ul>{''.join(heads)}</ul>"
           + "\n".join(s.render() for s in sections) + "</body></html>")
    index = out / "index.html"
    index.write_text(doc, encoding="utf-8")
    return index
