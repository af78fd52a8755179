"""The trainer process: ``train.py TASK_JSON`` carries out one attempt, ``train.py --probe`` says what it offers.

Exit status: 0 after a finished event, 1 after a failed event (any failure, whatever its kind; the event says
which), 2 when stdin ended and the trainer stopped without a final event (its worker node is gone; see
lifeline.py), 3 from --probe when torch cannot be imported. stdout carries event lines and nothing else;
tracebacks and any library output go to stderr, which the worker node logs.
"""
from __future__ import annotations

import sys
import traceback

from . import allocator, lifeline, probe
from .events import EventStream, failed
from .failures import BadInput, ERROR, OUT_OF_MEMORY, classify
from .resources import describe_memory
from .task import parse_task

SUCCEEDED = 0
FAILED = 1


def main(arguments: list[str], process_start: float) -> int:
    """:param process_start: time.monotonic() at the top of train.py"""
    if arguments == ["--probe"]:
        return probe.run()
    lifeline.watch()
    stream = EventStream.take_over_stdout()
    # Before the partition is loaded: its arrays are the allocations that would otherwise set malloc's course.
    print(f"trainer-pytorch: {allocator.configure()}", file=sys.stderr)
    try:
        _train(arguments, stream, process_start)
        return SUCCEEDED
    except Exception as error:  # noqa: BLE001  # every failure becomes a failed event; none may pass silently
        stream.emit(_failed_event(error))
        return FAILED


def _train(arguments: list[str], stream: EventStream, process_start: float) -> None:
    if len(arguments) != 1:
        raise BadInput(f"trainer expects one argument, the attempt as JSON (or --probe); got {len(arguments)}")
    task = parse_task(arguments[0])
    try:
        # Only now: the task is refused quickly if it is bad, and a missing torch becomes a failed event.
        from . import attempt  # pylint: disable=import-outside-toplevel  # loads torch (a second or two)
    except ImportError as error:
        raise ImportError(f"cannot import torch and numpy with {sys.executable}: {error}") from error
    attempt.run(task, stream, process_start)


def _failed_event(error: Exception) -> dict[str, object]:
    failure = classify(error, memory=_memory_figures)
    if failure.kind in (ERROR, OUT_OF_MEMORY):
        # The event has one line; whoever looks into an unexpected failure needs the traceback too.
        traceback.print_exception(error, file=sys.stderr)
    return failed(failure.kind, failure.message)


def _memory_figures() -> str:
    """Memory figures for an out-of-memory message: the GPU's too when torch was loaded and can say."""
    if "torch" in sys.modules:
        try:
            from .attempt import memory_figures  # pylint: disable=import-outside-toplevel
            return memory_figures()
        except Exception:  # noqa: BLE001  # a broken torch must not hide the failure being reported
            pass
    return describe_memory()
