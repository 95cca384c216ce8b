"""Validation errors a person can read: one short line per field.

pytauri answers a body of the wrong shape with ``repr(ValidationError)``: a
multi-line dump with the input echoed back and ``errors.pydantic.dev`` links.
``readable`` keeps what a person needs, the field and what is wrong with it::

    age: Input should be a valid integer
    name: Field required
"""

from __future__ import annotations

from pydantic import ValidationError

MAX_LINES = 10
"""A body with more wrong fields than this lists the first ones and a count."""
MAX_MESSAGE = 200
"""pydantic's messages are short; this bounds ones that quote long input."""


def field_path(location: tuple[int | str, ...], root: str = "body") -> str:
    """``('items', 0, 'name')`` -> ``items.0.name``; the whole body is ``root``."""
    return ".".join(str(part) for part in location) or root


def readable(error: ValidationError, root: str = "body") -> str:
    """One line per wrong field, ``<field>: <what is wrong>``, no internals.

    An error about the whole input is named ``root``; with ``root=""`` it is
    the message alone.
    """
    lines = []
    details = error.errors(include_url=False, include_input=False, include_context=False)
    for detail in details[:MAX_LINES]:
        message = detail["msg"]
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        where = field_path(detail["loc"], root)
        lines.append(f"{where}: {message}" if where else message)
    if len(details) > MAX_LINES:
        lines.append(f"… and {len(details) - MAX_LINES} more")
    return "\n".join(lines)
