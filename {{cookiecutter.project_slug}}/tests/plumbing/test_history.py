"""Unit tests for history.py: one JSON file per record, written atomically.

The store is tested through a small model of this file's own (``Note``), so
these tests hold for any record a project keeps this way; test_chat.py tests
the chat's ``ConversationStore`` on top.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field

from {{ cookiecutter.package_name }}.plumbing.history import HistoryStore, LoadResult
from {{ cookiecutter.package_name }}.plumbing.models import StrictModel

NOTE_ID = r"^[a-z]{4}$"


class Note(StrictModel):
    id: str = Field(pattern=NOTE_ID)
    text: str
    tags: list[str]


class NoteStore(HistoryStore[Note]):
    model = Note
    id_pattern = NOTE_ID

    def record_id(self, record: Note) -> str:
        return record.id


def note(note_id: str, text: str = "text", *tags: str) -> Note:
    return Note(id=note_id, text=text, tags=list(tags))


# --- atomic writes ----------------------------------------------------------


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    store = NoteStore(tmp_path / "notes")
    saved = note("abcd", "hello", "x", "y")

    store.save(saved)
    loaded = store.load_all()

    assert loaded.records == [saved]
    assert loaded.problems == []
    assert loaded.unfinished_writes == 0
    assert [p.name for p in store.folder.iterdir()] == ["abcd.json"]
    assert json.loads((store.folder / "abcd.json").read_text()) == saved.model_dump()


def test_saving_again_replaces_the_record(tmp_path: Path) -> None:
    store = NoteStore(tmp_path)
    store.save(note("abcd", "old"))

    store.save(note("abcd", "new"))

    assert [n.text for n in store.load_all().records] == ["new"]
    assert [p.name for p in tmp_path.iterdir()] == ["abcd.json"]


def test_every_record_loads(tmp_path: Path) -> None:
    store = NoteStore(tmp_path)
    for note_id in ("dddd", "aaaa", "cccc"):
        store.save(note(note_id))

    loaded = store.load_all()

    # In no particular order: a caller that needs one sorts (the chat does).
    assert sorted(n.id for n in loaded.records) == ["aaaa", "cccc", "dddd"]


def test_a_missing_folder_is_an_empty_history(tmp_path: Path) -> None:
    loaded = NoteStore(tmp_path / "not" / "yet").load_all()

    assert loaded == LoadResult()
    assert (tmp_path / "not" / "yet").is_dir()  # made, ready for the first save


def test_a_write_is_flushed_to_disk_before_it_replaces_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = NoteStore(tmp_path)
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        calls.append("fsync")
        real_fsync(descriptor)

    def replace(source: Any, target: Any) -> None:
        calls.append("replace")
        # Until the rename, the temp file already holds the whole new content.
        assert json.loads(Path(source).read_text())["id"] == "abcd"
        assert Path(source).parent == tmp_path  # same folder: the rename is atomic
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)

    store.save(note("abcd"))

    # The file's data, then the rename, then the folder (so the rename is durable).
    expected = ["fsync", "replace"] if os.name == "nt" else ["fsync", "replace", "fsync"]
    assert calls == expected


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = NoteStore(tmp_path)
    store.save(note("abcd", "old"))

    def disk_full(source: Any, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        store.save(note("abcd", "new"))

    assert [p.name for p in tmp_path.iterdir()] == ["abcd.json"]
    assert [n.text for n in store.load_all().records] == ["old"]


def test_a_write_a_crash_interrupted_is_cleaned_up_and_the_old_file_loads(tmp_path: Path) -> None:
    store = NoteStore(tmp_path)
    store.save(note("abcd", "kept"))
    # What a kill -9 between writing the temp file and renaming it leaves.
    (tmp_path / f".abcd.json.x1y2{NoteStore.TEMP_SUFFIX}").write_text('{"id": "ab')

    loaded = store.load_all()

    assert [n.text for n in loaded.records] == ["kept"]
    assert loaded.problems == []
    assert loaded.unfinished_writes == 1
    assert [p.name for p in tmp_path.iterdir()] == ["abcd.json"]


@pytest.mark.parametrize("bad", ["../escape", "abc", "ABCD", "", "abcd/x", "abcde", "ab.d"])
def test_an_id_off_the_pattern_never_becomes_a_path(tmp_path: Path, bad: str) -> None:
    store = NoteStore(tmp_path)

    with pytest.raises(ValueError, match="not a record id"):
        store.path_of(bad)


def test_a_record_whose_id_is_off_the_pattern_is_not_saved(tmp_path: Path) -> None:
    store = NoteStore(tmp_path)
    stray = Note.model_construct(id="../../x", text="t", tags=[])  # skips validation

    with pytest.raises(ValueError, match="not a record id"):
        store.save(stray)

    assert list(tmp_path.iterdir()) == []


# --- damaged files on start ----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "Invalid JSON"),
        (b'{"id": "bbbb", "text": "trunc', "EOF"),
        (b"\xff\xfe not text", "Invalid JSON"),
        (b'{"id": "bbbb"}', "text: Field required"),
        (b'{"id": "bbbb", "text": "t", "tags": [], "extra": 1}', "extra: Extra inputs"),
        (b"[]", "(Input should be an object"),
    ],
    ids=["empty", "truncated", "binary", "missing-field", "extra-field", "wrong-shape"],
)
def test_a_damaged_file_is_set_aside_and_reported_and_the_others_load(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    store = NoteStore(tmp_path)
    store.save(note("aaaa", "first"))
    store.save(note("cccc", "third"))
    (tmp_path / "bbbb.json").write_bytes(content)

    loaded = store.load_all()

    assert {n.id for n in loaded.records} == {"aaaa", "cccc"}
    [problem] = loaded.problems
    assert problem.startswith("bbbb.json could not be read (")
    assert reason in problem
    assert "set aside as " in problem
    assert "pydantic.dev" not in problem
    # Renamed, not deleted: its content is still there for the user.
    [aside] = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert aside.name.startswith("bbbb.json.corrupt-")
    assert aside.read_bytes() == content
    assert aside.name in problem
    # Set aside once: the next start is clean.
    assert store.load_all().problems == []


def test_a_file_holding_another_record_is_set_aside(tmp_path: Path) -> None:
    store = NoteStore(tmp_path)
    (tmp_path / "bbbb.json").write_text(note("aaaa").model_dump_json())

    loaded = store.load_all()

    assert loaded.records == []
    [problem] = loaded.problems
    assert "it holds record aaaa" in problem
    assert (tmp_path / "aaaa.json").exists() is False  # nothing was renamed into place


def test_a_file_that_cannot_be_set_aside_is_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = NoteStore(tmp_path)
    (tmp_path / "bbbb.json").write_text("{not json")

    def refuse(self: Path, target: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    loaded = store.load_all()

    [problem] = loaded.problems
    assert problem.startswith("bbbb.json could not be read (")
    assert problem.endswith("nor set aside.")


def test_other_files_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")

    assert NoteStore(tmp_path).load_all().problems == []
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_an_unreadable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "notes"
    blocker.write_text("a file where the folder should be")

    loaded = NoteStore(blocker).load_all()

    assert loaded.records == []
    [problem] = loaded.problems
    assert problem.startswith("The history folder cannot be read")
