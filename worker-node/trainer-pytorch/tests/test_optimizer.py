"""Each optimizer kind maps to its torch optimizer with the DL4J trainer's hyper-parameters; decay as Keras'."""
from __future__ import annotations

import unittest

import torch

from benchfleet_torch import optimizer
from benchfleet_torch.task import Optimizer


def _built(kind: str, rate: float, decay: float = 0.0, momentum: float = 0.0,
           nesterov: bool = False) -> optimizer.Updater:
    return optimizer.build([torch.nn.Parameter(torch.ones(3))], Optimizer(kind, rate, decay, momentum, nesterov))


class OptimizerKindsTest(unittest.TestCase):
    def test_adam(self) -> None:
        built = _built("ADAM", 0.001)
        self.assertIsInstance(built.optimizer, torch.optim.Adam)
        group = built.optimizer.param_groups[0]
        self.assertEqual((group["lr"], group["betas"], group["eps"]), (0.001, (0.9, 0.999), 1e-8))
        self.assertFalse(group["amsgrad"])
        self.assertEqual(group["weight_decay"], 0)
        self.assertIsNone(built.schedule)

    def test_rmsprop_has_keras_decay_rate_0_9(self) -> None:
        built = _built("RMSPROP", 1e-4, decay=1e-6)
        self.assertIsInstance(built.optimizer, torch.optim.RMSprop)
        group = built.optimizer.param_groups[0]
        self.assertEqual((group["lr"], group["alpha"], group["eps"], group["momentum"], group["centered"]),
                         (1e-4, 0.9, 1e-8, 0, False))

    def test_plain_sgd(self) -> None:
        built = _built("SGD", 0.01)
        self.assertIsInstance(built.optimizer, torch.optim.SGD)
        group = built.optimizer.param_groups[0]
        self.assertEqual((group["lr"], group["momentum"], group["nesterov"], group["dampening"]), (0.01, 0, False, 0))

    def test_sgd_with_nesterov_momentum(self) -> None:
        group = _built("SGD", 0.01, decay=1e-6, momentum=0.9, nesterov=True).optimizer.param_groups[0]
        self.assertEqual((group["lr"], group["momentum"], group["nesterov"], group["dampening"]), (0.01, 0.9, True, 0))

    def test_sgd_with_classical_momentum(self) -> None:
        group = _built("SGD", 0.01, momentum=0.5).optimizer.param_groups[0]
        self.assertEqual((group["momentum"], group["nesterov"]), (0.5, False))

    def test_adadelta_has_dl4j_rho_and_epsilon(self) -> None:
        built = _built("ADADELTA", 1.0)
        self.assertIsInstance(built.optimizer, torch.optim.Adadelta)
        group = built.optimizer.param_groups[0]
        self.assertEqual((group["lr"], group["rho"], group["eps"]), (1.0, 0.95, 1e-6))

    def test_sgd_takes_the_step_its_rate_says(self) -> None:
        parameter = torch.nn.Parameter(torch.tensor([1.0]))
        built = optimizer.build([parameter], Optimizer("SGD", 0.1, 0.0, 0.0, False))
        parameter.grad = torch.tensor([2.0])
        built.step()
        self.assertAlmostEqual(parameter.item(), 1.0 - 0.1 * 2.0, places=6)


class DecayTest(unittest.TestCase):
    def test_the_rate_of_minibatch_t_is_rate_over_one_plus_decay_t(self) -> None:
        built = _built("SGD", 0.5, decay=0.1)
        rates = []
        for _ in range(4):
            rates.append(built.optimizer.param_groups[0]["lr"])
            built.step()
        for t, rate in enumerate(rates):
            self.assertAlmostEqual(rate, 0.5 / (1 + 0.1 * t), places=12)

    def test_decay_applies_to_every_kind(self) -> None:
        for kind in ("ADAM", "RMSPROP", "SGD", "ADADELTA"):
            built = _built(kind, 1.0, decay=1.0)
            for _ in range(3):
                built.step()
            self.assertAlmostEqual(built.optimizer.param_groups[0]["lr"], 1.0 / (1 + 3), places=12, msg=kind)

    def test_no_decay_no_schedule(self) -> None:
        built = _built("SGD", 0.5)
        for _ in range(3):
            built.step()
        self.assertIsNone(built.schedule)
        self.assertEqual(built.optimizer.param_groups[0]["lr"], 0.5)


if __name__ == "__main__":
    unittest.main()
