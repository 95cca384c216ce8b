"""Channels: Python streams ordered messages to the page.

The page creates a ``Channel`` and passes it in the command's body; Python
sends on it until done. The seed's two streams come first, with the channel
itself as the body: ``pyInvoke("stream_data", channel)`` (ten strings) and
``pyInvoke("stream_ai_chat", chatChannel)`` (``{text, done}`` chunks).

The forms to use at scale follow, under names of their own:
``stream_batched`` sends up to 100,000 messages through a ``ChannelBatcher``
(one send per frame instead of one per message, paced by the page's
acknowledgements) and ``stream_reply`` streams a reply the page can stop.

Two traps shape this module:

* ``channel.send(str)`` is spliced into JavaScript that the page runs, so
  only ``send_model`` (JSON) or bytes are ever sent.
* A channel whose page reloaded or closed keeps accepting messages without
  error: Python cannot tell the receiver is gone. So every stream, the
  seed's too, runs in ``plumbing.streams``, which stops it on request, when
  the window is destroyed, or after ``MAX_STREAM_SECONDS``.

Page side: ``web/channels.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
from pydantic import Field, RootModel
from pytauri import Commands
from pytauri.ipc import JavaScriptChannelId
from pytauri.webview import WebviewWindow

from .plumbing.batching import ChannelBatch, ChannelBatcher
from .plumbing.guards import guarded_command
from .plumbing.models import CamelModel, StrictModel
from .plumbing.streams import MAX_STREAM_SECONDS, streams

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})


class StreamSummary(CamelModel):
    sent: int
    stopped: bool
    """True when the stream ended early: stop button, window gone or timeout."""


# --- the seed's form: the channel is the body --------------------------------


class Msg(RootModel[str]):
    """One message of ``stream_data``: a plain string on the page."""


@commands.command()
@guarded_command
async def stream_data(
    # The type argument names what the channel carries, for the page's client;
    # mypy reports it because it cannot read pytauri's TypeVar (infer_variance).
    body: JavaScriptChannelId[Msg],  # type: ignore[type-arg]
    webview_window: WebviewWindow,
) -> None:
    """Ten messages, a tenth of a second apart."""
    channel = body.channel_on(webview_window.as_ref_webview())
    with streams.open(window=webview_window.label()):
        for i in range(10):
            channel.send_model(Msg(f"Message {i}"))
            await anyio.sleep(0.1)


class ChatChunk(StrictModel):
    text: str
    done: bool


SEED_CHUNKS = ("Hello", " there", "!", " How", " can", " I", " help?")


@commands.command()
@guarded_command
async def stream_ai_chat(
    body: JavaScriptChannelId[ChatChunk],  # type: ignore[type-arg]
    webview_window: WebviewWindow,
) -> None:
    """A canned reply, piece by piece, then ``done``."""
    channel = body.channel_on(webview_window.as_ref_webview())
    with streams.open(window=webview_window.label()):
        for chunk in SEED_CHUNKS:
            channel.send_model(ChatChunk(text=chunk, done=False))
            await anyio.sleep(0.05)
    # Always close the stream, stopped or not, so the page stops waiting.
    channel.send_model(ChatChunk(text="", done=True))


# --- at scale: many small messages, batched, stoppable ---------------------


class Message(RootModel[str]):
    """One numbered line of ``stream_batched``."""


class StreamRequest(CamelModel):
    # The type argument names what the channel carries: batches of messages
    # (the page's helper hands them over one by one). See stream_data for the
    # type: ignore.
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
async def stream_batched(body: StreamRequest, webview_window: WebviewWindow) -> StreamSummary:
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    with streams.open(body.stream_id, MAX_STREAM_SECONDS, webview_window.label()) as scope:
        async with ChannelBatcher[Message](channel) as batcher:
            async for message in numbered_messages(body.count, body.interval_ms):
                await batcher.send(message)
    return StreamSummary(sent=batcher.sent, stopped=scope.cancelled_caught)


# --- at scale: a reply the page can stop -------------------------------------


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
async def stream_reply(body: ChatRequest, webview_window: WebviewWindow) -> StreamSummary:
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    sent = 0
    with streams.open(body.stream_id, MAX_STREAM_SECONDS, webview_window.label()) as scope:
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
