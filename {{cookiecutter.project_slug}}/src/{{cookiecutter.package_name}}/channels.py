"""Channels: Python streams ordered messages to the page.

The page creates a ``Channel`` and passes it in the command's body; Python
sends on it until done. Two traps shape this module:

* ``channel.send(str)`` is spliced into JavaScript that the page runs, so
  only ``send_model`` (JSON) or bytes are ever sent.
* A channel whose page reloaded or closed keeps accepting messages without
  error: Python cannot tell the receiver is gone. So every stream runs in a
  ``StreamRegistry`` that stops it on request, when the window is destroyed,
  or after ``MAX_STREAM_SECONDS``.

``stream_data`` can send 100,000 messages as fast as it can, so it sends them
through a ``ChannelBatcher`` (``batching.py``): one send per frame instead of
one per message, unpacked in order on the page, and paced by the page's
acknowledgements. The chat stream sends a token every few dozen
milliseconds: one send per token is fine there.

Page side: ``web/channels.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import anyio
from pydantic import Field, RootModel
from pytauri import Commands
from pytauri.ipc import InvokeException, JavaScriptChannelId
from pytauri.webview import WebviewWindow

from .batching import ChannelBatch, ChannelBatcher
from .guards import guarded_command
from .models import CamelModel

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

MAX_STREAM_SECONDS = 120.0
"""A stream nobody stopped ends after this, so a forgotten one cannot leak."""


class StreamRegistry:
    """The running streams by id, so they can be stopped from outside.

    Only touched from the async portal's thread (commands run there; the app
    reaches it through ``portal.call``), so it needs no lock.
    """

    def __init__(self) -> None:
        self._scopes: dict[str, anyio.CancelScope] = {}

    @contextmanager
    def open(self, stream_id: str, max_seconds: float) -> Iterator[anyio.CancelScope]:
        if stream_id in self._scopes:
            raise InvokeException(f"Stream {stream_id!r} is already running.")
        with anyio.CancelScope(deadline=anyio.current_time() + max_seconds) as scope:
            self._scopes[stream_id] = scope
            try:
                yield scope
            finally:
                del self._scopes[stream_id]

    def stop(self, stream_id: str) -> bool:
        scope = self._scopes.get(stream_id)
        if scope is not None:
            scope.cancel()
        return scope is not None

    def stop_all(self) -> int:
        for scope in self._scopes.values():
            scope.cancel()
        return len(self._scopes)

    def __len__(self) -> int:
        return len(self._scopes)


streams = StreamRegistry()


class StreamSummary(CamelModel):
    sent: int
    stopped: bool
    """True when the stream ended early: stop button, window gone or timeout."""


# --- stream_data: many small messages, batched ------------------------------


class Message(RootModel[str]):
    """One numbered line of the stream."""


class StreamRequest(CamelModel):
    # The type argument names what the channel carries: batches of messages
    # (the page's helper hands them over one by one). mypy reports it as an
    # error because it cannot read pytauri's TypeVar (``infer_variance``).
    channel: JavaScriptChannelId[ChannelBatch[Message]]  # type: ignore[type-arg]
    stream_id: str = Field(min_length=1, max_length=64)
    count: int = Field(default=20, ge=1, le=100_000)
    interval_ms: int = Field(default=100, ge=0, le=10_000)


async def numbered_messages(count: int, interval_ms: int) -> AsyncIterator[Message]:
    for index in range(1, count + 1):
        yield Message(f"message {index} of {count}")
        await anyio.sleep(interval_ms / 1000)


@commands.command()
@guarded_command
async def stream_data(body: StreamRequest, webview_window: WebviewWindow) -> StreamSummary:
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    with streams.open(body.stream_id, MAX_STREAM_SECONDS) as scope:
        async with ChannelBatcher[Message](channel) as batcher:
            async for message in numbered_messages(body.count, body.interval_ms):
                await batcher.send(message)
    return StreamSummary(sent=batcher.sent, stopped=scope.cancelled_caught)


# --- stream_ai_chat: a fake model streaming its reply -----------------------


class ChatChunk(CamelModel):
    text: str
    done: bool


class ChatRequest(CamelModel):
    channel: JavaScriptChannelId[ChatChunk]  # type: ignore[type-arg]
    stream_id: str = Field(min_length=1, max_length=64)
    prompt: str = Field(min_length=1, max_length=4000)


async def fake_model_reply(prompt: str, delay_s: float = 0.04) -> AsyncIterator[str]:
    """A stand-in for a real model client: yields a reply token by token.

    Replace this with your model's streaming API (an async iterator of text
    pieces); nothing else in the stream needs to change.
    """
    reply = (
        f'You said: "{prompt}". I am a fake model running locally in Python; '
        "each word you see arrived over a channel as its own message."
    )
    for word in reply.split(" "):
        yield word + " "
        await anyio.sleep(delay_s)


@commands.command()
@guarded_command
async def stream_ai_chat(body: ChatRequest, webview_window: WebviewWindow) -> StreamSummary:
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    sent = 0
    with streams.open(body.stream_id, MAX_STREAM_SECONDS) as scope:
        async for token in fake_model_reply(body.prompt):
            channel.send_model(ChatChunk(text=token, done=False))
            sent += 1
    # Always close the stream, stopped or not, so the page stops its spinner.
    channel.send_model(ChatChunk(text="", done=True))
    return StreamSummary(sent=sent, stopped=scope.cancelled_caught)


class StopRequest(CamelModel):
    stream_id: str = Field(min_length=1, max_length=64)


@commands.command()
@guarded_command
async def stop_stream(body: StopRequest) -> bool:
    """Stop a running stream; answers whether one with that id was running."""
    return streams.stop(body.stream_id)
