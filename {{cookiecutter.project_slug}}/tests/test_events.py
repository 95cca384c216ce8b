"""Unit tests for events.py: the declarations, and the forms to use at scale.

A conversation between page and Python (``page-message`` / ``python-reply``)
with a listener the page switches off and on, and notices to a chosen target.
The seed's own events are tested in test_events_seed.py. The runtime's
``Listener`` and ``Emitter`` need a running app: the ``listener`` and
``emitter`` fixtures (conftest.py) swap them for recorders.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest
from pydantic import ValidationError
from pytauri import AppHandle, EventTarget

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
    SeedListeners,
    is_main_window,
)
from {{ cookiecutter.package_name }}.plumbing.typed_events import ToPage, ToPython

if TYPE_CHECKING:
    from tests.conftest import FakeEmitter, FakeListener

# pytauri's `@commands.command()` hides a command's signature from mypy (its
# TypeVar uses `infer_variance`, which mypy does not support), so the tests
# restate the signatures they call.
send_notice: Callable[[NoticeRequest, AppHandle], Awaitable[None]] = events.send_notice
set_listening: Callable[[ListeningRequest, PageEvents], Awaitable[ListenerStatus]] = (
    events.set_listening
)

T = TypeVar("T")

APP_HANDLE = cast(AppHandle, object())


# --- fakes ------------------------------------------------------------------


class FakeManager:
    managed: dict[type, object]

    @classmethod
    def manage(cls, _handle: object, value: object) -> bool:
        cls.managed[type(value)] = value
        return True

    @classmethod
    def state(cls, _handle: object, state_type: type[T]) -> T:
        return cast(T, cls.managed[state_type])


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
