"""Unit tests for the seed's events in events.py: what its snippets send and hear.

Python -> page: ``notify_all``, ``notify_window`` and ``notify_filtered`` emit
``data-updated``, ``notification`` and ``alert``. Page -> Python:
``SeedListeners`` hears ``frontend-action`` (validated), ``init-complete``
(once) and ``global-event`` (``listen_any``), and can unlisten. The runtime's
``Listener`` and ``Emitter`` need a running app: the ``listener`` and
``emitter`` fixtures (conftest.py) swap them for recorders.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

import pytest
from pydantic import BaseModel
from pytauri import AppHandle, EventTarget, EventTargetType
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }} import events
from {{ cookiecutter.package_name }}.events import (
    MAIN_WINDOW,
    FrontendMessage,
    SeedHeard,
    SeedListeners,
    is_main_window,
)

if TYPE_CHECKING:
    from tests.conftest import FakeEmitter, FakeListener

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

APP_HANDLE = cast(AppHandle, object())


class FakeWebviewWindow:
    """What ``notify_window`` reads of the calling window: its label."""

    def __init__(self, label: str) -> None:
        self._label = label

    def label(self) -> str:
        return self._label


def wire(payload: BaseModel) -> Any:
    """The payload as the page receives it (pytauri sends ``model_dump_json()``)."""
    return json.loads(payload.model_dump_json())


# --- Python -> page -------------------------------------------------------------


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


# --- page -> Python -------------------------------------------------------------


@pytest.fixture
def seed(listener: FakeListener) -> SeedListeners:
    listeners = SeedListeners(APP_HANDLE)
    listeners.start()
    return listeners


def test_seed_listeners_subscribe_to_their_three_events(
    listener: FakeListener, seed: SeedListeners
) -> None:
    assert listener.names() == sorted(["frontend-action", "init-complete", "global-event"])
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
