"""The managed-state panel: Python's state outlives a page reload."""

from __future__ import annotations

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import assert_clear_error, invoke
from .ui import element, fill, wait_for_text, wait_until


def increment(page: WebDriver) -> int:
    before = element(page, "counter-output").text
    element(page, "counter-button").click()
    text = wait_for_text(page, "counter-output", lambda t: t not in ("", before))
    return int(text)


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
    assert "at least 1 character" in text


@pytest.mark.parametrize(
    ("body_js", "words"),
    [
        ("{}", "Field required"),
        ("null", ""),
        ("'just text'", ""),
        ("[{ text: 'a' }]", ""),
        ("{ text: '' }", "at least 1"),
        ("{ text: 5 }", "valid string"),
        ("{ text: 'x'.repeat(2001) }", "at most 2000"),
        ("{ text: 'x'.repeat(5e6) }", "at most 2000"),
        ("{ text: 'ok', pinned: true }", "pinned"),
        ("new TextEncoder().encode('{\"text\": ')", "Invalid JSON"),
    ],
)
def test_hostile_message_is_refused_clearly_and_not_stored(
    page: WebDriver, body_js: str, words: str
) -> None:
    before = invoke(page, "get_user_info").value["messageCount"]
    assert_clear_error(invoke(page, "add_message", body_js), *([words] if words else []))
    assert invoke(page, "get_user_info").value["messageCount"] == before
