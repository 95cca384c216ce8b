"""Commands: the page calls Python and gets an answer (request/response).

These are the seed's commands, with their names, bodies and answers:
``pyInvoke("greet", "World")`` answers ``"Hello, World!"`` and
``pyInvoke("create_user", {name: "Alice", age: 30})`` answers
``{message, user_id}``. The form to use at scale is the same commands called
through the page's client (``web/python/commands``), whose types come from
these models, so a wrong field is a type error before it is a runtime one.

Page side: ``web/commands.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

import hashlib
import itertools
import platform
from urllib.parse import unquote

from pydantic import Field
from pytauri import AppHandle, Commands
from pytauri.ipc import Headers, InvokeException

from .plumbing.guards import guarded_command
from .plumbing.models import CamelModel, StrictModel

{% if cookiecutter.with_typed_client -%}
# experimental_gen_ts: each module's table also records its commands' input
# and output types, from which `npm run gen` (codegen.py) writes the page's client.
{% endif -%}
commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

MAX_NAME_LENGTH = 100
"""Longer names are refused: a page must not make Python echo megabytes."""

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Uploads above this size are refused with a clear message."""

_user_ids = itertools.count(1)


@commands.command()
@guarded_command
async def greet(body: str) -> str:
    """The smallest command: a string in, a string out."""
    name = body.strip()
    if not name:
        raise InvokeException("Please enter a name.")
    # A plain `str` body has no pydantic Field to limit it: check by hand.
    if len(name) > MAX_NAME_LENGTH:
        raise InvokeException(f"Please enter a name of at most {MAX_NAME_LENGTH} characters.")
    return f"Hello, {name}!"


# StrictModel, not CamelModel: the seed's page reads `user_id`, as written here.
class UserInput(StrictModel):
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    age: int = Field(ge=0, le=150)


class UserOutput(StrictModel):
    message: str
    user_id: int


@commands.command()
@guarded_command
async def create_user(body: UserInput, app_handle: AppHandle) -> UserOutput:
    """Structured data: pydantic validates the body before this runs.

    A body of the wrong shape never reaches this function: the page receives
    one line per wrong field instead, e.g. ``age: Input should be a valid integer``.
    """
    app_name = app_handle.config()["productName"]
    return UserOutput(message=f"Created {body.name} in {app_name}", user_id=next(_user_ids))


@commands.command()
@guarded_command
async def risky_operation() -> None:
    """How to report an error the page should show: raise InvokeException."""
    raise InvokeException("Something went wrong!")


class UploadResult(CamelModel):
    name: str
    size: int
    sha256: str
    content_type: str


def _headers_dict(headers: Headers) -> dict[str, str]:
    # Headers arrive as a list of (bytes, bytes) pairs with lower-cased names.
    return {name.decode("latin-1"): value.decode("latin-1") for name, value in headers}


@commands.command()
@guarded_command
async def upload_file(body: bytes, headers: Headers) -> UploadResult:
    """Binary data: the raw bytes arrive as the body; metadata in headers.

    ``content-type`` is always ``application/octet-stream`` for a bytes
    body, so the page sends the real type and the file name in custom
    headers (the name URI-encoded, as headers are Latin-1). The name is only
    echoed back, never used as a path.
    """
    if len(body) > MAX_UPLOAD_BYTES:
        raise InvokeException(
            f"File too large: {len(body):,} bytes (limit {MAX_UPLOAD_BYTES:,} bytes)."
        )
    meta = _headers_dict(headers)
    return UploadResult(
        name=unquote(meta.get("x-file-name", "unnamed"))[:255],
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
        content_type=meta.get("x-content-type", "application/octet-stream")[:255],
    )


@commands.command()
@guarded_command
async def get_version() -> str:
    """A command without a body: the page calls it with no argument."""
    return f"Python {platform.python_version()}"
