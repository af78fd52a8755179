"""Parsing the TrainerTask JSON: a good task becomes dataclasses; a bad one is one line naming the field."""
from __future__ import annotations

import copy
import json
import unittest
from typing import Any, Callable

from benchfleet_torch.failures import BadInput
from benchfleet_torch.task import (BatchNorm, Conv2d, Dense, Dropout, Flatten, MaxPool, Shape, parse_architecture,
                                   parse_task)
from tests import support


def _task() -> dict[str, Any]:
    return support.task("/data/p")


class GoodTaskTest(unittest.TestCase):
    def test_every_field_is_read(self) -> None:
        parsed = parse_task(json.dumps(_task()))

        self.assertEqual(parsed.protocol_version, 1)
        self.assertEqual(parsed.attempt_id, "test-1")
        self.assertEqual(parsed.threads, 1)
        self.assertEqual(parsed.task.device, "CPU")
        self.assertEqual(parsed.task.seed, 7)
        self.assertEqual(parsed.task.training.batch_size, 16)
        self.assertEqual(parsed.task.training.optimizer.kind, "ADAM")
        self.assertEqual(parsed.task.training.optimizer.learning_rate, 0.001)
        self.assertEqual(parsed.partition.directory, "/data/p")
        self.assertEqual(parsed.partition.shape, Shape(1, 8, 8))
        self.assertEqual(parsed.partition.classes, 3)
        self.assertEqual(parsed.architecture.layers, (
            Conv2d(4, 3, "SAME", "RELU"), BatchNorm(), MaxPool(2), Dropout(0.25), Flatten(), Dense(8, "RELU"),
            Dense(3, "SOFTMAX")))

    def test_a_zoo_task_as_the_worker_node_encodes_it_is_read(self) -> None:
        line = ('{"protocolVersion":1,"attemptId":"abc-1","task":{"dataset":"letter","architecture":"s4-letter-mlp",'
                '"device":"GPU","split":"standard","fold":0,"repetition":1,"seed":-3,"training":{"epochs":300,'
                '"batchSize":128,"trainLimit":0,"optimizer":{"kind":"SGD","learningRate":0.001,"decay":1.0E-7,'
                '"momentum":0.0,"nesterov":false}},"trainFraction":1.0,"framework":"pytorch"},"architecture":'
                '{"name":"s4-letter-mlp","source":"S4","input":{"channels":16,"height":1,"width":1},"layers":['
                '{"type":"dense","units":50,"activation":"RELU"},{"type":"dropout","rate":0.2},{"type":"dense",'
                '"units":26,"activation":"SOFTMAX"}],"optimizer":{"kind":"SGD","learningRate":0.001,"decay":1.0E-7,'
                '"momentum":0.0,"nesterov":false},"epochs":300,"batchSize":128},"partition":{"directory":"/tmp/p",'
                '"sha256":"ff00","trainSamples":100,"testSamples":50,"shape":{"channels":16,"height":1,"width":1},'
                '"classes":26},"threads":2}')

        parsed = parse_task(line)

        self.assertEqual(parsed.task.seed, -3)
        self.assertEqual(parsed.task.device, "GPU")
        self.assertEqual(parsed.task.training.optimizer.decay, 1e-7)
        self.assertFalse(parsed.partition.shape.is_image)
        self.assertEqual(parsed.architecture.parameter_count(parsed.architecture.input), 16 * 50 + 50 + 50 * 26 + 26)

    def test_unknown_fields_are_ignored(self) -> None:
        task = _task()
        task["somethingNew"] = {"x": 1}
        task["task"]["training"]["other"] = 3

        self.assertEqual(parse_task(json.dumps(task)).attempt_id, "test-1")


class BadTaskTest(unittest.TestCase):
    def refused(self, change: Callable[[dict[str, Any]], object]) -> str:
        task = copy.deepcopy(_task())
        change(task)
        with self.assertRaises(BadInput) as caught:
            parse_task(json.dumps(task))
        message = caught.exception.message
        self.assertNotIn("\n", message)
        return message

    def test_another_protocol_version_is_refused_naming_both(self) -> None:
        message = self.refused(lambda t: t.update(protocolVersion=2))

        self.assertEqual(message, "the task speaks trainer protocol version 2; this trainer speaks version 1")

    def test_a_missing_field_is_named_by_its_path(self) -> None:
        message = self.refused(lambda t: t["task"]["training"].pop("batchSize"))

        self.assertEqual(message, "task.training.batchSize: missing")

    def test_a_value_out_of_range_is_named_with_what_was_expected(self) -> None:
        self.assertEqual(self.refused(lambda t: t["task"]["training"].update(batchSize=0)),
                         "task.training.batchSize: expected an integer >= 1, got 0")
        self.assertEqual(self.refused(lambda t: t.update(threads=0)), "threads: expected an integer >= 1, got 0")
        self.assertEqual(self.refused(lambda t: t["task"]["training"]["optimizer"].update(learningRate=0)),
                         "task.training.optimizer.learningRate: expected a learning rate > 0, got 0")
        self.assertEqual(self.refused(lambda t: t["task"].update(trainFraction=1.5)),
                         "task.trainFraction: expected a number in (0, 1], got 1.5")

    def test_a_value_of_the_wrong_type_is_refused(self) -> None:
        self.assertEqual(self.refused(lambda t: t["task"]["training"].update(epochs="2")), 'task.training.epochs: expected an integer, got "2"')
        self.assertEqual(self.refused(lambda t: t["task"]["training"].update(epochs=True)),
                         "task.training.epochs: expected an integer, got true")
        self.assertEqual(self.refused(lambda t: t["task"].update(device="TPU")),
                         'task.device: expected one of CPU, GPU, got "TPU"')

    def test_layers_are_named_by_their_index(self) -> None:
        self.assertEqual(self.refused(lambda t: t["architecture"]["layers"][0].update(type="lstm")),
                         "architecture.layers[0].type: expected one of dense, conv2d, maxpool, flatten, dropout,"
                         ' batchnorm, got "lstm"')
        self.assertEqual(self.refused(lambda t: t["architecture"]["layers"][3].update(rate=1.0)),
                         "architecture.layers[3].rate: expected a rate with 0 <= rate < 1, got 1.0")
        self.assertEqual(self.refused(lambda t: t["architecture"]["layers"][0].update(padding="FULL")),
                         'architecture.layers[0].padding: expected one of SAME, VALID, got "FULL"')

    def test_the_last_layer_must_be_the_dense_classifier(self) -> None:
        message = self.refused(lambda t: t["architecture"]["layers"].append({"type": "dropout", "rate": 0.1}))

        self.assertEqual(message, "architecture.layers: expected a list ending with a dense layer (the classifier)")

    def test_nesterov_needs_sgd_with_momentum(self) -> None:
        message = self.refused(lambda t: t["task"]["training"]["optimizer"].update(nesterov=True))

        self.assertEqual(message, "task.training.optimizer.nesterov: nesterov needs kind SGD with a momentum > 0,"
                                  " got kind ADAM with momentum 0.0")

    def test_an_architecture_that_cannot_train_on_the_partition_is_refused(self) -> None:
        self.assertEqual(self.refused(lambda t: t["partition"].update(classes=10)),
                         "architecture tiny cannot train on the partition of test-data: its classifier predicts"
                         " 3 classes, the partition has 10")
        self.assertEqual(self.refused(lambda t: t["partition"].update(shape={"channels": 64, "height": 1,
                                                                             "width": 1})),
                         "architecture tiny cannot train on the partition of test-data: layer 0"
                         " conv2d(4,3,same,relu) needs an image, but gets 64 features")
        self.assertEqual(self.refused(lambda t: t["partition"].update(shape={"channels": 1, "height": 1,
                                                                             "width": 2})),
                         "architecture tiny cannot train on the partition of test-data: layer 2 maxpool(2)"
                         " shrinks the 1x2 input to nothing")

    def test_an_argument_that_is_not_json_is_refused(self) -> None:
        with self.assertRaises(BadInput) as caught:
            parse_task("{not json")
        self.assertTrue(caught.exception.message.startswith("trainer argument is not an attempt as JSON: "))
        with self.assertRaises(BadInput) as caught:
            parse_task("[1, 2]")
        self.assertEqual(caught.exception.message, "task: expected a JSON object, got [1, 2]")


class ArchitectureTest(unittest.TestCase):
    def test_an_architecture_object_alone_is_read_as_coordinator_architectures_json_prints_it(self) -> None:
        document = dict(support.TINY_ARCHITECTURE, parameters=support.TINY_PARAMETERS)

        architecture = parse_architecture(document, "zoo[0]")

        self.assertEqual(architecture.parameter_count(architecture.input), support.TINY_PARAMETERS)
        with self.assertRaises(BadInput) as caught:
            parse_architecture(dict(document, epochs=0), "zoo[3]")
        self.assertEqual(caught.exception.message, "zoo[3].epochs: expected an integer >= 1, got 0")


if __name__ == "__main__":
    unittest.main()
