"""The one place an architecture (data) becomes a torch network, with the studies' Keras defaults.

- Weights Glorot-uniform, biases zero (Keras' defaults; torch's own init differs, so every layer is re-initialised).
- BatchNormalization: Keras' momentum 0.99 is torch's momentum 0.01 (torch weighs the *new* batch by its
  momentum: running = (1 - m) * running + m * batch), epsilon 1e-3 rather than torch's 1e-5; scale 1, shift 0.
- Dropout: the architecture's rate is the fraction dropped, which is torch's p; element-wise, as Keras' Dropout.
- Conv2d: stride 1; "same" pads as Keras does (the extra row/column of an even kernel after the image), "valid"
  pads nothing. MaxPool: stride = size, a remainder row or column dropped (Keras' "valid" pooling).
- Flatten keeps torch's channels-first order (C, H, W), as DL4J's CNN-to-dense preprocessor does, not Keras'
  channels-last (H, W, C). The two differ only by a fixed permutation of the next dense layer's inputs, whose
  weights are drawn i.i.d.: the same function class, the same parameter count, the same initial distribution.
  A dense layer on an image flattens it first, as Keras' Flatten+Dense and DL4J's preprocessor do.
- The network ends with the classifier's linear part: it returns logits. The classifier's activation (softmax
  in every study) is applied by the loss and the evaluation (see training.py), so that the softmax and the log
  of the cross-entropy fuse into one numerically stable log_softmax.
"""
from __future__ import annotations

import torch
from torch import nn

from .task import Architecture, BatchNorm, Conv2d, Dense, Dropout, Flatten, Layer, MaxPool, Shape

KERAS_BATCHNORM_MOMENTUM = 0.99
KERAS_BATCHNORM_EPSILON = 1e-3
#: torch's running-average weight of the new batch: the complement of Keras' weight of the old average.
TORCH_BATCHNORM_MOMENTUM = 1.0 - KERAS_BATCHNORM_MOMENTUM


class Softmax(nn.Module):
    """Softmax over the channels (images) or units (vectors): Keras' softmax over its last, channels, axis."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(x, dim=1)


def activation(name: str) -> nn.Module:
    """A hidden layer's activation; IDENTITY is none at all (nn.Identity would cost a call per minibatch)."""
    modules: dict[str, type[nn.Module]] = {
        "RELU": nn.ReLU, "ELU": nn.ELU, "TANH": nn.Tanh, "SIGMOID": nn.Sigmoid, "SOFTMAX": Softmax,
    }
    return modules[name]()


def build(architecture: Architecture, shape: Shape) -> nn.Sequential:
    """The architecture for inputs of this shape, as a network from inputs to the classifier's logits.

    The caller has checked Architecture.incompatibility: image layers see images, nothing shrinks to zero.
    """
    modules: list[nn.Module] = []
    # Whether the tensor between layers is N x C x H x W. Not shape.is_image: a convolution can leave a 1x1
    # image, which the protocol counts as a vector but which is still a 4-D tensor here.
    spatial = shape.is_image
    last = len(architecture.layers) - 1
    for index, layer in enumerate(architecture.layers):
        modules.extend(_translate(layer, shape, spatial, classifier=index == last))
        shape = layer.output_shape(shape)
        spatial = spatial and not isinstance(layer, (Dense, Flatten))
    network = nn.Sequential(*modules)
    _keras_initialisation(network)
    return network


def _translate(layer: Layer, shape: Shape, spatial: bool, classifier: bool) -> list[nn.Module]:
    """The torch modules of one layer that gets activations of this shape (a 4-D tensor when spatial)."""
    if isinstance(layer, Dense):
        flatten: list[nn.Module] = [nn.Flatten()] if spatial else []
        linear = nn.Linear(shape.size, layer.units)
        if classifier or layer.activation == "IDENTITY":
            return [*flatten, linear]
        return [*flatten, linear, activation(layer.activation)]
    if isinstance(layer, Conv2d):
        conv = nn.Conv2d(shape.channels, layer.filters, layer.kernel, stride=1, padding=_padding(layer))
        return [conv] if layer.activation == "IDENTITY" else [conv, activation(layer.activation)]
    if isinstance(layer, MaxPool):
        return [nn.MaxPool2d(layer.size, stride=layer.size)]
    if isinstance(layer, Flatten):
        # Activations that are already N x F (a feature vector, or after a dense layer) need nothing.
        return [nn.Flatten()] if spatial else []
    if isinstance(layer, Dropout):
        return [nn.Dropout(p=layer.rate)] if layer.rate > 0 else []
    if isinstance(layer, BatchNorm):
        kind = nn.BatchNorm2d if spatial else nn.BatchNorm1d
        return [kind(shape.channels, eps=KERAS_BATCHNORM_EPSILON, momentum=TORCH_BATCHNORM_MOMENTUM)]
    raise TypeError(f"unknown layer {layer!r}")


def _padding(layer: Conv2d) -> int | str:
    """Keras' "same" as explicit zero padding where it is symmetric (odd kernels: the plain, fastest convolution
    path); torch's "same" for an even kernel, which pads the extra row and column after the image as Keras does.
    """
    if layer.padding == "VALID":
        return 0
    return (layer.kernel - 1) // 2 if layer.kernel % 2 == 1 else "same"


def _keras_initialisation(network: nn.Module) -> None:
    """Glorot-uniform weights and zero biases for every dense and convolution layer (Keras' defaults).

    torch's xavier_uniform_ computes the fans as Keras' glorot_uniform does: in/out features for a dense layer,
    in/out channels times the kernel's area for a convolution.
    """
    for module in network.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(module.weight)
            if module.bias is not None:
                nn.init.zeros_(module.bias)


def parameter_count(network: nn.Module) -> int:
    """Trainable parameters: what the optimizer updates (BatchNorm's running statistics are buffers, not counted)."""
    return sum(p.numel() for p in network.parameters() if p.requires_grad)


#: The buffers Keras' "Total params" counts besides the trainable ones (not num_batches_tracked, a counter).
_COUNTED_BUFFERS = ("running_mean", "running_var")


def total_parameter_count(network: nn.Module) -> int:
    """Keras' "Total params", what the started line reports as the DL4J trainer does: the trainable parameters and
    BatchNorm's running mean and variance."""
    buffers = sum(b.numel() for name, b in network.named_buffers() if name.rsplit(".", 1)[-1] in _COUNTED_BUFFERS)
    return parameter_count(network) + buffers
