"""Unit tests for guards.py: the safety nets around commands and event listeners."""

from __future__ import annotations

import logging
from typing import cast

import pytest
from pytauri import Event
from pytauri.ipc import InvokeException

from {{ cookiecutter.package_name }}.plumbing.guards import (
    INTERNAL_ERROR_MESSAGE,
    guarded_command,
    guarded_handler,
)

SECRET = "password=hunter2 at /home/alice/.config"


class FakeEvent:
    """Stands in for ``pytauri.Event``: the handlers below only read ``payload``."""

    def __init__(self, payload: str) -> None:
        self.payload = payload


def fake_event(payload: str = "{}") -> Event:
    return cast(Event, FakeEvent(payload))


# --- guarded_command --------------------------------------------------------


@pytest.mark.anyio
async def test_guarded_command_returns_the_result_unchanged() -> None:
    @guarded_command
    async def double(body: int) -> int:
        return body * 2

    assert await double(21) == 42


@pytest.mark.anyio
async def test_guarded_command_hides_unexpected_errors(caplog: pytest.LogCaptureFixture) -> None:
    @guarded_command
    async def leaky() -> None:
        raise KeyError(SECRET)

    with pytest.raises(InvokeException) as raised:
        await leaky()

    # The page sees only the generic message: no repr, no internals.
    assert raised.value.value == INTERNAL_ERROR_MESSAGE
    assert SECRET not in raised.value.value
    assert "KeyError" not in raised.value.value
    # The cause is kept for debuggers, and the log has the full traceback.
    assert isinstance(raised.value.__cause__, KeyError)
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "leaky" in record.getMessage()
    assert record.exc_info is not None
    assert record.exc_info[0] is KeyError
    assert SECRET in caplog.text  # the traceback, for the developer


@pytest.mark.anyio
async def test_guarded_command_passes_invoke_exception_through(
    caplog: pytest.LogCaptureFixture,
) -> None:
    @guarded_command
    async def refuse() -> None:
        raise InvokeException("Please enter a name.")

    with pytest.raises(InvokeException) as raised:
        await refuse()

    assert raised.value.value == "Please enter a name."
    assert not caplog.records  # an expected, user-facing error is not logged


@pytest.mark.anyio
async def test_guarded_command_does_not_swallow_base_exceptions() -> None:
    # Cancellation and KeyboardInterrupt are BaseExceptions: they must reach
    # the async framework, not be turned into an error message.
    class Stop(BaseException):
        pass

    @guarded_command
    async def interrupted() -> None:
        raise Stop

    with pytest.raises(Stop):
        await interrupted()


def test_guarded_command_keeps_the_name_pytauri_registers() -> None:
    # Commands.command() registers a function under its __name__ and reads its
    # signature: the wrapper must look like the wrapped command.
    async def my_command(body: str) -> str:
        """The docstring."""
        return body

    wrapped = guarded_command(my_command)

    assert wrapped.__name__ == "my_command"
    assert wrapped.__doc__ == "The docstring."
    assert getattr(wrapped, "__wrapped__", None) is my_command


# --- guarded_handler --------------------------------------------------------


def test_guarded_handler_calls_the_handler() -> None:
    seen: list[str] = []
    handler = guarded_handler(lambda event: seen.append(event.payload))

    handler(fake_event('"hello"'))

    assert seen == ['"hello"']


class NotAnException(BaseException):
    """Like KeyboardInterrupt, but cannot abort the test session if it escapes."""


@pytest.mark.parametrize(
    "error",
    [ValueError("bad payload"), NotAnException("stop"), SystemExit(3)],
    ids=["Exception", "BaseException", "SystemExit"],
)
def test_guarded_handler_swallows_and_logs_everything(
    error: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    def on_event(_event: Event) -> None:
        raise error

    guarded_handler(on_event)(fake_event())  # must not raise: Tauri would panic

    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "on_event" in record.getMessage()
    assert record.exc_info is not None
    assert record.exc_info[1] is error


def test_guarded_handler_keeps_working_after_a_failure() -> None:
    calls: list[str] = []

    def flaky(event: Event) -> None:
        calls.append(event.payload)
        if event.payload == "boom":
            raise RuntimeError("boom")

    handler = guarded_handler(flaky)
    for payload in ["one", "boom", "two"]:
        handler(fake_event(payload))

    assert calls == ["one", "boom", "two"]
