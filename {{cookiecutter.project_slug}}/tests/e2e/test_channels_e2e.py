"""The channels panel: streams shown in order, and stopped on request."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from .ui import element, fill, wait_for_text, wait_until


def streamed_items(driver: WebDriver) -> list[str]:
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#stream-output li")]


def test_stream_arrives_complete_and_in_order(page: WebDriver) -> None:
    fill(page, "stream-count", "5")
    element(page, "stream-start").click()
    wait_for_text(page, "stream-status", lambda t: t.startswith("Done"))
    assert streamed_items(page) == [f"message {i} of 5" for i in range(1, 6)]
    assert element(page, "stream-status").text == "Done after 5 messages."


def test_stream_stops_when_asked(page: WebDriver) -> None:
    fill(page, "stream-count", "1000")
    element(page, "stream-start").click()
    wait_until(page, lambda d: len(streamed_items(d)) >= 3)
    element(page, "stream-stop").click()
    text = wait_for_text(page, "stream-status", lambda t: t.startswith("Stopped"))
    sent = int(text.split()[2])
    assert 3 <= sent < 1000
    # Every message Python sent was shown, in order, and nothing came after.
    assert streamed_items(page) == [f"message {i} of 1000" for i in range(1, sent + 1)]
    assert element(page, "stream-start").is_enabled()


def test_chat_reply_streams_word_by_word(page: WebDriver) -> None:
    fill(page, "chat-prompt", "hello model")
    element(page, "chat-send").click()
    wait_for_text(page, "chat-status", lambda t: t == "Reply complete.")
    reply = element(page, "chat-output").text
    assert reply.startswith('You said: "hello model".')
    assert reply.endswith("as its own message.")
    assert element(page, "chat-status").get_attribute("data-done") == "true"


def test_chat_can_be_stopped_mid_reply(page: WebDriver) -> None:
    fill(page, "chat-prompt", "stop me")
    element(page, "chat-send").click()
    wait_until(page, lambda d: len(d.find_element(By.ID, "chat-output").text) > 0)
    element(page, "chat-stop").click()
    wait_for_text(page, "chat-status", lambda t: t.startswith("Stopped after"))
    assert not element(page, "chat-output").text.endswith("as its own message.")
    # The final `done` chunk still arrives, so the page knows the stream ended.
    assert element(page, "chat-status").get_attribute("data-done") == "true"
