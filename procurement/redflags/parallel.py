"""Screen a JSON-lines file on several cores: byte ranges aligned to line starts, one fold per range.

Each worker returns its `State`; the parent merges them in file order, so the result equals a single pass. The
one order-dependent setting is the main currency when none is configured: the peer takes the first currency it
sees. A range whose own first currency differs from the file's is folded again with the file's currency, so
that remains exact too (it only happens with mixed-currency data).
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from . import thai
from .engine import Screener
from .state import State

BLOCK = 1 << 23  # bytes read at a time; a worker holds about one block of text
MIN_PARALLEL_BYTES = 8 << 20

_screener: Screener | None = None  # set in the parent before forking, inherited by the workers


def line_ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    size = path.stat().st_size
    if parts <= 1 or size == 0:
        return [(0, size)]
    cuts = [0]
    with path.open("rb") as handle:
        for i in range(1, parts):
            handle.seek(max(size * i // parts, cuts[-1]))
            handle.readline()  # move to the start of the next line
            cuts.append(min(handle.tell(), size))
    cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def iter_lines(path: Path, start: int, end: int, block: int = BLOCK):
    """The lines of `path` within [start, end), as memoryviews into one reused buffer (no copy per line).

    A view is valid only until the next line is requested: callers parse it at once and keep the result.
    """
    with path.open("rb") as handle:
        handle.seek(start)
        buf = bytearray(block)
        view = memoryview(buf)
        filled = 0
        remaining = end - start
        while True:
            if remaining > 0:
                if filled == len(buf):
                    # One line is longer than the buffer. Views of the old buffer may still be held by the
                    # caller, so it cannot be resized: copy into a larger one.
                    larger = bytearray(2 * len(buf))
                    larger[:filled] = buf
                    buf, view = larger, memoryview(larger)
                count = handle.readinto(view[filled : filled + min(len(buf) - filled, remaining)])
                if not count:
                    remaining = 0
                remaining -= count
                filled += count
            pos = 0
            find = buf.find
            while (newline := find(b"\n", pos, filled)) >= 0:
                yield view[pos:newline]
                pos = newline + 1
            if remaining <= 0:
                if pos < filled:
                    yield view[pos:filled]
                break
            tail = filled - pos
            buf[:tail] = buf[pos:filled]  # keep the unfinished line; same length, so the buffer does not move
            filled = tail


def fold_range(screener: Screener, path: Path, start: int, end: int, currency: str | None = None) -> State:
    st = screener.new_state(currency)
    screener.fold_items(st, iter_lines(path, start, end))
    return st


def _work(task: tuple[str, int, int, str | None]) -> State:
    path, start, end, currency = task
    assert _screener is not None
    return fold_range(_screener, Path(path), start, end, currency)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def fold_file(screener: Screener, path: Path, workers: int | None = None) -> State:
    """Fold a whole file, in parallel when it is large enough and more than one core is available."""
    global _screener
    workers = default_workers() if workers is None else max(1, workers)
    size = path.stat().st_size
    if workers == 1 or size < MIN_PARALLEL_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        return fold_range(screener, path, 0, size)
    ranges = line_ranges(path, workers)
    if len(ranges) == 1:
        return fold_range(screener, path, *ranges[0])
    _screener = screener
    try:
        # The parent screens the first range itself while the pool screens the others: one process and one
        # state transfer fewer than a pool doing everything.
        with multiprocessing.get_context("fork").Pool(len(ranges) - 1) as pool:
            pending = pool.map_async(_work, [(str(path), a, b, None) for a, b in ranges[1:]], chunksize=1)
            states = [fold_range(screener, path, *ranges[0])]
            states += pending.get()
            expected = screener.config.currency or next((s.currency for s in states if s.currency), None)
            redo = [i for i, s in enumerate(states) if s.currency is not None and s.currency != expected]
            if redo:
                again = pool.map(_work, [(str(path), *ranges[i], expected) for i in redo], chunksize=1)
                for i, st in zip(redo, again, strict=True):
                    states[i] = st
    finally:
        _screener = None
    merged = states[0]
    for st in states[1:]:
        merge_states(merged, st)
    merged.currency = expected
    return merged


def merge_states(mine: State, other: State) -> None:
    mine.merge(other)
    thai.merge(mine.thai, other.thai)
