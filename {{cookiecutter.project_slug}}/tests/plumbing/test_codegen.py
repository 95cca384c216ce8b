"""The typed client in web/python/: up to date with the Python code, and how codegen.py works.

The first test is the drift check: it fails, saying to run ``npm run gen``,
whenever a model, command, event or channel changed without regenerating.
It needs ``npm install`` (for json2ts), as the page's build does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import anyio
import pytest
from pydantic import RootModel
from pytauri import Commands
from pytauri.ipc import JavaScriptChannelId
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }}.plumbing import codegen
{%- if cookiecutter.with_channels or cookiecutter.with_bench %}
from {{ cookiecutter.package_name }}.plumbing.batching import ChannelBatch
{%- endif %}
from {{ cookiecutter.package_name }}.plumbing.models import CamelModel
from {{ cookiecutter.package_name }}.plumbing.typed_events import Events

PROJECT = Path(__file__).resolve().parents[2]


def test_the_committed_client_matches_the_python_code() -> None:
    if not (PROJECT / "node_modules").is_dir():
        pytest.fail("node_modules/ is missing: run `npm install` first")
    result = subprocess.run(
        [sys.executable, "-m", codegen.__name__, "--check"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr or result.stdout
    assert "is up to date" in result.stdout


# --- a small module of its own, so these tests need no particular example ---


class Tick(RootModel[int]):
    """A counter value."""


class Progress(CamelModel):
    done_bytes: int


class Download(CamelModel):
    url: str
    on_progress: JavaScriptChannelId[Progress]  # type: ignore[type-arg]


class Hello(CamelModel):
    who: str


def fake_module() -> types.ModuleType:
    """A module shaped like an example: a ``commands`` and an ``events`` table."""
    module = types.ModuleType("fake_example")
    commands = Commands(experimental_gen_ts=True)

    async def download(body: Download, webview_window: WebviewWindow) -> None:
        """Download something, reporting progress on a channel."""

    async def ticks(body: JavaScriptChannelId[Tick]) -> None:  # type: ignore[type-arg]
        """The body is the channel itself."""

    async def plain(body: Hello) -> Hello:
        return body

    for handler in (download, ticks, plain):
        commands.command()(handler)
    events = Events()
    events.to_page("hello-page", Hello)
    events.to_python("hello-python", Hello)
    module.commands = commands  # type: ignore[attr-defined]
    module.events = events  # type: ignore[attr-defined]
    return module


def test_channels_are_found_in_body_fields_and_whole_bodies() -> None:
    found = list(codegen.channels_of(fake_module().commands))

    assert [(c.command, c.field, c.message, c.helper) for c in found] == [
        ("download", "onProgress", Progress, "downloadOnProgressChannel"),
        ("ticks", None, Tick, "ticksChannel"),
    ]


def test_channel_helpers_are_named_after_command_and_field() -> None:
    spec = codegen.ChannelSpec
    assert spec("stream_data", "channel", Tick).helper == "streamDataChannel"
    assert spec("download", "progress", Tick).helper == "downloadProgressChannel"
    assert spec("upload", "progressChannel", Tick).helper == "uploadProgressChannel"


def test_a_channel_without_a_message_model_is_refused() -> None:
    with pytest.raises(codegen.CodegenError, match="needs a message model"):
        codegen.channel_message(JavaScriptChannelId)


def test_the_schema_maps_names_to_payloads_by_direction() -> None:
    module = fake_module()
    channels = list(codegen.channels_of(module.commands))
    schema = codegen.ipc_schema(codegen.events_of(module), channels)

    sections = schema["properties"]
    assert list(sections["toPage"]["properties"]) == ["hello-page"]
    assert list(sections["toPython"]["properties"]) == ["hello-python"]
    assert list(sections["channels"]["properties"]) == ["downloadOnProgressChannel", "ticksChannel"]
    assert {"Hello", "Progress", "Tick"} <= set(schema["$defs"])
    assert schema["$defs"]["Progress"]["additionalProperties"] is False  # no index signature


def test_index_ts_has_listen_emit_and_channel_helpers() -> None:
    module = fake_module()
    index = codegen.index_ts(codegen.events_of(module), list(codegen.channels_of(module.commands)))

    assert index.startswith(codegen.BANNER)
    assert 'export * from "./apiClient";' in index
    assert "export async function listen<E extends keyof ToPage>(" in index
    assert "export async function once<E extends keyof ToPage>(" in index
    assert "export async function emit<E extends keyof ToPython>(" in index
    assert "getCurrentWebviewWindow().listen" in index  # respects emit_to targets
    assert "export function downloadOnProgressChannel(" in index
    assert "export function ticksChannel(" in index


{% if cookiecutter.with_channels or cookiecutter.with_bench -%}
class Feed(CamelModel):
    feed: JavaScriptChannelId[ChannelBatch[Progress]]  # type: ignore[type-arg]


def test_a_batched_channel_is_typed_by_its_message_and_unpacked_on_the_page() -> None:
    commands = Commands(experimental_gen_ts=True)

    async def follow(body: Feed) -> None:
        """Python sends Progress messages through a ChannelBatcher."""

    commands.command()(follow)
    [spec] = codegen.channels_of(commands)

    assert (spec.field, spec.message, spec.batched) == ("feed", Progress, True)
    index = codegen.index_ts([], [spec])
    assert 'import type { Channel } from "@tauri-apps/api/core";' in index
    assert 'import { batchedChannel, type ChannelBatch } from "../../lib/batching";' in index
    assert 'onmessage: (message: ChannelMessages["followFeedChannel"]) => void,' in index
    assert "return batchedChannel(onmessage);" in index
    # A plain channel beside it still gets a plain Channel.
    plain = codegen.ChannelSpec("ticks", None, Tick)
    both = codegen.index_ts([], [spec, plain])
    assert 'import { Channel } from "@tauri-apps/api/core";' in both
    assert "return new Channel(onmessage);" in both


{% endif -%}
def test_a_module_with_commands_only_just_reexports_them() -> None:
    assert codegen.index_ts([], []) == f'{codegen.BANNER}\n\nexport * from "./apiClient";\n'


def test_indent_ts_indents_by_brace_depth() -> None:
    flat = "export interface A {\nb: {\nc: string\n}\n/**\n * doc\n */\nd: number\n}\n"

    indented = "export interface A {\n  b: {\n    c: string\n  }\n  /**\n   * doc\n   */\n"
    assert codegen.indent_ts(flat) == indented + "  d: number\n}\n"


def test_generate_module_writes_the_client_files(tmp_path: Path) -> None:
    json2ts = codegen.find_json2ts(codegen.PROJECT_DIR)  # needs `npm install`

    anyio.run(codegen.generate_module, fake_module(), tmp_path, json2ts)

    folder = tmp_path / "fake_example"
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["_apiTypes.d.ts", "_ipcTypes.d.ts", "apiClient.ts", "index.ts"]
    types_ts = (folder / "_ipcTypes.d.ts").read_text()
    assert "export interface Progress {\n  doneBytes: number\n}" in types_ts
    assert '"hello-page": Hello' in types_ts
    assert "export async function download(" in (folder / "apiClient.ts").read_text()


# --- comparing and failing loudly -------------------------------------------


def test_stale_files_lists_changed_new_and_removed_files(tmp_path: Path) -> None:
    fresh, current = tmp_path / "fresh", tmp_path / "current"
    for folder in (fresh, current):
        (folder / "a").mkdir(parents=True)
    (fresh / "a" / "same.ts").write_text("x\n")
    (current / "a" / "same.ts").write_bytes(b"x\r\n")  # a CRLF checkout is not a change
    (fresh / "a" / "changed.ts").write_text("new\n")
    (current / "a" / "changed.ts").write_text("old\n")
    (fresh / "a" / "added.ts").write_text("\n")
    (current / "gone").mkdir()
    (current / "gone" / "removed.ts").write_text("\n")

    stale = codegen.stale_files(fresh, current)
    codegen.write_changes(fresh, current, stale)

    assert stale == ["a/added.ts", "a/changed.ts", "gone/removed.ts"]
    assert codegen.stale_files(fresh, current) == []
    assert not (current / "gone").exists()


def test_missing_json2ts_says_to_run_npm_install(tmp_path: Path) -> None:
    with pytest.raises(codegen.CodegenError, match="run `npm install` first"):
        codegen.find_json2ts(tmp_path)


def test_main_fails_with_the_reason_and_a_non_zero_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "package.json").write_text("{}")
    monkeypatch.setattr(codegen, "PROJECT_DIR", tmp_path)
    monkeypatch.setattr(codegen, "OUTPUT_DIR", tmp_path / "web" / "python")

    assert codegen.main(["--check"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("codegen failed: ")
    assert "run `npm install` first" in error


@pytest.mark.skipif(os.name == "nt", reason="the fake json2ts is a shell script")
def test_a_failing_json2ts_is_reported_with_its_error(tmp_path: Path) -> None:
    broken = tmp_path / "json2ts"
    # Reads the schema, then fails as json2ts does on a schema it cannot convert.
    broken.write_text("#!/bin/sh\ncat >/dev/null\necho 'schema is broken' >&2\nexit 3\n")
    broken.chmod(0o755)

    with pytest.raises(Exception) as raised:  # noqa: PT011 - anyio wraps it in a group
        anyio.run(codegen.generate_module, fake_module(), tmp_path / "out", broken)

    assert codegen.describe(raised.value) == "json2ts exited 3: schema is broken"
