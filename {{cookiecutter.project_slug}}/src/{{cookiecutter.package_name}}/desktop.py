"""Desktop: what every desktop app has, from the first day.

A menu bar (File: New window, Open..., Save..., Quit; Help: About; Ctrl/Cmd+N,
O, S, Q) and a tray icon (Show, Hide, Quit), both handled by ``Desktop.on_menu``;
file dialogs (Open... reads up to ``MAX_OPEN_BYTES`` for the page, Save... writes
what the page holds; cancelling changes nothing); notifications from Python and
from the page; one instance (a second launch hands its file over and exits);
the window's size and place kept across clean restarts; links opened in the
system browser (the page's side). Where the machine lacks a piece (tray library,
session bus, notification service), ``plumbing.desktop_env`` says so in one
line, in the log and on the page, and the app runs on without it.

Page side: ``web/desktop.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from pydantic import Field
from pytauri import AppHandle, Commands, EventTarget, Manager, State
from pytauri.ipc import InvokeException
from pytauri.menu import Menu, MenuItem, PredefinedMenuItem, Submenu
from pytauri.plugin import Plugin
from pytauri.tray import TrayIcon
from pytauri_plugins import dialog, notification, opener, single_instance, window_state
from pytauri_plugins.dialog import DialogExt, MessageDialogKind
from pytauri_plugins.notification import NotificationExt

from .plumbing import desktop_env
from .plumbing.guards import guarded_command
from .plumbing.models import CamelModel
from .plumbing.typed_events import Events
{%- if cookiecutter.with_events %}
from .windows import WindowManager
{%- endif %}

logger = logging.getLogger(__name__)

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

MAIN_WINDOW = "main"
MAX_OPEN_BYTES = 1024 * 1024
"""Open... refuses bigger files: the page shows a preview, not a whole database."""
PREVIEW_LINES = 8

# Menu item ids: the menu bar's and the tray's reach the same handler.
{%- if cookiecutter.with_events %}
NEW_WINDOW = "new-window"
{%- endif %}
OPEN, SAVE, QUIT, ABOUT = "open", "save", "quit", "about"
SHOW, HIDE = "tray-show", "tray-hide"


class OpenedFile(CamelModel):
    name: str
    path: str
    size: int
    preview: str
    """Its first lines (undecodable bytes shown as U+FFFD)."""


class SaveRequest(CamelModel):
    text: str = Field(max_length=MAX_OPEN_BYTES)


class SavedFile(CamelModel):
    name: str
    path: str
    size: int


class NotifyRequest(CamelModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=2000)


class NotifyResult(CamelModel):
    shown: bool
    problem: str | None
    """Why it could not be shown, in one line."""


class DesktopStatus(CamelModel):
    """What this machine lacks, one line per piece (None: it is there)."""

    tray: str | None
    single_instance: str | None
    notifications: str | None
    last_file: OpenedFile | None
    """The file the app was started with, or opened last."""


class SaveAsked(CamelModel):
    """No fields: File > Save... asks the page for what it holds."""


events = Events()
FILE_OPENED = events.to_page("file-opened", OpenedFile)
"""A file opened from the menu or handed over by a second launch."""
SAVE_ASKED = events.to_page("save-asked", SaveAsked)


def read_file(path: Path) -> OpenedFile:
    """Read a file for the page; refuse one past ``MAX_OPEN_BYTES`` or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_OPEN_BYTES:
            raise InvokeException(
                f"{path.name} is {size / 1e6:.1f} MB: this app opens files "
                f"up to {MAX_OPEN_BYTES / 1e6:.1f} MB."
            )
        data = path.read_bytes()
    except OSError as error:
        raise InvokeException(f"Cannot read {path.name}: {error.strerror}.") from error
    lines = data.decode("utf-8", errors="replace").splitlines()
    preview = "\n".join(lines[:PREVIEW_LINES])
    return OpenedFile(name=path.name, path=str(path), size=size, preview=preview)


def about_text(app_name: str) -> str:
    """Name, version and description: the package's metadata (pyproject.toml) has them."""
    try:
        meta = importlib.metadata.metadata(__package__ or __name__)
    except importlib.metadata.PackageNotFoundError:  # a build that left its metadata out
        return app_name
    return f"{app_name} {meta['Version']}\n{meta['Summary']}"


def app_name(app_handle: AppHandle) -> str:
    """The app's name, as Tauri.toml titles the main window."""
    window = Manager.get_webview_window(app_handle, MAIN_WINDOW)
    return window.title() if window is not None else "App"


async def ask_path(start: Callable[[Callable[[Path | None], None]], None]) -> Path | None:
    """Await a file dialog, which answers through a callback on another thread."""
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[Path | None] = loop.create_future()

    def settle(path: Path | None) -> None:
        if not answer.done():  # the command may have been cancelled meanwhile
            answer.set_result(path)

    def callback(path: Path | None) -> None:
        # RuntimeError: the loop is closed, the app is shutting down.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle, path)

    start(callback)
    return await answer


class Desktop:
    """The menu bar, the tray and the last file opened: managed as state."""

    def __init__(self, app_handle: AppHandle) -> None:
        self._app_handle = app_handle
        self._lock = threading.Lock()
        self._last_file: OpenedFile | None = None
        self.tray: TrayIcon | None = None
        """Kept: a tray icon nobody references disappears."""

    @property
    def last_file(self) -> OpenedFile | None:
        with self._lock:
            return self._last_file

    def opened(self, opened: OpenedFile) -> OpenedFile:
        with self._lock:
            self._last_file = opened
        return opened

    def open_and_show(self, path: Path) -> None:
        """Open a file for the main window's page; a refusal is a native warning."""
        try:
            opened = self.opened(read_file(path))
        except InvokeException as error:
            self.warn(str(error))
            return
        FILE_OPENED.emit_to(self._app_handle, EventTarget.AnyLabel(MAIN_WINDOW), opened)

    def open_picked(self, path: Path | None) -> None:
        """File > Open...'s answer, on the dialog's thread (None: cancelled)."""
        try:
            if path is not None:
                self.open_and_show(path)
        except Exception:  # an escaping exception would end the app
            logger.exception("opening %s failed", path)

    def warn(self, text: str) -> None:
        DialogExt.message(self._app_handle, text).show(
            lambda _ok: None, title=app_name(self._app_handle), kind=MessageDialogKind.Warning
        )

    def show_main(self) -> None:
        window = Manager.get_webview_window(self._app_handle, MAIN_WINDOW)
        if window is not None:
            window.unminimize()
            window.show()
            window.set_focus()

    def on_menu(self, _app_handle: AppHandle, item: str) -> None:
        """Every menu bar and tray item lands here (Tauri's menu events are global)."""
        try:
            self._on_menu(item)
        except InvokeException as error:  # a refusal the user should read
            self.warn(str(error))
        except Exception:  # an escaping exception would end the app
            logger.exception("menu item %r failed", item)

    def _on_menu(self, item: str) -> None:
        app_handle = self._app_handle
{%- if cookiecutter.with_events %}
        if item == NEW_WINDOW:
            manager: WindowManager = Manager.state(app_handle, WindowManager)
            manager.open()
        elif item == OPEN:
{%- else %}
        if item == OPEN:
{%- endif %}
            DialogExt.file(app_handle).pick_file(self.open_picked, set_title="Open a file")
        elif item == SAVE:
            SAVE_ASKED.emit_to(app_handle, EventTarget.AnyLabel(MAIN_WINDOW), SaveAsked())
        elif item == QUIT:
            app_handle.exit(0)
        elif item == ABOUT:
            text = about_text(app_name(app_handle))
            DialogExt.message(app_handle, text).show(lambda _ok: None, title="About")
        elif item == SHOW:
            self.show_main()
        elif item == HIDE and (window := Manager.get_webview_window(app_handle, MAIN_WINDOW)):
            window.hide()

    def on_second_launch(self, _app_handle: AppHandle, argv: list[str], cwd: str) -> None:
        """A second launch handed over its arguments, then exited."""
        try:
            logger.info("a second launch handed over %s", argv[1:])
            self.show_main()
            for path in desktop_env.files_in(desktop_env.launch_arguments(argv), cwd)[:1]:
                self.open_and_show(path)
        except Exception:  # an escaping exception would end the app
            logger.exception("handling a second launch failed")

    def make_menu_bar(self) -> Menu:
        app = self._app_handle
        return Menu.with_items(
            app,
            [
                Submenu.with_items(
                    app,
                    "File",
                    True,
                    [
{%- if cookiecutter.with_events %}
                        MenuItem.with_id(app, NEW_WINDOW, "New window", True, "CmdOrCtrl+N"),
{%- endif %}
                        MenuItem.with_id(app, OPEN, "Open…", True, "CmdOrCtrl+O"),
                        MenuItem.with_id(app, SAVE, "Save…", True, "CmdOrCtrl+S"),
                        PredefinedMenuItem.separator(app),
                        MenuItem.with_id(app, QUIT, "Quit", True, "CmdOrCtrl+Q"),
                    ],
                ),
                Submenu.with_items(
                    app, "Help", True, [MenuItem.with_id(app, ABOUT, "About", True, None)]
                ),
            ],
        )

    def make_tray(self) -> None:
        problem = desktop_env.tray_problem()
        if problem is not None:  # Tauri would panic: go without a tray
            logger.warning(problem)
            return
        app = self._app_handle
        tray = TrayIcon.with_id(app, "main-tray")
        tray.set_icon(app.default_window_icon())
        tray.set_tooltip(app_name(app))
        tray.set_menu(
            Menu.with_items(
                app,
                [
                    MenuItem.with_id(app, SHOW, "Show", True, None),
                    MenuItem.with_id(app, HIDE, "Hide", True, None),
                    MenuItem.with_id(app, QUIT, "Quit", True, None),
                ],
            )
        )
        # No tray.on_menu_event: app_handle.on_menu_event already hears its items.
        self.tray = tray


def _on_second_launch(app_handle: AppHandle, argv: list[str], cwd: str) -> None:
    desktop: Desktop | None = Manager.try_state(app_handle, Desktop)
    if desktop is not None:  # a launch that races the first one's setup: nothing to hand over
        desktop.on_second_launch(app_handle, argv, cwd)


def plugins(one_instance: bool = True) -> list[Plugin]:
    """The plugins the desktop example uses, registered at build time.

    ``one_instance`` is off in dev mode: each restart starts the next app while
    the last one still runs.
    """
    # single_instance must come first: a second launch then exits before the rest loads.
    first = [single_instance.init(_on_second_launch)] if one_instance else []
    return [
        *first,
        dialog.init(),
        notification.init(),
        window_state.Builder.build(),
        opener.init(),
    ]


def install(app_handle: AppHandle) -> None:
    """Called once at setup: the menu bar now, the tray once the window is up."""
    desktop = Desktop(app_handle)
    Manager.manage(app_handle, desktop)
    app_handle.set_menu(desktop.make_menu_bar())
    app_handle.on_menu_event(desktop.on_menu)
    # Later on the main thread: the tray need not delay the first paint.
    app_handle.run_on_main_thread(desktop.make_tray)
    for path in desktop_env.files_in(sys.argv[1:], str(Path.cwd()))[:1]:
        try:  # `python -m <package> notes.txt`: the page finds it in desktop_status
            desktop.opened(read_file(path))
        except InvokeException as error:
            logger.warning("%s", error)
    # The D-Bus checks take a moment: off the main thread, one warning each.
    threading.Thread(target=_log_problems, name="desktop-checks", daemon=True).start()


def _log_problems() -> None:
    for problem in (desktop_env.single_instance_problem(), desktop_env.notification_problem()):
        if problem is not None:
            logger.warning(problem)


@commands.command()
@guarded_command
async def desktop_status(desktop: Annotated[Desktop, State()]) -> DesktopStatus:
    """What is missing on this machine, and the file the app was started with."""
    return DesktopStatus(
        tray=desktop_env.tray_problem(),
        # These two ask the session bus: off the async loop.
        single_instance=await asyncio.to_thread(desktop_env.single_instance_problem),
        notifications=await asyncio.to_thread(desktop_env.notification_problem),
        last_file=desktop.last_file,
    )


@commands.command()
@guarded_command
async def open_file(
    app_handle: AppHandle, desktop: Annotated[Desktop, State()]
) -> OpenedFile | None:
    """Pick a file with the system dialog and read it; None if cancelled."""
    picked = await ask_path(
        lambda done: DialogExt.file(app_handle).pick_file(done, set_title="Open a file")
    )
    if picked is None:
        return None
    return desktop.opened(read_file(Path(picked)))


@commands.command()
@guarded_command
async def save_file(body: SaveRequest, app_handle: AppHandle) -> SavedFile | None:
    """Pick where to save with the system dialog and write the text; None if cancelled."""
    picked = await ask_path(
        lambda done: DialogExt.file(app_handle).save_file(
            done, set_title="Save notes", set_file_name="notes.txt"
        )
    )
    if picked is None:
        return None
    path = Path(picked)
    data = body.text.encode("utf-8")
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InvokeException(f"Cannot write {path.name}: {error.strerror}.") from error
    return SavedFile(name=path.name, path=str(path), size=len(data))


@commands.command()
@guarded_command
async def notify(body: NotifyRequest, app_handle: AppHandle) -> NotifyResult:
    """Show a system notification, or say in one line why it cannot be shown."""
    problem = await asyncio.to_thread(desktop_env.notification_problem)
    if problem is not None:
        return NotifyResult(shown=False, problem=problem)
    NotificationExt.builder(app_handle).show(title=body.title, body=body.body)
    return NotifyResult(shown=True, problem=None)
