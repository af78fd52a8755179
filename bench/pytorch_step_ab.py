"""Times the PyTorch trainer's minibatch update and bench/pytorch_reference.py's in ONE process, in alternating
blocks of minibatches on the same data and threads, and prints samples/s per block and the median ratio.

Whole runs of either on a shared 2-vCPU VM move by 10-20 % from one minute to the next, more than the 3 % a
fidelity goal allows; alternating short blocks in one process puts both under the same conditions, so the
ratio shows what differs in the code (network, loss, optimizer, gathering of a minibatch) and nothing else.

Arguments: TASK_FILE ROUNDS BLOCK, TASK_FILE a trainer task (JSON) whose framework is pytorch, e.g. from
StandaloneTask; ROUNDS pairs of blocks of BLOCK minibatches each.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "worker-node" / "trainer-pytorch"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytorch_reference  # noqa: E402
from benchfleet_torch import allocator, network, optimizer, partition, task  # noqa: E402
from benchfleet_torch.training import Classifier, Data, EpochLoop  # noqa: E402

Step = Callable[[torch.Tensor], float]


def trainer_step(trainer_task: task.TrainerTask, train: Data) -> Step:
    """The trainer's own update (EpochLoop._step) on a minibatch gathered as its epoch loop gathers it."""
    model = network.build(trainer_task.architecture, trainer_task.partition.shape)
    updater = optimizer.build(model.parameters(), trainer_task.task.training.optimizer)
    loop = EpochLoop(model, Classifier("SOFTMAX"), updater, train, train, 128, 1, torch.device("cpu"))

    def run(rows: torch.Tensor) -> float:
        features, labels = train.features.index_select(0, rows), train.labels.index_select(0, rows)
        began = time.perf_counter()
        loss = loop._step(features, labels)  # the very code the trainer times
        seconds = time.perf_counter() - began
        loss.item()
        return seconds
    return run


def reference_step(model_name: str, train: Data) -> Step:
    model = pytorch_reference.model(model_name)
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def run(rows: torch.Tensor) -> float:
        xb, yb = train.features[rows], train.labels[rows]
        began = time.perf_counter()
        pytorch_reference.step(model, adam, loss_fn, xb, yb)
        return time.perf_counter() - began
    return run


def main(task_file: str, rounds: int, block: int) -> None:
    print(allocator.configure(), file=sys.stderr)
    trainer_task = task.parse_task(Path(task_file).read_text())
    torch.set_num_threads(trainer_task.threads)
    torch.manual_seed(1)
    loaded = partition.load(trainer_task.partition).train
    train = Data(torch.from_numpy(loaded.features), torch.from_numpy(loaded.labels))
    batch = trainer_task.task.training.batch_size
    steps = {"trainer": trainer_step(trainer_task, train),
             "reference": reference_step(trainer_task.architecture.name, train)}
    order = torch.randperm(train.count)
    batches = train.count // batch
    rates: dict[str, list[float]] = {name: [] for name in steps}
    position = 0
    for _ in range(rounds):
        for name, step in steps.items():
            seconds = 0.0
            for _ in range(block):
                start = (position % batches) * batch
                seconds += step(order[start:start + batch])
                position += 1
            rates[name].append(block * batch / seconds)
    for name, values in rates.items():
        print(f"{name:<9} samples/s per block: {', '.join(f'{v:,.0f}' for v in values)};"
              f" median {statistics.median(values):,.0f}")
    ratios = [t / r for t, r in zip(rates["trainer"], rates["reference"])]
    print(f"trainer / reference: median {statistics.median(ratios):.3f}"
          f" (range {min(ratios):.3f}-{max(ratios):.3f}, {rounds} pairs of {block} minibatches,"
          f" {trainer_task.threads} thread(s))")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
