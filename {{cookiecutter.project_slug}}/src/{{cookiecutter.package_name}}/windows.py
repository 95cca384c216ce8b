"""Windows: Python opens more windows, and events reach only the window they aim at.

Python opens a window at runtime (``open_window``, or File > New window when
the desktop example is on); each gets a label of its own (``window-2``,
``window-3``, ...), which the capability files list as ``window-*`` so its
page may call Python. Every window loads the same page; a window other than
the main one shows only the Windows panel.

Events aimed at windows:

* ``send_to_window``: ``emit_to`` one label; only that window hears it;
* ``send_to_windows``: ``emit_filter`` with a predicate that picks labels;
* ``windows-changed``: ``emit`` to every window, whenever one opens or closes.

The page listens through its own window (``getCurrentWebviewWindow().listen``):
Tauri's global ``listen`` would hear events aimed at every other window too.
When a window closes, ``app.py`` stops the streams it was receiving.

Page side: ``web/windows.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import Field
from pytauri import (
    AppHandle,
    Commands,
    EventTarget,
    EventTargetType,
    Manager,
    State,
    WebviewUrl,
    WindowEvent,
    WindowEventType,
)
from pytauri.ipc import InvokeException
from pytauri.webview import WebviewWindow, WebviewWindowBuilder

from .plumbing.guards import guarded_command
from .plumbing.models import CamelModel
from .plumbing.typed_events import Events

logger = logging.getLogger(__name__)

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

MAIN_WINDOW = "main"
LABEL_PREFIX = "window-"
"""Labels of the windows opened at runtime; the capability files grant ``window-*``."""
MAX_WINDOWS = 8
"""More would only be a runaway loop of New window: refuse with a clear message."""
LABEL_PATTERN = r"^(main|window-[0-9]{1,4})$"


class WindowInfo(CamelModel):
    label: str


class WindowList(CamelModel):
    labels: list[str]
    """Every open window's label, the main window first."""


class WindowNote(CamelModel):
    label: str = Field(pattern=LABEL_PATTERN)
    text: str = Field(min_length=1, max_length=500)


class WindowsNote(CamelModel):
    labels: list[Annotated[str, Field(pattern=LABEL_PATTERN)]]
    text: str = Field(min_length=1, max_length=500)


class Note(CamelModel):
    text: str
    sender: str
    """The label of the window that asked Python to send it."""
    via: Literal["emit_to", "emit_filter"]


class Picked(CamelModel):
    picked: list[str]
    """The windows the filter let through."""


events = Events()
WINDOW_NOTE = events.to_page("window-note", Note)
"""A note aimed at some windows: only they hear it."""
WINDOWS_CHANGED = events.to_page("windows-changed", WindowList)
"""To every window, whenever a window opens or closes."""

WindowWatcher = Callable[[WebviewWindow], None]


class WindowManager:
    """Opens the windows, and tells every page which ones are open.

    Commands call it on the async portal's thread and the menu on the main
    thread, so the label counter sits behind a lock.
    """

    def __init__(self, app_handle: AppHandle, watch: WindowWatcher) -> None:
        self._app_handle = app_handle
        self._watch = watch
        self._numbers = itertools.count(2)
        self._lock = threading.Lock()

    def labels(self) -> list[str]:
        labels = sorted(Manager.webview_windows(self._app_handle))
        return sorted(labels, key=lambda label: label != MAIN_WINDOW)  # main first

    def open(self) -> str:
        """Open one more window on the same page; return its label."""
        with self._lock:
            if len(self.labels()) >= MAX_WINDOWS:
                raise InvokeException(f"{MAX_WINDOWS} windows are open: close one first.")
            number = next(self._numbers)
        label = f"{LABEL_PREFIX}{number}"
        main = Manager.get_webview_window(self._app_handle, MAIN_WINDOW)
        app_name = main.title() if main is not None else "App"
        offset = 40.0 * (number % 6)  # cascade, so a new window does not hide the last
        window = WebviewWindowBuilder.build(
            self._app_handle,
            label,
            WebviewUrl.App(f"index.html?window={label}"),
            title=f"{app_name} ({label})",
            inner_size=(560.0, 460.0),
            position=(120.0 + offset, 80.0 + offset),
        )
        self.watch(window)
        self.announce()
        logger.info("opened window %s", label)
        return label

    def watch(self, window: WebviewWindow) -> None:
        """Hear the window's events: app.py's watcher, then its closing, announced."""
        self._watch(window)
        self.announce_closing(window)

    def announce_closing(self, window: WebviewWindow) -> None:
        """When this window closes, tell the pages of the others."""
        label = window.label()

        def on_window_event(event: WindowEventType) -> None:
            if isinstance(event, WindowEvent.Destroyed):
                self.announce(closing=label)

        window.on_window_event(on_window_event)

    def announce(self, closing: str | None = None) -> None:
        """Tell every page which windows are open (``closing`` is on its way out)."""
        labels = [label for label in self.labels() if label != closing]
        WINDOWS_CHANGED.emit(self._app_handle, WindowList(labels=labels))


def manage_windows(app_handle: AppHandle, watch: WindowWatcher) -> WindowManager:
    """Called once at setup; ``watch`` hears each new window's events (app.py)."""
    manager = WindowManager(app_handle, watch)
    Manager.manage(app_handle, manager)
    main = Manager.get_webview_window(app_handle, MAIN_WINDOW)
    if main is not None:  # app.py watches it already
        manager.announce_closing(main)
    return manager


@commands.command()
@guarded_command
async def open_window(manager: Annotated[WindowManager, State()]) -> WindowInfo:
    """Open one more window; answer its label."""
    return WindowInfo(label=manager.open())


@commands.command()
@guarded_command
async def list_windows(manager: Annotated[WindowManager, State()]) -> WindowList:
    return WindowList(labels=manager.labels())


@commands.command()
@guarded_command
async def close_window(webview_window: WebviewWindow) -> None:
    """Close the window that asks (its page has no right to close windows itself)."""
    webview_window.close()


@commands.command()
@guarded_command
async def send_to_window(
    body: WindowNote, webview_window: WebviewWindow, manager: Annotated[WindowManager, State()]
) -> None:
    """``emit_to`` one window: no other window hears it."""
    if body.label not in manager.labels():
        raise InvokeException(f"No window labelled {body.label!r} is open.")
    note = Note(text=body.text, sender=webview_window.label(), via="emit_to")
    WINDOW_NOTE.emit_to(webview_window, EventTarget.WebviewWindow(body.label), note)


@commands.command()
@guarded_command
async def send_to_windows(body: WindowsNote, webview_window: WebviewWindow) -> Picked:
    """``emit_filter``: the predicate sees every window and picks by label."""
    wanted = set(body.labels)
    picked: set[str] = set()

    # Tauri may ask about one window more than once (per listener): a set.
    def pick(target: EventTargetType) -> bool:
        if isinstance(target, EventTarget.WebviewWindow) and target.label in wanted:
            picked.add(target.label)
            return True
        return False

    note = Note(text=body.text, sender=webview_window.label(), via="emit_filter")
    WINDOW_NOTE.emit_filter(webview_window, note, pick)
    return Picked(picked=sorted(picked))
