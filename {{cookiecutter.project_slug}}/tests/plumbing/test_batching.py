"""Unit tests for batching.py: batches in order, flushed by count, bytes and time, bounded.

The channel is a fake page that records what Python sends and acknowledges
batches when the test says so; events go to a fake emitter.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Awaitable, Callable
from typing import Any, cast

import anyio
import pytest
from pydantic import RootModel
from pytauri import AppHandle, Emitter, EventTarget

from {{ cookiecutter.package_name }}.plumbing import batching
from {{ cookiecutter.package_name }}.plumbing.batching import (
    BatchAck,
    BatchAcks,
    ChannelBatch,
    ChannelBatcher,
    EventBatch,
    EventBatcher,
)
from {{ cookiecutter.package_name }}.plumbing.models import CamelModel
from {{ cookiecutter.package_name }}.plumbing.typed_events import Events

WAIT_LIMIT_S = 5.0
LONG = 3600.0
"""An interval no test waits for: only counts, bytes or the end flush a batch."""

ack_batch: Callable[[BatchAck], Awaitable[bool]] = batching.ack_batch


class Item(CamelModel):
    index: int
    text: str = "x"


def items(count: int, start: int = 0) -> list[Item]:
    return [Item(index=i) for i in range(start, start + count)]


class FakePage:
    """The channel: records each batch; acknowledges it at once if ``auto_ack``."""

    def __init__(self, acks: BatchAcks, *, auto_ack: bool = True) -> None:
        self.acks = acks
        self.auto_ack = auto_ack
        self.batches: list[dict[str, Any]] = []

    def send(self, data: str, /) -> None:
        batch = json.loads(data)
        self.batches.append(batch)
        if self.auto_ack:
            self.acks.ack(batch["key"], batch["seq"])

    @property
    def messages(self) -> list[int]:
        return [m["index"] for batch in self.batches for m in batch["messages"]]

    def ack_all(self) -> None:
        for batch in self.batches:
            self.acks.ack(batch["key"], batch["seq"])


async def eventually(condition: Callable[[], bool]) -> None:
    with anyio.fail_after(WAIT_LIMIT_S):
        while not condition():
            await anyio.sleep(0.001)


# --- ChannelBatcher -----------------------------------------------------------


@pytest.mark.anyio
async def test_messages_arrive_in_order_in_full_batches() -> None:
    acks = BatchAcks()
    page = FakePage(acks)

    async with ChannelBatcher[Item](page, interval=LONG, max_messages=10, acks=acks) as batcher:
        for item in items(25):
            await batcher.send(item)

    assert page.messages == list(range(25))
    assert [len(b["messages"]) for b in page.batches] == [10, 10, 5]  # the rest on leaving
    assert [b["seq"] for b in page.batches] == [1, 2, 3]
    assert batcher.sent == 25
    assert len(acks) == 0  # unregistered on leaving


@pytest.mark.anyio
async def test_a_batch_is_sent_when_its_bytes_reach_the_limit() -> None:
    acks = BatchAcks()
    page = FakePage(acks)
    size = len(Item(index=0).model_dump_json())

    async with ChannelBatcher[Item](page, interval=LONG, max_bytes=3 * size, acks=acks) as batcher:
        for item in items(3):
            await batcher.send(item)
        assert [len(b["messages"]) for b in page.batches] == [3]
        await batcher.send(Item(index=3))
        assert batcher.buffered == 1


@pytest.mark.anyio
async def test_a_partial_batch_is_sent_one_interval_after_its_first_message() -> None:
    acks = BatchAcks()
    page = FakePage(acks)

    async with ChannelBatcher[Item](page, interval=0.02, acks=acks) as batcher:
        await batcher.send(Item(index=0))
        await batcher.send(Item(index=1))
        assert page.batches == []  # not at once: more may come within the frame
        await eventually(lambda: len(page.batches) == 1)
        assert page.messages == [0, 1]
        await batcher.send(Item(index=2))  # the next batch starts its own frame
        await eventually(lambda: len(page.batches) == 2)


@pytest.mark.anyio
async def test_the_batch_is_the_json_of_a_channel_batch() -> None:
    acks = BatchAcks()
    sent: list[str] = []

    class Recorder:
        def send(self, data: str, /) -> None:
            sent.append(data)
            acks.ack(1, 1)

    async with ChannelBatcher[Item](Recorder(), interval=LONG, acks=acks) as batcher:
        await batcher.send(Item(index=1, text='quotes " and \\ and </script>'))

    [data] = sent
    batch = ChannelBatch[Item].model_validate_json(data)
    assert batch == ChannelBatch[Item](
        key=1, seq=1, messages=[Item(index=1, text='quotes " and \\ and </script>')]
    )


@pytest.mark.anyio
async def test_send_waits_while_the_page_is_behind() -> None:
    # Back-pressure: at most max_in_flight unacknowledged batches, plus one
    # batch's worth buffered in Python, whatever the producer does.
    acks = BatchAcks()
    page = FakePage(acks, auto_ack=False)
    produced = 0

    async def produce(batcher: ChannelBatcher[Item]) -> None:
        nonlocal produced
        for item in items(1000):
            await batcher.send(item)
            produced += 1

    async with (
        ChannelBatcher[Item](
            page, interval=LONG, max_messages=5, max_in_flight=2, acks=acks
        ) as batcher,
        anyio.create_task_group() as group,
    ):
        group.start_soon(produce, batcher)
        await eventually(lambda: len(page.batches) == 2)
        await anyio.sleep(0.05)
        assert len(page.batches) == 2
        assert batcher.in_flight == 2
        assert produced == 14  # the 15th send waits for room, holding a full batch
        assert batcher.buffered == 5

        page.ack_all()  # the page catches up: two more batches may go
        await eventually(lambda: len(page.batches) == 4)
        await anyio.sleep(0.05)
        assert len(page.batches) == 4

        page.auto_ack = True
        page.ack_all()
    assert page.messages == list(range(1000))


@pytest.mark.anyio
async def test_leaving_waits_until_the_page_has_acknowledged_everything() -> None:
    acks = BatchAcks()
    page = FakePage(acks, auto_ack=False)
    left = anyio.Event()

    async def stream() -> None:
        async with ChannelBatcher[Item](page, interval=LONG, acks=acks) as batcher:
            await batcher.send(Item(index=0))
        left.set()

    async with anyio.create_task_group() as group:
        group.start_soon(stream)
        await eventually(lambda: len(page.batches) == 1)
        await anyio.sleep(0.02)
        assert not left.is_set()  # the command would not have answered yet
        page.ack_all()
        await eventually(left.is_set)


@pytest.mark.anyio
async def test_a_cancelled_stream_still_sends_what_it_buffered_and_does_not_wait() -> None:
    acks = BatchAcks()
    page = FakePage(acks, auto_ack=False)

    with anyio.fail_after(WAIT_LIMIT_S), anyio.CancelScope() as scope:
        async with ChannelBatcher[Item](page, interval=LONG, acks=acks) as batcher:
            for item in items(3):
                await batcher.send(item)
            scope.cancel()
            await anyio.sleep(LONG)

    assert page.messages == [0, 1, 2]
    assert batcher.sent == 3
    assert len(acks) == 0


@pytest.mark.anyio
async def test_an_acknowledgement_never_counts_past_what_was_sent() -> None:
    acks = BatchAcks()
    page = FakePage(acks, auto_ack=False)

    async with ChannelBatcher[Item](
        page, interval=LONG, max_messages=1, max_in_flight=1, acks=acks
    ) as batcher:
        await batcher.send(Item(index=0))
        assert acks.ack(1, 10**9)  # a confused or hostile page
        assert batcher.in_flight == 0
        await batcher.send(Item(index=1))
        assert batcher.in_flight == 1  # the limit still holds
        page.auto_ack = True
        page.ack_all()


@pytest.mark.parametrize(
    "limits",
    [{"max_messages": 0}, {"max_bytes": 0}, {"max_in_flight": 0}, {"interval": 0}],
)
def test_channel_batcher_limits_must_be_positive(limits: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="positive"):
        ChannelBatcher[Item](FakePage(BatchAcks()), **limits)


def test_acks_for_a_closed_batcher_are_refused() -> None:
    assert BatchAcks().ack(1, 1) is False


@pytest.mark.anyio
async def test_the_ack_batch_command_reaches_the_open_batcher() -> None:
    page = FakePage(batching.batch_acks, auto_ack=False)

    async with ChannelBatcher[Item](page, interval=LONG, max_messages=1) as batcher:
        await batcher.send(Item(index=0))
        [batch] = page.batches
        assert await ack_batch(BatchAck(key=batch["key"], seq=batch["seq"])) is True
        assert batcher.in_flight == 0

    assert await ack_batch(BatchAck(key=batch["key"], seq=1)) is False


# --- EventBatcher -------------------------------------------------------------

events = Events()
TICKS = events.to_page("test-ticks", EventBatch[Item])
HANDLE = cast(AppHandle, object())


class Emitted:
    """Replaces ``Emitter.emit_str``/``emit_str_to``: records (target, event, payload)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[object, str, dict[str, Any]]] = []
        # emit_str(emitter, name, payload) and emit_str_to(emitter, target, name, payload)
        monkeypatch.setattr(Emitter, "emit_str", lambda _e, *sent: self._record(None, *sent))
        monkeypatch.setattr(Emitter, "emit_str_to", lambda _e, *sent: self._record(*sent))

    def _record(self, target: object, name: str, payload: str) -> None:
        EventBatch[Item].model_validate_json(payload)  # the declared payload, always
        self.calls.append((target, name, json.loads(payload)))

    @property
    def items(self) -> list[int]:
        return [item["index"] for _, _, payload in self.calls for item in payload["items"]]


@pytest.fixture
def emitted(monkeypatch: pytest.MonkeyPatch) -> Emitted:
    return Emitted(monkeypatch)


@pytest.mark.anyio
async def test_events_are_emitted_once_per_interval_in_order(emitted: Emitted) -> None:
    async with EventBatcher(TICKS, HANDLE, interval=0.02) as batcher:
        for item in items(100):
            assert batcher.add(item)
        assert emitted.calls == []
        await eventually(lambda: len(emitted.calls) == 1)
        for item in items(50, start=100):
            batcher.add(item)

    assert emitted.items == list(range(150))
    assert [name for _, name, _ in emitted.calls] == ["test-ticks"] * len(emitted.calls)
    assert batcher.emitted == 150
    assert batcher.dropped == 0


@pytest.mark.anyio
async def test_a_full_buffer_drops_and_counts_and_tells_the_page(emitted: Emitted) -> None:
    async with EventBatcher(TICKS, HANDLE, interval=LONG, max_pending=3) as batcher:
        results = [batcher.add(item) for item in items(5)]

    assert results == [True, True, True, False, False]
    [(_, _, payload)] = emitted.calls
    assert [item["index"] for item in payload["items"]] == [0, 1, 2]  # the oldest kept
    assert payload["dropped"] == 2
    assert batcher.dropped == 2


@pytest.mark.anyio
async def test_send_waits_for_room_instead_of_dropping(emitted: Emitted) -> None:
    async with EventBatcher(TICKS, HANDLE, interval=0.01, max_pending=10) as batcher:
        for item in items(35):
            await batcher.send(item)

    assert emitted.items == list(range(35))
    assert all(len(payload["items"]) <= 10 for _, _, payload in emitted.calls)
    assert batcher.dropped == 0


@pytest.mark.anyio
async def test_events_can_go_to_one_target(emitted: Emitted) -> None:
    target = EventTarget.AnyLabel("main")

    async with EventBatcher(TICKS, HANDLE, target=target, interval=LONG) as batcher:
        batcher.add(Item(index=7))

    [(sent_to, _, payload)] = emitted.calls
    assert sent_to is target
    assert payload == {"items": [{"index": 7, "text": "x"}], "dropped": 0}


@pytest.mark.anyio
async def test_add_is_safe_from_other_threads(emitted: Emitted) -> None:
    # Event listeners run on Tauri's threads; several may add at once.
    def add_many(batcher: EventBatcher[Item], start: int) -> None:
        for item in items(1000, start=start):
            batcher.add(item)

    async with EventBatcher(TICKS, HANDLE, interval=0.005, max_pending=100_000) as batcher:
        threads = [threading.Thread(target=add_many, args=(batcher, n * 1000)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            await anyio.to_thread.run_sync(thread.join)

    assert sorted(emitted.items) == list(range(4000))
    for n in range(4):  # each thread's items keep their order
        mine = [i for i in emitted.items if n * 1000 <= i < (n + 1) * 1000]
        assert mine == sorted(mine)


@pytest.mark.anyio
async def test_nothing_is_emitted_while_nothing_happens(emitted: Emitted) -> None:
    async with EventBatcher(TICKS, HANDLE, interval=0.005):
        await anyio.sleep(0.05)

    assert emitted.calls == []


@pytest.mark.parametrize("limits", [{"max_pending": 0}, {"interval": 0}])
def test_event_batcher_limits_must_be_positive(limits: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="positive"):
        EventBatcher(TICKS, HANDLE, **limits)


class Progress(CamelModel):
    done_bytes: int


def test_messages_are_serialised_as_model_dump_json_would() -> None:
    # batching.to_json skips model_dump_json's overhead, not its rules: camelCase
    # aliases, and models whose validator is built only on first use.
    for model in [Progress(done_bytes=3), Item(index=1, text='é\n"')]:
        assert batching.to_json(model).decode() == model.model_dump_json()


def test_batches_of_root_models_serialise_as_their_value() -> None:
    # Message types like channels.Message (a RootModel[str]) batch as plain values.
    class Line(RootModel[str]):
        pass

    batch = ChannelBatch[Line](key=1, seq=2, messages=[Line("a"), Line("b")])

    assert json.loads(batch.model_dump_json()) == {"key": 1, "seq": 2, "messages": ["a", "b"]}
