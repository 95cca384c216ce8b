"""Chat: the four APIs together, as an AI chat app uses them.

* **State** keeps the history: one ``ChatService`` is managed at setup and
  injected into the commands. It holds every conversation, and saves each one
  to its own file in the app data directory (``ConversationStore``, built on
  ``plumbing.history``), so one bad file never costs the others.
* A **command** submits the user's message: ``send_message``.
* A **channel** streams the reply to the page, piece by piece, until the
  model is done, the page asks to stop (``stop_reply``), the window goes away
  or ``MAX_REPLY_SECONDS`` pass (``channels.streams`` stops it).
* **Events** report the status: ``chat-status`` is "connected", "generating",
  "idle" or "error", with a detail line for the page to show.

The model is a seam: ``ChatModel`` is anything with an async ``reply``.
``FakeModel`` runs locally, without a network; plug a real client in at
``manage_chat``.

Page side: ``web/chat.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Annotated, Literal, Protocol

import anyio
from pydantic import Field
from pytauri import AppHandle, Commands, Manager, State
from pytauri.ipc import InvokeException, JavaScriptChannelId
from pytauri.webview import WebviewWindow

from .plumbing.guards import guarded_command
from .plumbing.history import HistoryStore
from .plumbing.models import CamelModel
from .plumbing.streams import streams
from .plumbing.typed_events import Events

logger = logging.getLogger(__name__)

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

DELAY_ENV = "{{ cookiecutter.package_name | upper }}_CHAT_DELAY_MS"
"""Milliseconds the fake model waits between words (default 30; tests set 0)."""
MAX_REPLY_SECONDS = 120.0
"""A reply nobody stopped ends after this, so a stuck model cannot leak a task."""
MAX_MESSAGES = 1000
"""Per conversation: a full one refuses new messages (start another)."""
MAX_CONVERSATIONS = 1000
MAX_TEXT = 4000
CONVERSATION_ID = r"^[0-9a-f]{32}$"
"""Python makes the ids (uuid4 hex): a file name the page cannot steer."""


# --- what is stored and sent ------------------------------------------------


class ChatMessage(CamelModel):
    role: Literal["user", "assistant"]
    text: str


class Conversation(CamelModel):
    """One conversation: what one history file holds."""

    id: str = Field(pattern=CONVERSATION_ID)
    created_at: datetime
    messages: list[ChatMessage]

    @property
    def title(self) -> str:
        first = next((m.text for m in self.messages if m.role == "user"), "")
        return first[:40] + ("…" if len(first) > 40 else "") if first else "New conversation"


class ConversationSummary(CamelModel):
    id: str
    title: str
    message_count: int


class ChatOverview(CamelModel):
    conversations: list[ConversationSummary]
    """Oldest first."""
    problems: list[str]
    """History files that could not be read at start, each set aside (renamed)."""


class ReplyChunk(CamelModel):
    """One piece of the reply, as the model produced it."""

    text: str


class SendResult(CamelModel):
    reply: str
    """The whole reply (the last chunks may arrive after this answer)."""
    stopped: bool
    """True when the reply ended early: stop button, window gone or timeout."""
    title: str
    """The conversation's title (its first message, shortened)."""


class ChatStatus(CamelModel):
    status: Literal["connected", "generating", "idle", "error"]
    detail: str
    conversation_id: str | None
    """The conversation it is about, if any."""


events = Events()
CHAT_STATUS = events.to_page("chat-status", ChatStatus)
"""Where the chat stands; the page's status indicator shows the latest."""


# --- the model seam ---------------------------------------------------------


class ChatModel(Protocol):
    """What the chat needs from a model: the reply to a history, piece by piece.

    A real client plugs in here, for example (any streaming API works alike)::

        class OpenAIModel:
            def __init__(self, client: openai.AsyncOpenAI) -> None:
                self.client = client

            async def reply(self, history: Sequence[ChatMessage]) -> AsyncGenerator[str, None]:
                stream = await self.client.chat.completions.create(
                    model="gpt-4o-mini",
                    messages=[{"role": m.role, "content": m.text} for m in history],
                    stream=True,
                )
                async for event in stream:
                    yield event.choices[0].delta.content or ""
    """

    def reply(self, history: Sequence[ChatMessage]) -> AsyncGenerator[str, None]: ...


@dataclass(frozen=True)
class FakeModel:
    """A local stand-in: echoes the last message, one word at a time."""

    delay_s: float = 0.03

    async def reply(self, history: Sequence[ChatMessage]) -> AsyncGenerator[str, None]:
        prompt = history[-1].text if history else ""
        words = (
            f'You said: "{prompt}". I am a fake model running in Python; '
            "each word arrived over a channel as its own message."
        ).split(" ")
        for index, word in enumerate(words):
            yield word if index == 0 else " " + word
            await anyio.sleep(self.delay_s)


def model_from_env() -> FakeModel:
    """The fake model, with the delay ``DELAY_ENV`` asks for."""
    raw = os.environ.get(DELAY_ENV, "")
    try:
        delay_ms = float(raw) if raw else 30.0
        if not 0 <= delay_ms <= 10_000:
            raise ValueError("out of range")
    except ValueError:
        logger.warning("%s=%r is not a number of milliseconds (0-10000): using 30", DELAY_ENV, raw)
        delay_ms = 30.0
    return FakeModel(delay_s=delay_ms / 1000)


# --- the history on disk ----------------------------------------------------


class ConversationStore(HistoryStore[Conversation]):
    """One file per conversation, ``<id>.json``; ids are Python's own uuid4 hex."""

    model = Conversation
    id_pattern = CONVERSATION_ID

    def record_id(self, record: Conversation) -> str:
        return record.id


# --- the managed state --------------------------------------------------------


class ChatService:
    """The chat's state: every conversation, its store, the model, the status.

    Commands run on the async portal's single event loop, so the dict needs
    no lock; a conversation changes only after its file did (``_commit``).
    """

    def __init__(
        self, store: ConversationStore, model: ChatModel, notify: Callable[[ChatStatus], None]
    ) -> None:
        self.store = store
        self.model = model
        self._notify = notify
        self.conversations: dict[str, Conversation] = {}
        self.problems: list[str] = []
        self._save_lock = anyio.Lock()

    def load(self) -> None:
        loaded = self.store.load_all()
        ordered = sorted(loaded.records, key=lambda c: c.created_at)
        self.conversations = {c.id: c for c in ordered}
        self.problems = loaded.problems
        logger.info(
            "chat history: %d conversation(s) in %s", len(self.conversations), self.store.folder
        )

    def status(
        self,
        status: Literal["connected", "generating", "idle", "error"],
        detail: str = "",
        conversation_id: str | None = None,
    ) -> None:
        self._notify(ChatStatus(status=status, detail=detail, conversation_id=conversation_id))

    def overview(self) -> ChatOverview:
        summaries = [
            ConversationSummary(id=c.id, title=c.title, message_count=len(c.messages))
            for c in self.conversations.values()
        ]
        return ChatOverview(conversations=summaries, problems=list(self.problems))

    def get(self, conversation_id: str) -> Conversation:
        conversation = self.conversations.get(conversation_id)
        if conversation is None:
            raise InvokeException(f"No conversation {conversation_id}.")
        return conversation

    async def new_conversation(self) -> Conversation:
        if len(self.conversations) >= MAX_CONVERSATIONS:
            raise InvokeException(f"There are already {MAX_CONVERSATIONS} conversations.")
        conversation = Conversation(
            id=uuid.uuid4().hex, created_at=datetime.now(timezone.utc), messages=[]
        )
        await self._commit(conversation)
        return conversation

    async def _commit(self, conversation: Conversation) -> None:
        """Save, then keep: memory never holds what the disk does not."""
        try:
            # Shielded: a stop or shutdown must not abandon a write halfway.
            with anyio.CancelScope(shield=True):
                async with self._save_lock:
                    await anyio.to_thread.run_sync(self.store.save, conversation)
        except OSError as error:
            logger.exception("could not save conversation %s", conversation.id)
            message = f"Could not save the conversation: {error.strerror or error}."
            self.status("error", message, conversation.id)
            raise InvokeException(message) from error
        self.conversations[conversation.id] = conversation

    async def send(
        self,
        conversation_id: str,
        text: str,
        send_chunk: Callable[[ReplyChunk], None],
        window: str | None = None,
    ) -> SendResult:
        """Store the user's message, stream the model's reply, store that too.

        ``window``: the label of the window the reply streams to; closing it stops the reply.
        """
        conversation = self.get(conversation_id)
        text = text.strip()
        if not text:
            raise InvokeException("Please type a message.")
        if len(conversation.messages) + 2 > MAX_MESSAGES:
            raise InvokeException("This conversation is full: start a new one.")
        pieces: list[str] = []
        # One reply at a time per conversation: a second one is refused here.
        with streams.open(f"chat:{conversation_id}", MAX_REPLY_SECONDS, window) as scope:
            conversation = _with(conversation, ChatMessage(role="user", text=text))
            await self._commit(conversation)
            self.status("generating", "The model is typing…", conversation_id)
            try:
                # aclosing: a stopped reply closes the model's stream at once.
                async with contextlib.aclosing(self.model.reply(conversation.messages)) as reply:
                    async for piece in reply:
                        send_chunk(ReplyChunk(text=piece))
                        pieces.append(piece)
            except Exception as error:
                logger.exception("the model failed in conversation %s", conversation_id)
                message = "The model failed to answer: the app log has the details."
                self.status("error", message, conversation_id)
                raise InvokeException(message) from error
        text = "".join(pieces)
        if text:  # a stopped reply keeps what was written so far
            conversation = _with(conversation, ChatMessage(role="assistant", text=text))
            await self._commit(conversation)
        stopped = scope.cancelled_caught
        self.status("idle", "Stopped." if stopped else "Reply complete.", conversation_id)
        return SendResult(reply=text, stopped=stopped, title=conversation.title)


def _with(conversation: Conversation, message: ChatMessage) -> Conversation:
    return conversation.model_copy(update={"messages": [*conversation.messages, message]})


def manage_chat(app_handle: AppHandle) -> None:
    """Called once at setup: load the history and manage the chat as state."""
    folder = Manager.path(app_handle).app_data_dir() / "chat"
    # Swap in a real model client here (see ChatModel).
    model: ChatModel = model_from_env()
    chat = ChatService(ConversationStore(folder), model, lambda s: CHAT_STATUS.emit(app_handle, s))
    chat.load()
    Manager.manage(app_handle, chat)


# --- commands ---------------------------------------------------------------


class ConversationRef(CamelModel):
    conversation_id: str = Field(pattern=CONVERSATION_ID)


class SendRequest(CamelModel):
    conversation_id: str = Field(pattern=CONVERSATION_ID)
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    # See channels.StreamRequest for the type: ignore.
    channel: JavaScriptChannelId[ReplyChunk]  # type: ignore[type-arg]


@commands.command()
@guarded_command
async def open_chat(chat: Annotated[ChatService, State()]) -> ChatOverview:
    """The page has mounted: list the conversations and report how the history loaded."""
    overview = chat.overview()
    if overview.problems:
        chat.status("error", " ".join(overview.problems))
    else:
        count = len(overview.conversations)
        chat.status("connected", f"History loaded: {count} conversation(s).")
    return overview


@commands.command()
@guarded_command
async def new_conversation(chat: Annotated[ChatService, State()]) -> ConversationSummary:
    conversation = await chat.new_conversation()
    return ConversationSummary(id=conversation.id, title=conversation.title, message_count=0)


@commands.command()
@guarded_command
async def load_conversation(
    body: ConversationRef, chat: Annotated[ChatService, State()]
) -> Conversation:
    return chat.get(body.conversation_id)


@commands.command()
@guarded_command
async def send_message(
    body: SendRequest, webview_window: WebviewWindow, chat: Annotated[ChatService, State()]
) -> SendResult:
    channel = body.channel.channel_on(webview_window.as_ref_webview())
    return await chat.send(
        body.conversation_id, body.text, channel.send_model, webview_window.label()
    )


@commands.command()
@guarded_command
async def stop_reply(body: ConversationRef) -> bool:
    """Stop the reply being written in a conversation; answers whether one was."""
    return streams.stop(f"chat:{body.conversation_id}")
