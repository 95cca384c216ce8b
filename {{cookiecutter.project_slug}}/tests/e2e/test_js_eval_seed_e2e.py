"""The seed page's JS eval example, seen from the page of the real app.

The seed page shows only Python for this API (``run_js``: three
``webview_window.eval`` calls), so there is no JavaScript to copy here: the
test calls ``run_js`` and checks that each of the three scripts ran in the
page: the console got ``Hello from Python!``, ``#status`` reads
``Updated from backend`` and the page's own ``window.updateUI`` (the js-eval
panel defines it) was called with ``{data: 'new value'}``.
"""

from __future__ import annotations

from selenium.webdriver.remote.webdriver import WebDriver

from .seed import run_snippet

IMPORTS = 'import { pyInvoke } from "tauri-plugin-pytauri-api";'

# Wraps the page's updateUI to see the call, and puts it back afterwards.
RUN_JS = """
const pageUpdateUI = window.updateUI;
if (typeof pageUpdateUI !== "function") {
  throw new Error("the page defines no window.updateUI (the js-eval panel sets it)");
}
if (document.getElementById("status") === null) {
  throw new Error('the page has no element id="status" (the js-eval panel holds it)');
}
const calls = [];
window.updateUI = (update) => {
  calls.push(update);
  return pageUpdateUI(update);
};
try {
  await pyInvoke("run_js");
  // eval is fire and forget: run_js answers before the page has run the scripts.
  await __seed.waitFor(() => calls.length > 0, "Python's eval calling window.updateUI");
} finally {
  window.updateUI = pageUpdateUI;
}
return { calls, status: document.getElementById("status").textContent };
"""


def test_seed_run_js_reaches_the_page(page: WebDriver) -> None:
    run = run_snippet(page, RUN_JS, imports=IMPORTS).assert_ok()
    assert ["Hello from Python!"] in run.logs, run.logs
    assert run.value == {"calls": [{"data": "new value"}], "status": "Updated from backend"}
