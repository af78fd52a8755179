"""Loading a partition: the .npy files are checked against the task and scaled; bad files are refused."""
from __future__ import annotations

import os
import tempfile
import unittest
from typing import Any

import numpy as np
import numpy.typing as npt

from benchfleet_torch.failures import BAD_INPUT, DATA_UNAVAILABLE, BadInput, DataUnavailable
from benchfleet_torch.partition import load
from benchfleet_torch.task import Partition, Shape
from tests import support


class PartitionTest(unittest.TestCase):
    def setUp(self) -> None:
        self._temp = tempfile.TemporaryDirectory()
        self.directory = support.write_partition(self._temp.name, shape=(1, 8, 8), train=60, test=20, classes=3)
        self.partition = Partition(self.directory, "ff00", 60, 20, Shape(1, 8, 8), 3)

    def tearDown(self) -> None:
        self._temp.cleanup()

    def _replace(self, name: str, array: npt.NDArray[Any]) -> None:
        np.save(os.path.join(self.directory, name), array)

    def _refusal(self, partition: Partition | None = None) -> str:
        with self.assertRaises(BadInput) as caught:
            load(partition or self.partition)
        self.assertEqual(caught.exception.kind, BAD_INPUT)
        return caught.exception.message

    def test_features_are_scaled_to_float32_and_labels_kept(self) -> None:
        raw = np.load(os.path.join(self.directory, "train_x.npy"))
        labels = np.load(os.path.join(self.directory, "train_y.npy"))

        loaded = load(self.partition)

        self.assertEqual(loaded.train.features.dtype, np.float32)
        self.assertEqual(loaded.train.features.shape, (60, 1, 8, 8))
        self.assertEqual(loaded.test.features.shape, (20, 1, 8, 8))
        np.testing.assert_allclose(loaded.train.features, (raw.astype(np.float32) - 127.5) / 127.5, rtol=1e-6)
        np.testing.assert_array_equal(loaded.train.labels, labels)
        self.assertEqual(loaded.train.count, 60)

    def test_offset_and_scale_apply_per_feature(self) -> None:
        offset = np.arange(64, dtype=np.float32).reshape(1, 8, 8)
        scale = np.full((1, 8, 8), 0.5, dtype=np.float32)
        self._replace("offset.npy", offset)
        self._replace("scale.npy", scale)
        raw = np.load(os.path.join(self.directory, "test_x.npy"))

        loaded = load(self.partition)

        np.testing.assert_array_equal(loaded.test.features, (raw.astype(np.float32) - offset) * scale)

    def test_feature_vectors_are_n_by_f(self) -> None:
        flat = support.write_partition(os.path.join(self.directory, "flat"), shape=(16,), train=30, test=10,
                                       classes=26)

        loaded = load(Partition(flat, "", 30, 10, Shape.flat(16), 26))

        self.assertEqual(loaded.train.features.shape, (30, 16))

    def test_a_wrong_dtype_is_bad_input(self) -> None:
        raw = np.load(os.path.join(self.directory, "train_x.npy"))
        self._replace("train_x.npy", raw.astype(np.float32))

        self.assertEqual(self._refusal(), f"partition file {self.directory}/train_x.npy: expected dtype uint8,"
                                          " got <f4 (float32)")

    def test_int32_labels_are_bad_input(self) -> None:
        self._replace("test_y.npy", np.zeros(20, dtype=np.int32))

        self.assertIn("test_y.npy: expected dtype int64, got <i4 (int32)", self._refusal())

    def test_a_wrong_shape_is_bad_input(self) -> None:
        self._replace("train_x.npy", np.zeros((60, 8, 8, 1), dtype=np.uint8))

        self.assertEqual(self._refusal(), f"partition file {self.directory}/train_x.npy: expected shape"
                                          " 60 x 1 x 8 x 8 (the task's sample count and shape), got 60 x 8 x 8 x 1")

    def test_a_sample_count_other_than_the_tasks_is_bad_input(self) -> None:
        message = self._refusal(Partition(self.directory, "", 61, 20, Shape(1, 8, 8), 3))

        self.assertIn("train_x.npy: expected shape 61 x 1 x 8 x 8", message)

    def test_a_scale_of_another_shape_is_bad_input(self) -> None:
        self._replace("scale.npy", np.ones((64,), dtype=np.float32))

        self.assertIn("scale.npy: expected shape 1 x 8 x 8", self._refusal())

    def test_labels_outside_the_classes_are_bad_input(self) -> None:
        self._replace("train_y.npy", np.full(60, 3, dtype=np.int64))

        self.assertEqual(self._refusal(), "partition file train_y.npy: labels must lie in 0..2 (the task's classes),"
                                          " got 3..3")

    def test_a_file_that_is_not_npy_or_holds_objects_is_bad_input(self) -> None:
        with open(os.path.join(self.directory, "test_x.npy"), "wb") as file:
            file.write(b"not numpy at all")
        self.assertIn("test_x.npy is not a plain .npy array", self._refusal())

        np.save(os.path.join(self.directory, "test_x.npy"), np.array([{"a": 1}], dtype=object), allow_pickle=True)
        self.assertIn("test_x.npy is not a plain .npy array", self._refusal())

    def test_a_missing_file_is_data_unavailable(self) -> None:
        os.remove(os.path.join(self.directory, "test_y.npy"))

        with self.assertRaises(DataUnavailable) as caught:
            load(self.partition)
        self.assertEqual(caught.exception.kind, DATA_UNAVAILABLE)
        self.assertIn(f"partition file {self.directory}/test_y.npy is missing", caught.exception.message)


if __name__ == "__main__":
    unittest.main()
