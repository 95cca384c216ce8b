"""The managed-state panel: Python's state outlives a page reload."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import assert_clear_error, assert_field_errors, invoke
from .ui import element, fill, run_seed, wait_for_text, wait_until


def increment(page: WebDriver) -> int:
    before = element(page, "counter-output").text
    element(page, "counter-button").click()
    text = wait_for_text(page, "counter-output", lambda t: t not in ("", before))
    return int(text)


def message_count(page: WebDriver) -> int:
    answer = invoke(page, "get_state_summary")
    assert answer.ok, answer.error
    return int(answer.value["messageCount"])


# --- the seed's form: increment_counter, add_message, get_user_info -----------

SEED_INFO = re.compile(r"get_user_info: counter (\d+), user (\S+), message_count (\d+)")


def test_seed_snippet_reads_back_what_it_changed(page: WebDriver) -> None:
    before = message_count(page)
    counter, stored, info = run_seed(page, "state")
    count = int(counter.removeprefix("increment_counter: "))
    assert stored == "add_message: stored"
    match = SEED_INFO.fullmatch(info)
    assert match, info
    assert match.groups() == (str(count), "guest", str(before + 1))
    # The same state the forms at scale use: the counter goes on from there.
    assert increment(page) == count + 1
    summary = invoke(page, "get_state_summary").value
    assert summary["lastMessage"] == "Hello from frontend!"


def test_seed_counter_survives_a_page_reload(page: WebDriver) -> None:
    first = int(run_seed(page, "state")[0].removeprefix("increment_counter: "))
    page.refresh()
    wait_until(page, lambda d: d.execute_script("return document.body.dataset.ready"))
    assert run_seed(page, "state")[0] == f"increment_counter: {first + 1}"


@pytest.mark.parametrize(
    ("body_js", "words"),
    [
        ("''", "Please type a message."),
        ("'   '", "Please type a message."),
        ("'x'.repeat(2001)", "Please keep a message to 2000 characters."),
        ("'x'.repeat(5e6)", "Please keep a message to 2000 characters."),
    ],
)
def test_seed_add_message_refuses_bad_text(page: WebDriver, body_js: str, words: str) -> None:
    before = message_count(page)
    assert_clear_error(invoke(page, "add_message", body_js), words)
    assert message_count(page) == before


@pytest.mark.parametrize("body_js", ["42", "null", "{ text: 'a' }", "['a']"])
def test_seed_add_message_takes_a_string_only(page: WebDriver, body_js: str) -> None:
    before = message_count(page)
    assert_field_errors(
        invoke(page, "add_message", body_js), "body: Input should be a valid string"
    )
    assert message_count(page) == before


# --- at scale: post_message and get_state_summary ---------------------------


def test_counter_survives_a_page_reload(page: WebDriver) -> None:
    first = increment(page)
    assert increment(page) == first + 1
    page.refresh()
    wait_until(page, lambda d: element(d, "counter-button").is_displayed())
    wait_until(page, lambda d: d.execute_script("return document.body.dataset.ready"))
    assert increment(page) == first + 2


def test_messages_are_stored_and_read_back(page: WebDriver) -> None:
    fill(page, "message-text", "remember me")
    element(page, "message-add").click()
    stored = wait_for_text(page, "message-output", lambda t: t.startswith("Stored"))
    count = int(stored.split("holds ")[1].split(" ")[0])
    element(page, "info-button").click()
    info = wait_for_text(page, "info-output", lambda t: "last: remember me" in t)
    assert f"{count} message(s)" in info


def test_empty_message_is_refused(page: WebDriver) -> None:
    fill(page, "message-text", "")
    element(page, "message-add").click()
    text = wait_for_text(page, "message-output", lambda t: t != "")
    assert text == "text: String should have at least 1 character"
    assert element(page, "message-output").get_attribute("data-tone") == "error"


@pytest.mark.parametrize(
    ("body_js", "line"),
    [
        ("{}", "text: Field required"),
        ("null", "body: Input should be an object"),
        ("'just text'", "body: Input should be an object"),
        ("[{ text: 'a' }]", "body: Input should be an object"),
        ("{ text: '' }", "text: String should have at least 1 character"),
        ("{ text: 5 }", "text: Input should be a valid string"),
        ("{ text: 'x'.repeat(2001) }", "text: String should have at most 2000 characters"),
        ("{ text: 'x'.repeat(5e6) }", "text: String should have at most 2000 characters"),
        ("{ text: 'ok', pinned: true }", "pinned: Extra inputs are not permitted"),
        ("new TextEncoder().encode('{\"text\": ')", "body: Invalid JSON"),
    ],
)
def test_hostile_message_is_refused_clearly_and_not_stored(
    page: WebDriver, body_js: str, line: str
) -> None:
    before = message_count(page)
    assert_field_errors(invoke(page, "post_message", body_js), line)
    assert message_count(page) == before
