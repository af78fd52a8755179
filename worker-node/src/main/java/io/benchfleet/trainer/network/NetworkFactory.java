package io.benchfleet.trainer.network;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/** The one place an architecture (data) becomes a DL4J network, with the studies' Keras defaults. */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    public static MultiLayerNetwork build(Architecture architecture, Shape input, long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(architecture, input, seed));
        network.init();
        return network;
    }

    static MultiLayerConfiguration configuration(Architecture architecture, Shape input, long seed) {
        // Keras' defaults, which the studies used: Glorot-uniform weights, zero biases, float32.
        var list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(updater(architecture.optimizer()))
                .list();
        List<Layer> layers = architecture.layers();
        for (int i = 0; i < layers.size() - 1; i++) {
            translateHidden(layers.get(i), list);
        }
        Layer.Dense classifier = (Layer.Dense) layers.get(layers.size() - 1);
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classifier.units())
                .activation(activation(classifier.activation()))
                .build());
        list.setInputType(architecture.hasConvolutions()
                ? InputType.convolutionalFlat(input.height(), input.width(), input.channels())
                : InputType.feedForward(input.size()));
        return list.build();
    }

    private static void translateHidden(Layer layer, NeuralNetConfiguration.ListBuilder list) {
        if (layer instanceof Layer.Dense dense) {
            list.layer(new DenseLayer.Builder().nOut(dense.units()).activation(activation(dense.activation())).build());
        } else if (layer instanceof Layer.Conv2d conv) {
            list.layer(new ConvolutionLayer.Builder(conv.kernel(), conv.kernel())
                    .nOut(conv.filters())
                    .stride(1, 1)
                    .convolutionMode(conv.padding() == Layer.Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                    .activation(activation(conv.activation()))
                    .build());
        } else if (layer instanceof Layer.MaxPool pool) {
            // Truncate drops a remainder row as Keras' default 'valid' pooling does (7x7 -> 3x3, not 4x4).
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                    .kernelSize(pool.size(), pool.size())
                    .stride(pool.size(), pool.size())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
        } else if (layer instanceof Layer.Dropout dropout) {
            // DL4J takes the probability of keeping a unit; the architecture says how many to drop.
            list.layer(new DropoutLayer.Builder(1.0 - dropout.rate()).build());
        }
        // Flatten needs no layer: setInputType inserts DL4J's CNN-to-dense preprocessor there.
    }

    private static IUpdater updater(Optimizer optimizer) {
        return switch (optimizer.kind()) {
            case ADAM -> new Adam(optimizer.learningRate());
            case SGD -> new Sgd(optimizer.learningRate());
        };
    }

    private static org.nd4j.linalg.activations.Activation activation(io.benchfleet.protocol.architecture.Activation a) {
        return switch (a) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case ELU -> org.nd4j.linalg.activations.Activation.ELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX;
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
        };
    }
}
