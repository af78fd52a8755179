"""How an attempt fails: the failure kinds a trainer may report, and which exception means which.

The kind decides what the coordinator does next (see TrainerEvent.FailureKind): nothing for BAD_INPUT and
DIVERGED (the same task would fail the same way again), another node for DATA_UNAVAILABLE, one more try for
OUT_OF_MEMORY. This module imports no torch, so that a failure to import torch can still be reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

BAD_INPUT = "BAD_INPUT"
DIVERGED = "DIVERGED"
ERROR = "ERROR"
OUT_OF_MEMORY = "OUT_OF_MEMORY"
DATA_UNAVAILABLE = "DATA_UNAVAILABLE"

#: The kinds FailureKind.byTrainer() allows; the others are the worker node's or the coordinator's to decide.
TRAINER_KINDS = frozenset({BAD_INPUT, DIVERGED, ERROR, OUT_OF_MEMORY, DATA_UNAVAILABLE})

#: How allocators say they failed: PyTorch's CPU allocator ("DefaultCPUAllocator: can't allocate memory"),
#: CUDA's caching allocator ("CUDA out of memory"), oneDNN/C++ (bad_alloc) and cuBLAS/cuDNN allocation errors.
_ALLOCATION_FAILURE = re.compile(
    r"out of memory|can't allocate memory|failed to allocate|bad_alloc|CUBLAS_STATUS_ALLOC_FAILED"
    r"|CUDNN_STATUS_ALLOC_FAILED", re.IGNORECASE)

#: A failure message stays far below the protocol's 1 MiB line limit, and readable in a report.
_MAX_MESSAGE_CHARS = 2000


class TrainerFailure(Exception):
    """A failure whose kind the trainer knows where it happens; the message is what the event says."""

    kind: str = ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInput(TrainerFailure):
    """The task or its partition cannot be trained as given: retrying it would fail the same way."""

    kind = BAD_INPUT


class DataUnavailable(TrainerFailure):
    """This node has no readable copy of the partition (missing or unreadable files): another node may have."""

    kind = DATA_UNAVAILABLE


class Diverged(TrainerFailure):
    """The loss became NaN or infinite; the same seed would diverge again."""

    kind = DIVERGED


@dataclass(frozen=True)
class Failure:
    kind: str
    message: str


def one_line(text: str) -> str:
    """The event's message: one line (a traceback or a multi-line torch message would be unreadable in a report)."""
    flat = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return flat if len(flat) <= _MAX_MESSAGE_CHARS else flat[:_MAX_MESSAGE_CHARS] + "..."


def is_allocation_failure(error: BaseException) -> bool:
    """The error itself, or one of its causes, is a failed allocation on the host or the GPU."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, MemoryError) or type(current).__name__ == "OutOfMemoryError":
            return True
        if _ALLOCATION_FAILURE.search(str(current)):
            return True
        current = current.__cause__ or current.__context__
    return False


def classify(error: BaseException, memory: Callable[[], str] = lambda: "") -> Failure:
    """What the failed event says about an exception that ended the attempt.

    :param memory: reads the process's memory figures for an out-of-memory message (only then: on a GPU in a
        bad state, reading them may itself fail)
    """
    if isinstance(error, TrainerFailure):
        return Failure(error.kind, one_line(error.message))
    if is_allocation_failure(error):
        figures = memory()
        return Failure(OUT_OF_MEMORY, one_line(f"out of memory: {describe(error)}" + (f" ({figures})" if figures else "")))
    return Failure(ERROR, one_line(describe(error)))


def describe(error: BaseException) -> str:
    """The exception as one readable phrase, its type included (as Java's Throwable.toString does)."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
