"""The trainer's stdin, which its worker node holds open for the attempt's life and never writes to.

Its end means the worker node is gone (stopped, crashed, or killed with SIGKILL, when it could end nothing
itself): nobody is left to hear the attempt's result, and a trainer that went on would hold the machine's
cores or its GPU from whatever runs there next. Run by hand, give the trainer a stdin that stays open.
"""
from __future__ import annotations

import os
import sys
import threading
from typing import Callable

#: The exit status when the worker node is gone (the DL4J trainer's WORKER_NODE_GONE).
WORKER_NODE_GONE = 2


def watch(stdin_fd: int = 0, on_gone: Callable[[], None] | None = None) -> threading.Thread:
    """Reads stdin on a daemon thread and, once it has ended, stops the process (or calls on_gone)."""
    thread = threading.Thread(target=_watch, args=(stdin_fd, on_gone or stop_now), name="worker-node-lifeline",
                              daemon=True)
    thread.start()
    return thread


def _watch(stdin_fd: int, on_gone: Callable[[], None]) -> None:
    _read_to_end(stdin_fd)
    on_gone()


def _read_to_end(fd: int) -> None:
    try:
        # os.read releases the GIL while it blocks, so training threads run on undisturbed.
        while os.read(fd, 4096):
            pass  # The worker node sends nothing here; only the end matters.
    except OSError:
        pass  # A stdin that cannot be read any more is as good as ended.


def stop_now() -> None:
    """os._exit, not sys.exit: no cleanup that could wait on torch's threads, and nobody awaits a result."""
    try:
        sys.stderr.write("trainer: stdin ended, so its worker node is gone; stopping now\n")
        sys.stderr.flush()
    finally:
        os._exit(WORKER_NODE_GONE)
