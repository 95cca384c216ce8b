"""Records kept as one JSON file each, written atomically, read back whatever happened.

The chat example keeps each conversation this way (``chat.ConversationStore``);
any pydantic model with an id fits.

A write goes to a temp file in the same folder, is flushed to disk (fsync),
then renamed over the old file (``os.replace``, atomic): a crash at any
moment leaves either the old file or the new one, never half of one. A file
that still cannot be read on start (corrupted by something else) is renamed
aside and reported; the other records load.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import readable

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadResult(Generic[M]):
    records: list[M] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One sentence per file that could not be read (each was set aside)."""
    unfinished_writes: int = 0
    """Temp files of writes a crash interrupted (their old file is intact)."""


class HistoryStore(Generic[M]):
    """``<id>.json`` per record in ``folder``; subclasses name the model and its id."""

    TEMP_SUFFIX = ".tmp"
    model: type[M]
    """The records' model (a class attribute of the subclass: ``model = Conversation``)."""
    id_pattern: ClassVar[str]
    """A regular expression every id matches: a file name the page cannot steer."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def record_id(self, record: M) -> str:
        raise NotImplementedError

    def path_of(self, record_id: str) -> Path:
        if not re.fullmatch(self.id_pattern, record_id):
            raise ValueError(f"not a record id: {record_id!r}")
        return self.folder / f"{record_id}.json"

    def save(self, record: M) -> None:
        """Write one record atomically; raises OSError if the disk refuses."""
        target = self.path_of(self.record_id(record))
        self.folder.mkdir(parents=True, exist_ok=True)
        data = record.model_dump_json(indent=1).encode()
        descriptor, temp_name = tempfile.mkstemp(
            dir=self.folder, prefix=f".{target.name}.", suffix=self.TEMP_SUFFIX
        )
        try:
            with os.fdopen(descriptor, "wb") as temp:
                temp.write(data)
                temp.flush()
                os.fsync(temp.fileno())
            os.replace(temp_name, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise
        self._sync_folder()

    def _sync_folder(self) -> None:
        """Make the rename itself durable (POSIX; Windows cannot open folders)."""
        if os.name == "nt":
            return
        descriptor = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def load_all(self) -> LoadResult[M]:
        """Every readable record; every unreadable file set aside and reported."""
        result: LoadResult[M] = LoadResult()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            paths = sorted(self.folder.iterdir())
        except OSError as error:
            logger.exception("cannot read the history in %s", self.folder)
            result.problems.append(f"The history folder cannot be read: {error.strerror}.")
            return result
        for path in paths:
            if path.name.endswith(self.TEMP_SUFFIX):
                result.unfinished_writes += 1
                with contextlib.suppress(OSError):
                    path.unlink()
            elif path.suffix == ".json":
                try:
                    result.records.append(self._read(path))
                except (OSError, ValueError) as error:
                    result.problems.append(self._set_aside(path, error))
        if result.unfinished_writes:
            logger.info("removed %d interrupted write(s)", result.unfinished_writes)
        return result

    def _read(self, path: Path) -> M:
        record = self.model.model_validate_json(path.read_bytes())
        if path.name != f"{self.record_id(record)}.json":
            raise ValueError(f"it holds record {self.record_id(record)}")
        return record

    def _set_aside(self, path: Path, error: Exception) -> str:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{uuid.uuid4().hex[:6]}")
        reason = _reason(error)
        logger.error("unreadable history file %s (%s): renamed to %s", path, reason, aside.name)
        try:
            path.rename(aside)
        except OSError:
            logger.exception("could not set %s aside", path)
            return f"{path.name} could not be read ({reason}) nor set aside."
        return f"{path.name} could not be read ({reason}); it was set aside as {aside.name}."


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return readable(error, root="").splitlines()[0]
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error)
