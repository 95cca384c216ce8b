"""The benchmark's measuring commands: the page's ``web/bench.ts`` calls them.

They are added to the app only when the benchmark launches it (``in_app.py``),
and written like the examples' commands (a ``CamelModel``
body, ``guarded_command``), so each figure is what such a command costs. They
need no optional example: with channels or events off, the benchmark still
measures both through these.
"""

from __future__ import annotations

import anyio
from pydantic import Field
from pytauri import AppHandle, Commands
from pytauri.ipc import JavaScriptChannelId
from pytauri.webview import WebviewWindow

from ..plumbing.batching import ChannelBatch, ChannelBatcher, EventBatch, EventBatcher
from ..plumbing.guards import guarded_command
from ..plumbing.models import CamelModel
from ..plumbing.typed_events import Events

commands = Commands()

MAX_COUNT = 10_000_000
MAX_BYTES = 1 << 30


class Echo(CamelModel):
    text: str = Field(max_length=1000)
    number: int


@commands.command()
@guarded_command
async def bench_echo(body: Echo) -> Echo:
    """A JSON round trip: a small model validated in, serialised out."""
    return body


@commands.command()
@guarded_command
async def bench_echo_bytes(body: bytes) -> bytes:
    """A bytes round trip: no JSON on either side."""
    return body


class Sleep(CamelModel):
    ms: int = Field(ge=0, le=1000)


@commands.command()
@guarded_command
async def bench_sleep(body: Sleep) -> None:
    await anyio.sleep(body.ms / 1000)


@commands.command()
@guarded_command
async def bench_upload(body: bytes) -> int:
    return len(body)


# --- Python -> page -------------------------------------------------------------


class Item(CamelModel):
    """One small message, numbered so the page can check the order."""

    index: int
    text: str


def item(index: int) -> Item:
    return Item(index=index, text="a small message")


class RawStream(CamelModel):
    channel: JavaScriptChannelId[Item]  # type: ignore[type-arg]  # see channels.py
    count: int = Field(ge=1, le=MAX_COUNT)


@commands.command()
@guarded_command
async def bench_channel_raw(body: RawStream, webview_window: WebviewWindow) -> int:
    """One ``send_model`` per message: the plain way."""
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    for index in range(body.count):
        channel.send_model(item(index))
    return body.count


class BatchedStream(CamelModel):
    channel: JavaScriptChannelId[ChannelBatch[Item]]  # type: ignore[type-arg]
    count: int = Field(ge=1, le=MAX_COUNT)


@commands.command()
@guarded_command
async def bench_channel_batched(body: BatchedStream, webview_window: WebviewWindow) -> int:
    """The same messages through a ``ChannelBatcher``."""
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    async with ChannelBatcher[Item](channel) as batcher:
        for index in range(body.count):
            await batcher.send(item(index))
    return batcher.sent


class BytesStream(CamelModel):
    channel: JavaScriptChannelId[Item]  # type: ignore[type-arg]  # carries bytes here
    total: int = Field(ge=1, le=MAX_BYTES)
    chunk: int = Field(ge=1, le=64 << 20)


@commands.command()
@guarded_command
async def bench_channel_bytes(body: BytesStream, webview_window: WebviewWindow) -> int:
    """``total`` bytes in ``chunk``-sized ``send(bytes)`` calls (an ArrayBuffer each)."""
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    data = bytes(body.chunk)
    sent = 0
    while sent < body.total:
        piece = data[: body.total - sent]
        channel.send(piece)
        sent += len(piece)
        await anyio.sleep(0)
    return sent


events = Events()
BENCH_ITEM = events.to_page("bench-item", Item)
BENCH_ITEMS = events.to_page("bench-items", EventBatch[Item])


class Count(CamelModel):
    count: int = Field(ge=1, le=MAX_COUNT)


@commands.command()
@guarded_command
async def bench_events_raw(body: Count, app_handle: AppHandle) -> int:
    """One ``emit`` per event."""
    for index in range(body.count):
        BENCH_ITEM.emit(app_handle, item(index))
    return body.count


@commands.command()
@guarded_command
async def bench_events_batched(body: Count, app_handle: AppHandle) -> int:
    """The same events through an ``EventBatcher`` (``send``: waits rather than drops)."""
    async with EventBatcher(BENCH_ITEMS, app_handle) as batcher:
        for index in range(body.count):
            await batcher.send(item(index))
    return batcher.emitted


@commands.command()
@guarded_command
async def bench_evals(body: Count, webview_window: WebviewWindow) -> None:
    """``count`` evaluations; the page counts them as they run."""
    for _ in range(body.count):
        webview_window.eval("window.__benchEval();")
