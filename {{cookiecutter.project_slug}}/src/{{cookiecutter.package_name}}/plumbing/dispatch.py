"""Run each command the page invokes on the async loop, with as little overhead as possible.

pytauri's ``Commands.generate_handler(portal)`` starts every command with
anyio's ``portal.start_task_soon``: a future, a cancel scope and a task-group
task per call, built across threads. ``Dispatcher`` does the same job with one
``call_soon_threadsafe`` and a plain asyncio task, and the loop is uvloop where
it is installed. The commands themselves, their body validation and their
errors are pytauri's, unchanged. The benchmark
(``python -m {{ cookiecutter.package_name }}.bench``) measures the difference against a
Rust-only command (see the README's figures).

A body that fails validation is answered with one short line per field
(``errors.readable``) instead of pydantic's whole report.

Commands still run as ordinary asyncio tasks on the portal's loop, so anyio
(cancel scopes, events, sleeps) works in them as before; ``cancel_all`` stops
them when the app shuts down.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from typing import Any

from pydantic import ValidationError
from pytauri import Commands
from pytauri.ipc import Invoke, InvokeException

from .errors import readable
from .guards import INTERNAL_ERROR_MESSAGE

logger = logging.getLogger(__name__)

SHUTTING_DOWN_MESSAGE = "The app is shutting down."


def loop_options() -> dict[str, Any]:
    """``backend_options`` for ``start_blocking_portal("asyncio", ...)``.

    uvloop runs the same asyncio code with a faster loop: a command's hop
    from Tauri's thread onto the loop costs less. It is installed everywhere
    but on Windows (see pyproject.toml); without it (or in a build that left
    part of it out) the standard loop runs.
    """
    try:
        importlib.import_module("uvloop")
    except ImportError:
        return {"use_uvloop": False}
    return {"use_uvloop": True}


def page_message(exc: InvokeException) -> str:
    """What the page reads for an ``InvokeException``.

    pytauri turns a body that fails validation into
    ``InvokeException(repr(ValidationError))``: many lines, the input echoed,
    documentation links. The page gets one short line per field instead.
    """
    if isinstance(exc.__cause__, ValidationError):
        return readable(exc.__cause__)
    return exc.value


class Dispatcher:
    """The app's ``invoke_handler``: Tauri calls it once per command invoked.

    Tauri calls it on its own thread, where it must neither block nor raise:
    it only hands the call over to the loop, where ``_run`` finds the command,
    binds its arguments, awaits it and answers the page.
    """

    def __init__(self, commands: Commands, loop: asyncio.AbstractEventLoop) -> None:
        self.commands = commands
        """The command table it serves (looked up on every call)."""
        self._loop = loop
        self._tasks: set[asyncio.Task[None]] = set()

    def __call__(self, invoke: Invoke) -> None:
        try:
            self._loop.call_soon_threadsafe(self._start, invoke)
        except RuntimeError:  # the loop is closed: the app is exiting
            invoke.reject(SHUTTING_DOWN_MESSAGE)

    def _start(self, invoke: Invoke) -> None:
        task = self._loop.create_task(self._run(invoke))
        # The loop keeps only weak references to tasks: hold them until done.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, invoke: Invoke) -> None:
        # What pytauri's own handler does, step by step.
        command = self.commands.get(invoke.command)
        if command is None:
            invoke.reject(f"no python handler `{invoke.command}` found")
            return
        resolver = invoke.bind_to(command.parameters)
        if resolver is None:  # the call did not fit the command: already rejected
            return
        arguments: dict[str, Any] = dict(resolver.arguments)
        states = arguments.pop("states", {})
        try:
            answer = await command.handler(**arguments, **states)
        except InvokeException as exc:  # an error meant for the page
            resolver.reject(page_message(exc))
        except Exception:
            # guards.guarded_command catches these first; this is the last net.
            logger.exception("command %s failed", invoke.command)
            resolver.reject(INTERNAL_ERROR_MESSAGE)
        else:
            resolver.resolve(answer)

    def running(self) -> int:
        """How many commands are running now."""
        return len(self._tasks)

    def cancel_all(self) -> int:
        """Cancel every running command (at shutdown); return how many there were."""
        for task in self._tasks:
            task.cancel()
        return len(self._tasks)
