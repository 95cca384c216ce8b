"""A bare pytauri app: the yardstick for the app's cold start.

One window, an empty page, one command (the probe's) and pytauri's stock
handler: nothing but what every pytauri app pays for. The benchmark launches
it as ``python -m {{ cookiecutter.package_name }}.bench.bare``, with orders like the app's.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from anyio.from_thread import start_blocking_portal
from pytauri.webview import WebviewWindow
from pytauri_wheel.lib import builder_factory, context_factory

from ..probe import Probe, rss_mib
from . import ORDERS_ENV

HERE = Path(__file__).parent.absolute()


def main() -> int:
    orders = json.loads(os.environ[ORDERS_ENV])

    def on_ready(times: dict[str, float], window: WebviewWindow) -> None:
        results = {**times, "rss_at_ready_mib": rss_mib()}
        Path(orders["out"]).write_text(json.dumps(results), encoding="utf-8")
        window.close()

    probe = Probe(on_ready)
    with start_blocking_portal("asyncio") as portal:
        app = builder_factory().build(
            context=context_factory(HERE),
            invoke_handler=probe.commands.generate_handler(portal),
            setup=probe.watch,
        )
        exit_code = app.run_return()
        portal.call(portal.stop, True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
