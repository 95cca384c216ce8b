"""Unit tests for events.py: page events in, Python events out.

The runtime's ``Listener`` and ``Emitter`` need a running app, so each test
swaps them for recorders (in events.py and in typed_events.py, which calls
them): the tests check what is asked of them, and feed events to the
handlers events.py registered.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar, cast

import pytest
from pydantic import BaseModel, ValidationError
from pytauri import AppHandle, Event, EventTarget, EventTargetType
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }} import events
from {{ cookiecutter.package_name }}.events import (
    ALERT,
    DATA_UPDATED,
    FRONTEND_ACTION,
    GLOBAL_EVENT,
    INIT_COMPLETE,
    MAIN_WINDOW,
    NOTIFICATION,
    PAGE_MESSAGE,
    PAGE_RAISE,
    PAGE_READY,
    PYTHON_NOTICE,
    PYTHON_REPLY,
    Alert,
    AnyPayload,
    DataUpdated,
    FrontendMessage,
    ListenerStatus,
    ListeningRequest,
    Notice,
    NoticeRequest,
    Notification,
    PageEvents,
    PageMessage,
    PageReady,
    Reply,
    SeedHeard,
    SeedListeners,
    is_main_window,
)
from {{ cookiecutter.package_name }}.plumbing import typed_events
from {{ cookiecutter.package_name }}.plumbing.typed_events import ToPage, ToPython

# pytauri's `@commands.command()` hides a command's signature from mypy (its
# TypeVar uses `infer_variance`, which mypy does not support), so the tests
# restate the signatures they call.
notify_all: Callable[[AppHandle], Awaitable[None]] = events.notify_all
notify_window: Callable[[WebviewWindow], Awaitable[None]] = events.notify_window
notify_filtered: Callable[[AppHandle], Awaitable[None]] = events.notify_filtered
seed_events_heard: Callable[[SeedListeners], Awaitable[SeedHeard]] = events.seed_events_heard
unlisten_frontend_action: Callable[[SeedListeners], Awaitable[bool]] = (
    events.unlisten_frontend_action
)
send_notice: Callable[[NoticeRequest, AppHandle], Awaitable[None]] = events.send_notice
set_listening: Callable[[ListeningRequest, PageEvents], Awaitable[ListenerStatus]] = (
    events.set_listening
)

T = TypeVar("T")

APP_HANDLE = cast(AppHandle, object())


# --- fakes ------------------------------------------------------------------


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


class FakeManager:
    managed: dict[type, object]

    @classmethod
    def manage(cls, _handle: object, value: object) -> bool:
        cls.managed[type(value)] = value
        return True

    @classmethod
    def state(cls, _handle: object, state_type: type[T]) -> T:
        return cast(T, cls.managed[state_type])


@pytest.fixture
def listener(monkeypatch: pytest.MonkeyPatch) -> FakeListener:
    fake = FakeListener()
    monkeypatch.setattr(events, "Listener", fake)
    monkeypatch.setattr(typed_events, "Listener", fake)
    return fake


@pytest.fixture
def emitter(monkeypatch: pytest.MonkeyPatch) -> FakeEmitter:
    fake = FakeEmitter()
    monkeypatch.setattr(typed_events, "Emitter", fake)
    return fake


def page_events() -> PageEvents:
    return PageEvents(APP_HANDLE)


# --- the declarations --------------------------------------------------------


def test_every_event_is_declared_once_with_its_direction_and_model() -> None:
    declared = {event.name: event for event in events.events}

    assert declared == {
        "data-updated": DATA_UPDATED,
        "notification": NOTIFICATION,
        "alert": ALERT,
        "frontend-action": FRONTEND_ACTION,
        "init-complete": INIT_COMPLETE,
        "global-event": GLOBAL_EVENT,
        "page-message": PAGE_MESSAGE,
        "page-ready": PAGE_READY,
        "page-raise": PAGE_RAISE,
        "python-notice": PYTHON_NOTICE,
        "python-reply": PYTHON_REPLY,
    }
    assert (type(DATA_UPDATED), DATA_UPDATED.model) == (ToPage, DataUpdated)
    assert (type(NOTIFICATION), NOTIFICATION.model) == (ToPage, Notification)
    assert (type(ALERT), ALERT.model) == (ToPage, Alert)
    assert (type(FRONTEND_ACTION), FRONTEND_ACTION.model) == (ToPython, FrontendMessage)
    assert (type(INIT_COMPLETE), INIT_COMPLETE.model) == (ToPython, AnyPayload)
    assert (type(GLOBAL_EVENT), GLOBAL_EVENT.model) == (ToPython, AnyPayload)
    assert (type(PAGE_MESSAGE), PAGE_MESSAGE.model) == (ToPython, PageMessage)
    assert (type(PAGE_READY), PAGE_READY.model) == (ToPython, PageReady)
    assert (type(PYTHON_NOTICE), PYTHON_NOTICE.model) == (ToPage, Notice)
    assert (type(PYTHON_REPLY), PYTHON_REPLY.model) == (ToPage, Reply)


# --- the seed's events: Python -> page ------------------------------------------


class FakeWebviewWindow:
    """What ``notify_window`` reads of the calling window: its label."""

    def __init__(self, label: str) -> None:
        self._label = label

    def label(self) -> str:
        return self._label


def wire(payload: BaseModel) -> Any:
    """The payload as the page receives it (pytauri sends ``model_dump_json()``)."""
    return json.loads(payload.model_dump_json())


@pytest.mark.anyio
async def test_notify_all_emits_data_updated_to_every_window(emitter: FakeEmitter) -> None:
    await notify_all(APP_HANDLE)
    await notify_all(APP_HANDLE)

    [(kind, _, name, first), (_, _, _, second)] = emitter.sent
    assert (kind, name) == ("emit", "data-updated")
    assert wire(first)["status"] == "updated"
    assert set(wire(first)) == {"status", "count"}
    assert wire(second)["count"] == wire(first)["count"] + 1  # counts the updates sent


@pytest.mark.anyio
async def test_notify_window_emits_notification_to_the_calling_window_only(
    emitter: FakeEmitter,
) -> None:
    calling = FakeWebviewWindow("settings")

    await notify_window(cast(WebviewWindow, calling))

    [(kind, target, name, payload)] = emitter.sent
    assert (kind, name) == ("emit_to", "notification")
    assert isinstance(target, EventTarget.AnyLabel)
    assert target.label == "settings"
    assert wire(payload) == {"message": "Hello from backend"}


@pytest.mark.anyio
async def test_notify_filtered_emits_alert_to_the_main_window(emitter: FakeEmitter) -> None:
    await notify_filtered(APP_HANDLE)

    [(kind, predicate, name, payload)] = emitter.sent
    assert (kind, name) == ("emit_filter", "alert")
    assert predicate is is_main_window
    assert wire(payload) == {"priority": "high"}


# --- the seed's events: page -> Python ------------------------------------------


@pytest.fixture
def seed(listener: FakeListener) -> SeedListeners:
    listeners = SeedListeners(APP_HANDLE)
    listeners.start()
    return listeners


def test_seed_listeners_subscribe_listen_once_and_listen_any(
    listener: FakeListener, seed: SeedListeners
) -> None:
    assert listener.names() == sorted(["frontend-action", "init-complete", "global-event"])
    kinds = {name: once for name, _, once in listener.handlers.values()}
    assert kinds == {"frontend-action": False, "init-complete": True, "global-event": False}
    assert seed.heard().listening


def test_seed_listeners_start_with_nothing_heard(seed: SeedListeners) -> None:
    assert seed.heard() == SeedHeard(
        frontend_actions=0,
        last_action=None,
        invalid_actions=0,
        last_error=None,
        init_complete=0,
        global_events=0,
        listening=True,
    )


def test_a_frontend_action_is_validated_and_counted(
    listener: FakeListener, seed: SeedListeners
) -> None:
    listener.fire("frontend-action", {"action": "save", "data": {"key": "value"}})
    listener.fire("frontend-action", {"action": "load", "data": {"n": [1, None]}})

    heard = seed.heard()
    assert heard.frontend_actions == 2
    assert heard.last_action == FrontendMessage(action="load", data={"n": [1, None]})
    assert heard.invalid_actions == 0


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"data": {}}, "action: Field required"),
        ({"action": "", "data": {}}, "action: String should have at least 1 character"),
        ({"action": "save", "data": []}, "data: Input should be an object"),
        ({"action": "save", "data": {}, "extra": 1}, "extra: Extra inputs are not permitted"),
        ("just a string", "payload: Input should be an object"),
    ],
    ids=["no-action", "empty-action", "data-not-object", "extra-field", "not-an-object"],
)
def test_an_invalid_frontend_action_is_counted_with_a_readable_error(
    listener: FakeListener, seed: SeedListeners, payload: Any, error: str
) -> None:
    listener.fire("frontend-action", {"action": "save", "data": {}})

    listener.fire("frontend-action", payload)

    heard = seed.heard()
    assert heard.frontend_actions == 1  # not counted as heard
    assert heard.last_action == FrontendMessage(action="save", data={})
    assert heard.invalid_actions == 1
    assert heard.last_error == error


def test_init_complete_is_heard_once(listener: FakeListener, seed: SeedListeners) -> None:
    listener.fire_raw("init-complete", "null")  # the seed's page emits it without a payload
    listener.fire_raw("init-complete", "null")

    assert seed.heard().init_complete == 1
    assert "init-complete" not in listener.names()


def test_global_event_is_heard_every_time_whatever_its_payload(
    listener: FakeListener, seed: SeedListeners
) -> None:
    listener.fire("global-event", {"from": "page"})
    listener.fire_raw("global-event", "null")
    listener.fire("global-event", [1, "two"])

    assert seed.heard().global_events == 3


def test_unlisten_stops_hearing_frontend_action(
    listener: FakeListener, seed: SeedListeners
) -> None:
    listener.fire("frontend-action", {"action": "save", "data": {}})

    assert seed.unlisten() is True
    listener.fire("frontend-action", {"action": "save", "data": {}})
    assert seed.unlisten() is False  # already unlistened

    heard = seed.heard()
    assert heard.frontend_actions == 1
    assert not heard.listening
    assert "frontend-action" not in listener.names()
    assert "global-event" in listener.names()  # the other listeners stay


def test_unlisten_before_start_is_false() -> None:
    assert SeedListeners(APP_HANDLE).unlisten() is False


def test_heard_is_a_copy(listener: FakeListener, seed: SeedListeners) -> None:
    before = seed.heard()

    listener.fire("global-event", {})

    assert before.global_events == 0
    assert seed.heard().global_events == 1


def test_seed_counting_is_thread_safe(listener: FakeListener, seed: SeedListeners) -> None:
    threads, per_thread = 8, 200
    start = threading.Barrier(threads)

    def work() -> None:
        start.wait()
        for _ in range(per_thread):
            listener.fire("global-event", {})

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()

    assert seed.heard().global_events == threads * per_thread


@pytest.mark.anyio
async def test_seed_events_heard_answers_snake_case(
    listener: FakeListener, seed: SeedListeners
) -> None:
    listener.fire("frontend-action", {"action": "save", "data": {"key": "value"}})
    listener.fire("frontend-action", {"action": 1, "data": {}})
    listener.fire_raw("init-complete", "null")
    listener.fire("global-event", {"from": "page"})

    heard = await seed_events_heard(seed)

    assert wire(heard) == {
        "frontend_actions": 1,
        "last_action": {"action": "save", "data": {"key": "value"}},
        "invalid_actions": 1,
        "last_error": "action: Input should be a valid string",
        "init_complete": 1,
        "global_events": 1,
        "listening": True,
    }


@pytest.mark.anyio
async def test_unlisten_frontend_action_is_true_the_first_time(
    listener: FakeListener, seed: SeedListeners
) -> None:
    assert await unlisten_frontend_action(seed) is True
    assert await unlisten_frontend_action(seed) is False
    assert not (await seed_events_heard(seed)).listening


# --- the reply to a page message --------------------------------------------


def test_a_valid_message_is_counted_and_echoed() -> None:
    listeners = page_events()

    first = listeners.reply_to(PageMessage(text="hello"))
    second = listeners.reply_to(PageMessage(text="again"))

    assert first.ok
    assert "hello" in first.text
    assert (first.heard, second.heard) == (1, 2)
    assert listeners.heard == 2


@pytest.mark.usefixtures("emitter")
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ("not json", None),
        ('"just a string"', None),
        ("null", None),
        ("{}", "text"),
        ('{"text": ""}', "text"),
        ('{"text": 42}', "text"),
        ('{"text": "hi", "extra": 1}', "extra"),
        (json.dumps({"text": "x" * 2001}), "text"),
    ],
)
def test_an_invalid_payload_is_answered_not_counted(
    listener: FakeListener, emitter: FakeEmitter, payload: str, field: str | None
) -> None:
    listeners = page_events()
    listeners.start()
    listener.fire(PAGE_MESSAGE.name, {"text": "counted"})

    listener.fire_raw(PAGE_MESSAGE.name, payload)

    [_, (_, _, name, reply)] = emitter.sent
    assert name == PYTHON_REPLY.name
    assert isinstance(reply, Reply)
    assert not reply.ok
    assert reply.text.startswith("Invalid payload: ")
    assert reply.heard == 1
    assert listeners.heard == 1
    if field is not None:
        assert field in reply.text


def test_counting_is_thread_safe() -> None:
    listeners = page_events()
    threads, per_thread = 8, 300
    heard: list[int] = []
    start = threading.Barrier(threads)

    def work() -> None:
        start.wait()
        replies = [listeners.reply_to(PageMessage(text="hi")) for _ in range(per_thread)]
        heard.extend(reply.heard for reply in replies)

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()

    total = threads * per_thread
    assert listeners.heard == total
    assert sorted(heard) == list(range(1, total + 1))


def test_on_page_message_replies_to_the_main_window(emitter: FakeEmitter) -> None:
    listeners = page_events()

    listeners.on_page_message(PageMessage(text="ping"))

    [(kind, target, name, payload)] = emitter.sent
    assert (kind, name) == ("emit_to", PYTHON_REPLY.name)
    assert isinstance(target, EventTarget.AnyLabel)
    assert target.label == MAIN_WINDOW
    reply = json.loads(payload.model_dump_json())
    assert reply.keys() == {"text", "ok", "heard"}
    assert "ping" in reply["text"]
    assert (reply["ok"], reply["heard"]) == (True, 1)


# --- listeners: start, listen, unlisten -------------------------------------


def test_start_subscribes_every_listener(listener: FakeListener) -> None:
    listeners = page_events()

    listeners.start()

    assert listener.names() == sorted(
        [PAGE_READY.name, PAGE_RAISE.name, PAGE_MESSAGE.name, PAGE_MESSAGE.name]
    )
    assert listeners.listening


@pytest.mark.usefixtures("emitter")
def test_page_events_reach_the_handlers(listener: FakeListener) -> None:
    listeners = page_events()
    listeners.start()

    listener.fire(PAGE_READY.name, {"url": "tauri://localhost/"})
    listener.fire(PAGE_READY.name, {"url": "tauri://localhost/"})  # `once`: not heard again
    listener.fire(PAGE_MESSAGE.name, {"text": "one"})
    listener.fire(PAGE_MESSAGE.name, {"text": "two"})
    listener.fire(PAGE_MESSAGE.name, {"text": 3})  # invalid: seen, not heard

    assert listeners.page_ready
    assert PAGE_READY.name not in listener.names()
    assert listeners.heard == 2
    assert listeners.seen_any == 3


@pytest.mark.usefixtures("emitter")
def test_unlisten_stops_replies_but_listen_any_still_hears(listener: FakeListener) -> None:
    listeners = page_events()
    listeners.start()

    listeners.set_listening(False)
    listener.fire(PAGE_MESSAGE.name, {"text": "unheard"})

    assert not listeners.listening
    assert listeners.heard == 0
    assert listeners.seen_any == 1


def test_set_listening_is_idempotent(listener: FakeListener) -> None:
    listeners = page_events()

    listeners.set_listening(True)
    listeners.set_listening(True)
    assert listener.names() == [PAGE_MESSAGE.name]  # subscribed once, not twice

    listeners.set_listening(False)
    listeners.set_listening(False)
    assert listener.names() == []
    assert not listeners.listening


def test_a_failing_handler_does_not_escape(
    listener: FakeListener, emitter: FakeEmitter, caplog: pytest.LogCaptureFixture
) -> None:
    # An exception escaping a listener would stop every Python listener.
    listeners = page_events()
    listeners.start()
    emitter.fail = True

    listener.fire(PAGE_MESSAGE.name, {"text": "boom"})  # must not raise

    assert "the window is gone" in caplog.text
    emitter.fail = False
    listener.fire(PAGE_MESSAGE.name, {"text": "after"})
    assert [name for _, _, name, _ in emitter.sent] == [PYTHON_REPLY.name]


class BrokenLock:
    def __enter__(self) -> None:
        raise RuntimeError("broken lock")

    def __exit__(self, *_: object) -> None:
        pass


@pytest.mark.usefixtures("emitter")
def test_no_page_event_handler_lets_an_exception_escape(
    listener: FakeListener, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    listeners = page_events()
    listeners.start()
    monkeypatch.setattr(listeners, "_lock", BrokenLock())  # every counter update fails

    listener.fire(PAGE_MESSAGE.name, {"text": "boom"})  # must not raise
    listener.fire(PAGE_READY.name, {"url": "tauri://localhost/"})

    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 2  # the reply handler and the listen_any handler, logged
    assert listeners.page_ready


def test_start_listening_manages_and_starts(
    listener: FakeListener, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FakeManager, "managed", {}, raising=False)
    monkeypatch.setattr(events, "Manager", FakeManager)

    events.start_listening(APP_HANDLE)

    managed = FakeManager.state(APP_HANDLE, PageEvents)
    assert managed.listening
    assert PAGE_READY.name in listener.names()
    seed = FakeManager.state(APP_HANDLE, SeedListeners)
    assert seed.heard().listening
    assert FRONTEND_ACTION.name in listener.names()


# --- Python -> page ---------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (EventTarget.WebviewWindow(MAIN_WINDOW), True),
        (EventTarget.WebviewWindow("settings"), False),
        (EventTarget.Window(MAIN_WINDOW), False),
        (EventTarget.Webview(MAIN_WINDOW), False),
        (EventTarget.AnyLabel(MAIN_WINDOW), False),
        (EventTarget.App(), False),
        (EventTarget.Any(), False),
    ],
    ids=["main webview window", "other", "window", "webview", "any label", "app", "any"],
)
def test_is_main_window(target: EventTargetType, expected: bool) -> None:
    assert is_main_window(target) is expected


@pytest.mark.anyio
async def test_send_notice_to_all(emitter: FakeEmitter) -> None:
    await send_notice(NoticeRequest(text="hello", target="all"), APP_HANDLE)

    [(kind, _, name, notice)] = emitter.sent
    assert (kind, name) == ("emit", PYTHON_NOTICE.name)
    wire = json.loads(notice.model_dump_json())
    assert (wire["text"], wire["target"]) == ("hello", "all")
    assert datetime.fromisoformat(wire["sentAt"]).utcoffset() is not None  # zone-aware


@pytest.mark.anyio
async def test_send_notice_to_main(emitter: FakeEmitter) -> None:
    await send_notice(NoticeRequest(text="hello", target="main"), APP_HANDLE)

    [(kind, target, name, _)] = emitter.sent
    assert (kind, name) == ("emit_to", PYTHON_NOTICE.name)
    assert isinstance(target, EventTarget.AnyLabel)
    assert target.label == MAIN_WINDOW


@pytest.mark.anyio
async def test_send_notice_by_filter(emitter: FakeEmitter) -> None:
    await send_notice(NoticeRequest(text="hello", target="filter"), APP_HANDLE)

    [(kind, predicate, name, _)] = emitter.sent
    assert (kind, name) == ("emit_filter", PYTHON_NOTICE.name)
    assert predicate is is_main_window


@pytest.mark.parametrize(
    "body", [{"text": "hi", "target": "everyone"}, {"text": "", "target": "all"}, {"text": "hi"}]
)
def test_notice_request_validation(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        NoticeRequest.model_validate(body)


@pytest.mark.anyio
@pytest.mark.usefixtures("emitter")
async def test_set_listening_command_reports_the_status(listener: FakeListener) -> None:
    listeners = page_events()
    listeners.start()
    listener.fire(PAGE_MESSAGE.name, {"text": "one"})

    off = await set_listening(ListeningRequest(enabled=False), listeners)
    on = await set_listening(ListeningRequest(enabled=True), listeners)

    assert off == ListenerStatus(listening=False, heard=1, seen_any=1)
    assert on.listening
    assert json.loads(on.model_dump_json()).keys() == {"listening", "heard", "seenAny"}


def test_a_listener_raising_on_purpose_is_logged_and_events_keep_flowing(
    listener: FakeListener, emitter: FakeEmitter, caplog: pytest.LogCaptureFixture
) -> None:
    listeners = page_events()
    listeners.start()

    listener.fire(PAGE_RAISE.name, {})  # must not raise
    listener.fire(PAGE_MESSAGE.name, {"text": "still heard"})

    assert "raised on purpose" in caplog.text
    assert listeners.heard == 1
    assert emitter.sent[-1][3] == Reply(text="Python heard: still heard", ok=True, heard=1)
