package io.benchfleet.protocol.architecture;

/** Activation functions an architecture may name; the trainer maps each to its framework's own. */
public enum Activation {
    RELU, ELU, TANH, SIGMOID, SOFTMAX, IDENTITY
}
