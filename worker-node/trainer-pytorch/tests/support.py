"""What the tests share: small partitions written as the worker node writes them, tasks as it encodes them,
and the trainer run as the worker node runs it (a subprocess with stdin held open)."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import tempfile
import threading
from typing import Any

import numpy as np

TRAINER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRAIN_PY = os.path.join(TRAINER_DIR, "train.py")
#: The interpreter running the tests: the one with torch (run-tests chooses it).
PYTHON = sys.executable

STARTED_FIELDS = {"event", "protocolVersion", "framework", "frameworkVersion", "pid", "threads", "backend",
                  "parameters", "trainSamples", "testSamples", "startupSeconds"}
EPOCH_FIELDS = {"event", "epoch", "seconds", "samplesPerSecond", "trainLoss", "trainAccuracy", "testLoss",
                "testAccuracy", "rssBytes"}
FINISHED_FIELDS = {"event", "trainSeconds", "samplesPerSecond", "testAccuracy", "testLoss"}
FAILED_FIELDS = {"event", "kind", "message"}

ADAM = {"kind": "ADAM", "learningRate": 0.001, "decay": 0.0, "momentum": 0.0, "nesterov": False}

#: A small network with every layer type, for 1 x 8 x 8 images and 3 classes.
TINY_ARCHITECTURE: dict[str, Any] = {
    "name": "tiny", "source": "tests", "input": {"channels": 1, "height": 8, "width": 8},
    "layers": [
        {"type": "conv2d", "filters": 4, "kernel": 3, "padding": "SAME", "activation": "RELU"},
        {"type": "batchnorm"},
        {"type": "maxpool", "size": 2},
        {"type": "dropout", "rate": 0.25},
        {"type": "flatten"},
        {"type": "dense", "units": 8, "activation": "RELU"},
        {"type": "dense", "units": 3, "activation": "SOFTMAX"},
    ],
    "optimizer": ADAM, "epochs": 2, "batchSize": 16,
}
#: Trainable: conv 3*3*1*4+4 = 40, batchnorm 2*4 = 8, dense 4*4*4*8+8 = 520, dense 8*3+3 = 27.
TINY_PARAMETERS = 595
#: Keras' "Total params", what the started line reports: BatchNorm's running mean and variance too (2*4).
TINY_TOTAL_PARAMETERS = TINY_PARAMETERS + 8


def write_partition(directory: str, shape: tuple[int, ...] = (1, 8, 8), train: int = 60, test: int = 20,
                    classes: int = 3, seed: int = 0) -> str:
    """Random uint8 samples with labels the features predict (the class shifts the mean), as .npy files."""
    rng = np.random.default_rng(seed)
    os.makedirs(directory, exist_ok=True)
    for prefix, count in (("train", train), ("test", test)):
        labels = rng.integers(0, classes, count).astype(np.int64)
        noise = rng.integers(0, 120, (count, *shape))
        features = (noise + labels.reshape(-1, *([1] * len(shape))) * 60).astype(np.uint8)
        np.save(os.path.join(directory, f"{prefix}_x.npy"), features)
        np.save(os.path.join(directory, f"{prefix}_y.npy"), labels)
    np.save(os.path.join(directory, "offset.npy"), np.full(shape, 127.5, dtype=np.float32))
    np.save(os.path.join(directory, "scale.npy"), np.full(shape, 1 / 127.5, dtype=np.float32))
    return directory


def task(directory: str, architecture: dict[str, Any] | None = None, *, epochs: int = 2, batch_size: int = 16,
         optimizer: dict[str, Any] | None = None, train: int = 60, test: int = 20, classes: int = 3,
         shape: dict[str, int] | None = None, device: str = "CPU", threads: int = 1) -> dict[str, Any]:
    """A TrainerTask as the worker node encodes it (the layout of /tmp/shared-spec/zoo-tasks.jsonl)."""
    architecture = copy.deepcopy(architecture or TINY_ARCHITECTURE)
    shape = shape or dict(architecture["input"])
    return {
        "protocolVersion": 1, "attemptId": "test-1",
        "task": {"dataset": "test-data", "architecture": architecture["name"], "device": device,
                 "split": "standard", "fold": 0, "repetition": 1, "seed": 7,
                 "training": {"epochs": epochs, "batchSize": batch_size, "trainLimit": 0,
                              "optimizer": optimizer or architecture["optimizer"]},
                 "trainFraction": 1.0, "framework": "pytorch"},
        "architecture": architecture,
        "partition": {"directory": directory, "sha256": "ff00", "trainSamples": train, "testSamples": test,
                      "shape": shape, "classes": classes},
        "threads": threads,
    }


def start(arguments: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The trainer as a worker node starts it: stdin a pipe held open, stdout and stderr captured."""
    return subprocess.Popen([PYTHON, TRAIN_PY, *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=TRAINER_DIR)


def run(trainer_task: dict[str, Any], timeout: float = 60) -> tuple[int, list[dict[str, Any]], str]:
    """Runs one attempt to its end with stdin held open (closing it would stop the trainer); returns the exit
    status, the event lines parsed, and stderr."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        process = subprocess.Popen([PYTHON, TRAIN_PY, json.dumps(trainer_task)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=TRAINER_DIR)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            assert process.stdout is not None
            stdout = process.stdout.read()
            status = process.wait()
        finally:
            killer.cancel()
            _close(process)
        stderr.seek(0)
        return status, [json.loads(line) for line in stdout.splitlines()], stderr.read()


def _close(process: subprocess.Popen[str]) -> None:
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()


class LineReader:
    """Reads a process's stdout on a thread, so that a test can wait for one line while the rest drains."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            with self._condition:
                self.lines.append(line)
                self._condition.notify_all()

    def wait_for(self, text: str, timeout: float) -> bool:
        with self._condition:
            return self._condition.wait_for(lambda: any(text in line for line in self.lines), timeout)
