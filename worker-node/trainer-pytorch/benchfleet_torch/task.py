"""The trainer's one argument, a TrainerTask as JSON (trainer protocol version 1), as frozen dataclasses.

Every field is checked where it enters, with the same ranges the Java records enforce (Optimizer,
TrainingSettings, TaskSpec, Architecture, DataPartition), and a refusal is one line naming the field by its
path in the JSON, e.g. ``task.training.batchSize: expected an integer >= 1, got 0``. Fields this trainer does
not know are ignored: the protocol version is what says a task could be misread, and a newer worker node
may add information a trainer can do without.

The layer semantics (output shapes, trainable parameter counts) are those of protocol's Layer.java, so that a
network can be checked against an input before torch is asked to build it. This module imports no torch.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from .failures import BadInput

#: TrainerTask.PROTOCOL_VERSION: the version of every task this trainer reads and of its started line.
PROTOCOL_VERSION = 1

ACTIVATIONS = ("RELU", "ELU", "TANH", "SIGMOID", "SOFTMAX", "IDENTITY")
OPTIMIZER_KINDS = ("ADAM", "SGD", "RMSPROP", "ADADELTA")
PADDINGS = ("SAME", "VALID")
DEVICES = ("CPU", "GPU")

@dataclass(frozen=True)
class Shape:
    """One sample's shape: an image of channels x height x width, or a flat vector (height = width = 1)."""

    channels: int
    height: int
    width: int

    @staticmethod
    def flat(size: int) -> Shape:
        return Shape(size, 1, 1)

    @property
    def size(self) -> int:
        return self.channels * self.height * self.width

    @property
    def is_image(self) -> bool:
        return self.height > 1 or self.width > 1

    def describe(self) -> str:
        return f"{self.channels}x{self.height}x{self.width}" if self.is_image else str(self.size)


@dataclass(frozen=True)
class Dense:
    """Fully connected; on an image it sees the flattened image, as Keras' Flatten+Dense does."""

    units: int
    activation: str

    def output_shape(self, shape: Shape) -> Shape:
        return Shape.flat(self.units)

    def parameters(self, shape: Shape) -> int:
        return shape.size * self.units + self.units

    def describe(self) -> str:
        return f"dense({self.units},{self.activation.lower()})"


@dataclass(frozen=True)
class Conv2d:
    """Square 2-D convolution with stride 1."""

    filters: int
    kernel: int
    padding: str
    activation: str

    def output_shape(self, shape: Shape) -> Shape:
        if self.padding == "SAME":
            return Shape(self.filters, shape.height, shape.width)
        return Shape(self.filters, shape.height - self.kernel + 1, shape.width - self.kernel + 1)

    def parameters(self, shape: Shape) -> int:
        return self.kernel * self.kernel * shape.channels * self.filters + self.filters

    def describe(self) -> str:
        return f"conv2d({self.filters},{self.kernel},{self.padding.lower()},{self.activation.lower()})"


@dataclass(frozen=True)
class MaxPool:
    """Non-overlapping max pooling (stride = size); a remainder row or column is dropped, as in Keras."""

    size: int

    def output_shape(self, shape: Shape) -> Shape:
        return Shape(shape.channels, shape.height // self.size, shape.width // self.size)

    def parameters(self, shape: Shape) -> int:
        return 0

    def describe(self) -> str:
        return f"maxpool({self.size})"


@dataclass(frozen=True)
class Flatten:
    def output_shape(self, shape: Shape) -> Shape:
        return Shape.flat(shape.size)

    def parameters(self, shape: Shape) -> int:
        return 0

    def describe(self) -> str:
        return "flatten"


@dataclass(frozen=True)
class Dropout:
    """:param rate: the fraction of units dropped, as Keras counts it (not DL4J's retain probability)."""

    rate: float

    def output_shape(self, shape: Shape) -> Shape:
        return shape

    def parameters(self, shape: Shape) -> int:
        return 0

    def describe(self) -> str:
        return f"dropout({self.rate})"


@dataclass(frozen=True)
class BatchNorm:
    """Batch normalisation over channels (images) or units (vectors), as Keras' BatchNormalization."""

    def output_shape(self, shape: Shape) -> Shape:
        return shape

    def parameters(self, shape: Shape) -> int:
        # Scale and shift per channel; the moving mean and variance are statistics, not trained parameters.
        return 2 * shape.channels

    def describe(self) -> str:
        return "batchnorm"


Layer = Dense | Conv2d | MaxPool | Flatten | Dropout | BatchNorm


@dataclass(frozen=True)
class Optimizer:
    """:param decay: Keras' time-based decay: the rate at minibatch t (from 0) is learning_rate / (1 + decay * t)."""

    kind: str
    learning_rate: float
    decay: float
    momentum: float
    nesterov: bool


@dataclass(frozen=True)
class Architecture:
    name: str
    source: str
    input: Shape
    layers: tuple[Layer, ...]
    optimizer: Optimizer
    epochs: int
    batch_size: int

    @property
    def classes(self) -> int:
        classifier = self.layers[-1]
        assert isinstance(classifier, Dense)
        return classifier.units

    def parameter_count(self, shape: Shape) -> int:
        """Trainable parameters for this input: protocol's Architecture.parameterCount."""
        total = 0
        for layer in self.layers:
            total += layer.parameters(shape)
            shape = layer.output_shape(shape)
        return total

    def incompatibility(self, shape: Shape, classes: int) -> str | None:
        """Why this network cannot train on inputs of that shape with that many classes (Architecture.java)."""
        if self.classes != classes:
            return f"its classifier predicts {self.classes} classes, the partition has {classes}"
        current = shape
        for index, layer in enumerate(self.layers):
            if isinstance(layer, (Conv2d, MaxPool)) and not current.is_image:
                return f"layer {index} {layer.describe()} needs an image, but gets {current.size} features"
            current = layer.output_shape(current)
            if current.height < 1 or current.width < 1:
                return (f"layer {index} {layer.describe()} shrinks the {shape.height}x{shape.width} input"
                        " to nothing")
        return None


@dataclass(frozen=True)
class Training:
    epochs: int
    batch_size: int
    train_limit: int
    optimizer: Optimizer


@dataclass(frozen=True)
class TaskSpec:
    dataset: str
    architecture: str
    device: str
    split: str
    fold: int
    repetition: int
    seed: int
    training: Training
    train_fraction: float
    framework: str


@dataclass(frozen=True)
class Partition:
    """The task's data as its worker node wrote it (DataPartition.java): a folder of .npy files."""

    directory: str
    sha256: str
    train_samples: int
    test_samples: int
    shape: Shape
    classes: int


@dataclass(frozen=True)
class TrainerTask:
    protocol_version: int
    attempt_id: str
    task: TaskSpec
    architecture: Architecture
    partition: Partition
    threads: int


class _Fields:
    """Reads the fields of one JSON object, naming each by its path when it refuses one."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            raise BadInput(f"{path or 'task'}: expected a JSON object, got {_shown(value)}")
        self._value = value
        self._path = path

    def path(self, name: str) -> str:
        return f"{self._path}.{name}" if self._path else name

    def _get(self, name: str) -> Any:
        if name not in self._value or self._value[name] is None:
            raise BadInput(f"{self.path(name)}: missing")
        return self._value[name]

    def string(self, name: str, choices: Sequence[str] = (), allow_empty: bool = True) -> str:
        value = self._get(name)
        if not isinstance(value, str):
            raise BadInput(f"{self.path(name)}: expected a string, got {_shown(value)}")
        if choices and value not in choices:
            raise BadInput(f"{self.path(name)}: expected one of {', '.join(choices)}, got {_shown(value)}")
        if not allow_empty and not value:
            raise BadInput(f"{self.path(name)}: expected a non-empty string")
        return value

    def integer(self, name: str, minimum: int | None = None) -> int:
        value = self._get(name)
        # bool is an int in Python, but true is no count; an integral float (3.0) is what some encoders write.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadInput(f"{self.path(name)}: expected an integer, got {_shown(value)}")
        if minimum is not None and value < minimum:
            raise BadInput(f"{self.path(name)}: expected an integer >= {minimum}, got {value}")
        return value

    def number(self, name: str, accept: Callable[[float], bool] = lambda _: True, expected: str = "") -> float:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise BadInput(f"{self.path(name)}: expected a finite number, got {_shown(value)}")
        if not accept(float(value)):
            raise BadInput(f"{self.path(name)}: expected {expected}, got {value}")
        return float(value)

    def boolean(self, name: str) -> bool:
        value = self._get(name)
        if not isinstance(value, bool):
            raise BadInput(f"{self.path(name)}: expected true or false, got {_shown(value)}")
        return value

    def object(self, name: str) -> _Fields:
        return _Fields(self._get(name), self.path(name))

    def array(self, name: str) -> list[Any]:
        value = self._get(name)
        if not isinstance(value, list):
            raise BadInput(f"{self.path(name)}: expected a JSON array, got {_shown(value)}")
        return value


def _shown(value: Any) -> str:
    """A value as a refusal quotes it: JSON, cut short."""
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:60] + "..."


def parse_task(argument: str) -> TrainerTask:
    """The trainer's argument as a task; raises BadInput naming the first field that is wrong."""
    try:
        document = json.loads(argument)
    except json.JSONDecodeError as error:
        raise BadInput(f"trainer argument is not an attempt as JSON: {error}") from error
    fields = _Fields(document, "")
    # First, so that a task of another version is refused as such rather than for a field it names otherwise.
    version = fields.integer("protocolVersion")
    if version != PROTOCOL_VERSION:
        raise BadInput(f"the task speaks trainer protocol version {version}; this trainer speaks version"
                       f" {PROTOCOL_VERSION}")
    trainer_task = TrainerTask(
        protocol_version=version,
        attempt_id=fields.string("attemptId", allow_empty=False),
        task=parse_task_spec(fields.object("task")),
        architecture=parse_architecture_fields(fields.object("architecture")),
        partition=parse_partition(fields.object("partition")),
        threads=fields.integer("threads", minimum=1),
    )
    check_compatible(trainer_task)
    return trainer_task


def check_compatible(trainer_task: TrainerTask) -> None:
    """The architecture can train on the partition it is handed (Trainer.java's check before building)."""
    architecture, partition = trainer_task.architecture, trainer_task.partition
    problem = architecture.incompatibility(partition.shape, partition.classes)
    if problem is not None:
        raise BadInput(f"architecture {architecture.name} cannot train on the partition of"
                       f" {trainer_task.task.dataset}: {problem}")


def parse_task_spec(fields: _Fields) -> TaskSpec:
    return TaskSpec(
        dataset=fields.string("dataset", allow_empty=False),
        architecture=fields.string("architecture", allow_empty=False),
        device=fields.string("device", choices=DEVICES),
        split=fields.string("split"),
        fold=fields.integer("fold", minimum=0),
        repetition=fields.integer("repetition", minimum=1),
        seed=fields.integer("seed"),
        training=parse_training(fields.object("training")),
        train_fraction=fields.number("trainFraction", lambda f: 0 < f <= 1, "a number in (0, 1]"),
        framework=fields.string("framework", allow_empty=False),
    )


def parse_training(fields: _Fields) -> Training:
    return Training(
        epochs=fields.integer("epochs", minimum=1),
        batch_size=fields.integer("batchSize", minimum=1),
        train_limit=fields.integer("trainLimit", minimum=0),
        optimizer=parse_optimizer(fields.object("optimizer")),
    )


def parse_optimizer(fields: _Fields) -> Optimizer:
    kind = fields.string("kind", choices=OPTIMIZER_KINDS)
    momentum = fields.number("momentum", lambda m: 0 <= m < 1, "0 <= momentum < 1")
    nesterov = fields.boolean("nesterov")
    if nesterov and (kind != "SGD" or momentum == 0):
        raise BadInput(f"{fields.path('nesterov')}: nesterov needs kind SGD with a momentum > 0,"
                       f" got kind {kind} with momentum {momentum}")
    return Optimizer(
        kind=kind,
        learning_rate=fields.number("learningRate", lambda r: r > 0, "a learning rate > 0"),
        decay=fields.number("decay", lambda d: d >= 0, "a decay >= 0"),
        momentum=momentum,
        nesterov=nesterov,
    )


def parse_architecture(value: Any, path: str = "architecture") -> Architecture:
    """An architecture object as TrainerTask's "architecture" field (and `coordinator architectures --json`)."""
    return parse_architecture_fields(_Fields(value, path))


def parse_architecture_fields(fields: _Fields) -> Architecture:
    layers = fields.array("layers")
    parsed = tuple(parse_layer(_Fields(layer, f"{fields.path('layers')}[{i}]")) for i, layer in enumerate(layers))
    if not parsed or not isinstance(parsed[-1], Dense):
        raise BadInput(f"{fields.path('layers')}: expected a list ending with a dense layer (the classifier)")
    return Architecture(
        name=fields.string("name", allow_empty=False),
        source=fields.string("source"),
        input=parse_shape(fields.object("input")),
        layers=parsed,
        optimizer=parse_optimizer(fields.object("optimizer")),
        epochs=fields.integer("epochs", minimum=1),
        batch_size=fields.integer("batchSize", minimum=1),
    )


def parse_layer(fields: _Fields) -> Layer:
    kind = fields.string("type", choices=("dense", "conv2d", "maxpool", "flatten", "dropout", "batchnorm"))
    if kind == "dense":
        return Dense(fields.integer("units", minimum=1), fields.string("activation", choices=ACTIVATIONS))
    if kind == "conv2d":
        return Conv2d(fields.integer("filters", minimum=1), fields.integer("kernel", minimum=1),
                      fields.string("padding", choices=PADDINGS), fields.string("activation", choices=ACTIVATIONS))
    if kind == "maxpool":
        return MaxPool(fields.integer("size", minimum=1))
    if kind == "dropout":
        # Keras refuses rate 1 (nothing would pass); 0 is a dropout layer that does nothing.
        return Dropout(fields.number("rate", lambda r: 0 <= r < 1, "a rate with 0 <= rate < 1"))
    if kind == "flatten":
        return Flatten()
    return BatchNorm()


def parse_shape(fields: _Fields) -> Shape:
    return Shape(fields.integer("channels", minimum=1), fields.integer("height", minimum=1),
                 fields.integer("width", minimum=1))


def parse_partition(fields: _Fields) -> Partition:
    return Partition(
        directory=fields.string("directory", allow_empty=False),
        sha256=fields.string("sha256"),
        # At least one sample each: an epoch needs a minibatch, and the test loss is a mean over the test part.
        train_samples=fields.integer("trainSamples", minimum=1),
        test_samples=fields.integer("testSamples", minimum=1),
        shape=parse_shape(fields.object("shape")),
        classes=fields.integer("classes", minimum=1),
    )
