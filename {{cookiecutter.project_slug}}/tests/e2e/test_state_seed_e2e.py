"""The seed page's state snippet, run verbatim in the real app.

``SEED_STATE`` is copied character for character from the seed page's
JavaScript (a template test holds it against the page). Only the import line
differs: ``seed.run_snippet`` turns it into the global form,
``const { pyInvoke } = window.__TAURI__.pytauri;``.

The app is shared by the whole test session, so other tests may have moved the
counter already: the test reads the state first and checks what the snippet added.
"""

from __future__ import annotations

from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import invoke
from .seed import run_snippet

SEED_IMPORTS = 'import { pyInvoke } from "tauri-plugin-pytauri-api";'

SEED_STATE = """// Commands automatically have access to state
const newCount = await pyInvoke("increment_counter");
console.log("Counter is now:", newCount);

await pyInvoke("add_message", "Hello from frontend!");

const info = await pyInvoke("get_user_info");
console.log(info);"""

MAX_MESSAGES = 1000
"""The app keeps at most this many messages (state.py)."""


def test_seed_state(page: WebDriver) -> None:
    before = invoke(page, "get_user_info")
    assert before.ok, before.error
    run = run_snippet(page, SEED_STATE, imports=SEED_IMPORTS).assert_ok()
    counter = before.value["counter"] + 1
    messages = min(before.value["message_count"] + 1, MAX_MESSAGES)
    assert run.logs == [
        ["Counter is now:", counter],
        [{"counter": counter, "user": before.value["user"], "message_count": messages}],
    ]
