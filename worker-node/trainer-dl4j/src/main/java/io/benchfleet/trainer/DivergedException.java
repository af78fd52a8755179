package io.benchfleet.trainer;

/** The training loss became NaN or infinite; retrying the same seed would diverge again. */
final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DivergedException(int epoch, int batch, double loss) {
        super("training loss is " + loss + " at epoch " + epoch + ", minibatch " + batch);
    }
}
