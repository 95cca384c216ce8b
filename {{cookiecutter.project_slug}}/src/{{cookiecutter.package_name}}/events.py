"""Events: fire-and-forget messages, both ways, to any number of listeners.

Every event is declared once below, in the ``events`` table: its name, its
payload model and its direction. Python -> page: ``emit`` (every window),
``emit_to`` (one target) and ``emit_filter`` (targets a function picks).
Page -> Python: ``listen`` (every time), ``once`` (first time only),
``listen_any`` (whatever the target) and ``Listener.unlisten`` (stop).

Python emits only the declared model, and each listener receives the payload
already validated into it (``typed_events``); every handler is guarded, as
an exception escaping a listener would silently stop *all* Python listeners.

Page side: ``web/events.{{ cookiecutter.__page_ext }}``.
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
    EventId,
    EventTarget,
    EventTargetType,
    Listener,
    Manager,
    State,
)

from .guards import guarded_command
from .models import CamelModel
from .typed_events import Events

logger = logging.getLogger(__name__)

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

MAIN_WINDOW = "main"


class PageMessage(CamelModel):
    text: str = Field(min_length=1, max_length=2000)


class PageReady(CamelModel):
    url: str = Field(max_length=2000)
    """Where the page was loaded from: the built files, or Vite in dev mode."""


class RaiseRequest(CamelModel):
    """No fields: the event itself is the request."""


class Notice(CamelModel):
    text: str
    target: Literal["all", "main", "filter"]
    sent_at: str
    """When Python sent it (ISO 8601, UTC)."""


class Reply(CamelModel):
    text: str
    ok: bool
    heard: int
    """How many page messages Python has heard so far."""


# Every event, in one place: name, payload model, direction.
events = Events()
PAGE_MESSAGE = events.to_python("page-message", PageMessage)
"""The page sends a line of text; Python answers with ``PYTHON_REPLY``."""
PAGE_READY = events.to_python("page-ready", PageReady)
"""The page has mounted its panels (Python hears it ``once``)."""
PAGE_RAISE = events.to_python("page-raise", RaiseRequest)
"""Makes a Python listener raise on purpose, to show the guard at work."""
PYTHON_NOTICE = events.to_page("python-notice", Notice)
"""A notice the page asked Python to send (``send_notice``)."""
PYTHON_REPLY = events.to_page("python-reply", Reply)
"""Python's answer to each ``PAGE_MESSAGE``, valid or not."""


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
        PAGE_READY.once(self._app_handle, self._on_page_ready)
        PAGE_RAISE.listen(self._app_handle, self.on_raise_request)
        # listen_any also hears messages emitted to a particular target.
        PAGE_MESSAGE.listen_any(self._app_handle, self._count_any, on_invalid=self._count_any)
        self.set_listening(True)

    @property
    def listening(self) -> bool:
        with self._lock:
            return self._listener_id is not None

    def set_listening(self, enabled: bool) -> None:
        """Subscribe (``listen``) or unsubscribe (``unlisten``) the reply handler."""
        with self._lock:
            if enabled and self._listener_id is None:
                self._listener_id = PAGE_MESSAGE.listen(
                    self._app_handle, self.on_page_message, on_invalid=self.on_invalid_message
                )
            elif not enabled and self._listener_id is not None:
                Listener.unlisten(self._app_handle, self._listener_id)
                self._listener_id = None

    def on_page_message(self, message: PageMessage) -> None:
        self._reply(self.reply_to(message))

    def on_invalid_message(self, error: ValidationError) -> None:
        with self._lock:
            heard = self.heard
        self._reply(Reply(text=f"Invalid payload: {_first_error(error)}", ok=False, heard=heard))

    def reply_to(self, message: PageMessage) -> Reply:
        """Count a valid page message and build the reply."""
        with self._lock:
            self.heard += 1
            heard = self.heard
        return Reply(text=f"Python heard: {message.text}", ok=True, heard=heard)

    def on_raise_request(self, _request: RaiseRequest) -> None:
        # Unguarded, this would panic inside Tauri and silence every Python
        # listener for good; the guard logs it and later events still arrive.
        raise RuntimeError("this listener raised on purpose")

    def _reply(self, reply: Reply) -> None:
        PYTHON_REPLY.emit_to(self._app_handle, EventTarget.AnyLabel(MAIN_WINDOW), reply)

    def _count_any(self, _message: object) -> None:
        with self._lock:
            self.seen_any += 1

    def _on_page_ready(self, ready: PageReady) -> None:
        self.page_ready = True
        logger.info("the page at %s is ready (a `once` listener: fires a single time)", ready.url)


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
        PYTHON_NOTICE.emit(app_handle, notice)
    elif body.target == "main":
        PYTHON_NOTICE.emit_to(app_handle, EventTarget.AnyLabel(MAIN_WINDOW), notice)
    else:
        PYTHON_NOTICE.emit_filter(app_handle, notice, is_main_window)


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
