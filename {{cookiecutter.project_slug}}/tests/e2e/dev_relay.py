"""Stand-in for the app that the dev-mode e2e test (test_dev_e2e.py) gives the supervisor.

It exists only for that test. WebDriver drives only an app that WebKitWebDriver
launched itself: a session ends with its app, and a session attached to an
app that is already running gets a blank page without Tauri's IPC. So the
test runs ``python -m PACKAGE.plumbing.dev --app-command "python dev_relay.py
DRIVER_URL SESSION_FILE"``, and for each app the supervisor starts, this relay:

1. opens a session on the test's WebKitWebDriver whose program is the real app,
   ``env NAME=VALUE... python -m PACKAGE``: the driver launches programs with
   its own environment, so the variables the supervisor set for the app (the
   dev server, the ready file...) are passed on the command line;
2. writes the session id to SESSION_FILE, where the test picks it up;
3. on SIGTERM (the supervisor restarting or stopping the app) quits the
   session, which ends the app, then exits.

Everything else (watching, checking, timing, cleaning up) is the real supervisor's.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection

PACKAGE = "{{ cookiecutter.package_name }}"
SESSION_TIMEOUT_S = 60


class AppOptions(ArgOptions):
    """WebKitWebDriver's one capability: which program to launch, with which arguments."""

    def __init__(self, args: list[str]) -> None:
        super().__init__()
        self.launch_args = args

    def to_capabilities(self) -> dict[str, Any]:
        return {"webkitgtk:browserOptions": {"binary": "/usr/bin/env", "args": self.launch_args}}

    @property
    def default_capabilities(self) -> dict[str, Any]:
        return {}


def app_args(environ: dict[str, str]) -> list[str]:
    """``env``'s arguments: the app's variables (``PACKAGE_...``), then ``python -m PACKAGE``."""
    prefix = f"{PACKAGE.upper()}_"
    passed = [f"{name}={value}" for name, value in environ.items() if name.startswith(prefix)]
    return [*passed, sys.executable, "-m", PACKAGE]


def main(driver_url: str, session_file: Path) -> int:
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
    config = ClientConfig(remote_server_addr=driver_url, timeout=SESSION_TIMEOUT_S)
    session = webdriver.Remote(
        command_executor=RemoteConnection(client_config=config),
        options=AppOptions(app_args(dict(os.environ))),
    )
    try:
        scratch = session_file.with_name(f"{session_file.name}.tmp")
        scratch.write_text(str(session.session_id), encoding="utf-8")
        scratch.replace(session_file)  # the test never reads half an id
        while not stopping.wait(0.2):  # short waits: the signal handler runs between them
            pass
    finally:
        session.quit()  # ends the app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
