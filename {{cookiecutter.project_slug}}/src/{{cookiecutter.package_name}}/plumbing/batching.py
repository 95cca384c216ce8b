"""Batching: many small messages to the page in few IPC calls.

Every channel message and every event Python sends costs the page one
JavaScript evaluation, whatever its size, so a stream of small messages is
limited by the number of sends, not by bytes. The two helpers here coalesce
messages into one send per frame (``FRAME_SECONDS``), or sooner when a batch
is full, and the page unpacks each batch in order (``web/lib/batching.ts``): the
page's handler still receives one message at a time, with the same type.
The benchmark (``python -m {{ cookiecutter.package_name }}.bench``) measures what they gain
(README, "Performance").

Memory stays bounded when the page is slower than Python, in two ways:

* ``ChannelBatcher`` (lossless, back-pressure): the page acknowledges every
  batch it has handled (the ``ack_batch`` command). With ``max_in_flight``
  batches unacknowledged, ``send`` waits, so the producer slows to the
  page's pace and at most ``max_in_flight * max_messages`` messages are on
  their way. Use it for data that must all arrive: streams, replies, rows.
* ``EventBatcher`` (lossy, drop-with-count): events have any number of
  listeners and no acknowledgement, so the batcher holds at most
  ``max_pending`` items between two frames and emits once per frame. ``add``
  drops what does not fit and counts it; the next batch tells the page how
  many were dropped. Use it for high-rate updates where the latest matter:
  progress, telemetry, logs. (``send`` waits for room instead of dropping.)
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Coroutine
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

import anyio
from anyio.abc import TaskGroup
from pydantic import BaseModel, Field
from pytauri import Commands, Emitter, EventTargetType, ImplEmitter

from .guards import guarded_command
from .models import CamelModel
from .typed_events import ToPage

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

M = TypeVar("M", bound=BaseModel)

FRAME_SECONDS = 1 / 60
"""The longest a message waits in a batch: one frame of a 60 Hz display."""


def to_json(model: BaseModel) -> bytes:
    """``model.model_dump_json()``, as bytes, minus its per-call overhead.

    The same serialiser (aliases and all), called directly: 0.6 us instead of
    1.5 for a small model, which is most of what a batched message costs Python.
    """
    return model.__pydantic_serializer__.to_json(model)


class Sender(Protocol):
    """What a batcher sends on: a pytauri ``Channel`` (only ``send(str)`` is used)."""

    def send(self, data: str, /) -> None: ...


class _Ticker:
    """A task group that runs one background loop for as long as a batcher is open."""

    def __init__(self) -> None:
        self._group: TaskGroup | None = None

    async def start(self, loop: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self._group = anyio.create_task_group()
        await self._group.__aenter__()
        self._group.start_soon(loop)

    async def stop(self) -> None:
        if self._group is not None:
            self._group.cancel_scope.cancel()
            await self._group.__aexit__(None, None, None)


# --- channels: lossless, with back-pressure ---------------------------------


class ChannelBatch(CamelModel, Generic[M]):
    """What a ``ChannelBatcher`` sends: several messages, in order."""

    key: int
    """Which batcher sent it: the page names it when acknowledging."""
    seq: int
    """1, 2, 3, ... for each batcher."""
    messages: list[M]


class BatchAcks:
    """Where the page's acknowledgements go: each open batcher, by key.

    Only touched on the async loop's thread (commands run there), so it
    needs no lock.
    """

    def __init__(self) -> None:
        self._receivers: dict[int, Callable[[int], None]] = {}
        self._keys = itertools.count(1)

    def register(self, acknowledge: Callable[[int], None]) -> int:
        key = next(self._keys)
        self._receivers[key] = acknowledge
        return key

    def unregister(self, key: int) -> None:
        self._receivers.pop(key, None)

    def ack(self, key: int, seq: int) -> bool:
        """Hand an acknowledgement to its batcher; False if it is closed."""
        acknowledge = self._receivers.get(key)
        if acknowledge is None:
            return False
        acknowledge(seq)
        return True

    def __len__(self) -> int:
        return len(self._receivers)


batch_acks = BatchAcks()


class ChannelBatcher(Generic[M]):
    """Send models on a channel in batches; ``web/lib/batching.ts`` unpacks them.

    A batch goes out when ``max_messages`` messages or ``max_bytes`` of JSON
    are waiting, or ``interval`` seconds after its first message, whichever
    comes first. Use it as an async context manager. Leaving it sends what is
    left and, unless the stream was cancelled or failed, waits until the page
    has acknowledged every batch, so a command that returns afterwards
    answers after its last message was handled::

        async with ChannelBatcher[Message](channel) as batcher:
            for message in messages:
                await batcher.send(message)  # waits while the page is behind
    """

    def __init__(
        self,
        channel: Sender,
        *,
        interval: float = FRAME_SECONDS,
        max_messages: int = 1000,
        max_bytes: int = 256 * 1024,
        max_in_flight: int = 4,
        acks: BatchAcks = batch_acks,
    ) -> None:
        if min(max_messages, max_bytes, max_in_flight) < 1 or interval <= 0:
            raise ValueError("limits must be positive")
        self._channel = channel
        self.interval = interval
        self.max_messages = max_messages
        self.max_bytes = max_bytes
        self.max_in_flight = max_in_flight
        self._acks = acks
        self._key = 0
        self._parts: list[bytes] = []
        self._bytes = 0
        self._seq = 0
        self._acked = 0
        self._ticker = _Ticker()
        # anyio events need a running loop: made in __aenter__.
        self._progress: anyio.Event | None = None
        self._first: anyio.Event | None = None
        self.sent = 0
        """Messages handed to the channel so far."""

    @property
    def in_flight(self) -> int:
        """Batches sent that the page has not acknowledged yet."""
        return self._seq - self._acked

    @property
    def buffered(self) -> int:
        """Messages waiting for the next batch."""
        return len(self._parts)

    async def __aenter__(self) -> ChannelBatcher[M]:
        self._progress, self._first = anyio.Event(), anyio.Event()
        self._key = self._acks.register(self.acknowledge)
        await self._ticker.start(self._flush_each_frame)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            await self._ticker.stop()
            # Sent even when the stream was stopped: every message passed to
            # `send` reaches the page (if it is still there).
            self._send_batch()
            if exc_type is None:
                while self._acked < self._seq:
                    await self._wait_for_progress()
        finally:
            self._acks.unregister(self._key)

    async def send(self, message: M) -> None:
        """Add a message; send the batch if it is full (waiting while the page is behind)."""
        part = to_json(message)
        self._parts.append(part)
        self._bytes += len(part)
        if len(self._parts) >= self.max_messages or self._bytes >= self.max_bytes:
            await self.flush()
        elif len(self._parts) == 1 and self._first is not None:
            self._first.set()  # a batch's first message starts its frame

    async def flush(self) -> None:
        """Send what is buffered once fewer than ``max_in_flight`` batches are unacknowledged."""
        while self._parts and self.in_flight >= self.max_in_flight:
            await self._wait_for_progress()
        self._send_batch()

    def acknowledge(self, seq: int) -> None:
        """The page has handled the batches up to ``seq`` (``ack_batch`` calls this)."""
        # Never past what was sent: a confused page cannot lift the limit early.
        self._acked = max(self._acked, min(seq, self._seq))
        if self._progress is not None:
            self._progress.set()
            self._progress = anyio.Event()

    def _send_batch(self) -> None:
        if not self._parts:
            return
        parts, self._parts, self._bytes = self._parts, [], 0
        self._seq += 1
        # The JSON of a ChannelBatch, from messages serialised once, on arrival.
        messages = b",".join(parts).decode()
        fields = f'"key":{self._key},"seq":{self._seq},"messages":[{messages}]'
        self._channel.send("{" + fields + "}")
        self.sent += len(parts)

    async def _wait_for_progress(self) -> None:
        assert self._progress is not None, "use the batcher with `async with`"
        await self._progress.wait()

    async def _flush_each_frame(self) -> None:
        assert self._first is not None
        while True:
            await self._first.wait()
            await anyio.sleep(self.interval)
            self._first = anyio.Event()
            await self.flush()


class BatchAck(CamelModel):
    key: int = Field(ge=0)
    seq: int = Field(ge=0)


@commands.command()
@guarded_command
async def ack_batch(body: BatchAck) -> bool:
    """The page has handled batch ``seq`` of batcher ``key``; False if that batcher is closed."""
    return batch_acks.ack(body.key, body.seq)


# --- events: lossy, drop-with-count ------------------------------------------


class EventBatch(CamelModel, Generic[M]):
    """What an ``EventBatcher`` emits: the items of one frame, in order."""

    items: list[M]
    dropped: int
    """Items left out since the previous batch because the buffer was full."""


class EventBatcher(Generic[M]):
    """Emit a high-rate event once per frame, as an ``EventBatch`` of its items.

    Declare the event with the batch as its payload, then add items from any
    thread (``add`` is thread-safe: listeners run on Tauri's threads)::

        TICKS = events.to_page("ticks", EventBatch[Tick])

        async with EventBatcher(TICKS, app_handle) as ticks:
            ticks.add(Tick(value=1))  # False, and counted, if the buffer is full

    ``listenBatched`` in ``web/lib/batching.ts`` hands the page one item at a time.
    """

    def __init__(
        self,
        event: ToPage[EventBatch[M]],
        emitter: ImplEmitter,
        *,
        target: EventTargetType | None = None,
        interval: float = FRAME_SECONDS,
        max_pending: int = 10_000,
    ) -> None:
        if max_pending < 1 or interval <= 0:
            raise ValueError("limits must be positive")
        self._event = event
        self._emitter = emitter
        self._target = target
        self.interval = interval
        self.max_pending = max_pending
        self._lock = threading.Lock()
        self._parts: list[bytes] = []
        self._dropped = 0
        self._ticker = _Ticker()
        self._emitted: anyio.Event | None = None  # made in __aenter__
        self.emitted = 0
        """Items emitted so far."""
        self.dropped = 0
        """Items dropped so far."""

    async def __aenter__(self) -> EventBatcher[M]:
        self._emitted = anyio.Event()
        await self._ticker.start(self._emit_each_frame)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            await self._ticker.stop()
        finally:
            self.emit_now()

    def add(self, item: M) -> bool:
        """Queue an item for the next batch; False, and counted, if the buffer is full."""
        if self._offer(to_json(item)):
            return True
        with self._lock:
            self._dropped += 1
            self.dropped += 1
        return False

    async def send(self, item: M) -> None:
        """Queue an item; if the buffer is full, wait for the next batch instead of dropping."""
        part = to_json(item)
        while not self._offer(part):
            assert self._emitted is not None, "use the batcher with `async with`"
            await self._emitted.wait()

    def emit_now(self) -> None:
        """Emit what is queued, and the count of drops, now (if there is any)."""
        with self._lock:
            parts, dropped = self._parts, self._dropped
            self._parts, self._dropped = [], 0
        if parts or dropped:
            # The JSON of an EventBatch, from items serialised once, on arrival.
            items = b",".join(parts).decode()
            payload = "{" + f'"items":[{items}],"dropped":{dropped}' + "}"
            if self._target is None:
                Emitter.emit_str(self._emitter, self._event.name, payload)
            else:
                Emitter.emit_str_to(self._emitter, self._target, self._event.name, payload)
            self.emitted += len(parts)
        if self._emitted is not None:
            self._emitted.set()
            self._emitted = anyio.Event()

    def _offer(self, part: bytes) -> bool:
        with self._lock:
            if len(self._parts) >= self.max_pending:
                return False
            self._parts.append(part)
            return True

    async def _emit_each_frame(self) -> None:
        while True:
            await anyio.sleep(self.interval)
            self.emit_now()
