"""The bare pytauri app the benchmark compares the app's cold start with (``__main__.py``)."""

ORDERS_ENV = "BENCH_BARE_ORDERS"
"""Its orders, as for the app: ``{"mode": "probe", "out": FILE}``."""
