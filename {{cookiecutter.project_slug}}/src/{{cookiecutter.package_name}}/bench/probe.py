"""When can the page first reach Python? Used alike by the app and the bare app.

A thread asks the page every few milliseconds (``webview_window.eval``) how
far it has got, and the page answers through the ``bench_ready`` command,
once for each of two stages:

- ``ipc``: the page is parsed and Tauri's API is there, so the page's code
  can call Python: the cold start to first IPC ends when Python hears this;
- ``ready``: ``<body data-ready="true">``: the app's ``main.ts`` sets it once
  every panel is wired (some panels call Python while they mount); the bare
  page has it from the start.

Python notes when each arrived (``time.time()``), when setup ran (imports and
Tauri's build done) and how long the page had been loading at each stage
(``performance.now()`` in the page: since its navigation began).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pytauri import AppHandle, Commands, Manager
from pytauri.webview import WebviewWindow

POLL_SECONDS = 0.005
GIVE_UP_SECONDS = 120.0
STAGES = ("ipc", "ready")

READY_JS = """(() => {
  const sent = (window.__benchStages ??= {});
  const call = (stage) => {
    sent[stage] = true;
    window.__TAURI__.pytauri.pyInvoke("bench_ready", { stage, pageMs: performance.now() });
  };
  if (!window.__TAURI__?.pytauri || document.readyState === "loading") return;
  if (!sent.ipc) call("ipc");
  if (!sent.ready && document.body.dataset.ready === "true") call("ready");
})();"""

OnReady = Callable[[dict[str, float], WebviewWindow], None]
"""Called once both stages arrived, with ``ipc_at``, ``ready_at``, ``setup_at``
(``time.time()`` values), ``page_ipc_ms`` and ``page_ready_ms``."""


class Probe:
    """The ``bench_ready`` command and the thread that asks the page for it."""

    def __init__(self, on_ready: OnReady, window_label: str = "main") -> None:
        self._on_ready = on_ready
        self._label = window_label
        self._done = threading.Event()
        self._times: dict[str, float] = {}
        self.commands = Commands()

        @self.commands.command()
        async def bench_ready(body: dict[str, str | float], webview_window: WebviewWindow) -> None:
            arrived = time.time()
            stage = body.get("stage")
            if stage not in STAGES or f"{stage}_at" in self._times:
                return
            self._times[f"{stage}_at"] = arrived
            self._times[f"page_{stage}_ms"] = float(body.get("pageMs", 0))
            if all(f"{s}_at" in self._times for s in STAGES) and not self._done.is_set():
                self._done.set()
                self._on_ready(dict(self._times), webview_window)

    def watch(self, app_handle: AppHandle) -> None:
        """Start asking the page (call at setup)."""
        self._times["setup_at"] = time.time()
        threading.Thread(target=self._poll, args=(app_handle,), daemon=True).start()

    def _poll(self, app_handle: AppHandle) -> None:
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while not self._done.is_set() and time.monotonic() < deadline:
            window = Manager.get_webview_window(app_handle, self._label)
            if window is not None:
                window.eval(READY_JS)
            self._done.wait(POLL_SECONDS)


# --- memory ---------------------------------------------------------------------


def _status_kib(pid: int | str, field: str) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.M)
    return int(match[1]) if match else None


def rss_mib() -> float | None:
    """This process's resident memory now (Linux only)."""
    kib = _status_kib("self", "VmRSS")
    return None if kib is None else kib / 1024


def peak_rss_mib() -> float | None:
    """This process's peak resident memory so far."""
    kib = _status_kib("self", "VmHWM")
    if kib is not None:
        return kib / 1024
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS


def children_rss_mib() -> float | None:
    """Resident memory of this process's descendants: WebKit's helper processes (Linux)."""
    if not Path("/proc/self/task").is_dir():
        return None
    total, todo, seen = 0, [os.getpid()], set()
    while todo:
        pid = todo.pop()
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
                    total += _status_kib(child, "VmRSS") or 0
    return total / 1024
