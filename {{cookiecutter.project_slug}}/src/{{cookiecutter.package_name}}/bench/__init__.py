"""A benchmark of every way data moves between Python and the page.

``python -m {{ cookiecutter.package_name }}.bench [--quick] [--json FILE]`` launches the
real app (under its own Xvfb when there is no display), runs every measurement in the
page against the real Python side, and prints a table of figures:

- ``__main__.py``: the command line; launches the apps and prints the table.
- ``in_app.py``: what the app adds when the benchmark launches it (``app.BENCH_ENV``
  is set): the measuring commands of ``commands.py``, the cold-start probe
  (``probe.py``) and the permission to call a Rust-only command.
- ``web/bench.ts`` (built to ``frontend/bench.js``): the measurements, in the page.
- ``bare/``: a bare pytauri app, the yardstick for the cold start.
- ``report.py``: the table, the goals and the JSON.

The shipped app never imports this package: ``python -m {{ cookiecutter.package_name }}``
runs without it.
"""
