"""Fixtures shared by the unit tests (the end-to-end tests have their own in e2e/)."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (``@pytest.mark.anyio``) run on asyncio, as the app's portal does."""
    return "asyncio"
