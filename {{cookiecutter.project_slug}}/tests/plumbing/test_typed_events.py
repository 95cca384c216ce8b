"""Unit tests for typed_events.py: declared events, typed emits, validated listeners."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any, cast

import pytest
from pydantic import BaseModel, ValidationError
from pytauri import AppHandle, Event, EventTarget, EventTargetType

from {{ cookiecutter.package_name }}.plumbing import typed_events
from {{ cookiecutter.package_name }}.plumbing.models import CamelModel
from {{ cookiecutter.package_name }}.plumbing.typed_events import Events, ToPage, ToPython

HANDLE = cast(AppHandle, object())


class Ping(CamelModel):
    sent_by: str


class FakeEvent:
    def __init__(self, payload: str, listener_id: int = 1) -> None:
        self.payload = payload
        self.id = listener_id


def event(payload: str, listener_id: int = 1) -> Event:
    return cast(Event, FakeEvent(payload, listener_id))


class Recorder:
    """Stands in for pytauri's ``Emitter`` and ``Listener``: records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __getattr__(self, method: str) -> Callable[..., int]:
        def record(*args: Any) -> int:
            self.calls.append((method, *args))
            return len(self.calls)

        return record


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    fake = Recorder()
    monkeypatch.setattr(typed_events, "Emitter", fake)
    monkeypatch.setattr(typed_events, "Listener", fake)
    return fake


# --- declaring --------------------------------------------------------------


def test_events_are_kept_in_declaration_order() -> None:
    table = Events()

    out = table.to_page("ping-out", Ping)
    back = table.to_python("ping-in", Ping)

    assert list(table) == [out, back]
    assert len(table) == 2
    assert (out.name, out.model, type(out)) == ("ping-out", Ping, ToPage)
    assert (back.name, back.model, type(back)) == ("ping-in", Ping, ToPython)


def test_a_name_is_declared_once_whatever_the_direction() -> None:
    table = Events()
    table.to_page("ping", Ping)

    with pytest.raises(ValueError, match="declared twice"):
        table.to_python("ping", Ping)


@pytest.mark.parametrize("name", ["", "with space", "dot.ted", "émoji", "semi;colon"])
def test_a_name_tauri_would_refuse_is_refused_at_once(name: str) -> None:
    with pytest.raises(ValueError, match="may only hold"):
        Events().to_page(name, Ping)


@pytest.mark.parametrize("name", ["page-ready", "ns:event", "a/b", "snake_case", "X9"])
def test_names_tauri_accepts(name: str) -> None:
    assert Events().to_python(name, Ping).name == name


def test_the_payload_must_be_a_model() -> None:
    not_a_model: Any = dict

    with pytest.raises(TypeError, match="pydantic model"):
        Events().to_page("ping", not_a_model)


# --- Python -> page ---------------------------------------------------------


def test_emit_sends_the_model_under_the_declared_name(recorder: Recorder) -> None:
    ping = ToPage("ping", Ping)
    payload = Ping(sent_by="python")
    target = EventTarget.AnyLabel("main")

    def anywhere(_target: EventTargetType) -> bool:
        return True

    ping.emit(HANDLE, payload)
    ping.emit_to(HANDLE, target, payload)
    ping.emit_filter(HANDLE, payload, anywhere)

    assert recorder.calls == [
        ("emit", HANDLE, "ping", payload),
        ("emit_to", HANDLE, target, "ping", payload),
        ("emit_filter", HANDLE, "ping", payload, anywhere),
    ]


# --- page -> Python ---------------------------------------------------------


def test_a_handler_receives_the_validated_model() -> None:
    received: list[Ping] = []

    ToPython("ping", Ping).handler(received.append)(event('{"sentBy": "page"}'))

    assert received == [Ping(sent_by="page")]


@pytest.mark.parametrize(
    "payload", ["not json", "null", "{}", '{"sentBy": 1}', '{"sentBy": "x", "extra": 1}']
)
def test_an_invalid_payload_goes_to_on_invalid(payload: str) -> None:
    received: list[Ping] = []
    errors: list[ValidationError] = []

    ToPython("ping", Ping).handler(received.append, errors.append)(event(payload))

    assert received == []
    assert len(errors) == 1


def test_an_invalid_payload_is_logged_when_nobody_handles_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    received: list[Ping] = []

    ToPython("ping", Ping).handler(received.append)(event("{}"))  # must not raise

    assert received == []
    assert "dropped an invalid 'ping' event" in caplog.text


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_nothing_escapes_a_handler(error: BaseException, caplog: pytest.LogCaptureFixture) -> None:
    # Anything escaping a Tauri listener would silence every Python listener.
    def on_ping(_ping: Ping) -> None:
        raise error

    def on_invalid(_error: ValidationError) -> None:
        raise error

    handler = ToPython("ping", Ping).handler(on_ping, on_invalid)

    with caplog.at_level(logging.ERROR):
        handler(event('{"sentBy": "page"}'))
        handler(event("broken"))

    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 2
    assert "on_ping" in failures[0].getMessage()


@pytest.mark.parametrize(
    ("method", "registered_with"),
    [("listen", "listen"), ("once", "listen"), ("listen_any", "listen_any")],
)
def test_listening_registers_a_validating_handler(
    recorder: Recorder, method: str, registered_with: str
) -> None:
    received: list[Ping] = []
    ping = ToPython("ping", Ping)

    listener_id = getattr(ping, method)(HANDLE, received.append)

    [(called, handle, name, handler), *_] = recorder.calls
    assert (called, handle, name, listener_id) == (registered_with, HANDLE, "ping", 1)
    handler(event('{"sentBy": "page"}'))
    assert received == [Ping(sent_by="page")]


def test_models_other_than_camel_models_work_too() -> None:
    class Plain(BaseModel):
        value: int

    received: list[Plain] = []

    ToPython("plain", Plain).handler(received.append)(event('{"value": 3}'))

    assert received == [Plain(value=3)]


def test_once_lets_one_event_through_and_unlistens(recorder: Recorder) -> None:
    received: list[Ping] = []
    listener_id = ToPython("ping", Ping).once(HANDLE, received.append)
    [(_, _, _, handler)] = recorder.calls

    handler(event('{"sentBy": "first"}', listener_id))
    handler(event('{"sentBy": "second"}', listener_id))  # slipped in before the unlisten

    assert received == [Ping(sent_by="first")]
    assert recorder.calls[1:] == [("unlisten", HANDLE, listener_id)]


def test_once_holds_when_events_arrive_together(recorder: Recorder) -> None:
    # Tauri's own once-handler panics here (and silences every Python
    # listener): two emits handled at the same time on two worker threads.
    received: list[Ping] = []
    started = threading.Barrier(8)
    listener_id = ToPython("ping", Ping).once(HANDLE, received.append)
    [(_, _, _, handler)] = recorder.calls

    def deliver(n: int) -> None:
        started.wait()
        handler(event(json.dumps({"sentBy": f"thread {n}"}), listener_id))

    threads = [threading.Thread(target=deliver, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(received) == 1
    assert [call[0] for call in recorder.calls[1:]] == ["unlisten"]
