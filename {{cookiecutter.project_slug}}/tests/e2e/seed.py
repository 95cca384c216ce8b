"""Run the seed page's JavaScript snippets, verbatim, inside the real app's page.

The seed page (the one users read beside this template) imports from npm
packages: ``import { pyInvoke } from "tauri-plugin-pytauri-api"``. A script sent
over WebDriver cannot import, so ``run_snippet`` turns each of those import
lines into the global form the page also documents, e.g.
``const { pyInvoke } = window.__TAURI__.pytauri;``, and runs everything else
as written, in one async function.

While it runs, ``console.log``, ``console.error`` and ``alert`` are recorded
(``alert`` does not open a dialog, which would block WebDriver), then put back.
Test code can sit between snippet parts; it sees the snippets' variables and
the recorder ``__seed``: ``__seed.logs``, ``__seed.errors``, ``__seed.alerts``
and ``await __seed.waitFor(() => condition, "what", timeoutMs)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from selenium.common.exceptions import JavascriptException, TimeoutException
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import run_in_page

GLOBAL_NAMESPACES = {
    "tauri-plugin-pytauri-api": "pytauri",
    "@tauri-apps/api/core": "core",
    "@tauri-apps/api/event": "event",
}
"""npm module -> its namespace under ``window.__TAURI__`` (``withGlobalTauri``)."""

_IMPORT = re.compile(r'^import \{ ?([\w, ]+?) ?\} from "([^"]+)";$')

_RUNNER = """
const __seed = { logs: [], errors: [], alerts: [] };
const __plain = (value) => {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value === undefined) return "undefined";
  if (typeof value === "function") return String(value);
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return String(value);
  }
};
__seed.waitFor = (condition, what, timeoutMs = 5000) =>
  new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out after ${timeoutMs} ms: ${what}`));
      else setTimeout(check, 20);
    };
    check();
  });
const __saved = { log: console.log, error: console.error, alert: window.alert };
console.log = (...args) => {
  __seed.logs.push(args.map(__plain));
  __saved.log.apply(console, args);
};
console.error = (...args) => {
  __seed.errors.push(args.map(__plain));
  __saved.error.apply(console, args);
};
window.alert = (message) => {
  __seed.alerts.push(String(message));
};
const __finish = (error, value) => {
  console.log = __saved.log;
  console.error = __saved.error;
  window.alert = __saved.alert;
  done({
    logs: __seed.logs,
    errors: __seed.errors,
    alerts: __seed.alerts,
    error,
    value: value === undefined ? null : __plain(value),
  });
};
(async () => {
/*SNIPPET*/
})().then(
  (value) => __finish(null, value),
  (error) =>
    __finish(
      error instanceof Error
        ? [`${error.name}: ${error.message}`, ...String(error.stack ?? "").split("\\n")]
            .filter((line) => line.replace(/[@\\s]/g, "") !== "")
            .join("\\n")
        : `rejected with a ${typeof error}, not an Error: ${JSON.stringify(__plain(error))}`,
    ),
);
"""


@dataclass(frozen=True)
class SnippetRun:
    """What a snippet did in the page."""

    logs: list[list[Any]] = field(default_factory=list)
    """The arguments of each ``console.log`` call, in order."""
    errors: list[list[Any]] = field(default_factory=list)
    """The arguments of each ``console.error`` call, in order."""
    alerts: list[str] = field(default_factory=list)
    error: str | None = None
    """What the snippet threw (name, message and stack), if it threw."""
    value: Any = None
    """What the code returned (snippets return nothing; test code may)."""

    def assert_ok(self) -> SnippetRun:
        assert self.error is None, f"the snippet threw:\n{self.error}\nits console: {self.logs}"
        return self


def global_form(import_line: str) -> str:
    """``import { a, b } from "module";`` -> ``const { a, b } = window.__TAURI__.<ns>;``."""
    match = _IMPORT.match(import_line.strip())
    assert match, f"not an import line the runner knows: {import_line!r}"
    names, module = match.groups()
    assert module in GLOBAL_NAMESPACES, f"no global form known for {module!r}"
    # Concatenated, not an f-string: this file is a template, and doubled braces are Jinja's.
    return "const { " + names + " } = window.__TAURI__." + GLOBAL_NAMESPACES[module] + ";"


def run_snippet(
    page: WebDriver, *parts: str, imports: str = "", timeout_s: float = 30
) -> SnippetRun:
    """Run ``parts`` (joined by newlines) in one async function in the page.

    ``imports``: the seed's own import lines, turned into their global form.
    """
    prelude = [global_form(line) for line in imports.splitlines() if line.strip()]
    body = "\n".join([*prelude, *parts])
    try:
        result = run_in_page(page, _RUNNER.replace("/*SNIPPET*/", body), timeout_s=timeout_s)
    except JavascriptException as exc:
        # A syntax error: the script never ran. Show the code as the page got it.
        numbered = "\n".join(f"{n:3} | {line}" for n, line in enumerate(body.splitlines(), 1))
        raise AssertionError(f"the snippet does not compile: {exc.msg}\n{numbered}") from None
    except TimeoutException:
        raise AssertionError(
            f"the snippet did not finish within {timeout_s} s (an await never settled):\n{body}"
        ) from None
    return SnippetRun(
        logs=result["logs"],
        errors=result["errors"],
        alerts=result["alerts"],
        error=result["error"],
        value=result["value"],
    )
