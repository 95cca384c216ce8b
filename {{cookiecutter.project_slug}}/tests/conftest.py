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
    def __init__(self, payload: str) -> None:
        self.payload = payload


class FakeListener:
    """Records subscriptions like ``pytauri.Listener`` and delivers events to them."""

    def __init__(self) -> None:
        self.handlers: dict[int, tuple[str, Callable[[Event], None], bool]] = {}
        self.next_id = 1

    def _add(self, name: str, handler: Callable[[Event], None], once: bool) -> int:
        listener_id = self.next_id
        self.next_id += 1
        self.handlers[listener_id] = (name, handler, once)
        return listener_id

    def listen(self, _handle: object, name: str, handler: Callable[[Event], None]) -> int:
        return self._add(name, handler, once=False)

    def listen_any(self, _handle: object, name: str, handler: Callable[[Event], None]) -> int:
        return self._add(name, handler, once=False)

    def once(self, _handle: object, name: str, handler: Callable[[Event], None]) -> int:
        return self._add(name, handler, once=True)

    def unlisten(self, _handle: object, listener_id: int) -> None:
        del self.handlers[listener_id]

    def names(self) -> list[str]:
        return sorted(name for name, _, _ in self.handlers.values())

    def fire(self, name: str, payload: Any) -> None:
        """What the page's ``emit(name, payload)`` does: JSON text arrives."""
        self.fire_raw(name, json.dumps(payload))

    def fire_raw(self, name: str, payload: str) -> None:
        event = cast(Event, FakeEvent(payload))
        for listener_id, (heard, handler, once) in list(self.handlers.items()):
            if heard == name:
                if once:
                    del self.handlers[listener_id]
                handler(event)


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
    for method in ("listen", "listen_any", "once", "unlisten"):
        monkeypatch.setattr(Listener, method, getattr(fake, method))
    return fake


@pytest.fixture
def emitter(monkeypatch: pytest.MonkeyPatch) -> FakeEmitter:
    fake = FakeEmitter()
    for method in ("emit", "emit_to", "emit_filter"):
        monkeypatch.setattr(Emitter, method, getattr(fake, method))
    return fake
