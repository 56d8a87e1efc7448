"""Posting columns: each segment's long posting lists once more, as flat arrays beside Whoosh's
blocks.

Whoosh stores a posting list in blocks of 128 postings, each block one pickled and compressed
tuple of (document ids, weights, positions). Scoring needs only the ids and weights, but a block
cannot be read without unpickling its positions too: at 100,000 documents a common word's
lemma is ~400 blocks a segment, and reading them was most of a query's time (0.1-0.2 s per
term). Walking to one document's block for its positions was no better: Whoosh finds a block by
reading every block header before it.

So the segment writer (``writer.FastSegmentWriter``) also writes, for every term with more than
one block of postings, a column file (``<segment>.pcl``) with

* the term's document numbers (uint16 when the segment is small enough, else uint32),
* its weights (float16 when that loses nothing against Whoosh's own float32, else float32),
* the file offset of each of its Whoosh blocks (uint64), so the values of one document are one
  block read away (the index of a document in the ids, divided by the block size);
* for fields with word positions, each posting's number of positions and the positions
  themselves (uint16 or uint32): a phrase over common words then needs no block read and no
  unpickling at all, and is matched for all candidate documents at once as arrays.

A term is found by the offset of its postings in the segment's ``.pst`` file, which its Whoosh
term info already holds, so no second term dictionary is needed. The file is memory-mapped, and
opening it reads only its footer. Segments without the file (written by another Whoosh writer,
or by an older itp-docs) simply take the Whoosh path; the file is named like the segment's other
files, so Whoosh deletes it with its segment.

Layout::

    MAGIC (8) | block size u32 | 0 u32 | per term: ids, weights, block offsets, [position
      counts, positions] (each 8-aligned)
    | directory: per term (postings offset u64, data offset u64, count u32, blocks u32,
      flags u32, 0 u32) | footer: directory offset u64, terms u64, MAGIC (8)
"""
from __future__ import annotations

import os
import struct
from itertools import accumulate
from pickle import loads
from typing import Any

import numpy as np

__all__ = ["EXT", "MIN_POSTINGS", "ColumnsWriter", "SegmentColumns"]

EXT = ".pcl"
MAGIC = b"ITPPCOL1"
# More than one block: a single block costs one read either way.
MIN_POSTINGS = 129

_IDS32 = 1
_W32 = 2
_POS = 4
_POS32 = 8
_CNT32 = 16
_DIR = np.dtype([("post", "<u8"), ("data", "<u8"), ("count", "<u4"), ("blocks", "<u4"),
                 ("flags", "<u4"), ("pad", "<u4")])
_HEAD = struct.Struct("<8sII")
_FOOT = struct.Struct("<QQ8s")


def _pad(n: int) -> bytes:
    return b"\0" * (-n % 8)


# Encoded single-position values → their position (the same few thousand values make most of
# the postings of a positions field; see ``ColumnsWriter.add``).
_SINGLE: dict[bytes, int] = {}
_SINGLE_MAX = 1 << 16


class ColumnsWriter:
    """Collects the columns of one segment while its postings are written; the file is made on
    the first long term and finished by ``close``."""

    def __init__(self, storage, segment, blocklimit: int) -> None:
        self._storage = storage
        self._segment = segment
        self._blocklimit = blocklimit
        self._file = None
        self._pos = 0
        self._entries: list[tuple[int, int, int, int, int]] = []

    def _open(self) -> None:
        self._file = self._segment.create_file(self._storage, EXT)
        self._write(_HEAD.pack(MAGIC, self._blocklimit, 0))

    def add(self, post_offset: int, ids: list[int], weights: list[float], blocks: list[int],
            positions: list[bytes] | None = None) -> None:
        """One long term; ``positions`` are its postings' values in Whoosh's ``Positions``
        encoding (a varint count, then a pickled list of gaps), for fields that store them."""
        if self._file is None:
            self._open()
        flags = 0
        if ids[-1] < 65536:
            a_ids = np.asarray(ids, dtype="<u2")
        else:
            a_ids = np.asarray(ids, dtype="<u4")
            flags |= _IDS32
        w32 = np.asarray(weights, dtype="<f4")       # what Whoosh's block holds (array "f")
        w16 = w32.astype("<f2")
        if np.array_equal(w16.astype("<f4"), w32):
            a_w = w16
        else:
            a_w = w32
            flags |= _W32
        arrays = [a_ids, a_w, np.asarray(blocks, dtype="<u8")]
        if positions is not None:
            counts: list[int] = []
            flat: list[int] = []
            single = _SINGLE
            for v in positions:
                p = single.get(v)
                if p is not None:           # one position (most postings): decoded before
                    counts.append(1)
                    flat.append(p)
                    continue
                gaps = loads(v[4:] if v.endswith(b".") else v[4:] + b".")
                counts.append(len(gaps))
                if len(gaps) == 1 and len(single) < _SINGLE_MAX:
                    single[v] = gaps[0]
                flat.extend(accumulate(gaps))
            flags |= _POS
            if counts and max(counts) >= 65536:
                flags |= _CNT32
            if flat and max(flat) >= 65536:
                flags |= _POS32
            arrays.append(np.asarray(counts, dtype="<u4" if flags & _CNT32 else "<u2"))
            arrays.append(np.asarray(flat, dtype="<u4" if flags & _POS32 else "<u2"))
        start = self._pos
        for arr in arrays:
            b = arr.tobytes()
            self._write(b + _pad(len(b)))
        self._entries.append((post_offset, start, len(ids), len(blocks), flags))

    def _write(self, b: bytes) -> None:
        self._file.write(b)
        self._pos += len(b)

    def close(self) -> None:
        """Finish the file; a segment without long terms still gets one (with no terms), which
        says that its writer made columns for every long term."""
        if self._file is None:
            self._open()
        d = np.zeros(len(self._entries), dtype=_DIR)
        if self._entries:
            e = np.array(self._entries, dtype=np.uint64)
            d["post"], d["data"], d["count"], d["blocks"], d["flags"] = e.T
        if len(d) > 1 and np.any(np.diff(d["post"].astype(np.int64)) <= 0):
            order = np.argsort(d["post"], kind="stable")
            d = d[order]
        where = self._pos
        self._write(d.tobytes())
        self._write(_FOOT.pack(where, len(d), MAGIC))
        self._file.close()
        self._file = None

    def cancel(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except Exception:
                pass
            self._file = None


class SegmentColumns:
    """The columns of one segment, memory-mapped; ``None`` from ``open`` when there are none."""

    def __init__(self, raw: np.ndarray) -> None:
        self._raw = raw
        magic, self.blocklimit, _z = _HEAD.unpack(raw[:_HEAD.size].tobytes())
        where, n, magic2 = _FOOT.unpack(raw[-_FOOT.size:].tobytes())
        if magic != MAGIC or magic2 != MAGIC or where + n * _DIR.itemsize + _FOOT.size != len(raw) \
                or self.blocklimit <= 0:
            raise ValueError("not a posting-columns file")
        self._dir = raw[where:where + n * _DIR.itemsize].view(_DIR)
        self._posts = self._dir["post"]

    @classmethod
    def open(cls, storage, segment) -> "SegmentColumns | None":
        name = segment.make_filename(EXT)
        try:
            if not storage.file_exists(name):
                return None
            folder = getattr(storage, "folder", None)
            if folder and os.path.isfile(os.path.join(folder, name)):
                raw = np.memmap(os.path.join(folder, name), dtype=np.uint8, mode="r")
            else:
                with storage.open_file(name) as f:
                    raw = np.frombuffer(f.read(), dtype=np.uint8)
            if len(raw) < _HEAD.size + _FOOT.size:
                return None
            return cls(raw)
        except (OSError, ValueError, struct.error):
            return None      # unreadable columns: the Whoosh path still answers

    def _entry(self, post_offset: int) -> Any:
        i = int(np.searchsorted(self._posts, post_offset))
        if i < len(self._posts) and int(self._posts[i]) == post_offset:
            return self._dir[i]
        return None

    def _sections(self, post_offset: int, upto: int) -> list[np.ndarray] | None:
        """The first ``upto`` arrays of a term's data (ids, weights, block offsets, position
        counts, positions), in the order ``ColumnsWriter.add`` wrote them; None without an
        entry, or when positions are asked of a term that has none."""
        e = self._entry(post_offset)
        if e is None:
            return None
        count, nblocks, flags, pos = int(e["count"]), int(e["blocks"]), int(e["flags"]), int(e["data"])
        if upto > 3 and not flags & _POS:
            return None
        layout = [("<u4" if flags & _IDS32 else "<u2", count), ("<f4" if flags & _W32 else "<f2", count),
                  ("<u8", nblocks), ("<u4" if flags & _CNT32 else "<u2", count),
                  ("<u4" if flags & _POS32 else "<u2", None)]
        out: list[np.ndarray] = []
        for dtype, n in layout[:upto]:
            if n is None:                       # positions: as many as the counts add up to
                n = int(out[3].sum(dtype=np.int64))
            nb = n * np.dtype(dtype).itemsize
            out.append(self._raw[pos:pos + nb].view(dtype))
            pos += nb + (-nb % 8)
        return out

    def get(self, post_offset: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(ids, weights, block offsets) of the term whose postings start at ``post_offset``;
        None for a term without columns (one block or inlined)."""
        got = self._sections(post_offset, 3)
        return None if got is None else (got[0], got[1], got[2])

    def positions(self, post_offset: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(ids, number of positions per posting, all positions in posting order) of a long term
        of a positions field; None when the columns do not hold them."""
        got = self._sections(post_offset, 5)
        return None if got is None else (got[0], got[3], got[4])
