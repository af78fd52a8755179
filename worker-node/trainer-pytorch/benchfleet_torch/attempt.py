"""Carries out one attempt with torch: device, seeds, data, network, the epoch loop, and the events it reports.

The order is the DL4J trainer's: everything that can refuse the task (device, data, network) comes before the
started event, so a started attempt fails only while training.
"""
from __future__ import annotations

import os

import torch

from . import events, gpu_memory, network, optimizer, partition, resources
from .events import EventStream
from .failures import TrainerFailure
from .task import PROTOCOL_VERSION, Dense, TrainerTask
from .training import Classifier, Data, EpochDone, EpochLoop


def run(trainer_task: TrainerTask, stream: EventStream, process_start: float) -> None:
    """Trains the task and emits started, one epoch per epoch, and finished; raises on any failure.

    :param process_start: time.monotonic() at the top of train.py, the fallback for the process's age
    """
    task = trainer_task.task
    device = training_device(task.device)
    torch.set_num_threads(trainer_task.threads)
    # Java's seed is a long; torch wants 0..2^64-1, and the same long must give the same seeds every time.
    seed = task.seed & 0xFFFF_FFFF_FFFF_FFFF
    torch.manual_seed(seed)

    loaded = partition.load(trainer_task.partition)
    train = _on_device(loaded.train, device)
    test = _on_device(loaded.test, device)
    model = network.build(trainer_task.architecture, trainer_task.partition.shape).to(device)
    updater = optimizer.build(model.parameters(), task.training.optimizer)
    classifier_layer = trainer_task.architecture.layers[-1]
    assert isinstance(classifier_layer, Dense)

    stream.emit(events.started(
        protocol_version=PROTOCOL_VERSION, framework_version=torch.__version__, pid=os.getpid(),
        threads=torch.get_num_threads(), backend=backend(device), parameters=network.total_parameter_count(model),
        train_samples=train.count, test_samples=test.count,
        startup_seconds=resources.process_age_seconds(process_start)))

    loop = EpochLoop(model, Classifier(classifier_layer.activation), updater, train, test,
                     task.training.batch_size, seed, device)
    outcome = loop.run(task.training.epochs, lambda done: stream.emit(_epoch_event(done, device)))
    samples = train.count * task.training.epochs
    stream.emit(events.finished(train_seconds=outcome.train_seconds,
                                samples_per_second=samples / outcome.train_seconds,
                                test_accuracy=outcome.last.accuracy, test_loss=outcome.last.loss))


def training_device(device: str) -> torch.device:
    """cuda:0 for a GPU task (the worker node pins the slot's GPU with CUDA_VISIBLE_DEVICES), else the CPU."""
    if device != "GPU":
        return torch.device("cpu")
    if not torch.cuda.is_available():
        built = torch.version.cuda or "none"
        visible = os.environ.get("CUDA_VISIBLE_DEVICES", "unset")
        # ERROR, not BAD_INPUT: the task is fine; this node's torch or driver cannot run it.
        raise TrainerFailure(f"the task's device is GPU, but torch {torch.__version__} sees no CUDA device"
                             f" (torch built with CUDA {built}, CUDA_VISIBLE_DEVICES={visible})")
    return torch.device("cuda", 0)


def backend(device: torch.device) -> str:
    """E.g. ``CPU`` or ``CUDA 12.1, NVIDIA H200``."""
    if device.type != "cuda":
        return "CPU"
    return f"CUDA {torch.version.cuda}, {torch.cuda.get_device_name(device)}"


def _on_device(part: partition.Part, device: torch.device) -> Data:
    return Data(torch.from_numpy(part.features).to(device), torch.from_numpy(part.labels).to(device))


def _epoch_event(done: EpochDone, device: torch.device) -> events.Event:
    return events.epoch(epoch=done.epoch, seconds=done.seconds, samples_per_second=done.samples_per_second,
                        train_loss=done.train_loss, train_accuracy=done.train_accuracy,
                        test_loss=done.test.loss, test_accuracy=done.test.accuracy,
                        rss_bytes=resources.rss_bytes(), gpu_mem_bytes=gpu_memory.used_bytes(device))


def memory_figures() -> str:
    """The process's memory and, where torch used a GPU, the GPU's: for an out-of-memory message."""
    figures = resources.describe_memory()
    try:
        if torch.cuda.is_initialized():
            free, total = torch.cuda.mem_get_info()
            figures += (f"; GPU: {resources.size(torch.cuda.max_memory_allocated())} at most allocated by torch,"
                        f" {resources.size(free)} free of {resources.size(total)}")
    except RuntimeError:
        pass  # A GPU in a bad state says nothing more; the message stands without it.
    return figures
