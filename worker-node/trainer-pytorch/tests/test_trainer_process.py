"""train.py as a worker node runs it: event lines on stdout, exit status, the probe, and stdin as a lifeline."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
import unittest

import torch

from tests import support


class TrainerProcessTest(unittest.TestCase):
    _temp: tempfile.TemporaryDirectory[str]
    directory: str

    @classmethod
    def setUpClass(cls) -> None:
        cls._temp = tempfile.TemporaryDirectory()
        cls.directory = support.write_partition(os.path.join(cls._temp.name, "p"), shape=(1, 8, 8), train=60,
                                                test=20, classes=3)

    @classmethod
    def tearDownClass(cls) -> None:
        cls._temp.cleanup()

    def test_a_tiny_run_prints_started_epochs_and_finished_with_exactly_the_protocols_fields(self) -> None:
        status, lines, stderr = support.run(support.task(self.directory, epochs=2, batch_size=16))

        self.assertEqual(status, 0, stderr)
        self.assertEqual([line["event"] for line in lines], ["started", "epoch", "epoch", "finished"])
        started, first, second, finished = lines
        self.assertEqual(set(started), support.STARTED_FIELDS)
        self.assertEqual(set(first), support.EPOCH_FIELDS)
        self.assertEqual(set(second), support.EPOCH_FIELDS)
        self.assertEqual(set(finished), support.FINISHED_FIELDS)

        self.assertEqual(started["protocolVersion"], 1)
        self.assertEqual(started["framework"], "pytorch")
        self.assertEqual(started["frameworkVersion"], torch.__version__)
        self.assertEqual(started["threads"], 1)
        self.assertEqual(started["backend"], "CPU")
        self.assertEqual(started["parameters"], support.TINY_TOTAL_PARAMETERS)
        self.assertEqual((started["trainSamples"], started["testSamples"]), (60, 20))
        self.assertTrue(0 < started["startupSeconds"] < 60, started)
        self.assertIsInstance(started["pid"], int)

        self.assertEqual([first["epoch"], second["epoch"]], [1, 2])
        for epoch in (first, second):
            self.assertGreater(epoch["seconds"], 0)
            self.assertAlmostEqual(epoch["samplesPerSecond"], 60 / epoch["seconds"], places=6)
            self.assertTrue(0 <= epoch["trainAccuracy"] <= 1 and 0 <= epoch["testAccuracy"] <= 1)
            self.assertGreater(epoch["trainLoss"], 0)
            self.assertGreater(epoch["testLoss"], 0)
            self.assertGreater(epoch["rssBytes"], 10_000_000)
        self.assertAlmostEqual(finished["trainSeconds"], first["seconds"] + second["seconds"], places=9)
        self.assertAlmostEqual(finished["samplesPerSecond"], 120 / finished["trainSeconds"], places=6)
        self.assertEqual((finished["testAccuracy"], finished["testLoss"]),
                         (second["testAccuracy"], second["testLoss"]))

    def test_a_huge_learning_rate_fails_as_diverged(self) -> None:
        sgd = {"kind": "SGD", "learningRate": 1e30, "decay": 0.0, "momentum": 0.0, "nesterov": False}

        status, lines, _ = support.run(support.task(self.directory, epochs=3, optimizer=sgd))

        self.assertEqual(status, 1)
        self.assertEqual([line["event"] for line in lines], ["started", "failed"])
        self.assertEqual(set(lines[-1]), support.FAILED_FIELDS)
        self.assertEqual(lines[-1]["kind"], "DIVERGED")
        self.assertRegex(lines[-1]["message"], r"^training loss is (nan|inf) at epoch 1, minibatch \d+$")

    def test_another_protocol_version_fails_as_bad_input_naming_both(self) -> None:
        task = support.task(self.directory)
        task["protocolVersion"] = 2

        status, lines, _ = support.run(task)

        self.assertEqual(status, 1)
        self.assertEqual(lines, [{"event": "failed", "kind": "BAD_INPUT", "message":
                                  "the task speaks trainer protocol version 2; this trainer speaks version 1"}])

    def test_a_partition_that_disagrees_with_the_task_fails_as_bad_input_before_started(self) -> None:
        status, lines, _ = support.run(support.task(self.directory, train=59))

        self.assertEqual(status, 1)
        self.assertEqual([(line["event"], line["kind"]) for line in lines], [("failed", "BAD_INPUT")])
        self.assertIn("train_x.npy: expected shape 59 x 1 x 8 x 8", lines[0]["message"])

    @unittest.skipIf(torch.cuda.is_available(), "this machine has a GPU; the refusal is for machines without one")
    def test_a_gpu_task_without_cuda_fails_as_error_with_the_reason(self) -> None:
        status, lines, _ = support.run(support.task(self.directory, device="GPU"))

        self.assertEqual(status, 1)
        self.assertEqual([(line["event"], line["kind"]) for line in lines], [("failed", "ERROR")])
        self.assertTrue(lines[0]["message"].startswith("the task's device is GPU, but torch"), lines[0])
        self.assertIn("sees no CUDA device", lines[0]["message"])

    def test_stdin_ending_stops_a_running_trainer_within_seconds(self) -> None:
        process = support.start([json.dumps(support.task(self.directory, epochs=100_000))])
        try:
            reader = support.LineReader(process)
            self.assertTrue(reader.wait_for('"event":"epoch"', timeout=60), "the trainer never finished an epoch")
            assert process.stdin is not None
            closed = time.monotonic()
            process.stdin.close()
            status = process.wait(timeout=10)
            stopped_after = time.monotonic() - closed
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()

        self.assertEqual(status, 2)
        self.assertLess(stopped_after, 2.5)
        self.assertFalse(any('"finished"' in line or '"failed"' in line for line in reader.lines))


def _without_torch(shadow: str) -> dict[str, str]:
    """An environment whose torch cannot be imported: a torch package that raises, ahead of the real one."""
    os.makedirs(os.path.join(shadow, "torch"))
    with open(os.path.join(shadow, "torch", "__init__.py"), "w", encoding="utf-8") as init:
        init.write("raise ImportError('no torch in this test')\n")
    return dict(os.environ, PYTHONPATH=shadow)


class WithoutTorchTest(unittest.TestCase):
    def test_an_attempt_without_torch_fails_as_error_naming_the_interpreter(self) -> None:
        with tempfile.TemporaryDirectory() as shadow:
            process = subprocess.Popen([support.PYTHON, support.TRAIN_PY, json.dumps(support.task(shadow))],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                       text=True, env=_without_torch(shadow))
            assert process.stdout is not None and process.stdin is not None
            stdout = process.stdout.read()
            status = process.wait(timeout=60)
            process.stdin.close()
            process.stdout.close()

        self.assertEqual(status, 1)
        self.assertEqual([json.loads(line) for line in stdout.splitlines()], [{
            "event": "failed", "kind": "ERROR",
            "message": f"ImportError: cannot import torch and numpy with {support.PYTHON}: no torch in this test"}])


class ProbeTest(unittest.TestCase):
    def test_the_probe_prints_one_line_of_what_this_trainer_offers(self) -> None:
        result = subprocess.run([support.PYTHON, support.TRAIN_PY, "--probe"], capture_output=True, text=True,
                                timeout=60, check=False)

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(result.stdout.splitlines()), 1)
        devices = ["cpu", "gpu"] if torch.cuda.is_available() else ["cpu"]
        self.assertEqual(json.loads(result.stdout), {"framework": "pytorch", "version": torch.__version__,
                                                     "devices": devices, "protocolVersion": 1})

    def test_without_torch_the_probe_names_the_interpreter_and_the_error_and_exits_3(self) -> None:
        with tempfile.TemporaryDirectory() as shadow:
            result = subprocess.run([support.PYTHON, support.TRAIN_PY, "--probe"], capture_output=True, text=True,
                                    timeout=60, check=False, env=_without_torch(shadow))

        self.assertEqual(result.returncode, 3)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, f"trainer-pytorch: cannot import torch with {support.PYTHON}:"
                                        " ImportError: no torch in this test\n")


if __name__ == "__main__":
    unittest.main()
