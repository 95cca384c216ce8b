"""The channels panel: streams shown in order, and stopped on request."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import assert_field_errors, invoke, run_in_page
from .ui import OwnApp, element, fill, run_seed, wait_for_text, wait_until

# --- the seed's form: the Channel is the body ---------------------------------


def test_seed_streams_arrive_whole_and_the_chat_text_accumulates(page: WebDriver) -> None:
    # The snippet writes the chat reply into #chat as it arrives.
    page.execute_script(
        """
        const chat = document.getElementById("chat");
        window.chatTexts = [];
        new MutationObserver(() => window.chatTexts.push(chat.textContent)).observe(chat, {
          childList: true, characterData: true, subtree: true,
        });
        """
    )
    element(page, "seed-channels-button").click()
    assert not element(page, "seed-channels-button").is_enabled()  # 1.5 s of streaming
    lines = run_seed_output(page)
    assert lines == [
        "stream_data: 10 messages, Message 0 … Message 9",
        "stream_ai_chat: Hello there! How can I help?",
    ]
    assert element(page, "chat").text == "Hello there! How can I help?"
    grown = [text for text in page.execute_script("return window.chatTexts") if text]
    assert grown[:3] == ["Hello", "Hello there", "Hello there!"]
    assert element(page, "seed-channels-button").is_enabled()


def run_seed_output(page: WebDriver) -> list[str]:
    """The seed's lines, once its output is done (its button was clicked)."""
    wait_until(
        page,
        lambda d: element(d, "seed-channels-output").get_attribute("data-state") == "done",
        timeout=30,
    )
    return element(page, "seed-channels-output").text.split("\n")


def test_seed_snippet_runs_again_from_scratch(page: WebDriver) -> None:
    first = run_seed(page, "channels")
    assert run_seed(page, "channels") == first
    assert element(page, "chat").text == "Hello there! How can I help?"


@pytest.mark.parametrize("command", ["stream_data", "stream_ai_chat"])
@pytest.mark.parametrize(
    ("body_js", "line"),
    [
        ("null", "body: Input should be a valid string"),
        ("42", "body: Input should be a valid string"),
        ("{}", "body: Input should be a valid string"),
        ("'not a channel'", "body: Value error, invalid channel string"),
        ("{ channel: new window.__TAURI__.core.Channel(() => {}) }", "body: "),
    ],
)
def test_seed_streams_take_a_channel_only(
    page: WebDriver, command: str, body_js: str, line: str
) -> None:
    assert_field_errors(invoke(page, command, body_js), line)


# --- at scale: batched, stoppable streams -------------------------------------


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


# What web/lib/batching.ts does: stream_batched sends batches of messages
# (plumbing.batching.ChannelBatcher); the page unpacks each and acknowledges it.
BATCHED_CHANNEL_JS = """
const batchedChannel = (onmessage) =>
  new window.__TAURI__.core.Channel((batch) => {
    for (const message of batch.messages) onmessage(message);
    window.__TAURI__.pytauri.pyInvoke("ack_batch", { key: batch.key, seq: batch.seq });
  });
"""


def test_a_hundred_thousand_messages_arrive_complete_and_in_order(page: WebDriver) -> None:
    """Load: every message arrives, in order, counted and checked on the page."""
    result = run_in_page(
        page,
        BATCHED_CHANNEL_JS
        + """
        const total = arguments[0];
        let received = 0;
        let outOfOrder = 0;
        const channel = batchedChannel((message) => {
          received += 1;
          if (message !== `message ${received} of ${total}`) outOfOrder += 1;
        });
        const started = performance.now();
        const body = { channel, streamId: "load", count: total, intervalMs: 0 };
        window.__TAURI__.pytauri.pyInvoke("stream_batched", body).then(
          (summary) => {
            // Python answers once the page has acknowledged the last batch:
            // every message has been handled by now.
            done({ sent: summary.sent, received, outOfOrder, ms: performance.now() - started });
          },
          (error) => done({ error: String(error) }),
        );
        """,
        100_000,
        timeout_s=300,
    )
    assert "error" not in result, result["error"]
    rate = result["received"] / (result["ms"] / 1000)
    print(f"100,000 channel messages in {result['ms']:.0f} ms ({rate:,.0f} messages/s)")
    assert result["sent"] == 100_000
    assert result["received"] == 100_000
    assert result["outOfOrder"] == 0


def test_closing_the_window_mid_stream_ends_the_process_promptly(own_app: OwnApp) -> None:
    """A stream still running must not keep the app alive once its window is gone."""
    # Start a stream that would run for hours, and wait until it is flowing.
    own_app.session.execute_script(
        BATCHED_CHANNEL_JS
        + """
        const channel = batchedChannel(() => { window.received = (window.received ?? 0) + 1; });
        window.__TAURI__.pytauri.pyInvoke("stream_batched", {
          channel, streamId: "endless", count: 100000, intervalMs: 100,
        });
        """
    )
    wait_until(own_app.session, lambda d: (d.execute_script("return window.received") or 0) >= 2)

    assert Path(f"/proc/{own_app.pid}").exists()
    started = time.monotonic()
    own_app.session.close()  # closes the app's only window
    wait_for_exit(own_app.pid, timeout_s=10)
    exit_s = time.monotonic() - started
    print(f"the app exited {exit_s:.2f} s after being asked to close its window mid-stream")
    # Not a speed test: without the fix, the process waits for the stream forever.
    assert exit_s < 10, "the app kept running after its window closed"


def wait_for_exit(pid: int, timeout_s: float) -> float:
    """Seconds until process ``pid`` is gone (or ``timeout_s`` if it never goes)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        status = Path(f"/proc/{pid}/status")
        # A zombie has exited; only its parent has not collected it yet.
        if not status.exists() or "State:\tZ" in status.read_text():
            return time.monotonic() - started
        time.sleep(0.02)
    return timeout_s


CHANNEL = "new window.__TAURI__.core.Channel(() => {})"


def with_channel(fields: str) -> str:
    """A JS object literal: a fresh channel plus ``fields``."""
    return "{ channel: " + CHANNEL + ", " + fields + " }"


@pytest.mark.parametrize(
    ("command", "body_js", "line"),
    [
        ("stream_batched", "null", "body: Input should be an object"),
        ("stream_batched", "{}", "channel: Field required"),
        ("stream_batched", "{ streamId: 's', count: 3 }", "channel: Field required"),
        ("stream_batched", with_channel("count: 3"), "streamId: Field required"),
        ("stream_batched", "{ channel: 'not a channel', streamId: 's' }", "channel: Value error"),
        ("stream_batched", "{ channel: 42, streamId: 's' }", "channel: Input should be a valid"),
        ("stream_batched", with_channel("streamId: ''"), "streamId: String should have at least"),
        ("stream_batched", with_channel("streamId: 'x'.repeat(65)"), "streamId: String should"),
        ("stream_batched", with_channel("streamId: 's', count: 0"), "count: Input should be"),
        ("stream_batched", with_channel("streamId: 's', count: 1e9"), "count: Input should be"),
        ("stream_batched", with_channel("streamId: 's', count: 'ten'"), "count: Input should"),
        ("stream_batched", with_channel("streamId: 's', intervalMs: -5"), "intervalMs: Input"),
        ("stream_batched", with_channel("streamId: 's', intervalMs: 1e7"), "intervalMs: Input"),
        ("stream_batched", with_channel("streamId: 's', priority: 1"), "priority: Extra inputs"),
        ("stream_reply", with_channel("streamId: 's', prompt: ''"), "prompt: String should"),
        ("stream_reply", with_channel("streamId: 's', prompt: 'x'.repeat(4001)"), "prompt: String"),
        ("stream_reply", "{ streamId: 's', prompt: 'hi' }", "channel: Field required"),
        ("stop_stream", "{}", "streamId: Field required"),
        ("stop_stream", "{ streamId: 7 }", "streamId: Input should be a valid string"),
    ],
)
def test_hostile_stream_calls_are_refused_clearly(
    page: WebDriver, command: str, body_js: str, line: str
) -> None:
    assert_field_errors(invoke(page, command, body_js), line)
