"""Unit tests for the seed's streams in channels.py: the channel is the body.

``stream_data`` sends ten plain strings, ``stream_ai_chat`` a canned reply in
chunks, then ``done``. They run against a fake window and a fake channel id:
what they send is recorded as the JSON text pytauri would hand to the page.
The streams to use at scale are tested in test_channels.py.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import Any, cast

import anyio
import pytest
from anyio.abc import TaskGroup
from pytauri.ipc import InvokeException, JavaScriptChannelId
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }} import channels
from {{ cookiecutter.package_name }}.channels import SEED_CHUNKS
from {{ cookiecutter.package_name }}.plumbing.streams import streams

# pytauri's `@commands.command()` hides a command's signature from mypy (its
# TypeVar uses `infer_variance`, which mypy does not support), so the tests
# restate the signatures they call.
stream_data: Callable[[JavaScriptChannelId, WebviewWindow], Coroutine[Any, Any, None]] = (
    channels.stream_data
)
stream_ai_chat: Callable[[JavaScriptChannelId, WebviewWindow], Coroutine[Any, Any, None]] = (
    channels.stream_ai_chat
)

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


class FakeChannelId:
    """Stands in for the runtime's channel id, which needs a real webview.

    A ``JavaScriptChannelId`` field validated from Python (not JSON) wraps
    whatever it is given, so pytauri's own ``channel_on`` and ``send_model``
    still run around this fake.
    """

    def __init__(self) -> None:
        self.channel = FakeChannel()
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


def channel_body(channel_id: FakeChannelId) -> JavaScriptChannelId:
    """The seed's body: the channel itself (a real body is its id, parsed by the runtime)."""
    return JavaScriptChannelId.model_validate(channel_id)


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


# --- the seed's streams: the channel is the body ----------------------------


@pytest.mark.anyio
async def test_stream_data_sends_ten_plain_strings_a_tenth_of_a_second_apart() -> None:
    channel_id = FakeChannelId()
    fake_window = FakeWindow()
    started = anyio.current_time()

    await stream_data(channel_body(channel_id), cast(WebviewWindow, fake_window))

    assert channel_id.channel.sent == [f"Message {i}" for i in range(10)]
    assert channel_id.webviews == [fake_window.webview]
    assert anyio.current_time() - started >= 0.8  # paced, not sent all at once


@pytest.mark.anyio
async def test_stream_ai_chat_sends_the_canned_reply_then_done() -> None:
    channel_id = FakeChannelId()

    await stream_ai_chat(channel_body(channel_id), window())

    assert channel_id.channel.sent == [
        *({"text": chunk, "done": False} for chunk in SEED_CHUNKS),
        {"text": "", "done": True},
    ]
    assert "".join(SEED_CHUNKS) == "Hello there! How can I help?"


@pytest.mark.anyio
async def test_the_seed_streams_refuse_a_body_that_is_not_a_channel_id() -> None:
    # The page sends the channel as its id string (`pyInvoke("stream_data", channel)`).
    for command in ("stream_data", "stream_ai_chat"):
        with pytest.raises(InvokeException) as raised:
            await channels.commands[command].handler(body=b"42", webview_window=window())
        assert "string" in raised.value.value


@pytest.mark.anyio
@pytest.mark.parametrize("command", ["stream_data", "stream_ai_chat"])
async def test_a_closed_window_stops_a_seed_stream(task_group: TaskGroup, command: str) -> None:
    seed_stream = stream_data if command == "stream_data" else stream_ai_chat
    channel_id = FakeChannelId()
    done = anyio.Event()

    async def run() -> None:
        await seed_stream(channel_body(channel_id), window())
        done.set()

    task_group.start_soon(run)
    await wait_until_sent(channel_id.channel)
    assert len(streams) == 1  # the seed's streams run in the registry too

    assert streams.stop_window("main") == 1  # what app.py does when the window is destroyed
    with anyio.fail_after(WAIT_LIMIT_S):
        await done.wait()
    sent = channel_id.channel.sent
    assert len(sent) < (10 if command == "stream_data" else len(SEED_CHUNKS) + 1)
    if command == "stream_ai_chat":
        assert sent[-1] == {"text": "", "done": True}  # the page stops waiting
