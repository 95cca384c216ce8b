"""Unit tests for app.py: how the examples are wired into one app.

Which examples exist depends on the answers given when the project was made,
so these tests read ``app.EXAMPLE_MODULES`` instead of importing them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any, cast

import pytest
from anyio.from_thread import BlockingPortal
from pytauri import AppHandle, Commands, Manager, WindowEvent, WindowEventType

from {{ cookiecutter.package_name }} import app, commands

# The functions an example may need called at setup (the AppHandle comes first).
SETUP_FUNCTIONS = (
    "manage_state",
    "manage_evaluator",
    "start_listening",
    "manage_windows",
    "manage_chat",
    "install",
)


def short_name(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def example(name: str) -> ModuleType | None:
    """The example module called ``name``, if this project has it."""
    return next((m for m in app.EXAMPLE_MODULES if short_name(m) == name), None)


# --- the command table ------------------------------------------------------


def test_the_commands_example_is_always_wired_in() -> None:
    assert commands in app.EXAMPLE_MODULES


def test_every_module_with_commands_is_wired_in() -> None:
    # A new example module that is not listed would silently add no commands.
    # The examples, and the plumbing (batching has a command of its own).
    package = importlib.import_module(app.__package__ or "")
    plumbing = importlib.import_module(f"{package.__name__}.plumbing")
    with_commands: set[ModuleType] = set()
    for parent in (package, plumbing):
        for info in pkgutil.iter_modules(parent.__path__):
            if info.name.startswith("_"):  # __main__ would start the app
                continue
            module = importlib.import_module(f"{parent.__name__}.{info.name}")
            if isinstance(getattr(module, "commands", None), Commands):
                with_commands.add(module)

    assert with_commands == set(app.EXAMPLE_MODULES)


def test_collect_commands_merges_every_module() -> None:
    table = app.collect_commands()

    expected: set[str] = set()
    for module in app.EXAMPLE_MODULES:
        names = set(module.commands)
        assert names, f"{module.__name__} defines no command"
        assert names <= set(table)
        expected |= names
    assert set(table) == expected
    # No name was lost to a collision between modules.
    assert len(table) == sum(len(module.commands) for module in app.EXAMPLE_MODULES)


def test_collect_commands_includes_the_basic_commands() -> None:
    table = app.collect_commands()

    for name in ("greet", "create_user", "risky_operation", "upload_file", "get_version"):
        assert name in table


def test_collect_commands_builds_a_new_table_each_time() -> None:
    first = app.collect_commands()
    first.clear()

    assert len(app.collect_commands()) > 0
    assert len(commands.commands) > 0  # the module's own table is untouched


def test_collect_commands_refuses_a_name_defined_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "EXAMPLE_MODULES", [commands, commands])

    with pytest.raises(RuntimeError, match="greet"):
        app.collect_commands()


# --- configuration ----------------------------------------------------------


@pytest.mark.parametrize("dev_server", [None, ""])
def test_no_dev_server_means_no_overrides(dev_server: str | None) -> None:
    # Tauri.toml's frontendDist (the built page) is used as is.
    assert app.tauri_config(dev_server) is None


def test_dev_server_replaces_the_frontend() -> None:
    url = "http://localhost:1420"

    assert app.tauri_config(url) == {"build": {"frontendDist": url}}


def test_dev_server_env_is_named_after_the_package() -> None:
    expected = f"{app.__package__}_DEV_SERVER".upper()

    assert expected == app.DEV_SERVER_ENV
    assert re.fullmatch(r"[A-Z_][A-Z0-9_]*", app.DEV_SERVER_ENV)  # a valid variable name


def test_package_dir_holds_the_tauri_config() -> None:
    assert (app.PACKAGE_DIR / "Tauri.toml").is_file()
    assert (app.PACKAGE_DIR / "capabilities").is_dir()
    assert app.PACKAGE_DIR.is_absolute()


# --- setup and the run loop -------------------------------------------------


def test_setup_runs_every_example_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    handle = cast(AppHandle, object())
    called: list[tuple[str, object]] = []

    def recorder(name: str) -> Callable[..., None]:
        return lambda app_handle, *_args, **_kwargs: called.append((name, app_handle))

    expected = [("watch_window", handle)]
    monkeypatch.setattr(app, "watch_window", recorder("watch_window"))
    for module in app.EXAMPLE_MODULES:
        for name in SETUP_FUNCTIONS:
            if hasattr(module, name):
                monkeypatch.setattr(module, name, recorder(name))
                expected.append((name, handle))

    app.setup(handle, cast(BlockingPortal, FakePortal()))

    assert sorted(called, key=str) == sorted(expected, key=str)


class FakePortal:
    """Records what the window handler asks the async portal to run."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        self.calls.append((function, args))
        return function(*args)


def window_handler(portal: FakePortal, label: str = "main") -> Callable[[WindowEventType], None]:
    return app.make_window_handler(label, cast(BlockingPortal, portal))


@pytest.mark.parametrize("label", ["main", "window-2"])
def test_a_destroyed_window_stops_its_streams(label: str) -> None:
    portal = FakePortal()

    window_handler(portal, label)(WindowEvent.Destroyed())

    # The app stops that window's streams if it has any (the channels or the chat example).
    streams = getattr(app, "streams", None)
    expected = [] if streams is None else [(streams.stop_window, (label,))]
    assert portal.calls == expected
    assert (streams is None) == (example("channels") is None and example("chat") is None)


@pytest.mark.parametrize(
    "event",
    [WindowEvent.Focused(True), WindowEvent.Focused(False)],
    ids=["focused", "blurred"],
)
def test_other_window_events_do_nothing(event: WindowEventType) -> None:
    portal = FakePortal()

    window_handler(portal)(event)

    assert portal.calls == []


class FakeWindow:
    def __init__(self, label: str = "main") -> None:
        self.handlers: list[Callable[[WindowEventType], None]] = []
        self._label = label

    def label(self) -> str:
        return self._label

    def on_window_event(self, handler: Callable[[WindowEventType], None]) -> None:
        self.handlers.append(handler)


def test_setup_hears_the_main_window_events(monkeypatch: pytest.MonkeyPatch) -> None:
    # The window's own events, not run_return's callback: that one runs on
    # every turn of Tauri's event loop and slows every IPC call.
    window = FakeWindow()
    asked: list[str] = []

    def get_webview_window(_handle: object, label: str) -> FakeWindow:
        asked.append(label)
        return window

    monkeypatch.setattr(Manager, "get_webview_window", get_webview_window)
    portal = FakePortal()

    app.watch_window(cast(AppHandle, object()), app.MAIN_WINDOW, cast(BlockingPortal, portal))

    assert asked == [app.MAIN_WINDOW]
    (handler,) = window.handlers
    handler(WindowEvent.Destroyed())
    assert len(portal.calls) == (0 if getattr(app, "streams", None) is None else 1)


def test_a_window_opened_later_is_watched_as_it_is() -> None:
    window = FakeWindow("window-2")
    portal = FakePortal()

    app.watch_window(cast(AppHandle, object()), cast(Any, window), cast(BlockingPortal, portal))

    (handler,) = window.handlers
    handler(WindowEvent.Destroyed())
    streams = getattr(app, "streams", None)
    assert portal.calls == ([] if streams is None else [(streams.stop_window, ("window-2",))])


def test_a_missing_main_window_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Manager, "get_webview_window", lambda _handle, _label: None)

    with pytest.raises(RuntimeError, match="main"):
        app.watch_window(cast(AppHandle, object()), "main", cast(BlockingPortal, FakePortal()))
