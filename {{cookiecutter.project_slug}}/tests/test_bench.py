"""Unit tests for the benchmark (bench/): its figures, its orders and its hooks in the app.

Running it for real takes a display and a built page: the template's build
tier runs ``python -m {{ cookiecutter.package_name }}.bench --quick`` on a real bake. These
tests check the pieces around the measurements, and that the shipped app
carries none of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from pytauri.ipc import Invoke
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }} import app
from {{ cookiecutter.package_name }}.bench import __main__ as cli
from {{ cookiecutter.package_name }}.bench import in_app, probe, report
from {{ cookiecutter.package_name }}.plumbing.dispatch import Dispatcher

# --- report -------------------------------------------------------------------


def measured_run() -> dict[str, Any]:
    """What a measuring run hands back: the page's reports, plus memory."""
    trip = {"mean_ms": 0.5, "p50_ms": 0.5, "p99_ms": 0.9}
    return {
        "measured": {
            "round_trip_rust": trip,
            "round_trip_inline": {**trip, "mean_ms": 0.55},
            "round_trip_json": {**trip, "mean_ms": 0.6},
            "round_trip_bytes": {**trip, "mean_ms": 0.7},
            "concurrent_1000": {"ms": 160},
            "channel_raw": {"msgs_per_s": 20_000},
            "channel_batched": {"msgs_per_s": 300_000},
            "channel_bytes_64kib": {"mb_per_s": 100},
            "channel_bytes_1024kib": {"mb_per_s": 220},
            "channel_bytes_4096kib": {"mb_per_s": 180},
            "events_raw": {"events_per_s": 15_000},
            "events_batched": {"events_per_s": 60_000},
            "upload_1mib": {"mb_per_s": 400},
            "evals_1000": {"ms": 30},
            "error_uploads": {"error": "ignored by the figures"},
        },
        "peak_rss_mib": 250.0,
        "webview_rss_mib": 400.0,
    }


def starts(*seconds: float) -> list[dict[str, Any]]:
    return [{"ipc_s": s, "setup_s": s / 2, "ready_s": s + 0.1} for s in seconds]


def test_figures_flatten_the_run_and_take_medians_of_the_starts() -> None:
    flat = report.figures(measured_run(), starts(0.5, 0.7, 0.6), starts(0.4, 0.5, 9.0))

    assert flat["rust_floor_ms"] == 0.5
    assert flat["command_json_ms"] == 0.6
    assert flat["command_bytes_p99_ms"] == 0.9
    assert flat["channel_batched_msgs_per_s"] == 300_000
    assert flat["cold_start_app_s"] == 0.6
    assert flat["cold_start_bare_s"] == 0.5  # the median ignores the one slow launch
    assert flat["ready_app_s"] == pytest.approx(0.7)
    assert flat["peak_rss_mib"] == 250.0


def test_the_best_chunk_size_is_picked_and_missing_ones_stay_unmeasured() -> None:
    flat = report.figures(measured_run(), [], [])

    assert flat["channel_bytes_best_mb_per_s"] == 220
    assert flat["channel_bytes_best_chunk_kib"] == 1024
    assert flat["channel_bytes_256kib_mb_per_s"] is None
    assert flat["upload_4mib_mb_per_s"] is None
    assert flat["cold_start_app_s"] is None


def test_goals_are_ratios_from_the_same_run() -> None:
    flat = report.figures(measured_run(), starts(0.55), starts(0.5))
    goals = {goal.name: goal for goal in report.goals(flat)}

    channel = goals["batched channel vs one send per message"]
    assert channel.ratio == pytest.approx(15)
    assert channel.met is True
    assert goals["batched events vs one emit per event"].met is False  # 4x < 5x
    assert goals["channel bytes, best chunk size"].met is True
    assert goals["command round trip (JSON) vs Rust-only floor"].ratio == pytest.approx(1.2)
    assert goals["command round trip (bytes) vs Rust-only floor"].met is False  # 1.4x
    assert goals["cold start vs a bare pytauri app"].ratio == pytest.approx(1.1)


def test_a_goal_without_figures_is_not_measured() -> None:
    goals = report.goals(report.figures({}, [], []))

    assert all(goal.ratio is None and goal.met is None for goal in goals)


def test_the_table_names_every_figure_and_goal() -> None:
    flat = report.figures(measured_run(), starts(0.55), starts(0.5))
    text = report.table(flat, report.goals(flat))

    for what in ("Rust-only command", "Channel, batched", "Upload, 4 MiB", "Cold start"):
        assert what in text
    assert "15.00x raw" in text
    assert "not measured" in text  # upload_4mib
    assert "NOT met" in text
    assert text.split("Goals")[1].count(" -> ") == len(report.goals(flat))


def test_the_json_holds_figures_goals_and_the_machine() -> None:
    flat = report.figures(measured_run(), starts(0.55), starts(0.5))
    summary = report.as_json(
        flat, report.goals(flat), quick=True, machine={"cpus": 2}, raw={"run": measured_run()}
    )

    decoded = json.loads(json.dumps(summary))  # plain JSON all the way down
    assert decoded["schema"] == report.SCHEMA
    assert decoded["quick"] is True
    assert decoded["figures"]["channel_raw_msgs_per_s"] == 20_000
    assert {goal["met"] for goal in decoded["goals"]} <= {True, False, None}


# --- the command line ------------------------------------------------------------


def test_without_a_built_page_the_bench_says_to_build_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "PACKAGE_DIR", tmp_path)

    assert cli.main(["--quick"]) == 1
    assert "npm run build" in capsys.readouterr().err


def test_the_apps_are_launched_as_modules_of_this_package() -> None:
    assert app.__package__ == cli.PACKAGE
    assert f"{cli.PACKAGE.upper()}_BENCH" == app.BENCH_ENV


# --- in the app -----------------------------------------------------------------


def test_the_shipped_app_has_no_bench_commands() -> None:
    assert not [name for name in app.collect_commands() if name.startswith("bench_")]


@pytest.mark.parametrize(
    "text",
    ["{}", '{"mode": "probe"}', '{"mode": "walk", "out": "x"}', '{"out": "x"}'],
)
def test_bad_orders_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="orders"):
        in_app.Orders.from_json(text)


def test_orders_are_read() -> None:
    orders = in_app.Orders.from_json('{"mode": "run", "out": "/tmp/r.json", "quick": true}')

    assert orders == in_app.Orders(mode="run", out=Path("/tmp/r.json"), quick=True)


def test_the_bench_capability_comes_on_top_of_the_apps_own(tmp_path: Path) -> None:
    ids = in_app.capability_ids(in_app.CAPABILITIES_DIR)
    assert "default" in ids

    config = in_app.with_bench_capability(app.tauri_config("http://localhost:1420"), tmp_path)
    assert config["build"] == {"frontendDist": "http://localhost:1420"}  # dev mode kept
    assert config["app"]["security"]["capabilities"] == [in_app.CAPABILITY]

    config = in_app.with_bench_capability(None, in_app.CAPABILITIES_DIR)
    assert config["app"]["security"]["capabilities"] == [*ids, in_app.CAPABILITY]


class FakeWindow:
    def __init__(self) -> None:
        self.closed = False
        self.scripts: list[str] = []

    def close(self) -> None:
        self.closed = True

    def eval(self, script: str) -> None:
        self.scripts.append(script)


def test_a_probe_launch_writes_its_times_and_closes(tmp_path: Path) -> None:
    session = in_app.Session(in_app.Orders(mode="probe", out=tmp_path / "r.json"))
    window = FakeWindow()

    session.on_ready({"ipc_at": 1.0, "ready_at": 2.0}, cast(WebviewWindow, window))

    results = json.loads((tmp_path / "r.json").read_text())
    assert results["ipc_at"] == 1.0
    assert "peak_rss_mib" in results
    assert window.closed


def test_a_measuring_launch_starts_the_page_side(tmp_path: Path) -> None:
    session = in_app.Session(in_app.Orders(mode="run", out=tmp_path / "r.json", quick=True))
    window = FakeWindow()

    session.on_ready({"ipc_at": 1.0, "ready_at": 2.0}, cast(WebviewWindow, window))

    [script] = window.scripts
    assert '{"quick": true}' in script
    assert 'import("./bench.js")' in script
    assert not window.closed
    session.record("evals_1000", {"ms": 30})
    session.finish(cast(WebviewWindow, window))
    assert json.loads((tmp_path / "r.json").read_text())["measured"] == {"evals_1000": {"ms": 30}}


class FakeInvoke:
    def __init__(self, command: str, body: bytes = b"") -> None:
        self.command = command
        self.body = body
        self.answer: bytes | None = None

    def bind_to(self, parameters: dict[str, Any]) -> FakeInvoke:
        self.arguments = {"body": self.body}
        return self

    def resolve(self, value: bytes) -> None:
        self.answer = value


class RecordingDispatcher:
    def __init__(self) -> None:
        self.invokes: list[object] = []

    def __call__(self, invoke: object) -> None:
        self.invokes.append(invoke)


def test_bench_inline_is_answered_at_once_and_the_rest_dispatched() -> None:
    dispatcher = RecordingDispatcher()
    handler = in_app.answering_inline(cast(Dispatcher, dispatcher))
    inline, other = FakeInvoke(in_app.INLINE_COMMAND, b"abc"), FakeInvoke("greet")

    handler(cast(Invoke, inline))
    handler(cast(Invoke, other))

    assert inline.answer == b"abc"
    assert dispatcher.invokes == [other]


# --- the probe ------------------------------------------------------------------


@pytest.mark.anyio
async def test_the_probe_reports_once_both_stages_arrived() -> None:
    reports: list[dict[str, float]] = []
    watcher = probe.Probe(lambda times, _window: reports.append(times))
    ready: Callable[..., Any] = watcher.commands["bench_ready"].handler
    window = cast(WebviewWindow, FakeWindow())

    await ready(body=b'{"stage": "ipc", "pageMs": 12}', webview_window=window)
    assert reports == []
    await ready(body=b'{"stage": "ready", "pageMs": 80}', webview_window=window)
    await ready(body=b'{"stage": "ready", "pageMs": 99}', webview_window=window)  # once only

    [times] = reports
    assert times["page_ipc_ms"] == 12
    assert times["page_ready_ms"] == 80
    assert times["ipc_at"] <= times["ready_at"]


def test_memory_figures_are_read_where_the_system_offers_them() -> None:
    peak = probe.peak_rss_mib()
    now = probe.rss_mib()
    if now is not None:  # Linux
        assert peak is not None
        assert 0 < now <= peak
        assert (probe.children_rss_mib() or 0) >= 0
