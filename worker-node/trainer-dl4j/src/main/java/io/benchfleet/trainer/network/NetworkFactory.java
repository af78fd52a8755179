package io.benchfleet.trainer.network;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/** The one place an architecture (data) becomes a DL4J network, with the studies' Keras defaults. */
public final class NetworkFactory {

    /** RMSprop's decay rate in Keras, which the studies trained with. */
    public static final double KERAS_RMSPROP_RHO = 0.9;

    private static final double KERAS_BATCHNORM_MOMENTUM = 0.99;
    private static final double KERAS_BATCHNORM_EPSILON = 1e-3;

    private NetworkFactory() {
    }

    /**
     * @param optimizer the task's optimizer (the architecture's own unless the sweep overrides it)
     * @param seed      drives weight init and dropout masks
     * @throws UnsupportedByDl4jException for an optimizer setting DL4J cannot express
     */
    public static MultiLayerNetwork build(Architecture architecture, Shape input, Optimizer optimizer, long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(architecture, input, optimizer, seed));
        network.init();
        return network;
    }

    static MultiLayerConfiguration configuration(Architecture architecture, Shape input, Optimizer optimizer, long seed) {
        // Keras' defaults, which the studies used: Glorot-uniform weights, zero biases, float32.
        var list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(updater(optimizer))
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
        } else if (layer instanceof Layer.BatchNorm) {
            // Keras' momentum 0.99 and epsilon 1e-3 rather than DL4J's 0.9 and 1e-5.
            list.layer(new BatchNormalization.Builder().decay(KERAS_BATCHNORM_MOMENTUM).eps(KERAS_BATCHNORM_EPSILON).build());
        } else if (layer instanceof Layer.Dropout dropout) {
            // DL4J takes the probability of keeping a unit; the architecture says how many to drop.
            list.layer(new DropoutLayer.Builder(1.0 - dropout.rate()).build());
        }
        // Flatten needs no layer: setInputType inserts DL4J's CNN-to-dense preprocessor there.
    }

    private static IUpdater updater(Optimizer optimizer) {
        ISchedule rate = optimizer.decay() > 0
                // Keras' time-based decay, lr / (1 + decay * iteration), is DL4J's inverse schedule with power 1.
                ? new InverseSchedule(ScheduleType.ITERATION, optimizer.learningRate(), optimizer.decay(), 1.0)
                : new FixedSchedule(optimizer.learningRate());
        return switch (optimizer.kind()) {
            case ADAM -> new Adam(rate);
            case RMSPROP -> rmsProp(rate);
            case SGD -> sgd(optimizer, rate);
            case ADADELTA -> adaDelta(optimizer);
        };
    }

    /**
     * Keras' RMSprop: rho 0.9, where DL4J's default decay rate is 0.95 (S4's CIFAR-10 model trained with Keras').
     * The epsilon stays DL4J's 1e-8 (Keras': 1e-7), as the PyTorch trainer's does.
     */
    private static IUpdater rmsProp(ISchedule rate) {
        RmsProp rmsProp = new RmsProp(rate);
        rmsProp.setRmsDecay(KERAS_RMSPROP_RHO);
        return rmsProp;
    }

    private static IUpdater sgd(Optimizer optimizer, ISchedule rate) {
        if (optimizer.momentum() == 0) {
            return new Sgd(rate);
        }
        if (!optimizer.nesterov()) {
            throw new UnsupportedByDl4jException("DL4J has momentum only as Nesterov momentum; expected nesterov = true"
                    + " with momentum " + optimizer.momentum());
        }
        return new Nesterovs(rate, optimizer.momentum());
    }

    /** DL4J's AdaDelta has no learning rate: it is Keras' Adadelta at rate 1.0, and nothing else. */
    private static IUpdater adaDelta(Optimizer optimizer) {
        if (optimizer.learningRate() != 1.0 || optimizer.decay() > 0) {
            throw new UnsupportedByDl4jException("DL4J's AdaDelta takes no learning rate or decay; expected"
                    + " learning-rate = 1.0 and no decay, got " + optimizer.describe());
        }
        return new AdaDelta();
    }

    /** A setting of the sweep that DL4J cannot train as written; the attempt fails as bad input. */
    public static final class UnsupportedByDl4jException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedByDl4jException(String message) {
            super(message);
        }
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
