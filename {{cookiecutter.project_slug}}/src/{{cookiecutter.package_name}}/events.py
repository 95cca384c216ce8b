"""Events: fire-and-forget messages, both ways, to any number of listeners.

Python -> page: ``Emitter.emit`` (every window), ``emit_to`` (one target) and
``emit_filter`` (targets a function picks). Page -> Python: ``Listener.listen``
(every time), ``once`` (first time only), ``listen_any`` (whatever the
target) and ``unlisten`` (stop).

Every Python handler is wrapped in ``guarded_handler``: an exception escaping
a listener would silently stop *all* Python listeners for good. Payloads are
plain JSON, so each handler validates its payload with pydantic first.

Page side: ``web/events.ts``.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from typing import Annotated, Literal

from pydantic import Field, ValidationError
from pytauri import (
    AppHandle,
    Commands,
    Emitter,
    Event,
    EventId,
    EventTarget,
    EventTargetType,
    Listener,
    Manager,
    State,
)

from .guards import guarded_command, guarded_handler
from .models import CamelModel

logger = logging.getLogger(__name__)

commands = Commands()

MAIN_WINDOW = "main"

# Event names, in one place. Page -> Python:
PAGE_MESSAGE = "page-message"
PAGE_READY = "page-ready"
# Python -> page:
PYTHON_NOTICE = "python-notice"
PYTHON_REPLY = "python-reply"


class PageMessage(CamelModel):
    text: str = Field(min_length=1, max_length=2000)


class Notice(CamelModel):
    text: str
    target: Literal["all", "main", "filter"]
    sent_at: str


class Reply(CamelModel):
    text: str
    ok: bool
    heard: int
    """How many page messages Python has heard so far."""


class PageEvents:
    """Python's listeners for page events, and what they have heard.

    Handlers run on Tauri worker threads while commands run on the async
    portal, so the counters and the listener id sit behind a lock.
    """

    def __init__(self, app_handle: AppHandle) -> None:
        self._app_handle = app_handle
        self._lock = threading.Lock()
        self._listener_id: EventId | None = None
        self.heard = 0
        self.seen_any = 0
        self.page_ready = False

    def start(self) -> None:
        Listener.once(self._app_handle, PAGE_READY, guarded_handler(self._on_page_ready))
        Listener.listen_any(self._app_handle, PAGE_MESSAGE, guarded_handler(self._on_any))
        self.set_listening(True)

    @property
    def listening(self) -> bool:
        with self._lock:
            return self._listener_id is not None

    def set_listening(self, enabled: bool) -> None:
        """Subscribe (``listen``) or unsubscribe (``unlisten``) the reply handler."""
        with self._lock:
            if enabled and self._listener_id is None:
                self._listener_id = Listener.listen(
                    self._app_handle, PAGE_MESSAGE, guarded_handler(self.on_page_message)
                )
            elif not enabled and self._listener_id is not None:
                Listener.unlisten(self._app_handle, self._listener_id)
                self._listener_id = None

    def on_page_message(self, event: Event) -> None:
        reply = self.reply_to(event.payload)
        Emitter.emit_to(self._app_handle, EventTarget.AnyLabel(MAIN_WINDOW), PYTHON_REPLY, reply)

    def reply_to(self, payload: str) -> Reply:
        """Validate a page message's JSON payload, count it, and build the reply."""
        try:
            message = PageMessage.model_validate_json(payload)
        except ValidationError as exc:
            return Reply(text=f"Invalid payload: {_first_error(exc)}", ok=False, heard=self.heard)
        with self._lock:
            self.heard += 1
            heard = self.heard
        return Reply(text=f"Python heard: {message.text}", ok=True, heard=heard)

    def _on_any(self, _event: Event) -> None:
        with self._lock:
            self.seen_any += 1

    def _on_page_ready(self, _event: Event) -> None:
        self.page_ready = True
        logger.info("the page said it is ready (a `once` listener: fires a single time)")


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "payload"
    return f"{where}: {error['msg']}"


def start_listening(app_handle: AppHandle) -> None:
    """Called once at setup: registers the listeners and manages them as state."""
    page_events = PageEvents(app_handle)
    Manager.manage(app_handle, page_events)
    page_events.start()


def is_main_window(target: EventTargetType) -> bool:
    """The ``emit_filter`` predicate: deliver only to the main webview window."""
    return isinstance(target, EventTarget.WebviewWindow) and target.label == MAIN_WINDOW


class NoticeRequest(CamelModel):
    text: str = Field(min_length=1, max_length=500)
    target: Literal["all", "main", "filter"]


@commands.command()
@guarded_command
async def send_notice(body: NoticeRequest, app_handle: AppHandle) -> None:
    """Emit ``python-notice`` to every window, to the main one, or by filter."""
    notice = Notice(
        text=body.text, target=body.target, sent_at=datetime.now(timezone.utc).isoformat()
    )
    if body.target == "all":
        Emitter.emit(app_handle, PYTHON_NOTICE, notice)
    elif body.target == "main":
        Emitter.emit_to(app_handle, EventTarget.AnyLabel(MAIN_WINDOW), PYTHON_NOTICE, notice)
    else:
        Emitter.emit_filter(app_handle, PYTHON_NOTICE, notice, is_main_window)


class ListeningRequest(CamelModel):
    enabled: bool


class ListenerStatus(CamelModel):
    listening: bool
    heard: int
    seen_any: int


@commands.command()
@guarded_command
async def set_listening(
    body: ListeningRequest, page_events: Annotated[PageEvents, State()]
) -> ListenerStatus:
    page_events.set_listening(body.enabled)
    return ListenerStatus(
        listening=page_events.listening, heard=page_events.heard, seen_any=page_events.seen_any
    )
