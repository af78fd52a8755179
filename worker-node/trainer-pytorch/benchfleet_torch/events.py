"""The event lines a trainer prints on stdout (EventLine.java): one JSON object per line, in the order started,
epoch per epoch, then finished or failed.

Every field the protocol requires is present and nothing else: the worker node refuses unknown fields. The
optional fields a PyTorch trainer has no value for are left out (layerHelpers and the JVM's heapBytes and
offHeapBytes, and gpuMemBytes on a CPU) or left to the worker node (partitionSha256). NaN and infinities are not
JSON: a value that would be one is refused here rather than sent as a line the worker node cannot parse.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

Event = dict[str, Any]

FRAMEWORK = "pytorch"


def started(*, protocol_version: int, framework_version: str, pid: int, threads: int, backend: str,
            parameters: int, train_samples: int, test_samples: int, startup_seconds: float) -> Event:
    return {"event": "started", "protocolVersion": protocol_version, "framework": FRAMEWORK,
            "frameworkVersion": framework_version, "pid": pid, "threads": threads, "backend": backend,
            "parameters": parameters, "trainSamples": train_samples, "testSamples": test_samples,
            "startupSeconds": startup_seconds}


def epoch(*, epoch: int, seconds: float, samples_per_second: float, train_loss: float, train_accuracy: float,
          test_loss: float, test_accuracy: float, rss_bytes: int, gpu_mem_bytes: int | None = None) -> Event:
    """:param gpu_mem_bytes: memory in use on the GPU after the epoch; None on a CPU, where the field is left out"""
    event: Event = {"event": "epoch", "epoch": epoch, "seconds": seconds, "samplesPerSecond": samples_per_second,
                    "trainLoss": train_loss, "trainAccuracy": train_accuracy, "testLoss": test_loss,
                    "testAccuracy": test_accuracy, "rssBytes": rss_bytes}
    if gpu_mem_bytes is not None:
        event["gpuMemBytes"] = gpu_mem_bytes
    return event


def finished(*, train_seconds: float, samples_per_second: float, test_accuracy: float, test_loss: float) -> Event:
    return {"event": "finished", "trainSeconds": train_seconds, "samplesPerSecond": samples_per_second,
            "testAccuracy": test_accuracy, "testLoss": test_loss}


def failed(kind: str, message: str) -> Event:
    return {"event": "failed", "kind": kind, "message": message}


def encode(event: Event) -> str:
    """One line of compact JSON; ValueError for NaN or an infinity, which JSON cannot carry."""
    return json.dumps(event, allow_nan=False, separators=(",", ":"), ensure_ascii=False)


class EventStream:
    """The trainer's stdout, reserved for event lines (EventStream.java in the DL4J trainer)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    @staticmethod
    def take_over_stdout() -> EventStream:
        """Keeps file descriptor 1 for events and points everything else that writes there at stderr.

        Native code (oneDNN, CUDA, OpenMP) writes to descriptor 1 directly, so sys.stdout alone is not enough:
        the events get a duplicate of the original descriptor, and descriptor 1 becomes a copy of stderr.
        """
        sys.stdout.flush()
        events_fd = os.dup(1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        return EventStream(os.fdopen(events_fd, "w", encoding="utf-8", buffering=1, closefd=True))

    def emit(self, event: Event) -> None:
        self._out.write(encode(event) + "\n")
        self._out.flush()
