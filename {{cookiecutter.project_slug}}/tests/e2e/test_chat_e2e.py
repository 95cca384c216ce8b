"""The chat panel: streamed replies, statuses, stop, and a history that survives restarts and kills.

The restart tests run apps of their own, with the app data folder in a temp
folder (``XDG_DATA_HOME``), so they can look at the history files, damage
them, and kill the app while it writes them.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from {{ cookiecutter.package_name }}.chat import DELAY_ENV

from .conftest import app_data_env, running_webdriver, start_app
from .ipc import LEAKS, assert_clear_error, invoke, run_in_page
from .ui import WebDriverServer, element, fill, wait_for_text, wait_until

KILL_LOOPS = 20

# Records every change the page shows: (status, text of the last reply).
_WATCH = """
const status = document.getElementById("chat-demo-status");
const history = document.getElementById("chat-demo-history");
window.chatLog = [];
new MutationObserver(() => {
  const replies = history.querySelectorAll("li.chat-assistant");
  const last = replies[replies.length - 1];
  window.chatLog.push([status.dataset.status, last ? last.textContent : null]);
}).observe(document.getElementById("chat-demo-panel"), {
  subtree: true, childList: true, characterData: true, attributes: true,
});
"""


def status(driver: WebDriver) -> str:
    return element(driver, "chat-demo-status").get_attribute("data-status") or ""


def messages(driver: WebDriver) -> list[tuple[str, str]]:
    """The history shown: (role, text) per message."""
    items = driver.find_elements(By.CSS_SELECTOR, "#chat-demo-history li")
    return [
        ((item.get_attribute("class") or "").removeprefix("chat-"), item.text) for item in items
    ]


def start_new_conversation(driver: WebDriver) -> None:
    before = len(driver.find_elements(By.CSS_SELECTOR, "#chat-demo-conversations option"))
    element(driver, "chat-demo-new").click()
    wait_until(
        driver,
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#chat-demo-conversations option")) > before,
    )


def send(driver: WebDriver, text: str) -> None:
    fill(driver, "chat-demo-input", text)
    element(driver, "chat-demo-send").click()


def test_a_message_gets_a_streamed_reply_and_the_statuses(page: WebDriver) -> None:
    wait_until(page, lambda d: status(d) == "connected")
    start_new_conversation(page)
    page.execute_script(_WATCH)

    send(page, "hello model")
    wait_until(page, lambda d: status(d) == "idle")

    reply = 'You said: "hello model". I am a fake model running in Python; '
    reply += "each word arrived over a channel as its own message."
    assert messages(page) == [("user", "hello model"), ("assistant", reply)]
    assert element(page, "chat-demo-detail").text == "Reply complete."
    log: list[list[Any]] = page.execute_script("return window.chatLog")
    statuses = [entry[0] for entry in log]
    assert "generating" in statuses
    assert statuses[-1] == "idle"
    # Streamed: while generating, the page showed parts of the reply, growing.
    parts = {text for state, text in log if state == "generating" and text}
    assert len(parts) > 3, parts
    assert all(reply.startswith(part) for part in parts)
    assert element(page, "chat-demo-send").is_enabled()


def test_a_reply_can_be_stopped_midway_and_what_was_written_is_kept(page: WebDriver) -> None:
    start_new_conversation(page)
    # The fake model echoes the message: a long one makes a long reply.
    page.execute_script(
        "arguments[0].value = arguments[1]", element(page, "chat-demo-input"), "word " * 200
    )
    element(page, "chat-demo-send").click()
    wait_until(page, lambda d: status(d) == "generating" and len(messages(d)[-1][1]) > 10)

    element(page, "chat-demo-stop").click()
    wait_until(page, lambda d: status(d) == "idle")

    assert element(page, "chat-demo-detail").text == "Stopped."
    partial = messages(page)[-1]
    assert partial[0] == "assistant"
    assert not partial[1].endswith("its own message.")
    assert not element(page, "chat-demo-stop").is_enabled()
    # Python stored the partial reply: a reloaded page shows the same.
    page.refresh()
    wait_until(page, lambda d: d.execute_script("return document.body.dataset.ready"))
    wait_until(page, lambda d: len(messages(d)) == 2)
    assert messages(page)[-1] == partial


CHANNEL = "new window.__TAURI__.core.Channel(() => {})"
UNKNOWN = "'f'.repeat(32)"


def js_object(**fields: str) -> str:
    """A JS object literal from JS expressions."""
    return "({" + ", ".join(f"{name}: {value}" for name, value in fields.items()) + "})"


def test_bad_requests_get_clear_errors(page: WebDriver) -> None:
    for body, words in [
        (js_object(conversationId="'../etc/passwd'", text="'hi'", channel=CHANNEL), "conversation"),
        (js_object(conversationId=UNKNOWN, text="'hi'", channel=CHANNEL), "No conversation"),
        (js_object(conversationId=UNKNOWN, text="'x'.repeat(4001)", channel=CHANNEL), "4000"),
        (js_object(conversationId=UNKNOWN, text="'hi'"), "channel"),
        (js_object(conversationId=UNKNOWN, text="'hi'", channel=CHANNEL, role="'x'"), "role"),
    ]:
        assert_clear_error(invoke(page, "send_message", body), words)
    assert_clear_error(invoke(page, "load_conversation", js_object(conversationId="7")), "string")
    assert invoke(page, "stop_reply", js_object(conversationId=UNKNOWN)).value is False
    assert invoke(page, "open_chat").ok  # still answering


# --- restarts, damaged files and kills, on apps of the test's own --------------


@dataclass
class ChatApps:
    """A driver that launches the app with its data in ``data_home``."""

    server: WebDriverServer
    log_path: Path
    data_home: Path

    def launch(self) -> tuple[WebDriver, int]:
        session = start_app(self.server, self.log_path)
        (pid,) = self.server.launched_apps()
        wait_until(session, lambda d: d.execute_script("return document.body.dataset.ready"))
        return session, pid

    def history_folder(self) -> Path:
        """The app data folder's chat/ (Linux: $XDG_DATA_HOME/<identifier>/chat)."""
        (folder,) = self.data_home.glob("*/chat")
        return folder


@pytest.fixture
def chat_apps(display: str, driver_log: Path, tmp_path: Path) -> Iterator[ChatApps]:
    log_path = driver_log.with_name("chat-apps.log")
    # The fake model answers at once: a write every few milliseconds.
    env = {**app_data_env(tmp_path), DELAY_ENV: "0"}
    with running_webdriver(display, log_path, env) as server:
        yield ChatApps(server, log_path, tmp_path)


def quit_app(session: WebDriver) -> None:
    with contextlib.suppress(Exception):  # the app may be gone already
        session.quit()


def test_history_survives_a_restart_and_a_damaged_file_is_set_aside(chat_apps: ChatApps) -> None:
    session, _ = chat_apps.launch()
    send(session, "remember me")
    wait_until(session, lambda d: status(d) == "idle")
    kept = messages(session)
    quit_app(session)
    # Something else damages one more conversation's file while the app is closed.
    folder = chat_apps.history_folder()
    damaged = folder / f"{'d' * 32}.json"
    damaged.write_text('{"id": "dddd", "messa')

    session, _ = chat_apps.launch()
    try:
        wait_until(session, lambda d: status(d) == "error")
        notice = wait_for_text(session, "chat-demo-notice", lambda t: "set aside" in t)
        assert notice.startswith(f"{damaged.name} could not be read (")
        assert "Invalid JSON" in notice
        assert not [leak for leak in LEAKS if leak in notice], notice
        assert messages(session) == kept  # the other conversation is all there
        assert kept[0] == ("user", "remember me")
        assert not damaged.exists()
        assert len(list(folder.glob(f"{damaged.name}.corrupt-*"))) == 1
    finally:
        quit_app(session)


# The page sends messages in a loop as fast as Python answers, and records
# each one whose send_message returned: by then both the message and the
# reply were written to disk.
_SEND_FOREVER = """
const prefix = arguments[0];
const { pyInvoke } = window.__TAURI__.pytauri;
const { Channel } = window.__TAURI__.core;
window.confirmed = [];
(async () => {
  const { id } = await pyInvoke("new_conversation");
  window.conversationId = id;
  for (let n = 1; ; n++) {
    const text = `${prefix} message ${n}`;
    await pyInvoke("send_message", { conversationId: id, text, channel: new Channel(() => {}) });
    window.confirmed.push(text);
  }
})();
"""

_READ_HISTORY = """
const { pyInvoke } = window.__TAURI__.pytauri;
const overview = await pyInvoke("open_chat");
const texts = {};
for (const { id } of overview.conversations) {
  const conversation = await pyInvoke("load_conversation", { conversationId: id });
  texts[id] = conversation.messages.map((m) => [m.role, m.text]);
}
done({ problems: overview.problems, texts });
"""


def read_history(session: WebDriver) -> tuple[list[str], dict[str, list[list[str]]]]:
    result = run_in_page(session, "(async () => {" + _READ_HISTORY + "})();")
    return result["problems"], result["texts"]


def wait_for_exit(pid: int, timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        status_file = Path(f"/proc/{pid}/status")
        with contextlib.suppress(OSError):
            if "State:\tZ" in status_file.read_text():
                return
        time.sleep(0.01)


def kill_during_a_write(pid: int, folder: Path, timeout_s: float = 2) -> bool:
    """kill -9 the app the moment a history write is under way (its temp file
    exists); True if one was seen, else kill it anyway after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    seen = False
    while not seen and time.monotonic() < deadline:
        with os.scandir(folder) as entries:
            seen = any(entry.name.endswith(".tmp") for entry in entries)
    os.kill(pid, signal.SIGKILL)
    return seen


@pytest.mark.slow
def test_kill_9_while_writing_never_loses_a_confirmed_message(chat_apps: ChatApps) -> None:
    """Fault: kill -9 while the history is being written, 20 times.

    The page sends as fast as Python answers; after a random pause the test
    notes which sends had returned, then kills the app as soon as a write is
    under way. Every restart must load a valid history holding every noted
    message and its reply.
    """
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    confirmed: dict[str, list[str]] = {}  # conversation id -> texts whose send returned
    kills_mid_write = temp_files_left = 0
    started = time.monotonic()
    for loop in range(1, KILL_LOOPS + 2):  # the last start only checks
        session, pid = chat_apps.launch()
        try:
            problems, history = read_history(session)
            assert problems == [], f"loop {loop} (seed {seed}): {problems}"
            for conversation_id, texts in confirmed.items():
                stored = history.get(conversation_id, [])
                users = [text for role, text in stored if role == "user"]
                missing = [text for text in texts if text not in users]
                assert not missing, f"loop {loop} (seed {seed}) lost {missing}"
                # Each confirmed message was followed by its stored reply.
                for text in texts:
                    at = stored.index(["user", text])
                    assert stored[at + 1][0] == "assistant", stored[at : at + 2]
            if loop > KILL_LOOPS:
                break
            session.execute_script(_SEND_FOREVER, f"loop {loop}")
            wait_until(session, lambda d: len(d.execute_script("return window.confirmed")) > 0)
            time.sleep(rng.uniform(0, 0.4))
            snapshot = session.execute_script(
                "return [window.conversationId, window.confirmed.slice()]"
            )
            kills_mid_write += kill_during_a_write(pid, chat_apps.history_folder())
        finally:
            quit_app(session)
        wait_for_exit(pid)
        confirmed[snapshot[0]] = snapshot[1]
        temp_files_left += len(list(chat_apps.history_folder().glob(".*.tmp")))
    assert not list(chat_apps.history_folder().glob("*.corrupt-*"))

    total = sum(len(texts) for texts in confirmed.values())
    print(
        f"kill -9 x{KILL_LOOPS} (seed {seed}): {total} confirmed messages, all found after "
        f"restart; {kills_mid_write} kills sent while a write was under way, "
        f"{temp_files_left} left its temp file behind (the old file intact); "
        f"{time.monotonic() - started:.1f} s"
    )
    assert total >= KILL_LOOPS
