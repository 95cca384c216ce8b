"""Unit tests for streams.py: streams that the page, a closed window or time can stop.

Each test uses a registry of its own; the app's one (``streams``) is checked
by the tests of the examples that run streams in it.
"""

from __future__ import annotations

import anyio
import pytest
from pytauri.ipc import InvokeException

from {{ cookiecutter.package_name }}.plumbing.streams import (
    MAX_STREAM_SECONDS,
    StreamRegistry,
    streams,
)

WAIT_LIMIT_S = 5.0
"""No test may hang: every wait gives up after this."""


@pytest.mark.anyio
async def test_registry_tracks_an_open_stream() -> None:
    registry = StreamRegistry()

    with registry.open("a", max_seconds=60) as scope:
        assert len(registry) == 1
        assert not scope.cancel_called

    assert len(registry) == 0


@pytest.mark.anyio
async def test_a_stream_without_an_id_gets_a_fresh_one() -> None:
    registry = StreamRegistry()

    with registry.open(window="main") as first, registry.open(window="main") as second:
        assert len(registry) == 2  # two anonymous streams do not collide
        assert registry.stop_window("main") == 2
        await anyio.sleep(0)

    assert first.cancel_called
    assert second.cancel_called
    assert len(registry) == 0


@pytest.mark.anyio
async def test_the_default_deadline_is_max_stream_seconds() -> None:
    registry = StreamRegistry()

    with registry.open("a") as scope:
        remaining = scope.deadline - anyio.current_time()

    assert MAX_STREAM_SECONDS - 1 < remaining <= MAX_STREAM_SECONDS


@pytest.mark.anyio
async def test_registry_rejects_a_duplicate_id() -> None:
    registry = StreamRegistry()

    with registry.open("a", max_seconds=60):
        with pytest.raises(InvokeException) as raised, registry.open("a", max_seconds=60):
            pass
        assert "'a'" in raised.value.value
        assert "already running" in raised.value.value
        assert len(registry) == 1  # the first stream is untouched

    assert len(registry) == 0


@pytest.mark.anyio
async def test_registry_stop_cancels_only_that_stream() -> None:
    registry = StreamRegistry()

    with registry.open("a", max_seconds=60) as a, registry.open("b", max_seconds=60) as b:
        assert registry.stop("a") is True
        assert a.cancel_called
        assert not b.cancel_called
        await anyio.sleep(0)  # a checkpoint: the cancelled scope exits here

    assert a.cancelled_caught
    assert len(registry) == 0


def test_registry_stop_of_an_unknown_id_is_false() -> None:
    assert StreamRegistry().stop("nobody") is False


@pytest.mark.anyio
async def test_registry_deadline_ends_a_forgotten_stream() -> None:
    registry = StreamRegistry()

    with anyio.fail_after(WAIT_LIMIT_S), registry.open("a", max_seconds=0.05) as scope:
        await anyio.sleep_forever()

    assert scope.cancelled_caught
    assert len(registry) == 0


@pytest.mark.anyio
async def test_registry_forgets_a_stream_that_failed() -> None:
    registry = StreamRegistry()

    with pytest.raises(RuntimeError), registry.open("a", max_seconds=60):
        raise RuntimeError("the model client broke")

    assert len(registry) == 0
    with registry.open("a", max_seconds=60):  # the id is free again
        pass


@pytest.mark.anyio
async def test_a_stopped_stream_frees_its_id() -> None:
    registry = StreamRegistry()

    with registry.open("a", max_seconds=60):
        registry.stop("a")
        await anyio.sleep(0)

    with registry.open("a", max_seconds=60) as again:  # a new stream under the same id
        assert not again.cancel_called


def test_the_app_has_one_registry() -> None:
    assert isinstance(streams, StreamRegistry)
    assert len(streams) == 0


@pytest.mark.anyio
async def test_registry_stop_window_cancels_only_that_windows_streams() -> None:
    # A closed window's streams stop; another window's go on.
    registry = StreamRegistry()
    with registry.open("other", window="main") as other:
        with registry.open("a", window="window-2") as a, registry.open("b", window="window-2") as b:
            assert registry.stop_window("window-2") == 2
            assert (a.cancel_called, b.cancel_called) == (True, True)
            await anyio.sleep(0)
        assert not other.cancel_called
        assert registry.stop_window("window-2") == 0  # nothing left there
    assert len(registry) == 0
