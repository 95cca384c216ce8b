"""Unit tests for desktop.py: reading files, launch arguments, the menu, a second launch.

The dialogs, the tray and the notifications themselves need a display and a
session bus: the e2e tests drive them in the real app.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest
from pytauri import AppHandle, EventTarget, Manager
from pytauri.ipc import InvokeException
from pytauri.plugin import Plugin

from {{ cookiecutter.package_name }} import desktop
from {{ cookiecutter.package_name }}.desktop import (
    FILE_OPENED,
    MAX_OPEN_BYTES,
    PREVIEW_LINES,
    SAVE_ASKED,
    Desktop,
    DesktopStatus,
    NotifyRequest,
    NotifyResult,
    read_file,
)
from {{ cookiecutter.package_name }}.plumbing import desktop_env

if TYPE_CHECKING:
    from .conftest import FakeEmitter

# pytauri's decorator hides the signatures from mypy: restated here.
notify: Callable[[NotifyRequest, AppHandle], Awaitable[NotifyResult]] = desktop.notify
desktop_status: Callable[[Desktop], Awaitable[DesktopStatus]] = desktop.desktop_status


class FakeAppHandle:
    def __init__(self) -> None:
        self.exit_codes: list[int] = []

    def exit(self, code: int) -> None:
        self.exit_codes.append(code)


class FakeWindow:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def title(self) -> str:
        return "My App"

    def __getattr__(self, name: str) -> Callable[[], None]:
        return lambda: self.calls.append(name)


@pytest.fixture
def handle() -> FakeAppHandle:
    return FakeAppHandle()


@pytest.fixture
def main_window(monkeypatch: pytest.MonkeyPatch) -> FakeWindow:
    window = FakeWindow()
    monkeypatch.setattr(Manager, "get_webview_window", lambda _handle, _label: window)
    return window


@pytest.fixture
def app(handle: FakeAppHandle) -> Desktop:
    return Desktop(cast(AppHandle, handle))


# --- reading a file ------------------------------------------------------------


def test_a_file_is_read_with_its_first_lines(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("".join(f"line {n}\n" for n in range(20)), encoding="utf-8")

    opened = read_file(path)

    assert (opened.name, opened.path, opened.size) == ("notes.txt", str(path), path.stat().st_size)
    assert opened.preview.splitlines() == [f"line {n}" for n in range(PREVIEW_LINES)]


def test_bytes_that_are_not_utf8_do_not_stop_the_preview(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"ok\xff\xfe\n")

    assert read_file(path).preview == "ok\ufffd\ufffd"


def test_a_file_past_the_limit_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_bytes(b"x" * (MAX_OPEN_BYTES + 1))

    with pytest.raises(InvokeException, match=r"big\.log is 1\.0 MB: this app opens files up to"):
        read_file(path)


def test_a_missing_file_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(InvokeException, match=r"Cannot read gone\.txt: No such file"):
        read_file(tmp_path / "gone.txt")


def test_about_names_the_version_from_the_package_metadata() -> None:
    text = desktop.about_text("My App")

    version = importlib.metadata.version(desktop.__name__.partition(".")[0])
    assert text.startswith(f"My App {version}\n")


def test_about_without_metadata_still_names_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(_name: str) -> None:
        raise importlib.metadata.PackageNotFoundError(_name)

    monkeypatch.setattr(importlib.metadata, "metadata", missing)

    assert desktop.about_text("My App") == "My App"


# --- the menu ------------------------------------------------------------------------


def test_quit_exits_cleanly(app: Desktop, handle: FakeAppHandle) -> None:
    app.on_menu(cast(AppHandle, handle), desktop.QUIT)

    assert handle.exit_codes == [0]


def test_save_asks_the_main_window_for_its_text(app: Desktop, emitter: FakeEmitter) -> None:
    app.on_menu(cast(AppHandle, object()), desktop.SAVE)

    [(kind, target, name, _)] = emitter.sent
    assert (kind, name) == ("emit_to", SAVE_ASKED.name)
    assert isinstance(target, EventTarget.AnyLabel)
    assert target.label == "main"


def test_show_and_hide_reach_the_main_window(app: Desktop, main_window: FakeWindow) -> None:
    app.on_menu(cast(AppHandle, object()), desktop.HIDE)
    app.on_menu(cast(AppHandle, object()), desktop.SHOW)

    assert main_window.calls == ["hide", "unminimize", "show", "set_focus"]


def test_a_failing_menu_item_is_logged_not_raised(
    app: Desktop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # An exception escaping Tauri's menu handler would end the app.
    def broken(_item: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app, "_on_menu", broken)

    with caplog.at_level(logging.ERROR):
        app.on_menu(cast(AppHandle, object()), desktop.OPEN)

    assert "menu item 'open' failed" in caplog.text


def test_a_refusal_from_a_menu_item_is_shown_to_the_user(
    app: Desktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(app, "warn", warnings.append)

    def refused(_item: str) -> None:
        raise InvokeException("8 windows are open: close one first.")

    monkeypatch.setattr(app, "_on_menu", refused)
    app.on_menu(cast(AppHandle, object()), "new-window")

    assert warnings == ["8 windows are open: close one first."]


def test_a_file_picked_from_the_menu_is_opened_and_a_cancel_is_nothing(
    app: Desktop, emitter: FakeEmitter, tmp_path: Path
) -> None:
    app.open_picked(None)
    app.open_picked(write_text(tmp_path / "menu.txt", "hi"))

    [(_, _, name, opened)] = emitter.sent
    assert (name, opened) == (FILE_OPENED.name, read_file(tmp_path / "menu.txt"))


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unknown_menu_item_does_nothing(app: Desktop, handle: FakeAppHandle) -> None:
    app.on_menu(cast(AppHandle, handle), "no-such-item")

    assert handle.exit_codes == []


# --- a second launch -------------------------------------------------------------------


def test_a_second_launch_brings_the_app_forward_and_opens_its_file(
    app: Desktop, main_window: FakeWindow, emitter: FakeEmitter, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")

    app.on_second_launch(cast(AppHandle, object()), ["/opt/app/app", "notes.txt"], str(tmp_path))

    assert main_window.calls == ["unminimize", "show", "set_focus"]
    [(kind, _, name, opened)] = emitter.sent
    assert (kind, name) == ("emit_to", FILE_OPENED.name)
    assert opened == app.last_file == read_file(tmp_path / "notes.txt")


def test_a_second_launch_with_a_file_too_big_warns(
    app: Desktop,
    main_window: FakeWindow,
    emitter: FakeEmitter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "big.bin").write_bytes(b"x" * (MAX_OPEN_BYTES + 1))
    warnings: list[str] = []
    monkeypatch.setattr(app, "warn", warnings.append)

    app.on_second_launch(cast(AppHandle, object()), ["app", "big.bin"], str(tmp_path))

    assert emitter.sent == []
    [warning] = warnings
    assert "big.bin is 1.0 MB" in warning
    assert app.last_file is None


# --- what the machine lacks ---------------------------------------------------------------


def test_no_tray_library_means_no_tray_and_one_warning(
    app: Desktop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(desktop_env, "tray_problem", lambda: "No tray icon: missing.")

    with caplog.at_level(logging.WARNING):
        app.make_tray()

    assert app.tray is None
    assert [r.getMessage() for r in caplog.records] == ["No tray icon: missing."]


@pytest.mark.anyio
async def test_notify_says_why_it_cannot_show(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desktop_env, "notification_problem", lambda: "No service.")

    result = await notify(NotifyRequest(title="Hi", body=""), cast(AppHandle, object()))

    assert result == NotifyResult(shown=False, problem="No service.")


@pytest.mark.anyio
async def test_status_reports_each_missing_piece(
    app: Desktop, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    problems: dict[str, Any] = {
        "tray_problem": lambda: None,
        "single_instance_problem": lambda: "No bus.",
        "notification_problem": lambda: "No service.",
    }
    for name, check in problems.items():
        monkeypatch.setattr(desktop_env, name, check)
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    opened = app.opened(read_file(tmp_path / "a.txt"))

    status = await desktop_status(app)

    assert status == DesktopStatus(
        tray=None, single_instance="No bus.", notifications="No service.", last_file=opened
    )


def test_the_plugins_build_without_an_app() -> None:
    # Built before the app exists (they go to builder.build(plugins=...)).
    plugins = desktop.plugins()

    assert len(plugins) == 5
    assert all(isinstance(plugin, Plugin) for plugin in plugins)
    # Dev mode goes without one instance: its restarts overlap.
    assert len(desktop.plugins(one_instance=False)) == 4
