"""The benchmark's figures: from the launches' raw results to a table, goals and JSON.

Plain functions of plain data (no app, no page), so the tests can check them.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

SCHEMA = 1
"""Bumped when the JSON's shape changes."""

BYTES_CHUNKS_KIB = (64, 256, 1024, 4096)
"""The chunk sizes ``web/bench.ts`` streams bytes in."""


@dataclass(frozen=True)
class Goal:
    name: str
    target: str
    ratio: float | None
    """Measured ratio (or figure) the target applies to; None if not measured."""
    limit: float
    higher_is_better: bool

    @property
    def met(self) -> bool | None:
        if self.ratio is None:
            return None
        return self.ratio >= self.limit if self.higher_is_better else self.ratio <= self.limit


def _get(measured: Mapping[str, Mapping[str, Any]], name: str, key: str) -> float | None:
    value = measured.get(name, {}).get(key)
    return float(value) if isinstance(value, int | float) else None


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def figures(
    run: Mapping[str, Any],
    app_starts: Sequence[Mapping[str, Any]],
    bare_starts: Sequence[Mapping[str, Any]],
) -> dict[str, float | None]:
    """One flat dict of figures from the measuring run and the cold-start launches.

    Each launch's mapping holds ``setup_s``, ``ipc_s`` and ``ready_s`` (seconds
    from launch, see ``probe.py``) and ``rss_at_ready_mib``; the run's also
    ``measured`` (what the page reported) and the peak memory.
    """
    measured: Mapping[str, Mapping[str, Any]] = run.get("measured", {})
    flat: dict[str, float | None] = {
        "rust_floor_ms": _get(measured, "round_trip_rust", "mean_ms"),
        "rust_floor_p50_ms": _get(measured, "round_trip_rust", "p50_ms"),
        "rust_floor_p99_ms": _get(measured, "round_trip_rust", "p99_ms"),
    }
    for kind in ("inline", "json", "bytes"):
        for key in ("mean_ms", "p50_ms", "p99_ms"):
            suffix = "" if key == "mean_ms" else "_" + key.split("_")[0]
            flat[f"command_{kind}{suffix}_ms"] = _get(measured, f"round_trip_{kind}", key)
    flat["concurrent_1000_ms"] = _get(measured, "concurrent_1000", "ms")
    flat["channel_raw_msgs_per_s"] = _get(measured, "channel_raw", "msgs_per_s")
    flat["channel_batched_msgs_per_s"] = _get(measured, "channel_batched", "msgs_per_s")
    best_chunk, best_rate = None, None
    for kib in BYTES_CHUNKS_KIB:
        rate = _get(measured, f"channel_bytes_{kib}kib", "mb_per_s")
        flat[f"channel_bytes_{kib}kib_mb_per_s"] = rate
        if rate is not None and (best_rate is None or rate > best_rate):
            best_chunk, best_rate = float(kib), rate
    flat["channel_bytes_best_mb_per_s"] = best_rate
    flat["channel_bytes_best_chunk_kib"] = best_chunk
    flat["events_raw_per_s"] = _get(measured, "events_raw", "events_per_s")
    flat["events_batched_per_s"] = _get(measured, "events_batched", "events_per_s")
    flat["upload_1mib_mb_per_s"] = _get(measured, "upload_1mib", "mb_per_s")
    flat["upload_4mib_mb_per_s"] = _get(measured, "upload_4mib", "mb_per_s")
    flat["evals_1000_ms"] = _get(measured, "evals_1000", "ms")
    for name, starts in (("app", app_starts), ("bare", bare_starts)):
        flat[f"cold_start_{name}_s"] = _median([s.get("ipc_s") for s in starts])
        flat[f"setup_{name}_s"] = _median([s.get("setup_s") for s in starts])
        flat[f"ready_{name}_s"] = _median([s.get("ready_s") for s in starts])
    flat["rss_at_ready_app_mib"] = _median([s.get("rss_at_ready_mib") for s in app_starts])
    flat["rss_at_ready_bare_mib"] = _median([s.get("rss_at_ready_mib") for s in bare_starts])
    flat["peak_rss_mib"] = run.get("peak_rss_mib")
    flat["webview_rss_mib"] = run.get("webview_rss_mib")
    return flat


def goals(flat: Mapping[str, float | None]) -> list[Goal]:
    """The goals, each a ratio of two figures from the same run."""
    return [
        Goal(
            "batched channel vs one send per message",
            ">= 10x msgs/s",
            _ratio(flat["channel_batched_msgs_per_s"], flat["channel_raw_msgs_per_s"]),
            10,
            True,
        ),
        Goal(
            "batched events vs one emit per event",
            ">= 5x events/s",
            _ratio(flat["events_batched_per_s"], flat["events_raw_per_s"]),
            5,
            True,
        ),
        Goal(
            "channel bytes, best chunk size",
            ">= 150 MB/s",
            flat["channel_bytes_best_mb_per_s"],
            150,
            True,
        ),
        Goal(
            "command round trip (JSON) vs Rust-only floor",
            "<= 1.3x mean",
            _ratio(flat["command_json_ms"], flat["rust_floor_ms"]),
            1.3,
            False,
        ),
        Goal(
            "command round trip (bytes) vs Rust-only floor",
            "<= 1.3x mean",
            _ratio(flat["command_bytes_ms"], flat["rust_floor_ms"]),
            1.3,
            False,
        ),
        Goal(
            "cold start vs a bare pytauri app",
            "<= 1.1x",
            _ratio(flat["cold_start_app_s"], flat["cold_start_bare_s"]),
            1.1,
            False,
        ),
    ]


# --- the table ------------------------------------------------------------------


def _num(value: float | None, unit: str, digits: int = 2) -> str:
    if value is None:
        return "not measured"
    if abs(value) >= 10_000:
        return f"{value / 1000:,.0f}k {unit}"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.{digits}f} {unit}"


def _times(value: float | None, base: float | None) -> str:
    ratio = _ratio(value, base)
    return "" if ratio is None else f"{ratio:.2f}x"


def rows(flat: Mapping[str, float | None]) -> list[tuple[str, str, str]]:
    """(what, figure, ratio or note) for each line of the table."""
    f = flat

    def spread(kind: str) -> str:
        p50, p99 = f[f"command_{kind}_p50_ms"], f[f"command_{kind}_p99_ms"]
        return (
            f"{_num(f[f'command_{kind}_ms'], 'ms')} (p50 {_num(p50, 'ms')}, p99 {_num(p99, 'ms')})"
        )

    bytes_detail = ", ".join(
        f"{kib if kib < 1024 else kib // 1024}{'KiB' if kib < 1024 else 'MiB'}: "
        + _num(f[f"channel_bytes_{kib}kib_mb_per_s"], "").strip()
        for kib in BYTES_CHUNKS_KIB
    )
    best_chunk = f["channel_bytes_best_chunk_kib"]
    return [
        ("Rust-only command (plugin:app|version)", _num(f["rust_floor_ms"], "ms"), "the floor"),
        (
            "Python answering on Tauri's thread (no hop)",
            spread("inline"),
            _times(f["command_inline_ms"], f["rust_floor_ms"]) + " floor: pytauri's own cost",
        ),
        (
            "Command round trip, JSON body",
            spread("json"),
            _times(f["command_json_ms"], f["rust_floor_ms"]) + " floor",
        ),
        (
            "Command round trip, bytes body",
            spread("bytes"),
            _times(f["command_bytes_ms"], f["rust_floor_ms"]) + " floor",
        ),
        ("1000 concurrent commands (10 ms each)", _num(f["concurrent_1000_ms"], "ms"), "all done"),
        ("Channel, one send per message", _num(f["channel_raw_msgs_per_s"], "msg/s"), ""),
        (
            "Channel, batched (ChannelBatcher)",
            _num(f["channel_batched_msgs_per_s"], "msg/s"),
            _times(f["channel_batched_msgs_per_s"], f["channel_raw_msgs_per_s"]) + " raw",
        ),
        (
            "Channel bytes, best chunk size",
            _num(f["channel_bytes_best_mb_per_s"], "MB/s"),
            "" if best_chunk is None else f"{best_chunk:.0f} KiB chunks ({bytes_detail})",
        ),
        ("Events Python -> page, one emit each", _num(f["events_raw_per_s"], "events/s"), ""),
        (
            "Events, batched (EventBatcher)",
            _num(f["events_batched_per_s"], "events/s"),
            _times(f["events_batched_per_s"], f["events_raw_per_s"]) + " raw",
        ),
        ("Upload, 1 MiB bytes bodies", _num(f["upload_1mib_mb_per_s"], "MB/s"), ""),
        ("Upload, 4 MiB bytes bodies", _num(f["upload_4mib_mb_per_s"], "MB/s"), ""),
        ("1000 evals (Python -> page JS)", _num(f["evals_1000_ms"], "ms"), "until all ran"),
        (
            "Cold start to first IPC: app",
            _num(f["cold_start_app_s"], "s"),
            _times(f["cold_start_app_s"], f["cold_start_bare_s"])
            + f" bare (setup ran at {_num(f['setup_app_s'], 's')})",
        ),
        (
            "Cold start to first IPC: bare pytauri app",
            _num(f["cold_start_bare_s"], "s"),
            f"setup ran at {_num(f['setup_bare_s'], 's')}",
        ),
        (
            "Cold start until every panel is wired: app",
            _num(f["ready_app_s"], "s"),
            "panels call Python as they mount",
        ),
        (
            "Python RSS at first IPC: app / bare",
            " / ".join(_num(f[f"rss_at_ready_{n}_mib"], "MiB", 0) for n in ("app", "bare")),
            "",
        ),
        ("Python process peak RSS (whole run)", _num(f["peak_rss_mib"], "MiB", 0), ""),
        ("WebKit helper processes RSS (end)", _num(f["webview_rss_mib"], "MiB", 0), "Linux only"),
    ]


def table(flat: Mapping[str, float | None], goal_list: Sequence[Goal]) -> str:
    lines = [(what, figure, note.strip()) for what, figure, note in rows(flat)]
    width = max(len(what) for what, _, _ in lines)
    figure_width = max(len(figure) for _, figure, _ in lines)
    out = [f"{w:<{width}}  {fig:<{figure_width}}  {note}".rstrip() for w, fig, note in lines]
    out.append("")
    out.append("Goals (ratios from this run):")
    for goal in goal_list:
        state = {True: "met", False: "NOT met", None: "not measured"}[goal.met]
        value = "" if goal.ratio is None else f"{goal.ratio:,.2f}"
        out.append(f"  {goal.name}: {goal.target}: {value} -> {state}")
    return "\n".join(out)


def as_json(
    flat: Mapping[str, float | None],
    goal_list: Sequence[Goal],
    *,
    quick: bool,
    machine: Mapping[str, Any],
    raw: Mapping[str, Any],
) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "quick": quick,
        "machine": dict(machine),
        "figures": dict(flat),
        "goals": [{**asdict(goal), "met": goal.met} for goal in goal_list],
        "raw": dict(raw),
    }
