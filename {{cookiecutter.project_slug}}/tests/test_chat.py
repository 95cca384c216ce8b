"""Unit tests for chat.py: the conversations on disk, the fake model, the requests.

How a record is written and read back (atomic writes, damaged files) is
plumbing.history's, tested in plumbing/test_history.py; these tests check
what the chat adds: its ids, its model, its titles. The service and its
commands are tested in test_chat_service.py.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from {{ cookiecutter.package_name }} import chat
from {{ cookiecutter.package_name }}.chat import (
    ChatMessage,
    ChatModel,
    Conversation,
    ConversationStore,
    FakeModel,
    SendRequest,
    model_from_env,
)

ID_A, ID_B = "a" * 32, "b" * 32


def conversation(conversation_id: str, *texts: str) -> Conversation:
    messages = [
        ChatMessage(role="user" if i % 2 == 0 else "assistant", text=t) for i, t in enumerate(texts)
    ]
    return Conversation(
        id=conversation_id, created_at=datetime.now(timezone.utc), messages=messages
    )


# --- ConversationStore ----------------------------------------------------------


def test_a_conversation_round_trips_in_a_file_named_by_its_id(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "chat")
    saved = conversation(ID_A, "hello", "hi there")

    store.save(saved)
    loaded = store.load_all()

    assert loaded.records == [saved]
    assert loaded.problems == []
    assert [p.name for p in store.folder.iterdir()] == [f"{ID_A}.json"]
    on_disk = json.loads((store.folder / f"{ID_A}.json").read_text())
    assert set(on_disk) == {"id", "createdAt", "messages"}  # as the page sees it
    assert on_disk["messages"][1] == {"role": "assistant", "text": "hi there"}


def test_ids_that_are_not_python_made_never_become_paths(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    for bad in ["../escape", "a" * 31, "A" * 32, "", f"{ID_A}/x", "g" * 32]:
        with pytest.raises(ValueError, match="not a record id"):
            store.path_of(bad)


def test_a_file_holding_another_conversation_is_set_aside(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    (tmp_path / f"{ID_B}.json").write_text(conversation(ID_A, "x").model_dump_json())

    loaded = store.load_all()

    assert loaded.records == []
    assert f"it holds record {ID_A}" in loaded.problems[0]


def test_a_file_that_is_not_a_conversation_is_set_aside(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    store.save(conversation(ID_A, "kept"))
    bad_role = {"id": ID_B, "createdAt": "2024-01-01T00:00:00Z", "messages": [{"role": "x"}]}
    (tmp_path / f"{ID_B}.json").write_text(json.dumps(bad_role))

    loaded = store.load_all()

    assert [c.id for c in loaded.records] == [ID_A]
    [problem] = loaded.problems
    assert problem.startswith(f"{ID_B}.json could not be read (messages.0.role: ")


# --- the fake model -----------------------------------------------------------


@pytest.mark.anyio
async def test_the_fake_model_echoes_the_last_message_word_by_word() -> None:
    history = [ChatMessage(role="user", text="hello there")]

    pieces = [piece async for piece in FakeModel(delay_s=0).reply(history)]

    assert len(pieces) > 5
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(pieces).startswith('You said: "hello there".')


def test_the_fake_model_fits_the_seam() -> None:
    model: ChatModel = FakeModel()  # mypy checks FakeModel against the Protocol
    assert model is not None


@pytest.mark.parametrize(
    ("value", "delay_s"), [(None, 0.03), ("0", 0.0), ("250", 0.25), ("fast", 0.03), ("-1", 0.03)]
)
def test_the_delay_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str | None, delay_s: float
) -> None:
    if value is None:
        monkeypatch.delenv(chat.DELAY_ENV, raising=False)
    else:
        monkeypatch.setenv(chat.DELAY_ENV, value)

    assert model_from_env().delay_s == delay_s


# --- the requests and the titles ----------------------------------------------


def test_titles_are_the_first_message_shortened() -> None:
    assert conversation(ID_A).title == "New conversation"
    assert conversation(ID_A, "short").title == "short"
    assert conversation(ID_A, "x" * 50).title == "x" * 40 + "…"


@pytest.mark.parametrize(
    "body",
    [
        {"conversationId": ID_A, "text": ""},
        {"conversationId": ID_A, "text": "x" * 4001},
        {"conversationId": "../../etc/passwd", "text": "hi"},
        {"conversationId": ID_A, "text": "hi", "extra": 1},
        {"conversationId": ID_A},
    ],
    ids=["empty", "too-long", "path", "extra-field", "missing-text"],
)
def test_send_requests_are_validated(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SendRequest.model_validate_json(json.dumps({**body, "channel": "__CHANNEL__:1"}))


def test_a_send_request_reads_its_channel_id_from_json() -> None:
    body = {"conversationId": ID_A, "text": "hi", "channel": "__CHANNEL__:7"}

    assert SendRequest.model_validate_json(json.dumps(body)).text == "hi"
