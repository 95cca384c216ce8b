"""Placeholder: being written (tests/ship/ for now)."""
