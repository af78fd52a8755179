package io.benchfleet.report;

/**
 * A stretch of an attempt in which a measure sat at zero, such as the GPU waiting for data or for the trainer to
 * start using it: S1's "windows where GPU use sat at zero".
 *
 * @param start seconds since the attempt started
 * @param end   seconds since the attempt started, of the last zero sample
 */
record ZeroWindow(double start, double end) {
}
