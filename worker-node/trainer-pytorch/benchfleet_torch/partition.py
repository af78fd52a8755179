"""The task's data partition: the .npy files its worker node wrote (DataPartition.java), checked and scaled.

Files: train_x.npy / test_x.npy (uint8, N x C x H x W for images, N x F for feature vectors), train_y.npy /
test_y.npy (int64 class indices, N), offset.npy / scale.npy (float32, one sample's shape). The network's input
is (x - offset) * scale in float32, with the offset and scale fitted on the training part by the worker node.

A file that is missing or cannot be read is DATA_UNAVAILABLE (this node's copy is gone; another node may
have one); a file whose content disagrees with the task (dtype, shape, count, label range) is BAD_INPUT.
This module imports no torch: the arrays become tensors where the device is known.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .failures import BadInput, DataUnavailable
from .task import Partition, Shape

TRAIN_FEATURES = "train_x.npy"
TRAIN_LABELS = "train_y.npy"
TEST_FEATURES = "test_x.npy"
TEST_LABELS = "test_y.npy"
OFFSET = "offset.npy"
SCALE = "scale.npy"


@dataclass(frozen=True)
class Part:
    """One part as the network reads it: float32 features (N x sample shape) and int64 labels (N)."""

    features: npt.NDArray[np.float32]
    labels: npt.NDArray[np.int64]

    @property
    def count(self) -> int:
        return int(self.labels.shape[0])


@dataclass(frozen=True)
class LoadedPartition:
    train: Part
    test: Part


def sample_dims(shape: Shape) -> tuple[int, ...]:
    """One sample's array shape: C x H x W for an image, F for a feature vector."""
    return (shape.channels, shape.height, shape.width) if shape.is_image else (shape.size,)


def load(partition: Partition) -> LoadedPartition:
    dims = sample_dims(partition.shape)
    offset = _read(partition, OFFSET, np.float32, dims)
    scale = _read(partition, SCALE, np.float32, dims)
    return LoadedPartition(
        train=_part(partition, TRAIN_FEATURES, TRAIN_LABELS, partition.train_samples, dims, offset, scale),
        test=_part(partition, TEST_FEATURES, TEST_LABELS, partition.test_samples, dims, offset, scale),
    )


def _part(partition: Partition, features_file: str, labels_file: str, count: int, dims: tuple[int, ...],
          offset: npt.NDArray[np.float32], scale: npt.NDArray[np.float32]) -> Part:
    raw = _read(partition, features_file, np.uint8, (count, *dims))
    labels = _read(partition, labels_file, np.int64, (count,))
    _check_labels(labels_file, labels, partition.classes)
    return Part(features=scaled(raw, offset, scale), labels=labels)


def scaled(raw: npt.NDArray[np.uint8], offset: npt.NDArray[np.float32],
           scale: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """(x - offset) * scale in float32, in place after the one conversion (a second copy would double the peak)."""
    features = np.subtract(raw, offset, dtype=np.float32)
    features *= scale
    return np.ascontiguousarray(features)


def _read(partition: Partition, name: str, dtype: type[np.generic], expected: tuple[int, ...]) -> npt.NDArray[Any]:
    path = os.path.join(partition.directory, name)
    try:
        # No pickles: a partition holds plain arrays, and unpickling would run code from a file.
        array = np.load(path, allow_pickle=False)
    except OSError as error:
        if isinstance(error, FileNotFoundError) or not os.path.exists(path):
            raise DataUnavailable(f"partition file {path} is missing: {error.strerror or error}") from error
        raise DataUnavailable(f"partition file {path} cannot be read: {error}") from error
    except ValueError as error:
        # numpy's word for a file that is not .npy, or holds objects it would need to unpickle.
        raise BadInput(f"partition file {path} is not a plain .npy array: {error}") from error
    if not isinstance(array, np.ndarray):
        raise BadInput(f"partition file {path} is not a .npy array")
    if array.dtype != np.dtype(dtype):
        raise BadInput(f"partition file {path}: expected dtype {np.dtype(dtype).name}, got {array.dtype.str}"
                       f" ({array.dtype.name})")
    if array.shape != expected:
        raise BadInput(f"partition file {path}: expected shape {_dims(expected)} (the task's sample count and"
                       f" shape), got {_dims(array.shape)}")
    return array


def _check_labels(name: str, labels: npt.NDArray[np.int64], classes: int) -> None:
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        raise BadInput(f"partition file {name}: labels must lie in 0..{classes - 1} (the task's classes),"
                       f" got {int(labels.min())}..{int(labels.max())}")


def _dims(shape: tuple[int, ...]) -> str:
    return " x ".join(str(d) for d in shape) if shape else "a scalar"
