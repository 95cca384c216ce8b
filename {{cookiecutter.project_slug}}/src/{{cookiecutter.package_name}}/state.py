"""Managed state: backend objects shared by every command, injected by type.

``manage_state`` registers one ``AppState`` and one ``ChatState`` at setup;
a command asks for one with ``Annotated[AppState, State()]`` and always
receives that same object. Commands run on the async portal while event
listeners run on Tauri worker threads, so every mutation takes a lock.

The seed's three commands come first, as the seed's page calls them:
``increment_counter``, ``add_message`` with a string body and
``get_user_info``. ``post_message`` is the form to use at scale: a model
body with a size limit, answered with the new count, so the page neither
grows memory without bound nor fetches the whole state to learn it.

Page side: ``web/state.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field
from pytauri import AppHandle, Commands, Manager, State
from pytauri.ipc import InvokeException

from .plumbing.guards import guarded_command
from .plumbing.models import CamelModel, StrictModel

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

MAX_MESSAGES = 1000
"""Older messages are dropped past this, so memory stays bounded."""


@dataclass
class AppState:
    counter: int = 0
    user_name: str = "guest"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def increment(self) -> int:
        with self._lock:
            self.counter += 1
            return self.counter


@dataclass
class ChatState:
    messages: list[str] = field(default_factory=list)
    current_chat_id: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, message: str) -> int:
        with self._lock:
            self.messages.append(message)
            del self.messages[:-MAX_MESSAGES]
            return len(self.messages)

    def snapshot(self) -> list[str]:
        with self._lock:
            return list(self.messages)


def manage_state(app_handle: AppHandle) -> None:
    """Called once at setup, before the page can call any command."""
    Manager.manage(app_handle, AppState())
    Manager.manage(app_handle, ChatState())


MAX_MESSAGE_LENGTH = 2000


def checked_message(text: str) -> str:
    """The seed's string body has no pydantic Field to limit it: check by hand."""
    if not text.strip():
        raise InvokeException("Please type a message.")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise InvokeException(f"Please keep a message to {MAX_MESSAGE_LENGTH} characters.")
    return text


# --- the seed's form ----------------------------------------------------------


@commands.command()
@guarded_command
async def increment_counter(app_state: Annotated[AppState, State()]) -> int:
    return app_state.increment()


@commands.command()
@guarded_command
async def add_message(body: str, chat_state: Annotated[ChatState, State()]) -> None:
    chat_state.add(checked_message(body))


class UserInfo(StrictModel):
    counter: int
    user: str
    message_count: int


@commands.command()
@guarded_command
async def get_user_info(
    app_state: Annotated[AppState, State()], chat_state: Annotated[ChatState, State()]
) -> UserInfo:
    return UserInfo(
        counter=app_state.counter,
        user=app_state.user_name,
        message_count=len(chat_state.snapshot()),
    )


# --- at scale -------------------------------------------------------------------


class NewMessage(CamelModel):
    text: str = Field(min_length=1, max_length=MAX_MESSAGE_LENGTH)


@commands.command()
@guarded_command
async def post_message(body: NewMessage, chat_state: Annotated[ChatState, State()]) -> int:
    """Store a message; answers how many are stored now."""
    return chat_state.add(checked_message(body.text))


class StateSummary(CamelModel):
    counter: int
    user_name: str
    message_count: int
    last_message: str | None


@commands.command()
@guarded_command
async def get_state_summary(
    app_state: Annotated[AppState, State()], app_handle: AppHandle
) -> StateSummary:
    # Manager.state reads the same object without injection: useful in code
    # that is not a command (listeners, background tasks).
    chat_state: ChatState = Manager.state(app_handle, ChatState)
    messages = chat_state.snapshot()
    return StateSummary(
        counter=app_state.counter,
        user_name=app_state.user_name,
        message_count=len(messages),
        last_message=messages[-1] if messages else None,
    )
