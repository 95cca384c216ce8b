"""Streams that can be stopped from outside: by the page, a closed window, or time.

A channel whose page reloaded or whose window closed keeps accepting messages
without error: Python cannot tell the receiver is gone. So every stream runs
inside ``streams.open(stream_id, max_seconds, window=label)``, a cancel
scope that ``streams.stop(stream_id)`` (a stop button),
``streams.stop_window(label)`` (that window was destroyed) or the deadline
ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
from pytauri.ipc import InvokeException

MAX_STREAM_SECONDS = 120.0
"""A stream nobody stopped ends after this, so a forgotten one cannot leak."""


class StreamRegistry:
    """The running streams by id, so they can be stopped from outside.

    Only touched from the async portal's thread (commands run there; the app
    reaches it through ``portal.call``), so it needs no lock.
    """

    def __init__(self) -> None:
        self._scopes: dict[str, anyio.CancelScope] = {}
        self._windows: dict[str, str | None] = {}
        """Stream id -> the label of the window it streams to."""

    @contextmanager
    def open(
        self,
        stream_id: str | None = None,
        max_seconds: float = MAX_STREAM_SECONDS,
        window: str | None = None,
    ) -> Iterator[anyio.CancelScope]:
        """Run a stream under ``stream_id`` (a fresh one if None) until it ends or is stopped.

        ``window``: the label of the window it streams to, which stops it on closing.
        """
        stream_id = stream_id or uuid.uuid4().hex
        if stream_id in self._scopes:
            raise InvokeException(f"Stream {stream_id!r} is already running.")
        with anyio.CancelScope(deadline=anyio.current_time() + max_seconds) as scope:
            self._scopes[stream_id] = scope
            self._windows[stream_id] = window
            try:
                yield scope
            finally:
                del self._scopes[stream_id]
                del self._windows[stream_id]

    def stop(self, stream_id: str) -> bool:
        """Stop one stream; False if none runs under that id."""
        scope = self._scopes.get(stream_id)
        if scope is not None:
            scope.cancel()
        return scope is not None

    def stop_window(self, label: str) -> int:
        """Stop every stream to one window (it is gone); return how many ran."""
        doomed = [stream for stream, window in self._windows.items() if window == label]
        for stream_id in doomed:
            self._scopes[stream_id].cancel()
        return len(doomed)

    def __len__(self) -> int:
        return len(self._scopes)


streams = StreamRegistry()
"""The app's one registry: the channels and chat examples run their streams in it."""
