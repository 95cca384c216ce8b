"""The seed page's channels snippets, run verbatim in the real app.

Each ``SEED_*`` constant is copied character for character from the seed
page's JavaScript (a template test holds them against the page). Only the
import lines differ: ``seed.run_snippet`` turns them into the global form,
``const { pyInvoke } = window.__TAURI__.pytauri;`` and
``const { Channel } = window.__TAURI__.core;``.

The snippets ``await`` the command, which answers once Python has *sent* the
last message; the test code after them waits until the page has *received* it.
"""

from __future__ import annotations

from selenium.webdriver.remote.webdriver import WebDriver

from .seed import run_snippet

SEED_IMPORTS = """import { pyInvoke } from "tauri-plugin-pytauri-api";
import { Channel } from "@tauri-apps/api/core";"""

SEED_STREAM_DATA = """// Receive streamed messages
const channel = new Channel((msg) => {
    console.log("Received:", msg);
});
await pyInvoke("stream_data", channel);"""

SEED_STREAM_AI_CHAT = """// Stream AI chat
let fullResponse = "";
const chatChannel = new Channel((chunk) => {
    if (!chunk.done) {
        fullResponse += chunk.text;
        document.getElementById("chat").textContent = fullResponse;
    } else {
        console.log("Streaming complete");
    }
});
await pyInvoke("stream_ai_chat", chatChannel);"""

WAIT_FOR_TEN = """
await __seed.waitFor(() => __seed.logs.length >= 10, "10 messages on the channel");
"""

WAIT_FOR_DONE = """
await __seed.waitFor(
  () => __seed.logs.some((args) => args[0] === "Streaming complete"),
  "the done chunk",
);
return document.getElementById("chat").textContent;
"""


def test_seed_stream_data(page: WebDriver) -> None:
    run = run_snippet(page, SEED_STREAM_DATA, WAIT_FOR_TEN, imports=SEED_IMPORTS).assert_ok()
    assert run.logs == [["Received:", f"Message {i}"] for i in range(10)]


def test_seed_stream_ai_chat_fills_the_chat_output(page: WebDriver) -> None:
    has_chat = page.execute_script('return document.getElementById("chat") !== null;')
    assert has_chat, 'the page has no element id="chat" (the channels panel holds it)'
    run = run_snippet(page, SEED_STREAM_AI_CHAT, WAIT_FOR_DONE, imports=SEED_IMPORTS).assert_ok()
    assert run.value == "Hello there! How can I help?"
    assert run.logs == [["Streaming complete"]]
