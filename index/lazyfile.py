"""Files inside a compound Whoosh segment, opened without copying them.

Whoosh opens each file of a compound segment as a `BufferFile` over the segment's mmap,
and `BufferFile` wraps that slice in a `BytesIO` at once, which copies the whole file.
For the stored-fields column that is every article's text: 70 ms at 108k articles, paid
by the first search after an index is opened, for a file that search reads a few
hundred bytes of, by position. Reads by position need no copy, so the `BytesIO` is made
only when a file-like method first needs it.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class LazyBufferFile(BufferFile):  # type: ignore[misc]
    """A `BufferFile` whose stream is created on first use."""

    file: BytesIO | None  # annotated only: unset until first needed, see __getattr__

    def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def __getattr__(self, attr: str) -> Any:
        # Only called when `file` was never set: seek/read/tell and friends need it now.
        if attr == "file":
            stream = BytesIO(self._buf)
            self.file = stream
            return stream
        raise AttributeError(attr)

    def close(self) -> None:
        if "file" not in self.__dict__:
            self.file = None  # nothing to close, and no reason to make the copy now
        super().close()


def install() -> None:
    """Make compound segments open their files lazily (idempotent)."""
    compound.BufferFile = LazyBufferFile
