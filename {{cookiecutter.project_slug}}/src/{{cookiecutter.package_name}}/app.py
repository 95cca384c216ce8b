"""Build the Tauri app: wire every example module in, run, shut down cleanly."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anyio.from_thread import BlockingPortal, start_blocking_portal
from pytauri import AppHandle, Commands, Manager, WindowEvent, WindowEventType
from pytauri.ipc import Invoke
from pytauri.webview import WebviewWindow
from pytauri_wheel.lib import builder_factory, context_factory
{%- set examples = ["commands"]
    + (["channels"] if cookiecutter.with_channels else [])
    + (["events", "windows"] if cookiecutter.with_events else [])
    + (["js_eval"] if cookiecutter.with_js_eval else [])
    + (["state"] if cookiecutter.with_state else [])
    + (["chat"] if cookiecutter.with_chat_demo else [])
    + (["desktop"] if cookiecutter.with_desktop else []) %}

from . import {{ examples | sort | join(", ") }}
{%- if cookiecutter.with_channels or cookiecutter.with_bench %}
from .plumbing import batching
{%- endif %}
from .plumbing.dispatch import Dispatcher, loop_options
{%- if cookiecutter.with_channels or cookiecutter.with_chat_demo %}
from .plumbing.streams import streams
{%- endif %}

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).parent.absolute()
"""Holds Tauri.toml, capabilities/, icons/ and the built frontend/."""

DEV_SERVER_ENV = "{{ cookiecutter.package_name | upper }}_DEV_SERVER"
"""Set to the Vite dev server's URL (``npm run dev``) to load the page from it."""

{%- if cookiecutter.with_bench %}
BENCH_ENV = "{{ cookiecutter.package_name | upper }}_BENCH"
"""Set only by the benchmark (``bench/``): the app then adds its measuring commands."""
{%- endif %}

MAIN_WINDOW = "main"

EXAMPLE_MODULES = [
    commands,
{%- if cookiecutter.with_channels or cookiecutter.with_bench %}
    batching,  # plumbing, but with a command of its own: the page acknowledges batches
{%- endif %}
{%- if cookiecutter.with_channels %}
    channels,
{%- endif %}
{%- if cookiecutter.with_events %}
    events,
    windows,
{%- endif %}
{%- if cookiecutter.with_js_eval %}
    js_eval,
{%- endif %}
{%- if cookiecutter.with_state %}
    state,
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
    chat,
{%- endif %}
{%- if cookiecutter.with_desktop %}
    desktop,
{%- endif %}
]


def collect_commands() -> Commands:
    """One command table made of every example module's commands."""
    table = Commands()
    for module in EXAMPLE_MODULES:
        duplicates = table.keys() & module.commands.keys()
        if duplicates:
            raise RuntimeError(f"command names defined twice: {sorted(duplicates)}")
        table.update(module.commands)
    return table


def tauri_config(dev_server: str | None) -> dict[str, Any] | None:
    """Overrides merged into Tauri.toml; in dev mode, point at Vite."""
    if not dev_server:
        return None
    return {"build": {"frontendDist": dev_server}}


def setup(app_handle: AppHandle, portal: BlockingPortal) -> None:
    """Runs once on the main thread before the page loads."""
    watch_window(app_handle, MAIN_WINDOW, portal)
{%- if cookiecutter.with_state %}
    state.manage_state(app_handle)
{%- endif %}
{%- if cookiecutter.with_js_eval %}
    js_eval.manage_evaluator(app_handle)
{%- endif %}
{%- if cookiecutter.with_events %}
    events.start_listening(app_handle)
    windows.manage_windows(app_handle, watch=lambda w: watch_window(app_handle, w, portal))
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
    chat.manage_chat(app_handle)
{%- endif %}
{%- if cookiecutter.with_desktop %}
    desktop.install(app_handle)
{%- endif %}


def make_window_handler(label: str, portal: BlockingPortal) -> Callable[[WindowEventType], None]:
    """React to one window's events (called on the main thread)."""

    def on_window_event(event: WindowEventType) -> None:
        if isinstance(event, WindowEvent.Destroyed):
            logger.info("window %s destroyed", label)
{%- if cookiecutter.with_channels or cookiecutter.with_chat_demo %}
            # A channel to a closed window accepts messages forever: stop them.
            stopped = portal.call(streams.stop_window, label)
            if stopped:
                logger.info("stopped %d stream(s) to window %s", stopped, label)
{%- endif %}

    return on_window_event


def watch_window(
    app_handle: AppHandle, window: WebviewWindow | str, portal: BlockingPortal
) -> None:
    """Hear a window's events (call at setup for the main one, then for each new one).

    Not through ``run_return``'s callback: Tauri calls that one on every turn
    of its event loop, taking Python's GIL each time, which slows every
    message between the page and Python (the benchmark measured it).
    """
    if isinstance(window, str):
        found = Manager.get_webview_window(app_handle, window)
        if found is None:
            raise RuntimeError(f"no {window!r} window: Tauri.toml declares it")
        window = found
    window.on_window_event(make_window_handler(window.label(), portal))


def main() -> int:
    """Run the app until its last window closes; return the exit code."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    table = collect_commands()
    config = tauri_config(os.environ.get(DEV_SERVER_ENV))
    with start_blocking_portal("asyncio", backend_options=loop_options()) as portal:

        def setup_with_portal(app_handle: AppHandle) -> None:
            setup(app_handle, portal)

        dispatcher = Dispatcher(table, portal.call(asyncio.get_running_loop))
        invoke_handler: Callable[[Invoke], None] = dispatcher
        on_setup: Callable[[AppHandle], None] = setup_with_portal
{%- if cookiecutter.with_bench %}
        if os.environ.get(BENCH_ENV):
            # Imported only then: the shipped app never loads the benchmark.
            from .bench.in_app import instrument

            invoke_handler, config, on_setup = instrument(
                os.environ[BENCH_ENV], dispatcher, config, on_setup
            )
{%- endif %}
        if os.environ.get(DEV_SERVER_ENV):  # `npm run dev`: keep the window's place, time restarts
            from .plumbing import dev

            invoke_handler, on_setup = dev.instrument(invoke_handler, on_setup, MAIN_WINDOW)
        app = builder_factory().build(
            context=context_factory(PACKAGE_DIR, tauri_config=config),
            invoke_handler=invoke_handler,
            setup=on_setup,
{%- if cookiecutter.with_desktop %}
            plugins=desktop.plugins(one_instance=not os.environ.get(DEV_SERVER_ENV)),
{%- endif %}
        )
        exit_code = app.run_return()
        # Commands may still be running (the window closed mid-call). Leaving
        # the portal would wait for them; cancel them so the process exits now.
        portal.call(dispatcher.cancel_all)
        portal.call(portal.stop, True)
    return exit_code
