"""Build the Tauri app: wire every example module in, run, shut down cleanly."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from anyio.from_thread import BlockingPortal, start_blocking_portal
from pytauri import AppHandle, Commands, RunEvent, RunEventType, WindowEvent
from pytauri_wheel.lib import builder_factory, context_factory
{%- set examples = ["commands"]
    + (["channels"] if cookiecutter.with_channels else [])
    + (["events"] if cookiecutter.with_events else [])
    + (["js_eval"] if cookiecutter.with_js_eval else [])
    + (["state"] if cookiecutter.with_state else [])
    + (["chat"] if cookiecutter.with_chat_demo else []) %}

from . import {{ examples | sort | join(", ") }}

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).parent.absolute()
"""Holds Tauri.toml, capabilities/, icons/ and the built frontend/."""

DEV_SERVER_ENV = "{{ cookiecutter.package_name | upper }}_DEV_SERVER"
"""Set to the Vite dev server's URL (``npm run dev``) to load the page from it."""

EXAMPLE_MODULES = [
    commands,
{%- if cookiecutter.with_channels %}
    channels,
{%- endif %}
{%- if cookiecutter.with_events %}
    events,
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


def setup(app_handle: AppHandle) -> None:
    """Runs once on the main thread before the page loads."""
{%- if cookiecutter.with_state %}
    state.manage_state(app_handle)
{%- endif %}
{%- if cookiecutter.with_js_eval %}
    js_eval.manage_evaluator(app_handle)
{%- endif %}
{%- if cookiecutter.with_events %}
    events.start_listening(app_handle)
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
    chat.manage_chat(app_handle)
{%- endif %}
{%- if not (cookiecutter.with_state or cookiecutter.with_js_eval or cookiecutter.with_events) %}
    logger.debug("app %s is set up", app_handle)
{%- endif %}


def make_run_callback(portal: BlockingPortal) -> Any:
    """React to window events while the app runs (called on the main thread)."""

    def on_run_event(_app_handle: AppHandle, event: RunEventType) -> None:
        if isinstance(event, RunEvent.WindowEvent) and isinstance(
            event.event, WindowEvent.Destroyed
        ):
            logger.info("window %s destroyed", event.label)
{%- if cookiecutter.with_channels %}
            # A channel to a closed window accepts messages forever: stop them.
            portal.call(channels.streams.stop_all)
{%- endif %}

    return on_run_event


def main() -> int:
    """Run the app until its last window closes; return the exit code."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    dev_server = os.environ.get(DEV_SERVER_ENV)
    with start_blocking_portal("asyncio") as portal:
        app = builder_factory().build(
            context=context_factory(PACKAGE_DIR, tauri_config=tauri_config(dev_server)),
            invoke_handler=collect_commands().generate_handler(portal),
            setup=setup,
        )
        exit_code = app.run_return(make_run_callback(portal))
        # Commands may still be running (the window closed mid-call). Leaving
        # the portal would wait for them; cancel them so the process exits now.
        portal.call(portal.stop, True)
    return exit_code
