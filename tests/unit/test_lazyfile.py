"""Compound-segment files open without copying, and still read like Whoosh's own."""

from __future__ import annotations

import pickle

from defexplore.index.lazyfile import LazyBufferFile
from whoosh.filedb.structfile import BufferFile

DATA = pickle.dumps((1, "two", 3.0), 2) + b"\x00\x00\x00\x07line one\nline two\n"


def test_positional_reads_make_no_stream_and_agree_with_bufferfile() -> None:
    lazy, plain = LazyBufferFile(memoryview(DATA)), BufferFile(memoryview(DATA))
    assert lazy.get(3, 9) == plain.get(3, 9)
    assert lazy.get_int(len(DATA) - 22) == plain.get_int(len(DATA) - 22)
    assert "file" not in lazy.__dict__  # nothing was copied
    lazy.close()
    assert lazy.is_closed


def test_stream_reads_agree_with_bufferfile() -> None:
    lazy, plain = LazyBufferFile(memoryview(DATA)), BufferFile(memoryview(DATA))
    for f in (lazy, plain):
        f.seek(0)
    assert lazy.read_pickle() == plain.read_pickle() == (1, "two", 3.0)
    assert lazy.tell() == plain.tell()
    assert lazy.read_uint() == plain.read_uint() == 7
    assert lazy.readline() == plain.readline() == b"line one\n"
    lazy.close()
    plain.close()
