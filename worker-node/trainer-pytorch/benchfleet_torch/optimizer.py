"""The task's optimizer as a torch optimizer, with the hyper-parameters the DL4J trainer gives each kind.

DL4J's NetworkFactory uses its updaters' defaults but for RMSprop's rho; these are the same numbers:
- ADAM: beta1 0.9, beta2 0.999, epsilon 1e-8 (DL4J's Adam defaults; Keras would use 1e-7).
- RMSPROP: decay rate rho 0.9 (Keras' RMSprop, which the studies trained with; DL4J's trainer sets it too, over DL4J's
  default 0.95), epsilon 1e-8 (DL4J's; Keras' is 1e-7), no momentum.
- SGD: plain; with momentum and nesterov, torch's Nesterov SGD, which for a constant rate takes the same steps as
  DL4J's Nesterovs and Keras' SGD(nesterov=True) (torch keeps the velocity in gradient units, they keep it in
  step units: the two differ only while the rate decays, by a factor of order decay x momentum).
  Momentum without Nesterov, which DL4J cannot express and refuses, is torch's (Keras') classical momentum here.
- ADADELTA: rho 0.95, epsilon 1e-6 (DL4J's AdaDelta defaults; Keras' Adadelta has rho 0.95 too). DL4J accepts
  only learning rate 1.0 without decay (its AdaDelta has no rate); here the rate scales the step and may
  decay, as in Keras.

Decay is Keras' time-based decay, as DL4J's InverseSchedule(ITERATION, rate, decay, power 1) applies it: the rate
of minibatch t, counted from 0 over the whole run (not per epoch), is learning_rate / (1 + decay * t). The
schedule is stepped once after each optimizer step.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import torch

from .task import Optimizer

ADAM_BETAS = (0.9, 0.999)
ADAM_EPSILON = 1e-8
RMSPROP_RHO = 0.9
RMSPROP_EPSILON = 1e-8
ADADELTA_RHO = 0.95
ADADELTA_EPSILON = 1e-6


@dataclass(frozen=True)
class Updater:
    """The torch optimizer and, when the rate decays, the schedule to step after each of its steps."""

    optimizer: torch.optim.Optimizer
    schedule: torch.optim.lr_scheduler.LambdaLR | None

    def step(self) -> None:
        self.optimizer.step()
        if self.schedule is not None:
            self.schedule.step()


def build(parameters: Iterable[torch.nn.Parameter], settings: Optimizer) -> Updater:
    optimizer = _optimizer(list(parameters), settings)
    return Updater(optimizer, _schedule(optimizer, settings.decay))


def _optimizer(parameters: list[torch.nn.Parameter], settings: Optimizer) -> torch.optim.Optimizer:
    rate = settings.learning_rate
    if settings.kind == "ADAM":
        return torch.optim.Adam(parameters, lr=rate, betas=ADAM_BETAS, eps=ADAM_EPSILON)
    if settings.kind == "RMSPROP":
        return torch.optim.RMSprop(parameters, lr=rate, alpha=RMSPROP_RHO, eps=RMSPROP_EPSILON)
    if settings.kind == "SGD":
        return torch.optim.SGD(parameters, lr=rate, momentum=settings.momentum, nesterov=settings.nesterov)
    if settings.kind == "ADADELTA":
        return torch.optim.Adadelta(parameters, lr=rate, rho=ADADELTA_RHO, eps=ADADELTA_EPSILON)
    raise ValueError(f"unknown optimizer kind {settings.kind}")


def _schedule(optimizer: torch.optim.Optimizer, decay: float) -> torch.optim.lr_scheduler.LambdaLR | None:
    """Keras' time-based decay; None for a constant rate, which saves a scheduler call per minibatch."""
    if decay == 0:
        return None
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0 / (1.0 + decay * step))
