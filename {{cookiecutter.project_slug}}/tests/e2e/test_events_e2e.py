"""The events panel: Python -> page by three routes, page -> Python and back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import FIELD_LINE, LEAKS, Answer, assert_clear_error, invoke, run_in_page
from .ui import OwnApp, element, fill, run_seed, wait_for_text

# --- the seed's form: global listen/once/emit ---------------------------------

TIMES = "\N{MULTIPLICATION SIGN}"
HEARD = re.compile(
    rf"Python heard frontend-action (\d+){TIMES} \(last: (\S+)\), "
    rf"init-complete (\d+){TIMES}, global-event (\d+){TIMES}"
)


def heard(line: str) -> tuple[int, str, int, int]:
    match = HEARD.fullmatch(line)
    assert match, line
    actions, last, init, global_events = match.groups()
    return int(actions), last, int(init), int(global_events)


def seed_heard(page: WebDriver) -> dict[str, Any]:
    answer = invoke(page, "seed_events_heard")
    assert answer.ok, answer.error
    return dict(answer.value)


def test_seed_events_go_both_ways(page: WebDriver) -> None:
    before = seed_heard(page)
    updated, notification, alert, python = run_seed(page, "events")
    assert re.fullmatch(r"data-updated: updated, count \d+", updated), updated
    assert notification == "notification: Hello from backend"
    assert alert == "alert: high"
    actions, last, init, global_events = heard(python)
    assert (actions, last) == (before["frontend_actions"] + 1, "save")
    # Every page load emits init-complete; Python listens `once`, so it heard one.
    assert init == 1
    assert global_events == before["global_events"] + 1


def test_seed_counts_go_on_and_its_listeners_are_removed(page: WebDriver) -> None:
    first = int(run_seed(page, "events")[0].rsplit(" ", 1)[1])
    assert int(run_seed(page, "events")[0].rsplit(" ", 1)[1]) == first + 1
    # The snippet unlistened all it listened to: a later event reaches nothing of it.
    assert invoke(page, "notify_all").ok
    assert int(run_seed(page, "events")[0].rsplit(" ", 1)[1]) == first + 3


@pytest.mark.parametrize(
    ("payload_js", "error"),
    [
        ("{ action: 'save' }", "data: Field required"),
        ("{ action: '', data: {} }", "action: String should have at least 1 character"),
        ("{ action: 'save', data: [] }", "data: Input should be an object"),
        ("{ action: 'save', data: {}, extra: 1 }", "extra: Extra inputs are not permitted"),
        ("42", "payload: Input should be an object"),
        ("null", "payload: Input should be an object"),
    ],
)
def test_seed_frontend_action_is_validated_before_it_counts(
    page: WebDriver, payload_js: str, error: str
) -> None:
    before = seed_heard(page)
    result = run_in_page(
        page,
        "window.__TAURI__.event.emit('frontend-action', PAYLOAD).then(() => done('sent'));".replace(
            "PAYLOAD", payload_js
        ),
    )
    assert result == "sent"
    after = seed_heard(page)
    assert after["invalid_actions"] == before["invalid_actions"] + 1
    assert after["frontend_actions"] == before["frontend_actions"]
    assert after["last_error"] == error


def test_seed_python_unlistens_frontend_action(own_app: OwnApp) -> None:
    """On an app of its own: the shared app must keep its listener."""
    session = own_app.session
    assert run_seed(session, "events", "seed-unlisten-button") == [
        "Python unlistened frontend-action"
    ]
    assert run_seed(session, "events", "seed-unlisten-button") == [
        "Python was not listening to frontend-action"
    ]
    # The page still emits frontend-action; Python no longer counts it.
    actions, last, _, global_events = heard(run_seed(session, "events")[3])
    assert (actions, last) == (0, "none")
    assert global_events == 1
    assert seed_heard(session)["listening"] is False


# --- at scale: typed events, window-scoped listeners --------------------------


@pytest.mark.parametrize("target", ["all", "main", "filter"])
def test_python_emits_to_the_page(page: WebDriver, target: str) -> None:
    fill(page, "notice-text", f"notice via {target}")
    element(page, f"notice-{target}").click()
    text = wait_for_text(page, "notice-output", lambda t: t != "")
    assert text == f"[{target}] notice via {target}"


def test_page_emits_and_python_replies(page: WebDriver) -> None:
    fill(page, "page-message-text", "marco")
    element(page, "page-message-send").click()
    text = wait_for_text(page, "reply-output", lambda t: "marco" in t)
    assert text.startswith("Python heard: marco (heard ")


def test_malformed_payload_is_reported_and_events_keep_flowing(page: WebDriver) -> None:
    element(page, "page-message-bad").click()
    text = wait_for_text(page, "reply-output", lambda t: t.startswith("Invalid payload"))
    assert "text" in text
    assert element(page, "reply-output").get_attribute("data-tone") == "error"
    # The listener survived: a good message still gets its reply.
    fill(page, "page-message-text", "still alive")
    element(page, "page-message-send").click()
    wait_for_text(page, "reply-output", lambda t: t.startswith("Python heard: still alive"))


def test_unlisten_then_listen_again(page: WebDriver) -> None:
    toggle = element(page, "listening-toggle")
    toggle.click()  # unlisten
    wait_for_text(page, "listening-status", lambda t: t.startswith("Python stopped listening"))
    fill(page, "page-message-text", "into the void")
    element(page, "page-message-send").click()
    # listen_any still counts it, but no reply comes: ask Python for the counts.
    toggle.click()  # listen again
    status = wait_for_text(page, "listening-status", lambda t: t.startswith("Python listens"))
    assert "into the void" not in element(page, "reply-output").text
    heard = int(status.split("replied to ")[1].split(",")[0])
    seen = int(status.split("saw ")[1].split(" ")[0])
    assert seen > heard
    fill(page, "page-message-text", "back again")
    element(page, "page-message-send").click()
    wait_for_text(page, "reply-output", lambda t: t.startswith("Python heard: back again"))


def test_after_a_listener_raises_a_thousand_more_events_are_all_heard(page: WebDriver) -> None:
    element(page, "page-raise").click()
    wait_for_text(page, "reply-output", lambda t: "raised" in t)
    # JS emit() settles once Python's listeners have run: count before and after.
    counts = run_in_page(
        page,
        """
        (async () => {
          const { emit } = window.__TAURI__.event;
          const { pyInvoke } = window.__TAURI__.pytauri;
          const before = await pyInvoke("set_listening", { enabled: true });
          for (let i = 0; i < arguments[0]; i++) await emit("page-message", { text: `n${i}` });
          const after = await pyInvoke("set_listening", { enabled: true });
          done({ heard: after.heard - before.heard, seenAny: after.seenAny - before.seenAny });
        })();
        """,
        1000,
    )
    assert counts == {"heard": 1000, "seenAny": 1000}


# Emit `page-message` with a bad payload and wait (5 s at most) for Python's
# reply, which says what is wrong; or Tauri refuses to send it at all.
EMIT_AND_AWAIT_REPLY = """
(async () => {
  const { emit, listen } = window.__TAURI__.event;
  let answer;
  const reply = new Promise((resolve) => (answer = resolve));
  const unlisten = await listen("python-reply", (event) => answer({ reply: event.payload }));
  setTimeout(() => answer({ timeout: true }), 5000);
  try {
    await emit("page-message", PAYLOAD);
  } catch (error) {
    answer({ refused: String(error) });
  }
  done(await reply);
  unlisten();
})();
"""


@pytest.mark.parametrize(
    ("payload_js", "words"),
    [
        ("42", "payload"),
        ("null", "payload"),
        ("'text'", "payload"),
        ("[]", "payload"),
        ("{}", "text: Field required"),
        ("{ text: 42 }", "text: Input should be a valid string"),
        ("{ text: '' }", "at least 1"),
        ("{ text: 'x'.repeat(2001) }", "at most 2000"),
        ("{ text: 'x'.repeat(5e6) }", "at most 2000"),
        ("{ text: 'ok', sender: 'me' }", "sender"),
    ],
)
def test_malformed_event_payload_gets_a_clear_reply(
    page: WebDriver, payload_js: str, words: str
) -> None:
    answer = run_in_page(page, EMIT_AND_AWAIT_REPLY.replace("PAYLOAD", payload_js))
    assert "reply" in answer, answer
    assert answer["reply"]["ok"] is False
    text = answer["reply"]["text"]
    assert text.startswith("Invalid payload: ")
    # One line per wrong field, as for commands.
    for line in text.removeprefix("Invalid payload: ").split("\n"):
        assert FIELD_LINE.fullmatch(line), f"not a field-named line: {line!r}"
    assert words in text
    assert not [leak for leak in LEAKS if leak in text], text


def test_a_payload_too_deep_to_send_is_refused_clearly(page: WebDriver) -> None:
    deep = "{ text: JSON.parse('['.repeat(10000) + ']'.repeat(10000)) }"
    answer = run_in_page(page, EMIT_AND_AWAIT_REPLY.replace("PAYLOAD", deep))
    # Tauri refuses it before Python sees it, or Python's reply says it is invalid.
    if "refused" in answer:
        assert_clear_error(Answer(ok=False, error=answer["refused"]))
    else:
        assert answer.get("reply", {}).get("ok") is False, answer


@pytest.mark.parametrize(
    ("name", "words"),
    [("no such event", "Event name"), ("bad!name", "Event name"), ("a.b", "Event name")],
)
def test_invalid_event_name_is_refused_by_tauri(page: WebDriver, name: str, words: str) -> None:
    result = run_in_page(
        page,
        "window.__TAURI__.event.emit(arguments[0], {}).then("
        "() => done({ ok: true }), (error) => done({ ok: false, error: String(error) }));",
        name,
    )
    assert_clear_error(Answer(ok=result["ok"], error=result.get("error", "")), words)


def test_an_event_nobody_listens_to_is_harmless(page: WebDriver) -> None:
    result = run_in_page(
        page,
        "window.__TAURI__.event.emit('nobody-listens', { any: 'thing' }).then("
        "() => done('sent'), (error) => done(String(error)));",
    )
    assert result == "sent"
    fill(page, "page-message-text", "still fine")
    element(page, "page-message-send").click()
    wait_for_text(page, "reply-output", lambda t: t.startswith("Python heard: still fine"))
