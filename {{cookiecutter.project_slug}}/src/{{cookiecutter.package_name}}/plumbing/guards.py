"""Safety nets shared by every example.

Two pytauri behaviours make these necessary (see the README's "Traps" section):

* An exception escaping a command reaches the page as ``repr(exc)``, leaking
  internals. ``guarded_command`` logs it with its traceback and answers a
  generic message instead; ``InvokeException`` still passes through unchanged,
  because that is how a command reports an error the user should see.
* An exception escaping an event listener panics inside Tauri and silently
  stops *every* Python listener for the rest of the process.
  ``guarded_handler`` logs and swallows it so later events keep flowing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from pytauri import Event
from pytauri.ipc import InvokeException

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

INTERNAL_ERROR_MESSAGE = "Internal error: the app log has the details."


def guarded_command(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Wrap an async command so unexpected errors never leak to the page."""

    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await func(*args, **kwargs)
        except InvokeException:
            raise
        except Exception as exc:
            logger.exception("command %s failed", func.__name__)
            raise InvokeException(INTERNAL_ERROR_MESSAGE) from exc

    return wrapper


def guarded_handler(func: Callable[[Event], object]) -> Callable[[Event], None]:
    """Wrap an event listener so an exception is logged, never propagated."""

    @functools.wraps(func)
    def wrapper(event: Event) -> None:
        try:
            func(event)
        # BaseException on purpose: *anything* escaping here panics in Tauri.
        except BaseException:
            logger.exception("event handler %s failed", func.__name__)

    return wrapper
