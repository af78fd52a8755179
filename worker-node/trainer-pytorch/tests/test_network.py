"""The network: each layer type's output shape and parameter count, and Keras' defaults."""
from __future__ import annotations

import math
import unittest
import warnings

import torch
from torch import nn

from benchfleet_torch import network
from benchfleet_torch.task import (Architecture, BatchNorm, Conv2d, Dense, Dropout, Flatten, Layer, MaxPool,
                                   Optimizer, Shape)

ADAM = Optimizer("ADAM", 0.001, 0.0, 0.0, False)


def _architecture(*layers: Layer, shape: Shape = Shape(1, 28, 28)) -> Architecture:
    return Architecture("test", "tests", shape, layers, ADAM, 1, 32)


def _output(layers: tuple[Layer, ...], shape: Shape, batch: int = 2) -> tuple[torch.Size, int, nn.Module]:
    """The output size of the layers (a dense classifier of 10 after them) cut before that classifier."""
    architecture = _architecture(*layers, Dense(10, "SOFTMAX"), shape=shape)
    built = network.build(architecture, shape)
    # Without the classifier: its Linear, and the flatten the classifier itself put before it.
    modules = list(built)[:-1]
    if modules and isinstance(modules[-1], nn.Flatten) and not isinstance(layers[-1], Flatten):
        modules.pop()
    body = nn.Sequential(*modules)
    dims = (shape.channels, shape.height, shape.width) if shape.is_image else (shape.size,)
    body.eval()
    with torch.no_grad():
        size = body(torch.zeros(batch, *dims)).shape
    return size, network.parameter_count(body), built


class LayerShapesAndCountsTest(unittest.TestCase):
    def check(self, layer: Layer, shape: Shape, expected_size: tuple[int, ...], expected_parameters: int) -> None:
        size, parameters, _ = _output((layer,), shape)
        self.assertEqual(tuple(size), (2, *expected_size))
        self.assertEqual(parameters, expected_parameters)
        # And the protocol's own formulas (Layer.java) agree with torch.
        self.assertEqual(layer.parameters(shape), expected_parameters)
        protocol = layer.output_shape(shape)
        self.assertEqual(math.prod(expected_size), protocol.size)

    def test_dense_on_a_vector(self) -> None:
        self.check(Dense(50, "RELU"), Shape.flat(16), (50,), 16 * 50 + 50)

    def test_dense_on_an_image_flattens_it_first(self) -> None:
        self.check(Dense(128, "RELU"), Shape(1, 28, 28), (128,), 784 * 128 + 128)

    def test_conv2d_same_keeps_height_and_width(self) -> None:
        self.check(Conv2d(32, 3, "SAME", "RELU"), Shape(3, 32, 32), (32, 32, 32), 3 * 3 * 3 * 32 + 32)

    def test_conv2d_same_with_an_even_kernel_keeps_them_too(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.check(Conv2d(8, 4, "SAME", "TANH"), Shape(1, 9, 9), (8, 9, 9), 4 * 4 * 8 + 8)

    def test_an_even_kernel_pads_the_extra_row_and_column_after_the_image_as_keras(self) -> None:
        built = network.build(_architecture(Conv2d(1, 2, "SAME", "IDENTITY"), Dense(2, "SOFTMAX"),
                                            shape=Shape(1, 3, 3)), Shape(1, 3, 3))
        conv = built[0]
        with torch.no_grad():
            conv.weight.fill_(1.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch notes that it pads a copy of the input
            out = conv(torch.ones(1, 1, 3, 3))
        # Padding after: the last row and column see half the kernel, the first ones see all of it.
        self.assertEqual(out[0, 0].tolist(), [[4.0, 4.0, 2.0], [4.0, 4.0, 2.0], [2.0, 2.0, 1.0]])

    def test_conv2d_valid_shrinks_by_kernel_minus_one(self) -> None:
        self.check(Conv2d(64, 3, "VALID", "ELU"), Shape(32, 26, 26), (64, 24, 24), 3 * 3 * 32 * 64 + 64)

    def test_maxpool_drops_a_remainder_row_and_column(self) -> None:
        self.check(MaxPool(2), Shape(4, 7, 7), (4, 3, 3), 0)

    def test_flatten_of_an_image(self) -> None:
        self.check(Flatten(), Shape(64, 7, 7), (3136,), 0)

    def test_flatten_of_a_vector_does_nothing(self) -> None:
        self.check(Flatten(), Shape.flat(16), (16,), 0)

    def test_dropout_keeps_the_shape(self) -> None:
        self.check(Dropout(0.5), Shape(2, 5, 5), (2, 5, 5), 0)

    def test_batchnorm_on_an_image_is_per_channel(self) -> None:
        self.check(BatchNorm(), Shape(32, 30, 30), (32, 30, 30), 2 * 32)

    def test_batchnorm_on_a_vector_is_per_unit(self) -> None:
        size, parameters, built = _output((Dense(20, "RELU"), BatchNorm()), Shape.flat(16))
        self.assertEqual(tuple(size), (2, 20))
        self.assertEqual(parameters, 16 * 20 + 20 + 2 * 20)
        self.assertTrue(any(isinstance(m, nn.BatchNorm1d) for m in built.modules()))

    def test_a_convolution_down_to_one_pixel_still_flattens_for_the_dense_layer(self) -> None:
        size, parameters, _ = _output((Conv2d(6, 3, "VALID", "RELU"), BatchNorm(), Dense(5, "RELU")),
                                      Shape(2, 3, 3))
        self.assertEqual(tuple(size), (2, 5))
        self.assertEqual(parameters, (3 * 3 * 2 * 6 + 6) + 2 * 6 + (6 * 5 + 5))

    def test_the_network_ends_in_the_classifiers_logits(self) -> None:
        built = network.build(_architecture(Flatten(), Dense(128, "RELU"), Dense(10, "SOFTMAX")), Shape(1, 28, 28))

        self.assertIsInstance(built[-1], nn.Linear)
        self.assertEqual(network.parameter_count(built), 101_770)  # mlp-small, as the zoo quotes it
        logits = built(torch.randn(4, 1, 28, 28))
        self.assertEqual(tuple(logits.shape), (4, 10))
        self.assertFalse(torch.allclose(logits.sum(dim=1), torch.ones(4)))  # no softmax inside

    def test_flatten_is_channels_first(self) -> None:
        built = network.build(_architecture(Flatten(), Dense(3, "SOFTMAX"), shape=Shape(2, 2, 2)), Shape(2, 2, 2))
        flatten, linear = built[0], built[1]
        x = torch.arange(8.0).reshape(1, 2, 2, 2)

        self.assertIsInstance(flatten, nn.Flatten)
        self.assertEqual(flatten(x).tolist(), [[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]])
        self.assertEqual(linear.in_features, 8)

    def test_hidden_activations(self) -> None:
        for name, kind in (("RELU", nn.ReLU), ("ELU", nn.ELU), ("TANH", nn.Tanh), ("SIGMOID", nn.Sigmoid),
                           ("SOFTMAX", network.Softmax)):
            built = network.build(_architecture(Dense(4, name), Dense(2, "SOFTMAX"), shape=Shape.flat(3)),
                                  Shape.flat(3))
            self.assertIsInstance(built[1], kind, name)
        identity = network.build(_architecture(Dense(4, "IDENTITY"), Dense(2, "SOFTMAX"), shape=Shape.flat(3)),
                                 Shape.flat(3))
        self.assertEqual(len(identity), 2)


class KerasDefaultsTest(unittest.TestCase):
    def setUp(self) -> None:
        torch.manual_seed(3)
        self.built = network.build(_architecture(
            Conv2d(16, 3, "SAME", "RELU"), BatchNorm(), MaxPool(2), Dropout(0.3), Flatten(), Dense(64, "RELU"),
            BatchNorm(), Dense(10, "SOFTMAX")), Shape(1, 28, 28))

    def test_biases_are_zero(self) -> None:
        for module in self.built.modules():
            if isinstance(module, (nn.Linear, nn.Conv2d)):
                assert module.bias is not None
                self.assertTrue(bool((module.bias == 0).all()), module)

    def test_weights_are_glorot_uniform(self) -> None:
        for module in self.built.modules():
            if isinstance(module, (nn.Linear, nn.Conv2d)):
                weight = module.weight
                receptive = weight[0][0].numel() if weight.dim() > 2 else 1
                fan_in, fan_out = weight.shape[1] * receptive, weight.shape[0] * receptive
                limit = math.sqrt(6.0 / (fan_in + fan_out))
                self.assertLessEqual(weight.abs().max().item(), limit, module)
                # Uniform on [-limit, limit]: its standard deviation is limit / sqrt(3).
                self.assertAlmostEqual(weight.std().item(), limit / math.sqrt(3), delta=0.15 * limit, msg=module)

    def test_batchnorm_has_keras_momentum_and_epsilon(self) -> None:
        norms = [m for m in self.built.modules() if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d))]
        self.assertEqual([type(m) for m in norms], [nn.BatchNorm2d, nn.BatchNorm1d])
        for norm in norms:
            self.assertAlmostEqual(norm.momentum, 0.01)  # Keras' 0.99 for the old average
            self.assertEqual(norm.eps, 1e-3)
            self.assertTrue(bool((norm.weight == 1).all()) and bool((norm.bias == 0).all()))

    def test_batchnorm_running_average_moves_as_keras_with_momentum_0_99(self) -> None:
        norm = next(m for m in self.built.modules() if isinstance(m, nn.BatchNorm1d))
        norm.train()
        batch = torch.randn(32, 64) + 5.0
        norm(batch)
        expected = 0.99 * 0.0 + 0.01 * batch.mean(dim=0)
        assert norm.running_mean is not None
        self.assertTrue(torch.allclose(norm.running_mean, expected, atol=1e-6))

    def test_dropout_drops_the_rate(self) -> None:
        dropouts = [m for m in self.built.modules() if isinstance(m, nn.Dropout)]
        self.assertEqual([d.p for d in dropouts], [0.3])


if __name__ == "__main__":
    unittest.main()
