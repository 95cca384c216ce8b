"""Events: fire-and-forget messages, both ways, to any number of listeners.

The seed's events come first: Python emits ``data-updated`` to every window
(``notify_all``), ``notification`` to one window (``notify_window``) and
``alert`` to the windows a filter picks (``notify_filtered``); it listens to
``frontend-action`` (validated into ``FrontendMessage``), hears
``init-complete`` once and ``global-event`` whatever its target
(``SeedListeners``), and can unlisten. The forms to use at scale follow: a
conversation between page and Python (``page-message`` / ``python-reply``)
with a listener the page can switch off and on, and notices to a chosen target.

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

import itertools
import logging
import threading
from datetime import datetime, timezone
from typing import Annotated, Literal

from pydantic import Field, JsonValue, RootModel, ValidationError, WithJsonSchema
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
from pytauri.webview import WebviewWindow

from .plumbing.errors import readable
from .plumbing.guards import guarded_command
from .plumbing.models import CamelModel, StrictModel
from .plumbing.typed_events import Events

logger = logging.getLogger(__name__)

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

MAIN_WINDOW = "main"


# --- the seed's events: payloads as the seed writes them -----------------------


class DataUpdated(StrictModel):
    status: str
    count: int


class Notification(StrictModel):
    message: str


class Alert(StrictModel):
    priority: str


class FrontendMessage(StrictModel):
    action: str = Field(min_length=1, max_length=200)
    data: dict[str, Annotated[JsonValue, WithJsonSchema({})]]


class AnyPayload(RootModel[Annotated[JsonValue, WithJsonSchema({})]]):
    """Any JSON value, or none: the seed's page emits these without a payload."""


# --- the forms at scale --------------------------------------------------------


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
DATA_UPDATED = events.to_page("data-updated", DataUpdated)
"""To every window (``notify_all``)."""
NOTIFICATION = events.to_page("notification", Notification)
"""To one window: the one that asked (``notify_window``)."""
ALERT = events.to_page("alert", Alert)
"""To the windows a filter picks: the main one (``notify_filtered``)."""
FRONTEND_ACTION = events.to_python("frontend-action", FrontendMessage)
"""``{action, data}`` from the page; Python validates it before it counts."""
INIT_COMPLETE = events.to_python("init-complete", AnyPayload)
"""The page has initialised (Python hears it ``once``)."""
GLOBAL_EVENT = events.to_python("global-event", AnyPayload)
"""Heard with ``listen_any``: whatever window or target it was emitted to."""
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


class SeedHeard(StrictModel):
    frontend_actions: int
    last_action: FrontendMessage | None
    invalid_actions: int
    last_error: str | None
    """The last invalid ``frontend-action``, one line per wrong field."""
    init_complete: int
    """How many ``init-complete`` events were heard: at most 1 (``once``)."""
    global_events: int
    listening: bool
    """Whether the ``frontend-action`` listener is still subscribed."""


class SeedListeners:
    """The seed's ``setup_listeners``: what Python hears, counted for the page.

    Handlers run on Tauri worker threads, so the counts sit behind a lock.
    """

    def __init__(self, app_handle: AppHandle) -> None:
        self._app_handle = app_handle
        self._lock = threading.Lock()
        self._action_listener: EventId | None = None
        self._heard = SeedHeard(
            frontend_actions=0,
            last_action=None,
            invalid_actions=0,
            last_error=None,
            init_complete=0,
            global_events=0,
            listening=False,
        )

    def start(self) -> None:
        with self._lock:
            self._action_listener = FRONTEND_ACTION.listen(
                self._app_handle, self._on_action, on_invalid=self._on_invalid_action
            )
            self._heard.listening = True
        INIT_COMPLETE.once(self._app_handle, lambda _: self._count("init_complete"))
        GLOBAL_EVENT.listen_any(self._app_handle, lambda _: self._count("global_events"))

    def unlisten(self) -> bool:
        """``Listener.unlisten`` the ``frontend-action`` handler; False if it was not listening."""
        with self._lock:
            if self._action_listener is None:
                return False
            Listener.unlisten(self._app_handle, self._action_listener)
            self._action_listener = None
            self._heard.listening = False
            return True

    def heard(self) -> SeedHeard:
        with self._lock:
            return self._heard.model_copy()

    def _on_action(self, message: FrontendMessage) -> None:
        logger.info("frontend-action %r with %d data key(s)", message.action, len(message.data))
        with self._lock:
            self._heard.frontend_actions += 1
            self._heard.last_action = message

    def _on_invalid_action(self, error: ValidationError) -> None:
        with self._lock:
            self._heard.invalid_actions += 1
            self._heard.last_error = readable(error, root="payload")

    def _count(self, name: Literal["init_complete", "global_events"]) -> None:
        with self._lock:
            setattr(self._heard, name, getattr(self._heard, name) + 1)


_updates = itertools.count(1)


@commands.command()
@guarded_command
async def notify_all(app_handle: AppHandle) -> None:
    """``data-updated`` to every window; ``count`` says how many were sent."""
    DATA_UPDATED.emit(app_handle, DataUpdated(status="updated", count=next(_updates)))


@commands.command()
@guarded_command
async def notify_window(webview_window: WebviewWindow) -> None:
    """``notification`` to the window that asked, and to no other."""
    target = EventTarget.AnyLabel(webview_window.label())
    NOTIFICATION.emit_to(webview_window, target, Notification(message="Hello from backend"))


@commands.command()
@guarded_command
async def notify_filtered(app_handle: AppHandle) -> None:
    """``alert`` to the windows ``is_main_window`` picks."""
    ALERT.emit_filter(app_handle, Alert(priority="high"), is_main_window)


@commands.command()
@guarded_command
async def seed_events_heard(seed: Annotated[SeedListeners, State()]) -> SeedHeard:
    """What the seed's listeners have heard so far."""
    return seed.heard()


@commands.command()
@guarded_command
async def unlisten_frontend_action(seed: Annotated[SeedListeners, State()]) -> bool:
    """Stop hearing ``frontend-action``; answers whether it was heard until now."""
    return seed.unlisten()


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
        text = f"Invalid payload: {readable(error, root='payload')}"
        self._reply(Reply(text=text, ok=False, heard=heard))

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


def start_listening(app_handle: AppHandle) -> None:
    """Called once at setup: registers the listeners and manages them as state."""
    seed = SeedListeners(app_handle)
    Manager.manage(app_handle, seed)
    seed.start()
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
