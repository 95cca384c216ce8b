"""The seed page's commands snippets, run verbatim in the real app.

Each ``SEED_*`` constant is copied character for character from the seed
page's JavaScript (a template test holds them against the page). Only the
import line differs: ``seed.run_snippet`` turns it into the global form,
``const { pyInvoke } = window.__TAURI__.pytauri;``.

Not run: the page's "auto-generated functions" lines, ``greet({ name: "World" })``
reading ``.message``. They contradict the page's own ``pyInvoke("greet", "World")``
answering ``"Hello, World!"``; the app follows the pyInvoke form (its generated
client is ``greet(body: string)``).
"""

from __future__ import annotations

from selenium.webdriver.remote.webdriver import WebDriver

from .seed import run_snippet

SEED_IMPORTS = 'import { pyInvoke } from "tauri-plugin-pytauri-api";'

SEED_GREET = '''// Simple invocation
const greeting = await pyInvoke("greet", "World");
console.log(greeting); // "Hello, World!"'''

SEED_CREATE_USER = """// Structured data
const result = await pyInvoke("create_user", {
    name: "Alice",
    age: 30
});
console.log(result.message);"""

SEED_RISKY_OPERATION = """// Error handling
try {
    await pyInvoke("risky_operation");
} catch (error) {
    console.error("Command failed:", error);
}"""

SEED_GLOBAL_TAURI = """// Using global Tauri object (if app.withGlobalTauri = true)
const { pyInvoke } = window.__TAURI__.pytauri;
const result = await pyInvoke("greet", "World");"""


def test_seed_greet(page: WebDriver) -> None:
    run = run_snippet(page, SEED_GREET, imports=SEED_IMPORTS).assert_ok()
    assert run.logs == [["Hello, World!"]]


def test_seed_create_user(page: WebDriver) -> None:
    run = run_snippet(page, SEED_CREATE_USER, imports=SEED_IMPORTS).assert_ok()
    assert len(run.logs) == 1, run.logs
    (message,) = run.logs[0]
    # "Created Alice in <the app's productName>"
    assert isinstance(message, str)
    assert message.startswith("Created Alice in "), message
    assert len(message) > len("Created Alice in "), message


def test_seed_risky_operation_is_caught(page: WebDriver) -> None:
    run = run_snippet(page, SEED_RISKY_OPERATION, imports=SEED_IMPORTS).assert_ok()
    assert run.errors == [["Command failed:", "Something went wrong!"]]
    assert run.logs == []


def test_seed_global_tauri_object(page: WebDriver) -> None:
    # No import at all: the snippet takes pyInvoke from window.__TAURI__ itself.
    run = run_snippet(page, SEED_GLOBAL_TAURI, "return result;").assert_ok()
    assert run.value == "Hello, World!"
