"""Unit tests for state.py: shared state that many threads update at once."""

from __future__ import annotations

import json
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import pytest
from pydantic import ValidationError
from pytauri import AppHandle
from pytauri.ipc import InvokeException

from {{ cookiecutter.package_name }} import state
from {{ cookiecutter.package_name }}.plumbing.dispatch import page_message
from {{ cookiecutter.package_name }}.state import (
    MAX_MESSAGE_LENGTH,
    MAX_MESSAGES,
    AppState,
    ChatState,
    NewMessage,
    StateSummary,
    UserInfo,
)

# pytauri's `@commands.command()` hides a command's signature from mypy (its
# TypeVar uses `infer_variance`, which mypy does not support), so the tests
# restate the signatures they call.
increment_counter: Callable[[AppState], Awaitable[int]] = state.increment_counter
add_message: Callable[[str, ChatState], Awaitable[None]] = state.add_message
get_user_info: Callable[[AppState, ChatState], Awaitable[UserInfo]] = state.get_user_info
post_message: Callable[[NewMessage, ChatState], Awaitable[int]] = state.post_message
get_state_summary: Callable[[AppState, AppHandle], Awaitable[StateSummary]] = (
    state.get_state_summary
)

T = TypeVar("T")

THREADS = 8


def run_in_threads(work: Callable[[int], None], threads: int = THREADS) -> None:
    """Start ``work(thread_number)`` on many threads at once and wait for all."""
    start = threading.Barrier(threads)

    def worker(number: int) -> None:
        start.wait()  # all begin together, to provoke races
        work(number)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


class FakeManager:
    """Stands in for ``pytauri.Manager``: managed state, keyed by type."""

    managed: dict[type, object]

    @classmethod
    def manage(cls, _handle: object, value: object) -> bool:
        # Like Tauri: managing a type twice keeps the first object.
        if type(value) in cls.managed:
            return False
        cls.managed[type(value)] = value
        return True

    @classmethod
    def state(cls, _handle: object, state_type: type[T]) -> T:
        return cast(T, cls.managed[state_type])


@pytest.fixture
def manager(monkeypatch: pytest.MonkeyPatch) -> type[FakeManager]:
    monkeypatch.setattr(FakeManager, "managed", {}, raising=False)
    monkeypatch.setattr(state, "Manager", FakeManager)
    return FakeManager


APP_HANDLE = cast(AppHandle, object())


# --- AppState ---------------------------------------------------------------


def test_app_state_starts_at_zero_as_guest() -> None:
    app_state = AppState()

    assert app_state.counter == 0
    assert app_state.user_name


def test_increment_returns_the_new_value() -> None:
    app_state = AppState()

    assert [app_state.increment() for _ in range(3)] == [1, 2, 3]


def test_increment_is_thread_safe() -> None:
    app_state = AppState()
    per_thread = 5_000
    returned: list[list[int]] = [[] for _ in range(THREADS)]

    def work(number: int) -> None:
        returned[number].extend(app_state.increment() for _ in range(per_thread))

    run_in_threads(work)

    total = THREADS * per_thread
    assert app_state.counter == total
    # Every increment saw a distinct value: no two threads read the same count.
    assert sorted(value for values in returned for value in values) == list(range(1, total + 1))


def test_each_app_state_has_its_own_lock() -> None:
    # A dataclass field default shared between instances would serialise
    # unrelated objects (or, with a mutable default, share their data).
    assert AppState()._lock is not AppState()._lock


# --- ChatState --------------------------------------------------------------


def test_add_returns_the_message_count() -> None:
    chat = ChatState()

    assert chat.add("one") == 1
    assert chat.add("two") == 2
    assert chat.snapshot() == ["one", "two"]


def test_messages_are_bounded_and_the_oldest_go_first() -> None:
    chat = ChatState()
    extra = 25

    for number in range(MAX_MESSAGES + extra):
        count = chat.add(f"message {number}")

    messages = chat.snapshot()
    assert count == MAX_MESSAGES
    assert len(messages) == MAX_MESSAGES
    assert messages[0] == f"message {extra}"
    assert messages[-1] == f"message {MAX_MESSAGES + extra - 1}"


def test_snapshot_is_a_copy() -> None:
    chat = ChatState()
    chat.add("kept")

    chat.snapshot().append("not kept")

    assert chat.snapshot() == ["kept"]


def test_add_is_thread_safe() -> None:
    chat = ChatState()
    per_thread = MAX_MESSAGES // THREADS

    def work(number: int) -> None:
        for index in range(per_thread):
            chat.add(f"{number}:{index}")

    run_in_threads(work)

    messages = chat.snapshot()
    assert len(messages) == THREADS * per_thread
    assert len(set(messages)) == len(messages)
    for number in range(THREADS):  # each thread's messages keep their order
        mine = [m for m in messages if m.startswith(f"{number}:")]
        assert mine == [f"{number}:{index}" for index in range(per_thread)]


def test_add_stays_bounded_under_concurrency() -> None:
    chat = ChatState()

    def work(number: int) -> None:
        for index in range(MAX_MESSAGES):
            chat.add(f"{number}:{index}")

    run_in_threads(work)

    assert len(chat.snapshot()) == MAX_MESSAGES


# --- setup ------------------------------------------------------------------


def test_manage_state_registers_one_of_each(manager: type[FakeManager]) -> None:
    state.manage_state(APP_HANDLE)

    assert set(manager.managed) == {AppState, ChatState}


# --- the seed's commands ---------------------------------------------------


@pytest.mark.anyio
async def test_increment_counter_uses_the_injected_state() -> None:
    app_state = AppState()

    assert await increment_counter(app_state) == 1
    assert await increment_counter(app_state) == 2
    assert app_state.counter == 2


@pytest.mark.anyio
async def test_add_message_stores_the_string_body() -> None:
    chat = ChatState()

    await add_message("Hello from frontend!", chat)
    assert chat.snapshot() == ["Hello from frontend!"]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Please type a message."),
        ("  \n", "Please type a message."),
        ("x" * (MAX_MESSAGE_LENGTH + 1), f"Please keep a message to {MAX_MESSAGE_LENGTH} "),
    ],
    ids=["empty", "blank", "too-long"],
)
async def test_add_message_refuses_what_post_message_refuses(text: str, error: str) -> None:
    chat = ChatState()

    with pytest.raises(InvokeException) as raised:
        await add_message(text, chat)

    assert raised.value.value.startswith(error)
    assert chat.snapshot() == []


@pytest.mark.anyio
async def test_add_message_refuses_a_body_that_is_not_a_string() -> None:
    with pytest.raises(InvokeException) as raised:
        await state.commands["add_message"].handler(body=b'{"text": "hi"}')

    assert page_message(raised.value) == "body: Input should be a valid string"


@pytest.mark.anyio
async def test_get_user_info_answers_the_seeds_three_fields() -> None:
    app_state, chat = AppState(), ChatState()
    empty = await get_user_info(app_state, chat)

    await increment_counter(app_state)
    await increment_counter(app_state)
    await add_message("Hello from frontend!", chat)
    info = await get_user_info(app_state, chat)

    assert empty == UserInfo(counter=0, user=app_state.user_name, message_count=0)
    assert info == UserInfo(counter=2, user=app_state.user_name, message_count=1)
    # snake_case on the wire, as the seed's page reads it.
    assert json.loads(info.model_dump_json()) == {
        "counter": 2,
        "user": app_state.user_name,
        "message_count": 1,
    }


# --- the commands at scale -------------------------------------------------


@pytest.mark.anyio
async def test_post_message_answers_the_new_count() -> None:
    chat = ChatState()

    assert await post_message(NewMessage(text="hello"), chat) == 1
    assert await post_message(NewMessage(text="again"), chat) == 2
    assert chat.snapshot() == ["hello", "again"]


@pytest.mark.anyio
async def test_post_message_refuses_a_blank_message() -> None:
    chat = ChatState()

    with pytest.raises(InvokeException, match="Please type a message"):
        await post_message(NewMessage(text="   "), chat)

    assert chat.snapshot() == []


@pytest.mark.anyio
async def test_post_message_stays_bounded() -> None:
    chat = ChatState()

    for number in range(MAX_MESSAGES + 5):
        count = await post_message(NewMessage(text=f"m{number}"), chat)

    assert count == MAX_MESSAGES


@pytest.mark.parametrize("text", ["", "x" * (MAX_MESSAGE_LENGTH + 1)])
def test_new_message_bounds(text: str) -> None:
    with pytest.raises(ValidationError):
        NewMessage.model_validate({"text": text})


@pytest.mark.anyio
async def test_post_message_over_the_wire_reads_a_model_body() -> None:
    chat = ChatState()
    handler = state.commands["post_message"].handler

    answer = await handler(body=b'{"text": "hi"}', chat_state=chat)

    assert json.loads(answer) == 1
    with pytest.raises(InvokeException) as raised:
        await handler(body=b'"hi"', chat_state=chat)
    assert page_message(raised.value) == "body: Input should be an object"


@pytest.mark.anyio
async def test_get_state_summary_reads_both_states(manager: type[FakeManager]) -> None:
    state.manage_state(APP_HANDLE)
    app_state = manager.state(APP_HANDLE, AppState)
    chat = manager.state(APP_HANDLE, ChatState)

    empty = await get_state_summary(app_state, APP_HANDLE)
    app_state.increment()
    chat.add("first")
    chat.add("last")
    summary = await get_state_summary(app_state, APP_HANDLE)

    assert (empty.message_count, empty.last_message) == (0, None)
    assert summary == StateSummary(
        counter=1, user_name=app_state.user_name, message_count=2, last_message="last"
    )
    wire: dict[str, Any] = json.loads(summary.model_dump_json())
    assert set(wire) == {"counter", "userName", "messageCount", "lastMessage"}
