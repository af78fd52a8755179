package io.benchfleet.protocol.architecture;

import java.util.Locale;

/**
 * The training algorithm of an architecture, with the hyper-parameters the studies name.
 *
 * @param decay    Keras' time-based decay: the learning rate at iteration t is
 *                 {@code learningRate / (1 + decay * t)}; 0 = constant
 * @param momentum SGD's momentum; 0 = plain SGD (ignored by the other kinds)
 * @param nesterov SGD with Nesterov momentum
 */
public record Optimizer(Kind kind, double learningRate, double decay, double momentum, boolean nesterov) {

    public enum Kind { ADAM, SGD, RMSPROP, ADADELTA }

    public Optimizer {
        if (!(learningRate > 0) || decay < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("optimizer out of range: learning rate " + learningRate
                    + " (expected > 0), decay " + decay + " (expected >= 0), momentum " + momentum
                    + " (expected 0 <= m < 1)");
        }
        if (nesterov && (kind != Kind.SGD || momentum == 0)) {
            throw new IllegalArgumentException("nesterov needs kind sgd with a momentum > 0");
        }
    }

    /** The same optimizer at another rate: a sweep's learning-rate axis. */
    public Optimizer withLearningRate(double rate) {
        return new Optimizer(kind, rate, decay, momentum, nesterov);
    }

    public static Optimizer of(Kind kind, double learningRate) {
        return new Optimizer(kind, learningRate, 0, 0, false);
    }

    /** e.g. {@code sgd(lr=0.01, decay=1.0E-6, momentum=0.9, nesterov)}; part of task ids, so keep it stable. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind.name().toLowerCase(Locale.ROOT)).append("(lr=").append(learningRate);
        if (decay > 0) {
            text.append(", decay=").append(decay);
        }
        if (momentum > 0) {
            text.append(", momentum=").append(momentum);
        }
        if (nesterov) {
            text.append(", nesterov");
        }
        return text.append(')').toString();
    }
}
