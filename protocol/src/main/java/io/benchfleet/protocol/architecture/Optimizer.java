package io.benchfleet.protocol.architecture;

/** The training algorithm an architecture comes with in its study. */
public record Optimizer(Kind kind, double learningRate) {

    public enum Kind { ADAM, SGD }

    public static Optimizer adam(double learningRate) {
        return new Optimizer(Kind.ADAM, learningRate);
    }
}
