"""Trains for the task's epochs and evaluates after each, as the DL4J trainer's EpochLoop does.

Timing: only the minibatch updates are timed, each from zero_grad through the optimizer's (and the rate
schedule's) step; shuffling, slicing out the minibatch, the divergence check and the evaluation are not.
On a GPU the clock is read only after torch.cuda.synchronize(), before and after each update, so the time is
the kernels' work and not their launches'. The figures are then those of bench/pytorch_reference.py.

Losses (categorical cross-entropy throughout):
- trainLoss: the mean minibatch loss over the epoch, weighted by minibatch size, as Keras and DL4J report it.
  Each minibatch's loss is torch's cross_entropy of the logits, i.e. log_softmax fused with the log-likelihood:
  the exact cross-entropy of the softmax output, without the overflow of log(softmax(z)).
- testLoss (and the accuracy figures): as DL4J's evaluation computes it, the mean of -log(p_true + 1e-7) over the
  softmax probabilities; the 1e-7 caps one sample's loss at 16.1 exactly as Keras' and DL4J's clipping do, so
  the figure compares across frameworks.
- trainAccuracy: on the first 10,000 samples of the training part at most (its order is already random): a full
  pass would cost a third of an epoch.
A NaN or infinite minibatch loss ends the attempt as DIVERGED, as does an evaluation that is not finite (an
update after the last checked loss can still break the weights).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

from .failures import Diverged
from .optimizer import Updater

#: The training batch size's order: measured on cnn-medium at one thread, evaluating 20,000 images took 34 s in
#: batches of 1,000 (100 MB activations per layer, allocated and faulted in anew each batch) and 4 s in batches
#: of 128.
EVALUATION_BATCH = 128
TRAIN_ACCURACY_SAMPLES = 10_000
#: DL4J's evaluation adds it to the probabilities before the log (Keras clips at the same value).
LOG_EPSILON = 1e-7
#: DL4J's MCXENT clips probabilities here when the classifier's activation is not softmax.
NON_SOFTMAX_CLIP = 1e-10


@dataclass(frozen=True)
class Data:
    """One part on the training device: float32 features (N x sample shape) and int64 labels (N)."""

    features: torch.Tensor
    labels: torch.Tensor

    @property
    def count(self) -> int:
        return int(self.labels.shape[0])


@dataclass(frozen=True)
class Evaluated:
    loss: float
    accuracy: float


@dataclass(frozen=True)
class EpochDone:
    epoch: int
    seconds: float
    samples_per_second: float
    train_loss: float
    train_accuracy: float
    test: Evaluated


@dataclass(frozen=True)
class Outcome:
    train_seconds: float
    last: Evaluated


class Classifier:
    """The classifier's activation, applied by the loss and the evaluation to the network's logits."""

    def __init__(self, activation: str) -> None:
        self.activation = activation

    def loss(self, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        if self.activation == "SOFTMAX":
            return F.cross_entropy(logits, labels)
        picked = self.probabilities(logits).gather(1, labels.unsqueeze(1)).squeeze(1)
        return -torch.log(picked.clamp(NON_SOFTMAX_CLIP, 1.0)).mean()

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        functions: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
            "SOFTMAX": lambda z: torch.softmax(z, dim=1), "SIGMOID": torch.sigmoid, "TANH": torch.tanh,
            "RELU": torch.relu, "ELU": F.elu, "IDENTITY": lambda z: z,
        }
        return functions[self.activation](logits)


class EpochLoop:
    def __init__(self, network: nn.Module, classifier: Classifier, updater: Updater, train: Data, test: Data,
                 batch_size: int, seed: int, device: torch.device) -> None:
        self._network = network
        self._classifier = classifier
        self._updater = updater
        self._train = train
        self._test = test
        self._batch_size = batch_size
        # Its own generator: the shuffles depend on the seed alone, not on how many draws dropout made.
        self._shuffling = torch.Generator().manual_seed(seed)
        self._device = device
        self._on_gpu = device.type == "cuda"

    def run(self, epochs: int, on_epoch: Callable[[EpochDone], None]) -> Outcome:
        train_seconds = 0.0
        last = Evaluated(math.nan, math.nan)
        for number in range(1, epochs + 1):
            seconds, train_loss = self._train_one_epoch(number)
            train_seconds += seconds
            train_accuracy = self.evaluate(self._train, TRAIN_ACCURACY_SAMPLES).accuracy
            last = self.evaluate(self._test, self._test.count)
            if not (math.isfinite(last.loss) and math.isfinite(train_accuracy)):
                raise Diverged(f"test loss is {last.loss} after epoch {number}: the weights are no longer finite")
            on_epoch(EpochDone(number, seconds, self._train.count / seconds, train_loss, train_accuracy, last))
        return Outcome(train_seconds, last)

    def _train_one_epoch(self, number: int) -> tuple[float, float]:
        """:return: the seconds of minibatch updates and the mean minibatch loss, weighted by minibatch size"""
        self._network.train()
        count = self._train.count
        order = torch.randperm(count, generator=self._shuffling).to(self._device)
        seconds = 0.0
        loss_sum = 0.0
        for batch, start in enumerate(range(0, count, self._batch_size), start=1):
            rows = order[start:start + self._batch_size]
            features = self._train.features.index_select(0, rows)
            labels = self._train.labels.index_select(0, rows)
            self._synchronize()
            began = time.perf_counter()
            loss = self._step(features, labels)
            self._synchronize()
            seconds += time.perf_counter() - began
            value = loss.item()
            if not math.isfinite(value):
                raise Diverged(f"training loss is {value} at epoch {number}, minibatch {batch}")
            loss_sum += value * rows.shape[0]
        return seconds, loss_sum / count

    def _step(self, features: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """One minibatch update; returns its loss (still on the device, read after the clock stops)."""
        self._updater.optimizer.zero_grad(set_to_none=True)
        loss = self._classifier.loss(self._network(features), labels)
        loss.backward()
        self._updater.step()
        return loss.detach()

    def _synchronize(self) -> None:
        """Waits for the GPU's queued kernels, so that the clock reads their end, not their launch."""
        if self._on_gpu:
            torch.cuda.synchronize(self._device)

    def evaluate(self, part: Data, limit: int) -> Evaluated:
        """Accuracy and mean cross-entropy (DL4J's formula) on the first ``limit`` samples of a part."""
        count = min(limit, part.count)
        self._network.eval()
        loss_sum = torch.zeros((), dtype=torch.float64, device=self._device)
        correct = torch.zeros((), dtype=torch.int64, device=self._device)
        with torch.inference_mode():
            for start in range(0, count, EVALUATION_BATCH):
                end = min(count, start + EVALUATION_BATCH)
                labels = part.labels[start:end]
                probabilities = self._classifier.probabilities(self._network(part.features[start:end]))
                picked = probabilities.gather(1, labels.unsqueeze(1)).squeeze(1)
                loss_sum -= torch.log(picked + LOG_EPSILON).sum(dtype=torch.float64)
                correct += (probabilities.argmax(dim=1) == labels).sum()
        self._network.train()
        # One transfer for the whole part, not one per batch.
        return Evaluated(loss_sum.item() / count, correct.item() / count)
