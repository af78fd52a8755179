"""The epoch loop in-process: losses as the protocol defines them, divergence, the event fields."""
from __future__ import annotations

import math
import unittest

import torch
import torch.nn.functional as F

from benchfleet_torch import events, network, optimizer
from benchfleet_torch.failures import DIVERGED, Diverged, classify
from benchfleet_torch.task import Architecture, Dense, Flatten, Optimizer, Shape
from benchfleet_torch.training import Classifier, Data, EpochDone, EpochLoop


def _loop(rate: float = 0.01, kind: str = "SGD", count: int = 40) -> tuple[EpochLoop, Data]:
    torch.manual_seed(0)
    settings = Optimizer(kind, rate, 0.0, 0.0, False)
    architecture = Architecture("t", "tests", Shape(1, 4, 4), (Flatten(), Dense(8, "RELU"), Dense(3, "SOFTMAX")),
                                settings, 1, 8)
    model = network.build(architecture, architecture.input)
    generator = torch.Generator().manual_seed(1)
    data = Data(torch.randn(count, 1, 4, 4, generator=generator),
                torch.randint(0, 3, (count,), generator=generator))
    loop = EpochLoop(model, Classifier("SOFTMAX"), optimizer.build(model.parameters(), settings), data, data,
                     batch_size=8, seed=5, device=torch.device("cpu"))
    return loop, data


class LossTest(unittest.TestCase):
    def test_the_training_loss_is_the_cross_entropy_of_the_softmax_output(self) -> None:
        logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])
        labels = torch.tensor([0, 1])

        loss = Classifier("SOFTMAX").loss(logits, labels).item()

        probabilities = torch.softmax(logits, dim=1)
        expected = -(math.log(probabilities[0, 0].item()) + math.log(probabilities[1, 1].item())) / 2
        self.assertAlmostEqual(loss, expected, places=5)

    def test_the_training_loss_stays_finite_where_log_of_softmax_would_not(self) -> None:
        logits = torch.tensor([[200.0, -200.0]])

        self.assertAlmostEqual(Classifier("SOFTMAX").loss(logits, torch.tensor([1])).item(), 400.0, places=3)
        self.assertEqual(torch.softmax(logits, dim=1)[0, 1].item(), 0.0)  # whose log would be -inf

    def test_a_sigmoid_classifier_is_cross_entropy_of_its_outputs(self) -> None:
        logits = torch.tensor([[0.0, 1.0]])
        loss = Classifier("SIGMOID").loss(logits, torch.tensor([1])).item()
        self.assertAlmostEqual(loss, -math.log(1 / (1 + math.exp(-1.0))), places=5)

    def test_the_evaluation_loss_is_dl4js_mean_of_minus_log_p_plus_1e_7(self) -> None:
        loop, data = _loop()

        evaluated = loop.evaluate(data, data.count)

        model = loop._network  # pylint: disable=protected-access
        model.eval()
        with torch.no_grad():
            probabilities = torch.softmax(model(data.features), dim=1).double()
        picked = probabilities[torch.arange(data.count), data.labels]
        self.assertAlmostEqual(evaluated.loss, -torch.log(picked + 1e-7).mean().item(), places=5)
        accuracy = (probabilities.argmax(dim=1) == data.labels).double().mean().item()
        self.assertAlmostEqual(evaluated.accuracy, accuracy, places=12)

    def test_the_evaluation_caps_one_samples_loss_as_dl4j_and_keras_do(self) -> None:
        loop, _ = _loop()
        with torch.no_grad():
            last = list(loop._network.children())[-1]  # pylint: disable=protected-access
            assert isinstance(last, torch.nn.Linear)
            last.weight.zero_()
            last.bias.copy_(torch.tensor([500.0, 0.0, 0.0]))
        wrong = Data(torch.zeros(2, 1, 4, 4), torch.tensor([1, 2]))

        self.assertAlmostEqual(loop.evaluate(wrong, 2).loss, -math.log(1e-7), places=4)

    def test_train_accuracy_counts_at_most_the_limit(self) -> None:
        loop, data = _loop(count=40)
        first_ten = Data(data.features[:10], data.labels[:10])

        self.assertEqual(loop.evaluate(data, 10), loop.evaluate(first_ten, 10))


class EpochLoopTest(unittest.TestCase):
    def test_each_epoch_reports_training_time_loss_and_evaluations(self) -> None:
        loop, data = _loop(rate=0.1)
        done: list[EpochDone] = []

        outcome = loop.run(3, done.append)

        self.assertEqual([d.epoch for d in done], [1, 2, 3])
        self.assertAlmostEqual(outcome.train_seconds, sum(d.seconds for d in done), places=12)
        for epoch in done:
            self.assertGreater(epoch.seconds, 0)
            self.assertAlmostEqual(epoch.samples_per_second, data.count / epoch.seconds)
            self.assertTrue(0 <= epoch.train_accuracy <= 1 and 0 <= epoch.test.accuracy <= 1)
        self.assertLess(done[-1].train_loss, done[0].train_loss)
        self.assertEqual(outcome.last, done[-1].test)

    def test_the_same_seed_trains_the_same(self) -> None:
        first, _ = _loop(rate=0.1)
        second, _ = _loop(rate=0.1)
        one: list[EpochDone] = []
        two: list[EpochDone] = []

        first.run(2, one.append)
        second.run(2, two.append)

        self.assertEqual([d.train_loss for d in one], [d.train_loss for d in two])

    def test_a_loss_that_is_not_finite_is_divergence(self) -> None:
        loop, _ = _loop(rate=1e30, kind="ADAM")

        with self.assertRaises(Diverged) as caught:
            loop.run(5, lambda _: None)

        failure = classify(caught.exception)
        self.assertEqual(failure.kind, DIVERGED)
        self.assertRegex(failure.message, r"^training loss is (nan|inf) at epoch 1, minibatch \d+$")


class EventsTest(unittest.TestCase):
    def test_lines_are_compact_json_and_refuse_nan(self) -> None:
        line = events.encode(events.failed("ERROR", "x"))
        self.assertEqual(line, '{"event":"failed","kind":"ERROR","message":"x"}')
        with self.assertRaises(ValueError):
            events.encode(events.finished(train_seconds=1.0, samples_per_second=math.nan, test_accuracy=0.5,
                                          test_loss=1.0))

    def test_cross_entropy_of_logits_equals_torchs_reference(self) -> None:
        logits = torch.randn(5, 4)
        labels = torch.randint(0, 4, (5,))
        self.assertAlmostEqual(Classifier("SOFTMAX").loss(logits, labels).item(),
                               F.nll_loss(torch.log_softmax(logits, dim=1), labels).item(), places=6)


if __name__ == "__main__":
    unittest.main()
