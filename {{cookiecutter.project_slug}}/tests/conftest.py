"""Fixtures shared by the unit tests (the end-to-end tests have their own in e2e/).

Every bake keeps this file, and an example's module leaves with its example:
nothing here may import one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, cast

import pytest
from pydantic import BaseModel
from pytauri import Emitter, Event, EventTargetType, Listener


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (``@pytest.mark.anyio``) run on asyncio, as the app's portal does."""
    return "asyncio"


# --- pytauri's Listener and Emitter, recorded ---------------------------------
# Both need a running app. The fixtures swap their methods (on the classes, so
# every module that imported them sees the fakes) for recorders: the tests
# check what is asked of them, and feed events to the handlers registered.
# mypy sees the fakes' types through `if TYPE_CHECKING: from conftest import ...`.


class FakeEvent:
    def __init__(self, payload: str, listener_id: int) -> None:
        self.payload = payload
        self.id = listener_id


class FakeListener:
    """Records subscriptions like ``pytauri.Listener`` and delivers events to them.

    No ``once``: the app's one-shot listeners are built on ``listen`` (see
    ``typed_events.ToPython.once``), so a unit test that reaches Tauri's own
    ``once`` fails for want of a running app.
    """

    def __init__(self) -> None:
        self.handlers: dict[int, tuple[str, Callable[[Event], None]]] = {}
        self.next_id = 1

    def listen(self, _handle: object, name: str, handler: Callable[[Event], None]) -> int:
        listener_id = self.next_id
        self.next_id += 1
        self.handlers[listener_id] = (name, handler)
        return listener_id

    listen_any = listen

    def unlisten(self, _handle: object, listener_id: int) -> None:
        del self.handlers[listener_id]

    def names(self) -> list[str]:
        return sorted(name for name, _ in self.handlers.values())

    def fire(self, name: str, payload: Any) -> None:
        """What the page's ``emit(name, payload)`` does: JSON text arrives."""
        self.fire_raw(name, json.dumps(payload))

    def fire_raw(self, name: str, payload: str) -> None:
        for listener_id, (heard, handler) in list(self.handlers.items()):
            if heard == name and listener_id in self.handlers:
                handler(cast(Event, FakeEvent(payload, listener_id)))


class FakeEmitter:
    """Records what ``pytauri.Emitter`` is asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Any, str, BaseModel]] = []
        self.fail = False

    def emit(self, _handle: object, name: str, payload: BaseModel) -> None:
        self.sent.append(("emit", None, name, payload))

    def emit_to(
        self, _handle: object, target: EventTargetType, name: str, payload: BaseModel
    ) -> None:
        if self.fail:
            raise RuntimeError("the window is gone")
        self.sent.append(("emit_to", target, name, payload))

    def emit_filter(
        self,
        _handle: object,
        name: str,
        payload: BaseModel,
        predicate: Callable[[EventTargetType], bool],
    ) -> None:
        self.sent.append(("emit_filter", predicate, name, payload))


@pytest.fixture
def listener(monkeypatch: pytest.MonkeyPatch) -> FakeListener:
    fake = FakeListener()
    for method in ("listen", "listen_any", "unlisten"):
        monkeypatch.setattr(Listener, method, getattr(fake, method))
    return fake


@pytest.fixture
def emitter(monkeypatch: pytest.MonkeyPatch) -> FakeEmitter:
    fake = FakeEmitter()
    for method in ("emit", "emit_to", "emit_filter"):
        monkeypatch.setattr(Emitter, method, getattr(fake, method))
    return fake
