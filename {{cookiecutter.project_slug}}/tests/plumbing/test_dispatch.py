"""Unit tests for dispatch.py: the app's invoke handler.

Tauri calls the handler on its own thread with an ``Invoke``; these tests do
the same from a worker thread, with a fake ``Invoke`` that records the answer.
The commands are real pytauri commands, so their body validation runs.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from typing import Annotated, Any, cast

import anyio
import pytest
from pydantic import BaseModel
from pytauri import Commands, State
from pytauri.ipc import Invoke, InvokeException

from {{ cookiecutter.package_name }}.plumbing.dispatch import (
    SHUTTING_DOWN_MESSAGE,
    Dispatcher,
    loop_options,
)
from {{ cookiecutter.package_name }}.plumbing.guards import INTERNAL_ERROR_MESSAGE

WAIT_LIMIT_S = 5.0


class Counter:
    def __init__(self) -> None:
        self.count = 0


class Point(BaseModel):
    x: int


table = Commands()


@table.command()
async def echo(body: bytes) -> bytes:
    return body


@table.command()
async def double(body: Point) -> Point:
    return Point(x=body.x * 2)


@table.command()
async def count(counter: Annotated[Counter, State()]) -> bytes:
    counter.count += 1
    return str(counter.count).encode()


@table.command()
async def refuse() -> bytes:
    raise InvokeException("Please do not.")


@table.command()
async def crash() -> bytes:
    raise RuntimeError("/home/secret/path")


@table.command()
async def forever() -> bytes:
    await anyio.sleep_forever()
    return b""


class FakeInvoke:
    """What Tauri hands the handler; records how the call was answered."""

    def __init__(self, command: str, body: bytes = b"", *, bindable: bool = True) -> None:
        self.command = command
        self.body = body
        self.bindable = bindable
        self.counter = Counter()
        self.answer: tuple[str, Any] | None = None
        self.answered = anyio.Event()

    def bind_to(self, parameters: dict[str, Any]) -> FakeInvoke | None:
        if not self.bindable:
            self.reject("bad call")
            return None
        self.arguments: dict[str, Any] = {}
        if "body" in parameters:
            self.arguments["body"] = self.body
        if "states" in parameters:
            self.arguments["states"] = {name: self.counter for name in parameters["states"]}
        return self

    def resolve(self, value: Any) -> None:
        self.answer = ("resolve", value)
        self.answered.set()

    def reject(self, value: str) -> None:
        self.answer = ("reject", value)
        self.answered.set()


async def call(dispatcher: Dispatcher, invoke: FakeInvoke) -> tuple[str, Any]:
    # From another thread, as Tauri calls it.
    await anyio.to_thread.run_sync(dispatcher, cast(Invoke, invoke))
    with anyio.fail_after(WAIT_LIMIT_S):
        await invoke.answered.wait()
    assert invoke.answer is not None
    return invoke.answer


@pytest.fixture
async def dispatcher() -> Dispatcher:
    return Dispatcher(table, asyncio.get_running_loop())


@pytest.mark.anyio
async def test_a_command_answers(dispatcher: Dispatcher) -> None:
    assert await call(dispatcher, FakeInvoke("echo", b"\x00bytes")) == ("resolve", b"\x00bytes")


@pytest.mark.anyio
async def test_a_model_body_is_validated_and_the_answer_serialised(dispatcher: Dispatcher) -> None:
    assert await call(dispatcher, FakeInvoke("double", b'{"x": 21}')) == ("resolve", '{"x":42}')

    outcome, message = await call(dispatcher, FakeInvoke("double", b'{"x": "many"}'))
    assert outcome == "reject"
    # One readable line per field (errors.readable), not pydantic's report.
    assert message == "x: Input should be a valid integer, unable to parse string as an integer"


@pytest.mark.anyio
async def test_a_body_that_is_not_json_is_answered_without_pydantics_report(
    dispatcher: Dispatcher,
) -> None:
    for body, expected in [(b"{}", "x: Field required"), (b"nope", "body: Invalid JSON")]:
        outcome, message = await call(dispatcher, FakeInvoke("double", body))

        assert outcome == "reject"
        assert message.startswith(expected)
        assert "\n" not in message
        assert "pydantic.dev" not in message
        assert "nope" not in message


@pytest.mark.anyio
async def test_managed_state_is_injected(dispatcher: Dispatcher) -> None:
    invoke = FakeInvoke("count")

    assert await call(dispatcher, invoke) == ("resolve", b"1")
    assert invoke.counter.count == 1


@pytest.mark.anyio
async def test_an_invoke_exception_reaches_the_page(dispatcher: Dispatcher) -> None:
    assert await call(dispatcher, FakeInvoke("refuse")) == ("reject", "Please do not.")


@pytest.mark.anyio
async def test_any_other_error_is_logged_not_leaked(
    dispatcher: Dispatcher, caplog: pytest.LogCaptureFixture
) -> None:
    assert await call(dispatcher, FakeInvoke("crash")) == ("reject", INTERNAL_ERROR_MESSAGE)
    assert "/home/secret/path" in caplog.text


@pytest.mark.anyio
async def test_an_unknown_command_is_refused(dispatcher: Dispatcher) -> None:
    outcome, message = await call(dispatcher, FakeInvoke("nope"))

    assert outcome == "reject"
    assert "nope" in message


@pytest.mark.anyio
async def test_a_call_that_does_not_bind_is_answered_once(dispatcher: Dispatcher) -> None:
    assert await call(dispatcher, FakeInvoke("echo", bindable=False)) == ("reject", "bad call")


@pytest.mark.anyio
async def test_cancel_all_stops_running_commands(dispatcher: Dispatcher) -> None:
    invokes = [FakeInvoke("forever") for _ in range(3)]
    for invoke in invokes:
        await anyio.to_thread.run_sync(dispatcher, cast(Invoke, invoke))
    with anyio.fail_after(WAIT_LIMIT_S):
        while dispatcher.running() < 3:
            await anyio.sleep(0.001)

    assert dispatcher.cancel_all() == 3
    with anyio.fail_after(WAIT_LIMIT_S):
        while dispatcher.running():
            await anyio.sleep(0.001)


@pytest.mark.anyio
async def test_many_concurrent_commands_all_answer(dispatcher: Dispatcher) -> None:
    invokes = [FakeInvoke("echo", str(i).encode()) for i in range(500)]

    async with anyio.create_task_group() as group:
        for invoke in invokes:
            group.start_soon(call, dispatcher, invoke)

    assert [invoke.answer for invoke in invokes] == [
        ("resolve", str(i).encode()) for i in range(500)
    ]
    assert dispatcher.running() == 0


def test_a_call_after_shutdown_is_refused() -> None:
    loop = asyncio.new_event_loop()
    loop.close()
    invoke = FakeInvoke("echo")

    Dispatcher(table, loop)(cast(Invoke, invoke))

    assert invoke.answer == ("reject", SHUTTING_DOWN_MESSAGE)


def test_uvloop_is_used_where_it_is_installed() -> None:
    assert loop_options() == {"use_uvloop": importlib.util.find_spec("uvloop") is not None}


def test_without_uvloop_the_standard_loop_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)  # importing it now raises ImportError

    assert loop_options() == {"use_uvloop": False}
