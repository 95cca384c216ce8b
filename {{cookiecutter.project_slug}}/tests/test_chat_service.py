"""Unit tests for chat.py's ``ChatService`` and its commands.

The commands run against a ``ChatService`` whose store is a temp folder and
whose status events are recorded in a list; replies go to a recording
callback instead of a channel. The store, the fake model and the requests
are tested in test_chat.py.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

import anyio
import pytest
from anyio.abc import TaskGroup
from pytauri.ipc import InvokeException

from {{ cookiecutter.package_name }} import chat
from {{ cookiecutter.package_name }}.chat import (
    ChatMessage,
    ChatModel,
    ChatOverview,
    ChatService,
    ChatStatus,
    Conversation,
    ConversationRef,
    ConversationStore,
    FakeModel,
    ReplyChunk,
)
from {{ cookiecutter.package_name }}.plumbing.streams import streams

# pytauri's `@commands.command()` hides a command's signature from mypy: the
# tests restate the signatures they call.
open_chat: Callable[[ChatService], Awaitable[ChatOverview]] = chat.open_chat
stop_reply: Callable[[ConversationRef], Awaitable[bool]] = chat.stop_reply

WAIT_LIMIT_S = 5.0
"""No test may hang: every wait gives up after this."""
ID_A, ID_B, ID_C = "a" * 32, "b" * 32, "c" * 32


@pytest.fixture(autouse=True)
def no_stream_leaks() -> Iterator[None]:
    assert len(streams) == 0
    yield
    assert len(streams) == 0, "a reply is still registered after the test"


def conversation(conversation_id: str, *texts: str) -> Conversation:
    messages = [
        ChatMessage(role="user" if i % 2 == 0 else "assistant", text=t) for i, t in enumerate(texts)
    ]
    return Conversation(
        id=conversation_id, created_at=datetime.now(timezone.utc), messages=messages
    )


class Recorder:
    """The status events and reply chunks a service sends."""

    def __init__(self) -> None:
        self.statuses: list[ChatStatus] = []
        self.chunks: list[ReplyChunk] = []

    def names(self) -> list[str]:
        return [s.status for s in self.statuses]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def service(folder: Path, recorder: Recorder, model: ChatModel | None = None) -> ChatService:
    chat_service = ChatService(
        ConversationStore(folder), model or FakeModel(delay_s=0), recorder.statuses.append
    )
    chat_service.load()
    return chat_service


@pytest.fixture
async def task_group() -> AsyncIterator[TaskGroup]:
    async with anyio.create_task_group() as group:
        yield group
        group.cancel_scope.cancel()


# --- the service and the store ------------------------------------------------


@pytest.mark.anyio
async def test_the_ids_python_makes_fit_the_store(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    created = await service(tmp_path, Recorder()).new_conversation()

    assert store.path_of(created.id) == tmp_path / f"{created.id}.json"
    assert [c.id for c in store.load_all().records] == [created.id]


def test_conversations_load_oldest_first(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    newer, older = conversation(ID_A), conversation(ID_C)
    older = older.model_copy(update={"created_at": datetime(2020, 1, 1, tzinfo=timezone.utc)})
    middle = conversation(ID_B).model_copy(
        update={"created_at": datetime(2022, 1, 1, tzinfo=timezone.utc)}
    )
    for saved in (newer, older, middle):
        store.save(saved)

    chat_service = service(tmp_path, Recorder())

    # The store loads in no particular order; the service sorts by creation.
    assert list(chat_service.conversations) == [ID_C, ID_B, ID_A]
    assert [c.id for c in chat_service.overview().conversations] == [ID_C, ID_B, ID_A]


# --- sending, stopping, failing -----------------------------------------------


@pytest.mark.anyio
async def test_a_message_and_its_streamed_reply_are_stored(
    tmp_path: Path, recorder: Recorder
) -> None:
    chat_service = service(tmp_path, recorder)
    created = await chat_service.new_conversation()

    result = await chat_service.send(created.id, "  hello  ", recorder.chunks.append)

    assert not result.stopped
    assert result.reply == "".join(c.text for c in recorder.chunks)
    assert result.reply.startswith('You said: "hello"')
    assert result.title == "hello"
    assert recorder.names() == ["generating", "idle"]
    assert recorder.statuses[-1].detail == "Reply complete."
    # On disk: a fresh service (the next start) sees both messages.
    [stored] = service(tmp_path, Recorder()).conversations.values()
    assert [(m.role, m.text) for m in stored.messages] == [
        ("user", "hello"),
        ("assistant", result.reply),
    ]


class SlowModel:
    """Writes forever, a word every millisecond."""

    async def reply(self, history: Sequence[ChatMessage]) -> AsyncGenerator[str, None]:
        while True:
            yield "word "
            await anyio.sleep(0.001)


async def wait_for_chunks(recorder: Recorder, count: int = 1) -> None:
    with anyio.fail_after(WAIT_LIMIT_S):
        while len(recorder.chunks) < count:
            await anyio.sleep(0.001)


@pytest.mark.anyio
async def test_stop_ends_the_reply_and_keeps_what_was_written(
    tmp_path: Path, recorder: Recorder, task_group: TaskGroup
) -> None:
    chat_service = service(tmp_path, recorder, SlowModel())
    created = await chat_service.new_conversation()
    results = []

    async def run() -> None:
        results.append(await chat_service.send(created.id, "go", recorder.chunks.append))

    task_group.start_soon(run)
    await wait_for_chunks(recorder, 3)

    assert await stop_reply(ConversationRef(conversation_id=created.id)) is True
    with anyio.fail_after(WAIT_LIMIT_S):
        while not results:
            await anyio.sleep(0.001)

    [result] = results
    assert result.stopped
    assert result.reply == "".join(chunk.text for chunk in recorder.chunks)
    assert recorder.names() == ["generating", "idle"]
    assert recorder.statuses[-1].detail == "Stopped."
    assert chat_service.conversations[created.id].messages[-1].text == result.reply
    assert await stop_reply(ConversationRef(conversation_id=created.id)) is False


@pytest.mark.anyio
async def test_a_reply_nobody_stops_times_out(
    tmp_path: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chat, "MAX_REPLY_SECONDS", 0.05)
    chat_service = service(tmp_path, recorder, SlowModel())
    created = await chat_service.new_conversation()

    with anyio.fail_after(WAIT_LIMIT_S):
        result = await chat_service.send(created.id, "go", recorder.chunks.append)

    assert result.stopped
    assert result.reply


@pytest.mark.anyio
async def test_closing_the_window_stops_the_reply(
    tmp_path: Path, recorder: Recorder, task_group: TaskGroup
) -> None:
    chat_service = service(tmp_path, recorder, SlowModel())
    created = await chat_service.new_conversation()
    results = []

    async def run() -> None:
        reply = await chat_service.send(created.id, "go", recorder.chunks.append, "main")
        results.append(reply)

    task_group.start_soon(run)
    await wait_for_chunks(recorder)

    assert streams.stop_window("window-2") == 0  # another window's closing leaves it be
    assert streams.stop_window("main") == 1  # what app.py does when its window is destroyed
    with anyio.fail_after(WAIT_LIMIT_S):
        while not results:
            await anyio.sleep(0.001)
    assert results[0].stopped


@pytest.mark.anyio
async def test_a_second_reply_in_the_same_conversation_is_refused(
    tmp_path: Path, recorder: Recorder, task_group: TaskGroup
) -> None:
    chat_service = service(tmp_path, recorder, SlowModel())
    created = await chat_service.new_conversation()
    task_group.start_soon(chat_service.send, created.id, "first", recorder.chunks.append)
    await wait_for_chunks(recorder)

    with pytest.raises(InvokeException, match="already running"):
        await chat_service.send(created.id, "second", lambda _chunk: None)

    assert [m.text for m in chat_service.conversations[created.id].messages] == ["first"]
    assert streams.stop(f"chat:{created.id}")


class BrokenModel:
    async def reply(self, history: Sequence[ChatMessage]) -> AsyncGenerator[str, None]:
        yield "half a "
        raise ConnectionError("the model's server went away at 10.0.0.7")


@pytest.mark.anyio
async def test_a_failing_model_reports_an_error_and_keeps_the_message(
    tmp_path: Path, recorder: Recorder
) -> None:
    chat_service = service(tmp_path, recorder, BrokenModel())
    created = await chat_service.new_conversation()

    with pytest.raises(InvokeException) as raised:
        await chat_service.send(created.id, "hello", recorder.chunks.append)

    assert raised.value.value == "The model failed to answer: the app log has the details."
    assert "10.0.0.7" not in raised.value.value
    assert recorder.names() == ["generating", "error"]
    assert [m.text for m in chat_service.conversations[created.id].messages] == ["hello"]


@pytest.mark.anyio
async def test_a_failed_save_is_reported_and_not_kept_in_memory(
    tmp_path: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat_service = service(tmp_path, recorder)
    created = await chat_service.new_conversation()

    def disk_full(_conversation: Conversation) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(chat_service.store, "save", disk_full)
    with pytest.raises(InvokeException, match="Could not save the conversation: No space"):
        await chat_service.send(created.id, "hello", recorder.chunks.append)

    assert recorder.names() == ["error"]
    assert chat_service.conversations[created.id].messages == []


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("conversation_id", "text", "error"),
    [
        (ID_A, "hi", "No conversation"),
        (None, "   ", "Please type a message."),
    ],
)
async def test_bad_sends_are_refused_clearly(
    tmp_path: Path, recorder: Recorder, conversation_id: str | None, text: str, error: str
) -> None:
    chat_service = service(tmp_path, recorder)
    created = await chat_service.new_conversation()

    with pytest.raises(InvokeException, match=error):
        await chat_service.send(conversation_id or created.id, text, recorder.chunks.append)

    assert recorder.statuses == []


@pytest.mark.anyio
async def test_a_full_conversation_refuses_more(
    tmp_path: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chat, "MAX_MESSAGES", 2)
    chat_service = service(tmp_path, recorder)
    created = await chat_service.new_conversation()
    await chat_service.send(created.id, "one", recorder.chunks.append)

    with pytest.raises(InvokeException, match="full"):
        await chat_service.send(created.id, "two", recorder.chunks.append)


@pytest.mark.anyio
async def test_open_chat_reports_connected_or_the_problems(
    tmp_path: Path, recorder: Recorder
) -> None:
    ConversationStore(tmp_path).save(conversation(ID_A, "hello"))

    overview = await open_chat(service(tmp_path, recorder))

    assert [(c.id, c.title, c.message_count) for c in overview.conversations] == [
        (ID_A, "hello", 1)
    ]
    assert recorder.names() == ["connected"]

    (tmp_path / f"{ID_B}.json").write_text("{not json")
    damaged = Recorder()
    overview = await open_chat(service(tmp_path, damaged))

    assert [c.id for c in overview.conversations] == [ID_A]
    assert len(overview.problems) == 1
    assert damaged.names() == ["error"]
    assert "set aside" in damaged.statuses[0].detail
