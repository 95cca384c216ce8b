"""The benchmark's command line: measure, print, save.

``python -m {{ cookiecutter.package_name }}.bench [--quick] [--json FILE]``

Launches, each as its own process, as a user would:

1. the bare pytauri app and the app, alternately, for the cold start (each
   is timed from launch until its page first reaches Python);
2. the app once more, to run every measurement in its page.

Then prints the table (and writes the JSON). Needs the built page
(``npm run build``) and a display: without one, on Linux, it starts its own
Xvfb. The full run takes about a minute; ``--quick`` a few seconds (small
counts, one launch of each: it proves everything works, its figures are rough).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..app import BENCH_ENV, DEV_SERVER_ENV, PACKAGE_DIR
from . import report
from .bare import ORDERS_ENV as BARE_ORDERS_ENV

PACKAGE = "{{ cookiecutter.package_name }}"
PROBE_TIMEOUT_S = 60
RUN_TIMEOUT_S = {True: 180, False: 600}
STARTS = {True: 0, False: 5}
"""Cold-start launches of each app besides the measuring run (quick: none)."""


class BenchError(Exception):
    """Something prevented a measurement; the message says what."""


@contextlib.contextmanager
def display() -> Iterator[dict[str, str]]:
    """Environment for the apps: the current display, or a private Xvfb."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform != "linux":
        yield {}
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise BenchError("no DISPLAY and Xvfb is not installed (Debian/Ubuntu: apt install xvfb)")
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it to the pipe.
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            raise BenchError("Xvfb did not report a display number")
        yield {"DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def launch(
    module: str, orders_env: str, orders: dict[str, Any], extra_env: dict[str, str], timeout: float
) -> dict[str, Any]:
    """Run ``python -m module`` with its orders; return its results and cold start."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        out = Path(folder) / "results.json"
        log_path = Path(folder) / "app.log"
        env = {**os.environ, **extra_env, orders_env: json.dumps({**orders, "out": str(out)})}
        env.pop(DEV_SERVER_ENV, None)  # the built page: bench.js is not served by Vite
        with log_path.open("wb") as log:
            started = time.time()
            process = subprocess.Popen(
                [sys.executable, "-m", module], env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                code = None
        if not out.is_file():
            output = log_path.read_text(errors="replace")[-4000:]
            what = "timed out" if code is None else f"exited {code}"
            raise BenchError(f"`python -m {module}` {what} without results; its output:\n{output}")
        results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    for stage in ("setup", "ipc", "ready"):
        results[f"{stage}_s"] = results[f"{stage}_at"] - started
    return results


def machine() -> dict[str, Any]:
    def installed(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    return {
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "pytauri": installed("pytauri"),
        "pytauri_wheel": installed("pytauri-wheel"),
        "uvloop": installed("uvloop"),
        "date": time.strftime("%Y-%m-%d"),
    }


def run(quick: bool) -> dict[str, Any]:
    if not (PACKAGE_DIR / "frontend" / "bench.js").is_file():
        raise BenchError("the page is not built (no frontend/bench.js): run `npm run build`")
    app_starts: list[dict[str, Any]] = []
    bare_starts: list[dict[str, Any]] = []
    with display() as env:
        app = (PACKAGE, BENCH_ENV)
        bare = (f"{PACKAGE}.bench.bare", BARE_ORDERS_ENV)
        if not quick:  # first launches load files from disk: not counted
            for module, orders_env in (bare, app):
                launch(module, orders_env, {"mode": "probe"}, env, PROBE_TIMEOUT_S)
        for index in range(STARTS[quick]):
            print(f"cold start {index + 1}/{STARTS[quick]}", file=sys.stderr)
            bare_starts.append(launch(*bare, {"mode": "probe"}, env, PROBE_TIMEOUT_S))
            app_starts.append(launch(*app, {"mode": "probe"}, env, PROBE_TIMEOUT_S))
        if quick:
            bare_starts.append(launch(*bare, {"mode": "probe"}, env, PROBE_TIMEOUT_S))
        print("measuring in the page...", file=sys.stderr)
        measured = launch(*app, {"mode": "run", "quick": quick}, env, RUN_TIMEOUT_S[quick])
        if quick:  # no separate launches: the measuring run's start stands in
            app_starts.append(measured)
    flat = report.figures(measured, app_starts, bare_starts)
    goal_list = report.goals(flat)
    errors = {k: v for k, v in measured.get("measured", {}).items() if k.startswith("error_")}
    raw = {"run": measured, "app_starts": app_starts, "bare_starts": bare_starts}
    summary = report.as_json(flat, goal_list, quick=quick, machine=machine(), raw=raw)
    summary["errors"] = errors
    summary["table"] = report.table(flat, goal_list)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=f"python -m {PACKAGE}.bench", description="Measure every IPC path of the real app."
    )
    parser.add_argument("--quick", action="store_true", help="small counts, a few seconds")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    try:
        summary = run(args.quick)
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    info = summary["machine"]
    print(
        f"{'Quick run (small counts, rough figures)' if args.quick else 'Full run'}: "
        f"{info['system']}, {info['cpus']} CPUs, Python {info['python']}, "
        f"pytauri {info['pytauri']}, uvloop {info['uvloop'] or 'no'}, {info['date']}"
    )
    print(summary["table"])
    for name, message in summary["errors"].items():
        print(f"{name}: {message}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
