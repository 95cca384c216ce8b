"""Unit tests for channels.py: the streams to use at scale, and stopping them.

The stream commands run against a fake window and a fake channel id: what
they send is recorded as the JSON text pytauri would hand to the page. The
seed's streams (``stream_data``, ``stream_ai_chat``) are tested in
test_channels_seed.py.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from typing import Any, cast

import anyio
import pytest
from anyio.abc import TaskGroup
from pydantic import ValidationError
from pytauri.ipc import InvokeException
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }} import channels
from {{ cookiecutter.package_name }}.channels import (
    ChatRequest,
    StopRequest,
    StreamRequest,
    StreamSummary,
    fake_model_reply,
    numbered_messages,
)
from {{ cookiecutter.package_name }}.plumbing.batching import batch_acks
from {{ cookiecutter.package_name }}.plumbing.streams import streams

# pytauri's `@commands.command()` hides a command's signature from mypy (its
# TypeVar uses `infer_variance`, which mypy does not support), so the tests
# restate the signatures they call.
stream_batched: Callable[[StreamRequest, WebviewWindow], Coroutine[Any, Any, StreamSummary]] = (
    channels.stream_batched
)
stream_reply: Callable[[ChatRequest, WebviewWindow], Coroutine[Any, Any, StreamSummary]] = (
    channels.stream_reply
)
stop_stream: Callable[[StopRequest], Awaitable[bool]] = channels.stop_stream

WAIT_LIMIT_S = 5.0
"""No test may hang: every wait gives up after this."""


@pytest.fixture(autouse=True)
def no_stream_leaks() -> Iterator[None]:
    """The shared registry is empty before and after every test."""
    assert len(streams) == 0
    yield
    assert len(streams) == 0, "a stream is still registered after the test"


# --- fakes ------------------------------------------------------------------


class FakeChannel:
    """Records what pytauri's ``Channel.send_model`` sends: JSON text."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    def send(self, data: str | bytes) -> None:
        assert isinstance(data, str)
        self.sent.append(json.loads(data))  # fails unless every message is JSON


class BatchingPage(FakeChannel):
    """A page behind a batched channel (``stream_batched``), as ``web/lib/batching.ts`` is:
    it unpacks each batch into ``sent`` and acknowledges it, unless told not to."""

    def __init__(self, *, acknowledges: bool = True) -> None:
        super().__init__()
        self.batches: list[dict[str, Any]] = []
        self.acknowledges = acknowledges

    def send(self, data: str | bytes) -> None:
        assert isinstance(data, str)
        batch = json.loads(data)
        self.batches.append(batch)
        self.sent.extend(batch["messages"])
        if self.acknowledges:
            assert batch_acks.ack(batch["key"], batch["seq"])


class FakeChannelId:
    """Stands in for the runtime's channel id, which needs a real webview.

    A ``JavaScriptChannelId`` field validated from Python (not JSON) wraps
    whatever it is given, so pytauri's own ``channel_on`` and ``send_model``
    still run around this fake.
    """

    def __init__(self, channel: FakeChannel | None = None) -> None:
        self.channel = channel or FakeChannel()
        self.webviews: list[object] = []

    def channel_on(self, webview: object) -> FakeChannel:
        self.webviews.append(webview)
        return self.channel


class FakeWindow:
    def __init__(self) -> None:
        self.webview = object()

    def as_ref_webview(self) -> object:
        return self.webview

    def label(self) -> str:
        return "main"


def window() -> WebviewWindow:
    return cast(WebviewWindow, FakeWindow())


def stream_request(channel_id: FakeChannelId, stream_id: str, **fields: Any) -> StreamRequest:
    # Validated like a real body; only the channel id is a fake.
    return StreamRequest.model_validate({"channel": channel_id, "streamId": stream_id, **fields})


def chat_request(channel_id: FakeChannelId, stream_id: str, prompt: str) -> ChatRequest:
    return ChatRequest.model_validate(
        {"channel": channel_id, "streamId": stream_id, "prompt": prompt}
    )


async def wait_until_sent(channel: FakeChannel, messages: int = 1) -> None:
    with anyio.fail_after(WAIT_LIMIT_S):
        while len(channel.sent) < messages:
            await anyio.sleep(0.001)


@pytest.fixture
async def task_group() -> AsyncIterator[TaskGroup]:
    async with anyio.create_task_group() as group:
        yield group
        # A failed test must not leave a stream running for minutes.
        group.cancel_scope.cancel()


# --- message sources --------------------------------------------------------


@pytest.mark.anyio
async def test_numbered_messages_are_numbered_in_order() -> None:
    texts = [message.root async for message in numbered_messages(5, interval_ms=0)]

    assert len(texts) == 5
    for index, text in enumerate(texts, start=1):
        assert text.startswith(f"message {index} ")
        assert text.endswith(" 5")


@pytest.mark.anyio
async def test_fake_model_reply_streams_words_that_echo_the_prompt() -> None:
    tokens = [token async for token in fake_model_reply("hello there", delay_s=0)]

    assert len(tokens) > 1
    assert all(token.endswith(" ") and token.strip() for token in tokens)
    assert "hello there" in "".join(tokens)


# --- request validation -----------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"streamId": ""},
        {"streamId": "s" * 65},
        {"streamId": "s", "count": 0},
        {"streamId": "s", "count": 100_001},
        {"streamId": "s", "intervalMs": -1},
        {"streamId": "s", "intervalMs": 10_001},
    ],
)
def test_stream_request_bounds(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        StreamRequest.model_validate({"channel": FakeChannelId(), **fields})


def test_chat_request_needs_a_prompt() -> None:
    with pytest.raises(ValidationError):
        ChatRequest.model_validate({"channel": FakeChannelId(), "streamId": "s", "prompt": ""})


def test_stream_request_reads_a_channel_id_from_json() -> None:
    # The page sends the channel as its id string; the runtime parses it.
    body = b'{"channel": "__CHANNEL__:7", "streamId": "s"}'

    request = StreamRequest.model_validate_json(body)

    assert request.stream_id == "s"
    assert request.count >= 1


# --- stream_batched ------------------------------------------------------------


@pytest.mark.anyio
async def test_stream_batched_sends_every_message_as_json() -> None:
    channel_id = FakeChannelId(BatchingPage())
    fake_window = FakeWindow()

    summary = await stream_batched(
        stream_request(channel_id, "s1", count=4, intervalMs=0),
        cast(WebviewWindow, fake_window),
    )

    assert summary == StreamSummary(sent=4, stopped=False)
    assert channel_id.webviews == [fake_window.webview]
    assert channel_id.channel.sent == [
        message.root async for message in numbered_messages(4, interval_ms=0)
    ]


@pytest.mark.anyio
async def test_stream_batched_batches_messages_in_order() -> None:
    page = BatchingPage()

    summary = await stream_batched(
        stream_request(FakeChannelId(page), "many", count=2500, intervalMs=0), window()
    )

    assert summary == StreamSummary(sent=2500, stopped=False)
    assert page.sent == [f"message {i} of 2500" for i in range(1, 2501)]
    # Far fewer sends than messages: up to 1000 per batch, or one frame's worth
    # (test_batching.py checks the exact rules).
    sizes = [len(batch["messages"]) for batch in page.batches]
    assert max(sizes) <= 1000
    assert len(sizes) < 250
    assert [batch["seq"] for batch in page.batches] == list(range(1, len(sizes) + 1))


@pytest.mark.anyio
async def test_stream_batched_waits_for_a_page_that_is_behind(task_group: TaskGroup) -> None:
    # Back-pressure: batches the page has not acknowledged are limited, so a
    # page that stops reading stops the stream instead of piling messages up.
    page = BatchingPage(acknowledges=False)
    summaries: list[StreamSummary] = []

    async def run() -> None:
        request = stream_request(FakeChannelId(page), "stuck", count=100_000, intervalMs=0)
        summaries.append(await stream_batched(request, window()))

    task_group.start_soon(run)
    with anyio.fail_after(WAIT_LIMIT_S):
        while len(page.batches) < 4:  # ChannelBatcher's max_in_flight
            await anyio.sleep(0.001)
    await anyio.sleep(0.1)
    assert len(page.batches) == 4  # nothing more until the page acknowledges
    assert not summaries

    assert await stop_stream(StopRequest(stream_id="stuck"))
    with anyio.fail_after(WAIT_LIMIT_S):
        while not summaries:
            await anyio.sleep(0.001)
    [summary] = summaries
    assert summary.stopped
    # What Python held back (at most one batch) went out as the stream ended,
    # and every message sent was counted.
    assert len(page.batches) <= 5
    assert summary.sent == len(page.sent) <= 5 * 1000


@pytest.mark.anyio
async def test_stop_stream_ends_a_running_stream(task_group: TaskGroup) -> None:
    channel_id = FakeChannelId(BatchingPage())
    summaries: list[StreamSummary] = []

    async def run() -> None:
        request = stream_request(channel_id, "s1", count=100_000, intervalMs=1)
        summaries.append(await stream_batched(request, window()))

    task_group.start_soon(run)
    await wait_until_sent(channel_id.channel, messages=2)

    assert await stop_stream(StopRequest(stream_id="s1")) is True
    with anyio.fail_after(WAIT_LIMIT_S):
        while not summaries:
            await anyio.sleep(0.001)

    [summary] = summaries
    assert summary.stopped
    assert summary.sent == len(channel_id.channel.sent)
    assert 2 <= summary.sent < 100_000
    assert await stop_stream(StopRequest(stream_id="s1")) is False  # already gone


@pytest.mark.anyio
async def test_stream_batched_refuses_a_second_stream_with_the_same_id(
    task_group: TaskGroup,
) -> None:
    first = FakeChannelId(BatchingPage())
    task_group.start_soon(
        stream_batched, stream_request(first, "dup", count=100_000, intervalMs=1), window()
    )
    await wait_until_sent(first.channel)

    second = FakeChannelId(BatchingPage())
    with pytest.raises(InvokeException):
        await stream_batched(stream_request(second, "dup", count=3, intervalMs=0), window())

    assert second.channel.sent == []
    assert streams.stop("dup")  # the first one was still running


@pytest.mark.anyio
async def test_closing_the_window_ends_every_stream_to_it(task_group: TaskGroup) -> None:
    # What the app does when a window is destroyed.
    ids = [FakeChannelId(BatchingPage()), FakeChannelId(BatchingPage())]
    for number, channel_id in enumerate(ids):
        request = stream_request(channel_id, f"s{number}", count=100_000, intervalMs=1)
        task_group.start_soon(stream_batched, request, window())
    for channel_id in ids:
        await wait_until_sent(channel_id.channel)

    assert streams.stop_window("main") == 2
    with anyio.fail_after(WAIT_LIMIT_S):
        while len(streams):
            await anyio.sleep(0.001)


@pytest.mark.anyio
async def test_a_stream_nobody_stops_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(channels, "MAX_STREAM_SECONDS", 0.05)
    channel_id = FakeChannelId(BatchingPage())

    with anyio.fail_after(WAIT_LIMIT_S):
        summary = await stream_batched(
            stream_request(channel_id, "forgotten", count=100_000, intervalMs=1), window()
        )

    assert summary.stopped
    assert 0 < summary.sent < 100_000


# --- stream_reply ---------------------------------------------------------


@pytest.fixture
def instant_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake model without its typing delay, so a whole reply is quick."""
    original = channels.fake_model_reply

    def instant(prompt: str, delay_s: float = 0.0) -> AsyncIterator[str]:
        return original(prompt, delay_s=0)

    monkeypatch.setattr(channels, "fake_model_reply", instant)


@pytest.mark.anyio
@pytest.mark.usefixtures("instant_model")
async def test_stream_reply_streams_the_reply_then_done() -> None:
    channel_id = FakeChannelId()

    summary = await stream_reply(chat_request(channel_id, "chat", "What is a channel?"), window())

    *chunks, last = channel_id.channel.sent
    assert last == {"text": "", "done": True}
    assert all(chunk["done"] is False for chunk in chunks)
    expected = [token async for token in fake_model_reply("What is a channel?", delay_s=0)]
    assert [chunk["text"] for chunk in chunks] == expected
    assert summary == StreamSummary(sent=len(chunks), stopped=False)


@pytest.mark.anyio
async def test_stopped_chat_still_sends_done(task_group: TaskGroup) -> None:
    channel_id = FakeChannelId()
    summaries: list[StreamSummary] = []

    async def run() -> None:
        summaries.append(await stream_reply(chat_request(channel_id, "chat", "hi"), window()))

    task_group.start_soon(run)
    await wait_until_sent(channel_id.channel)
    assert await stop_stream(StopRequest(stream_id="chat"))
    with anyio.fail_after(WAIT_LIMIT_S):
        while not summaries:
            await anyio.sleep(0.001)

    [summary] = summaries
    assert summary.stopped
    assert channel_id.channel.sent[-1] == {"text": "", "done": True}  # the page's spinner stops
    assert summary.sent == len(channel_id.channel.sent) - 1
