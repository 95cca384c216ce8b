"""Write the page's typed client from the Python code: ``npm run gen``.

``npm run gen`` runs this module, which rewrites ``web/python/``: one folder
per example module in ``app.EXAMPLE_MODULES``, which the page imports as
``./python/<module>``:

- ``apiClient.ts`` and ``_apiTypes.d.ts``: one typed async function per
  command, from pytauri's own generator (``Commands(experimental_gen_ts=True)``).
- ``_ipcTypes.d.ts``: the payload of each event in the module's ``events``
  table, and the message of each channel its commands take.
- ``index.ts`` (written by ``codegen_ts``): what the page imports: the command functions, typed
  ``listen``/``once``/``emit`` for the module's events, and one function per
  channel that creates a ``Channel`` of the right message type.

The types come from the pydantic models' JSON schemas, turned into TypeScript
by the npm package json-schema-to-typescript (``node_modules/.bin/json2ts``).
Generation runs offline and needs no display; any failure exits non-zero
with the reason. ``--check`` writes nothing and fails if ``web/python/``
differs from what it would write: the tests run it, so a stale client fails.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import traceback
import typing
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import anyio
from pydantic import BaseModel
from pydantic.alias_generators import to_camel
from pytauri import Commands
from pytauri.ipc import JavaScriptChannelId

from .. import app
{%- if cookiecutter.with_channels or cookiecutter.with_bench %}
from .batching import ChannelBatch
{%- endif %}
from .codegen_ts import BANNER as BANNER
from .codegen_ts import ChannelSpec as ChannelSpec
from .codegen_ts import indent_ts as indent_ts
from .codegen_ts import index_ts as index_ts
from .codegen_ts import ipc_schema as ipc_schema
from .typed_events import AnyEvent, Events

PROJECT_DIR = Path(__file__).resolve().parents[3]
OUTPUT_DIR = PROJECT_DIR / "web" / "python"
REGENERATE = "npm run gen"


class CodegenError(Exception):
    """Something the user has to fix; the message says what."""


# --- what each module offers the page ---------------------------------------


def channel_message(annotation: object) -> type[BaseModel] | None:
    """``M`` for ``JavaScriptChannelId[M]``; None for any other type."""
    if not (isinstance(annotation, type) and issubclass(annotation, JavaScriptChannelId)):
        return None
    args = annotation.__pydantic_generic_metadata__["args"]
    message = args[0] if args else None
    if not (isinstance(message, type) and issubclass(message, BaseModel)):
        raise CodegenError(f"{annotation} needs a message model: JavaScriptChannelId[SomeModel]")
    return message


def channel_spec(command: str, field: str | None, message: type[BaseModel]) -> ChannelSpec:
    """The channel, and whether its messages come batched (``ChannelBatch[M]``)."""
{%- if cookiecutter.with_channels or cookiecutter.with_bench %}
    metadata = message.__pydantic_generic_metadata__
    if metadata["origin"] is ChannelBatch and metadata["args"]:
        return ChannelSpec(command, field, metadata["args"][0], batched=True)
{%- endif %}
    return ChannelSpec(command, field, message)


def channels_of(commands: Commands) -> Iterator[ChannelSpec]:
    """Every channel the page passes to these commands."""
    for command, data in commands.items():
        # Unwrap pytauri's and guarded_command's wrappers to the annotated function.
        body = typing.get_type_hints(inspect.unwrap(data.handler)).get("body")
        message = channel_message(body)
        if message is not None:
            yield channel_spec(command, None, message)
        elif isinstance(body, type) and issubclass(body, BaseModel):
            for name, field in body.model_fields.items():
                message = channel_message(field.annotation)
                if message is not None:
                    yield channel_spec(command, field.alias or name, message)


def events_of(module: ModuleType) -> list[AnyEvent]:
    table = getattr(module, "events", None)
    return list(table) if isinstance(table, Events) else []


def short_name(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


# --- running json2ts ----------------------------------------------------------


def find_json2ts(project: Path) -> Path:
    name = "json2ts.cmd" if os.name == "nt" else "json2ts"
    path = project / "node_modules" / ".bin" / name
    if not path.is_file():
        raise CodegenError(f"{path} is missing: run `npm install` first")
    return path


def json2ts_command(json2ts: Path) -> list[str]:
    # --format=false: no prettier, so the output depends only on json2ts's version.
    return [str(json2ts), "--format=false", f"--bannerComment={BANNER}"]


def shell_command(args: list[str]) -> str:
    """pytauri runs json2ts through the shell: quote for the one in use."""
    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


async def generate_module(module: ModuleType, out: Path, json2ts: Path) -> None:
    commands: Commands = module.commands
    folder = out / short_name(module)
    await commands.experimental_gen_ts(
        folder, shell_command(json2ts_command(json2ts)), cmd_alias=to_camel
    )
    api_types = folder / "_apiTypes.d.ts"
    write_ts(api_types, indent_ts(api_types.read_text(encoding="utf-8")))
    events = events_of(module)
    channels = list(channels_of(commands))
    if events or channels:
        schema = json.dumps(ipc_schema(events, channels)).encode()
        result = await anyio.run_process(json2ts_command(json2ts), input=schema, check=True)
        write_ts(folder / "_ipcTypes.d.ts", indent_ts(result.stdout.decode()))
    write_ts(folder / "index.ts", index_ts(events, channels))


def write_ts(path: Path, text: str) -> None:
    # \n on every OS, so the committed files are the same wherever they were made.
    path.write_text(text, encoding="utf-8", newline="\n")


def check_event_names(modules: list[ModuleType]) -> None:
    seen: dict[str, str] = {}
    for module in modules:
        for event in events_of(module):
            if event.name in seen:
                raise CodegenError(
                    f"event {event.name!r} is declared in both {seen[event.name]} and "
                    f"{short_name(module)}"
                )
            seen[event.name] = short_name(module)


async def generate(out: Path, json2ts: Path) -> None:
    """Write every example module's folder into ``out``."""
    modules = list(app.EXAMPLE_MODULES)
    check_event_names(modules)
    async with anyio.create_task_group() as group:
        for module in modules:
            group.start_soon(generate_module, module, out, json2ts)


# --- comparing and writing ----------------------------------------------------


def _files(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    # Compare text with \n line endings, as git may check files out with \r\n.
    return {
        path.relative_to(root).as_posix(): path.read_bytes().replace(b"\r\n", b"\n")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def stale_files(fresh: Path, current: Path) -> list[str]:
    """Paths under ``current`` that differ from ``fresh``: changed, new or gone."""
    new, old = _files(fresh), _files(current)
    return sorted(name for name in new.keys() | old.keys() if new.get(name) != old.get(name))


def write_changes(fresh: Path, current: Path, names: list[str]) -> None:
    for name in names:
        source, target = fresh / name, current / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        else:
            target.unlink()
    for folder in sorted(current.rglob("*"), reverse=True):  # deepest first
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def describe(error: BaseException) -> str:
    """One readable line per failure, also inside anyio's exception groups."""
    nested = getattr(error, "exceptions", None)
    if nested:
        return "\n".join(describe(inner) for inner in nested)
    if isinstance(error, subprocess.CalledProcessError):
        stderr = error.stderr.decode(errors="replace") if error.stderr else ""
        return f"json2ts exited {error.returncode}: {stderr.strip()}"
    return f"{type(error).__name__}: {error}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=f"python -m {__name__}", description="Write web/python/ from the Python code."
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if web/python/ is stale"
    )
    args = parser.parse_args(argv)
    where = OUTPUT_DIR.relative_to(PROJECT_DIR).as_posix()
    try:
        if not (PROJECT_DIR / "package.json").is_file():
            raise CodegenError(f"{PROJECT_DIR} is not the project's source checkout")
        json2ts = find_json2ts(PROJECT_DIR)
        with tempfile.TemporaryDirectory(prefix="codegen-") as scratch:
            anyio.run(generate, Path(scratch), json2ts)
            stale = stale_files(Path(scratch), OUTPUT_DIR)
            if not args.check:
                write_changes(Path(scratch), OUTPUT_DIR, stale)
    except CodegenError as error:
        print(f"codegen failed: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        traceback.print_exception(type(error), error, error.__traceback__)
        print(f"codegen failed: {describe(error)}", file=sys.stderr)
        return 1
    if args.check and stale:
        print(
            f"{where}/ is stale: it does not match the Python code. Run `{REGENERATE}` "
            f"and commit the result. Out of date: {', '.join(stale)}",
            file=sys.stderr,
        )
        return 1
    verb = "is up to date" if args.check or not stale else f"updated: {', '.join(stale)}"
    print(f"{where}/ {verb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
