"""Typed events: each event declared once, with its name, payload model and direction.

A module declares its events in an ``Events`` table, as it declares its
commands in a ``Commands`` table::

    events = Events()
    PAGE_MESSAGE = events.to_python("page-message", PageMessage)
    PYTHON_REPLY = events.to_page("python-reply", Reply)

Python then sends and hears events only through these objects:

* ``PYTHON_REPLY.emit(app_handle, reply)`` accepts only a ``Reply`` (mypy
  checks it), so the page always receives the declared shape;
* ``PAGE_MESSAGE.listen(app_handle, on_message)`` validates each payload into
  a ``PageMessage`` before ``on_message`` sees it; an invalid payload goes to
  ``on_invalid`` instead. Every handler is guarded: an exception escaping a
  Tauri listener would silently stop *every* Python listener for good.

The names and models are plain data, so the page's side can be written from
the same declarations.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pytauri import (
    Emitter,
    Event,
    EventId,
    EventTargetType,
    ImplEmitter,
    ImplListener,
    Listener,
)

from .guards import guarded_handler

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

EVENT_NAME = re.compile(r"[A-Za-z0-9/:_-]+")
"""What Tauri accepts as an event name (anything else panics at runtime)."""


@dataclass(frozen=True)
class ToPage(Generic[M]):
    """An event Python emits and the page listens to."""

    name: str
    model: type[M]

    def emit(self, emitter: ImplEmitter, payload: M) -> None:
        """Send to every window (and to Python's own listeners)."""
        Emitter.emit(emitter, self.name, payload)

    def emit_to(self, emitter: ImplEmitter, target: EventTargetType, payload: M) -> None:
        """Send to one target, e.g. ``EventTarget.AnyLabel("main")``."""
        Emitter.emit_to(emitter, target, self.name, payload)

    def emit_filter(
        self, emitter: ImplEmitter, payload: M, predicate: Callable[[EventTargetType], bool]
    ) -> None:
        """Send to every target ``predicate`` accepts."""
        Emitter.emit_filter(emitter, self.name, payload, predicate)


@dataclass(frozen=True)
class ToPython(Generic[M]):
    """An event the page emits and Python listens to."""

    name: str
    model: type[M]

    def handler(
        self,
        on_payload: Callable[[M], object],
        on_invalid: Callable[[ValidationError], object] | None = None,
    ) -> Callable[[Event], None]:
        """A guarded Tauri handler that hands ``on_payload`` a validated model.

        A payload that does not fit the model goes to ``on_invalid`` (by
        default it is logged and dropped).
        """

        def handle(event: Event) -> None:
            try:
                payload = self.model.model_validate_json(event.payload)
            except ValidationError as error:
                if on_invalid is None:
                    logger.warning("dropped an invalid %r event: %s", self.name, error)
                else:
                    on_invalid(error)
                return
            on_payload(payload)

        handle.__name__ = getattr(on_payload, "__name__", handle.__name__)  # for the log
        return guarded_handler(handle)

    def listen(
        self,
        listener: ImplListener,
        on_payload: Callable[[M], object],
        on_invalid: Callable[[ValidationError], object] | None = None,
    ) -> EventId:
        """Hear this event every time it is emitted to ``listener``'s target."""
        return Listener.listen(listener, self.name, self.handler(on_payload, on_invalid))

    def once(
        self,
        listener: ImplListener,
        on_payload: Callable[[M], object],
        on_invalid: Callable[[ValidationError], object] | None = None,
    ) -> EventId:
        """Hear this event the next time only.

        Not Tauri's own ``Listener.once``: when two emits of the event arrive
        together (a page reloaded while Python handles the first), Tauri
        calls its once-handler a second time, panics, and no Python listener
        ever fires again. This one listens, lets the first event through and
        unlistens itself; an event that slips in meanwhile is ignored.
        """
        handle = self.handler(on_payload, on_invalid)
        first = threading.Lock()  # taken by the first event, never released

        def first_only(event: Event) -> None:
            if first.acquire(blocking=False):
                Listener.unlisten(listener, event.id)  # event.id is this listener's id
                handle(event)

        first_only.__name__ = handle.__name__  # for the log
        return Listener.listen(listener, self.name, guarded_handler(first_only))

    def listen_any(
        self,
        listener: ImplListener,
        on_payload: Callable[[M], object],
        on_invalid: Callable[[ValidationError], object] | None = None,
    ) -> EventId:
        """Hear this event whatever its target."""
        return Listener.listen_any(listener, self.name, self.handler(on_payload, on_invalid))


AnyEvent = ToPage[Any] | ToPython[Any]


class Events:
    """The events one module declares, by name; each name is declared once."""

    def __init__(self) -> None:
        self._declared: dict[str, AnyEvent] = {}

    def to_page(self, name: str, model: type[M]) -> ToPage[M]:
        """Declare an event Python sends to the page."""
        event = ToPage(name, model)
        self._add(event)
        return event

    def to_python(self, name: str, model: type[M]) -> ToPython[M]:
        """Declare an event the page sends to Python."""
        event = ToPython(name, model)
        self._add(event)
        return event

    def _add(self, event: AnyEvent) -> None:
        if not EVENT_NAME.fullmatch(event.name):
            raise ValueError(
                f"event name {event.name!r} may only hold letters, digits, '-', '/', ':' and '_'"
            )
        if event.name in self._declared:
            raise ValueError(f"event {event.name!r} is declared twice")
        if not (isinstance(event.model, type) and issubclass(event.model, BaseModel)):
            raise TypeError(f"the payload of event {event.name!r} must be a pydantic model")
        self._declared[event.name] = event

    def __iter__(self) -> Iterator[AnyEvent]:
        return iter(self._declared.values())

    def __len__(self) -> int:
        return len(self._declared)
