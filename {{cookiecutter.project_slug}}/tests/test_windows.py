"""Unit tests for windows.py: labels, limits, and notes aimed at some windows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

import pytest
from pydantic import ValidationError
from pytauri import AppHandle, Emitter, EventTarget, Manager, WindowEvent, WindowEventType
from pytauri.ipc import InvokeException
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }} import windows
from {{ cookiecutter.package_name }}.windows import (
    MAX_WINDOWS,
    WINDOW_NOTE,
    WINDOWS_CHANGED,
    Note,
    Picked,
    WindowList,
    WindowManager,
    WindowNote,
    WindowsNote,
)

if TYPE_CHECKING:
    from .conftest import FakeEmitter

APP_HANDLE = cast(AppHandle, object())

# pytauri's decorator hides the signatures from mypy: restated here.
send_to_window: Callable[[WindowNote, WebviewWindow, WindowManager], Awaitable[None]] = (
    windows.send_to_window
)
send_to_windows: Callable[[WindowsNote, WebviewWindow], Awaitable[Picked]] = windows.send_to_windows


class FakeWindow:
    """A webview window as the commands see the one that asked."""

    def __init__(self, label: str) -> None:
        self._label = label

    def label(self) -> str:
        return self._label


def asking(label: str) -> WebviewWindow:
    return cast(WebviewWindow, FakeWindow(label))


@pytest.fixture
def open_windows(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The windows Tauri reports open: tests add and remove labels."""
    found: dict[str, object] = {"window-3": object(), "main": object(), "window-2": object()}
    monkeypatch.setattr(Manager, "webview_windows", lambda _handle: found)
    return found


@pytest.fixture
def manager(open_windows: dict[str, object]) -> WindowManager:
    return WindowManager(APP_HANDLE, watch=lambda _window: None)


def test_labels_put_the_main_window_first(manager: WindowManager) -> None:
    assert manager.labels() == ["main", "window-2", "window-3"]


def test_a_runaway_new_window_loop_is_refused(
    manager: WindowManager, open_windows: dict[str, object]
) -> None:
    open_windows.update({f"window-{n}": object() for n in range(4, MAX_WINDOWS + 1)})

    with pytest.raises(InvokeException, match=f"{MAX_WINDOWS} windows are open"):
        manager.open()


def test_announce_leaves_out_the_window_on_its_way_out(
    manager: WindowManager, emitter: FakeEmitter
) -> None:
    manager.announce(closing="window-2")

    [(kind, _, name, payload)] = emitter.sent
    assert (kind, name) == ("emit", WINDOWS_CHANGED.name)
    assert payload == WindowList(labels=["main", "window-3"])


@pytest.mark.anyio
async def test_a_note_goes_to_the_one_window_named(
    manager: WindowManager, emitter: FakeEmitter
) -> None:
    await send_to_window(WindowNote(label="window-2", text="hi"), asking("main"), manager)

    [(kind, target, name, note)] = emitter.sent
    assert (kind, name) == ("emit_to", WINDOW_NOTE.name)
    assert isinstance(target, EventTarget.WebviewWindow)
    assert target.label == "window-2"
    assert note == Note(text="hi", sender="main", via="emit_to")


@pytest.mark.anyio
async def test_a_note_to_a_window_that_is_not_open_is_refused(
    manager: WindowManager, emitter: FakeEmitter
) -> None:
    with pytest.raises(InvokeException, match="No window labelled 'window-9' is open"):
        await send_to_window(WindowNote(label="window-9", text="hi"), asking("main"), manager)
    assert emitter.sent == []


@pytest.mark.anyio
async def test_the_filter_picks_windows_by_label(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    sent: list[Any] = []

    def emit_filter(_handle: object, name: str, note: Any, predicate: Callable[..., bool]) -> None:
        # What Tauri does: ask the predicate about each listener's target,
        # window or not, so about a window once per listener in it.
        sent.append((name, note))
        labels = ("main", "window-2", "main")
        for target in [EventTarget.App(), *map(EventTarget.WebviewWindow, labels)]:
            if predicate(target):
                asked.append(getattr(target, "label", "?"))

    monkeypatch.setattr(Emitter, "emit_filter", emit_filter)

    note = WindowsNote(labels=["main", "window-9"], text="hi")

    answer = await send_to_windows(note, asking("window-2"))

    assert answer == Picked(picked=["main"])  # window-9 is not open: nothing to pick
    assert asked == ["main", "main"]
    assert sent == [(WINDOW_NOTE.name, Note(text="hi", sender="window-2", via="emit_filter"))]


@pytest.mark.parametrize(
    "label", ["", "Main", "window-", "window-x", "../main", "window-12345", "w" * 300]
)
def test_a_label_that_is_no_window_label_is_refused(label: str) -> None:
    with pytest.raises(ValidationError, match="label"):
        WindowNote(label=label, text="hi")


@pytest.mark.parametrize("text", ["", "x" * 501])
def test_a_note_must_have_a_sensible_length(text: str) -> None:
    with pytest.raises(ValidationError, match="text"):
        WindowNote(label="main", text=text)


def test_manage_windows_manages_one_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    managed: list[object] = []
    monkeypatch.setattr(Manager, "manage", lambda _handle, state: managed.append(state))
    main = WatchedWindow("main")
    monkeypatch.setattr(Manager, "get_webview_window", lambda _handle, _label: main)

    manager = windows.manage_windows(APP_HANDLE, watch=lambda _window: None)

    assert managed == [manager]
    assert len(main.handlers) == 1  # its closing will be announced


class WatchedWindow:
    def __init__(self, label: str) -> None:
        self._label = label
        self.handlers: list[Callable[[WindowEventType], None]] = []

    def label(self) -> str:
        return self._label

    def on_window_event(self, handler: Callable[[WindowEventType], None]) -> None:
        self.handlers.append(handler)


def test_a_closing_window_is_announced_to_the_others(
    open_windows: dict[str, object], emitter: FakeEmitter
) -> None:
    watched: list[object] = []
    manager = WindowManager(APP_HANDLE, watch=watched.append)
    window = WatchedWindow("window-2")

    manager.watch(cast(WebviewWindow, window))
    [handler] = window.handlers
    handler(WindowEvent.Focused(True))
    handler(WindowEvent.Destroyed())

    assert watched == [window]  # app.py's watcher (it stops the window's streams)
    [(_, _, name, payload)] = emitter.sent
    assert (name, payload) == (WINDOWS_CHANGED.name, WindowList(labels=["main", "window-3"]))
