"""The seed page's events snippets, run verbatim in the real app.

Each ``SEED_*`` constant is copied character for character from the seed
page's JavaScript (a template test holds them against the page). Only the
import line differs: ``seed.run_snippet`` turns it into the global form,
``const { emit, listen, once } = window.__TAURI__.event;``.

The page's block runs in order, in one function; test code sits between its
parts to make Python emit while the snippet listens (commands ``notify_all``
and ``notify_window``), and after it to see that ``once`` and ``unlisten()``
stopped listening. Python's side is read with ``seed_events_heard``.

The block cannot run as one piece: its last line declares ``emit`` and
``listen`` again (the global form), so that line runs on its own.
"""

from __future__ import annotations

from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import invoke
from .seed import run_snippet
from .ui import OwnApp

SEED_IMPORTS = 'import { emit, listen, once } from "@tauri-apps/api/event";'

SEED_LISTEN = """// Listen to backend events
const unlisten = await listen("data-updated", (event) => {
    console.log("Payload:", event.payload);
    console.log("Status:", event.payload.status);
});"""

SEED_ONCE = """// Listen once
await once("notification", (event) => {
    alert(event.payload.message);
});"""

SEED_EMIT = """// Emit to backend
await emit("frontend-action", {
    action: "save",
    data: { key: "value" }
});"""

SEED_CLEANUP = """// Cleanup
unlisten();"""

SEED_GLOBAL_TAURI = """// Using global Tauri (if app.withGlobalTauri = true)
const { emit, listen } = window.__TAURI__.event;"""

# Between `once` and `emit`: Python emits both events the snippet listens to.
PYTHON_EMITS = """
const __pyInvoke = window.__TAURI__.pytauri.pyInvoke;
await __pyInvoke("notify_all");
await __pyInvoke("notify_window");
await __seed.waitFor(
  () => __seed.logs.some((args) => args[0] === "Status:"),
  "data-updated reaching the snippet's listener",
);
await __seed.waitFor(() => __seed.alerts.length > 0, "notification reaching the snippet's once");
"""

# After the cleanup: Python emits both again. A probe listener hears them, so
# they did arrive; the snippet's listeners must not have.
PYTHON_EMITS_AGAIN = """
const __logsBefore = __seed.logs.length;
const __probed = [];
const __probeUpdates = await listen("data-updated", () => __probed.push("data-updated"));
const __probeNotes = await listen("notification", () => __probed.push("notification"));
await __pyInvoke("notify_all");
await __pyInvoke("notify_window");
await __seed.waitFor(() => __probed.length >= 2, "the probe hearing both events");
__probeUpdates();
__probeNotes();
return { logsAfterCleanup: __seed.logs.length - __logsBefore };
"""


def test_seed_events_both_ways(own_app: OwnApp) -> None:
    # An app of its own: another test may have unlistened Python's frontend-action.
    page = own_app.session
    before = invoke(page, "seed_events_heard")
    assert before.ok, before.error
    assert before.value["listening"] is True

    run = run_snippet(
        page,
        SEED_LISTEN,
        SEED_ONCE,
        PYTHON_EMITS,
        SEED_EMIT,
        SEED_CLEANUP,
        PYTHON_EMITS_AGAIN,
        imports=SEED_IMPORTS,
    ).assert_ok()

    # listen: data-updated, logged by the snippet.
    assert len(run.logs) == 2, run.logs
    (payload_label, payload), status = run.logs
    assert payload_label == "Payload:"
    assert payload["status"] == "updated"
    assert isinstance(payload["count"], int)
    assert status == ["Status:", "updated"]
    # once: the notification alerted once, and only once.
    assert run.alerts == ["Hello from backend"]
    # unlisten(): the second data-updated was not logged.
    assert run.value == {"logsAfterCleanup": 0}

    # emit: Python heard frontend-action, validated.
    after = invoke(page, "seed_events_heard")
    assert after.ok, after.error
    assert after.value["frontend_actions"] == before.value["frontend_actions"] + 1
    assert after.value["last_action"] == {"action": "save", "data": {"key": "value"}}
    assert after.value["invalid_actions"] == before.value["invalid_actions"]


# After the global form: the functions it took from window.__TAURI__ work.
GLOBAL_FORM_IN_USE = """
const pyInvoke = window.__TAURI__.pytauri.pyInvoke;
const before = await pyInvoke("seed_events_heard");
await emit("init-complete");
await emit("init-complete");
await emit("global-event", { from: "the seed test" });
const updates = [];
const stop = await listen("data-updated", (event) => updates.push(event.payload));
await pyInvoke("notify_all");
await __seed.waitFor(() => updates.length > 0, "data-updated through the global listen");
stop();
const after = await pyInvoke("seed_events_heard");
return { before, after, updates };
"""


def test_seed_events_global_tauri_object(page: WebDriver) -> None:
    # No import at all: the snippet takes emit and listen from window.__TAURI__ itself.
    run = run_snippet(page, SEED_GLOBAL_TAURI, GLOBAL_FORM_IN_USE).assert_ok()
    before, after = run.value["before"], run.value["after"]
    # listen_any: every global-event counts.
    assert after["global_events"] == before["global_events"] + 1
    # once: init-complete counts one time per app, however often it comes.
    assert after["init_complete"] == 1
    assert run.value["updates"][0]["status"] == "updated"
