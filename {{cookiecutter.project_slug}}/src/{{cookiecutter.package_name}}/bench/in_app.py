"""What the app adds when ``python -m {{ cookiecutter.package_name }}.bench`` launches it.

``app.main`` calls ``instrument`` only when ``app.BENCH_ENV`` is set; it holds
the launch's orders as JSON (``Orders``). The app then also has:

- the probe (``probe.py``), which notes when the page first reaches Python;
- for a measuring run, the commands of ``commands.py``, plus ``bench_report``
  and ``bench_done`` through which the page hands its figures back;
- a capability that lets the page call one Rust-only command (the floor a
  Python command is compared with) and listen to events, even when the
  events example is off;
- ``bench_inline``, answered on Tauri's own thread, without the hop onto the
  async loop: what pytauri's way into Python costs by itself. Checking for
  it costs every other call one string comparison while the benchmark runs.

The figures go to the file named in the orders, then the window closes and
the app exits as usual.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, JsonValue
from pytauri import AppHandle, Commands
from pytauri.ipc import Invoke, ParametersType
from pytauri.webview import WebviewWindow

from ..plumbing.dispatch import Dispatcher
from ..plumbing.guards import guarded_command
from ..plumbing.models import CamelModel
from . import probe

logger = logging.getLogger(__name__)

CAPABILITY = {
    "identifier": "bench",
    "description": "Only while the benchmark runs: a Rust-only command and events",
    "windows": ["main"],
    "permissions": [
        "core:app:allow-version",
        "core:event:allow-listen",
        "core:event:allow-unlisten",
    ],
}
CAPABILITIES_DIR = Path(__file__).parents[1] / "capabilities"
"""The app's own capability files (``app.PACKAGE_DIR / "capabilities"``)."""
START_JS = 'window.__BENCH__ = {config}; import("./bench.js");'


@dataclass(frozen=True)
class Orders:
    mode: Literal["probe", "run"]
    """probe: note the cold start, then exit; run: also run every measurement."""
    out: Path
    """Where the results go (JSON)."""
    quick: bool = False

    @classmethod
    def from_json(cls, text: str) -> Orders:
        data = json.loads(text)
        if data.get("mode") not in ("probe", "run") or not data.get("out"):
            raise ValueError(f"bad benchmark orders: {text!r}")
        return cls(mode=data["mode"], out=Path(data["out"]), quick=bool(data.get("quick")))


@dataclass
class Session:
    """One launch's results, written out when the page is done."""

    orders: Orders
    results: dict[str, Any] = field(default_factory=dict)

    def on_ready(self, times: dict[str, float], window: WebviewWindow) -> None:
        self.results.update(times)
        self.results["rss_at_ready_mib"] = probe.rss_mib()
        if self.orders.mode == "probe":
            self.finish(window)
        else:
            window.eval(START_JS.format(config=json.dumps({"quick": self.orders.quick})))

    def record(self, name: str, figures: dict[str, JsonValue]) -> None:
        self.results.setdefault("measured", {})[name] = figures

    def finish(self, window: WebviewWindow) -> None:
        self.results["peak_rss_mib"] = probe.peak_rss_mib()
        self.results["webview_rss_mib"] = probe.children_rss_mib()
        temporary = self.orders.out.with_suffix(".part")
        temporary.write_text(json.dumps(self.results), encoding="utf-8")
        os.replace(temporary, self.orders.out)
        window.close()


class Report(CamelModel):
    name: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    figures: dict[str, JsonValue]


def session_commands(session: Session) -> Commands:
    """``bench_report`` and ``bench_done``: the page hands its figures back."""
    table = Commands()

    @table.command()
    @guarded_command
    async def bench_report(body: Report) -> None:
        session.record(body.name, body.figures)

    @table.command()
    @guarded_command
    async def bench_done(webview_window: WebviewWindow) -> None:
        session.finish(webview_window)

    return table


INLINE_COMMAND = "bench_inline"


def answering_inline(dispatcher: Dispatcher) -> Callable[[Invoke], None]:
    """The dispatcher, except that ``bench_inline`` (bytes in, the same out) is
    answered at once, on the thread Tauri calls from."""
    parameters: ParametersType = {"body": bytes}

    def invoke_handler(invoke: Invoke) -> None:
        if invoke.command != INLINE_COMMAND:
            dispatcher(invoke)
            return
        resolver = invoke.bind_to(parameters)
        if resolver is not None:
            resolver.resolve(resolver.arguments.get("body", b""))

    return invoke_handler


def capability_ids(folder: Path) -> list[str]:
    """The identifiers of the app's own capability files."""
    found = (
        re.search(r'^identifier\s*=\s*"([^"]+)"', path.read_text(encoding="utf-8"), re.M)
        for path in sorted(folder.glob("*.toml"))
    )
    return [match[1] for match in found if match]


def with_bench_capability(config: dict[str, Any] | None, folder: Path) -> dict[str, Any]:
    """Tauri config overrides that enable the app's capabilities plus the bench's."""
    capabilities = [*capability_ids(folder), CAPABILITY]
    return {**(config or {}), "app": {"security": {"capabilities": capabilities}}}


def instrument(
    orders_json: str,
    dispatcher: Dispatcher,
    config: dict[str, Any] | None,
    setup: Callable[[AppHandle], None],
) -> tuple[Callable[[Invoke], None], dict[str, Any], Callable[[AppHandle], None]]:
    """The app's invoke handler, Tauri config and setup, with the benchmark added."""
    session = Session(Orders.from_json(orders_json))
    watcher = probe.Probe(session.on_ready)
    extras = [watcher.commands]
    invoke_handler: Callable[[Invoke], None] = dispatcher
    if session.orders.mode == "run":
        from .commands import commands as measuring

        extras += [measuring, session_commands(session)]
        invoke_handler = answering_inline(dispatcher)
    for commands in extras:
        duplicates = dispatcher.commands.keys() & commands.keys()
        if duplicates:
            raise RuntimeError(f"the benchmark's commands clash with the app's: {duplicates}")
        dispatcher.commands.update(commands)

    def bench_setup(app_handle: AppHandle) -> None:
        setup(app_handle)
        watcher.watch(app_handle)

    logger.info("benchmark %s: results go to %s", session.orders.mode, session.orders.out)
    return invoke_handler, with_bench_capability(config, CAPABILITIES_DIR), bench_setup
