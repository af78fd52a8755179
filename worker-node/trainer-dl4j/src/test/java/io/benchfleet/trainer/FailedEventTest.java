package io.benchfleet.trainer;

import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which kind of failure the trainer reports decides whether the coordinator tries again, and where. */
class FailedEventTest {

    private static final long GIB = 1L << 30;
    private static final MemoryFigures MEMORY = new MemoryFigures(3 * GIB, 3 * GIB - (1 << 20), 212L << 20, 8 * GIB);

    private static TrainerEvent.Failed failedBy(Throwable failure) {
        return FailedEvent.of(failure, MEMORY);
    }

    @Test
    void dataThisNodeCannotFindOrReadIsUnavailableHereNotBad() {
        var failed = failedBy(new DatasetUnavailableException("dataset 'mnist' not found: put ... into /data/mnist"));

        assertThat(failed).isEqualTo(new TrainerEvent.Failed(FailureKind.DATA_UNAVAILABLE,
                "dataset 'mnist' not found: put ... into /data/mnist"));
    }

    @Test
    void aDataFileThatIsThereButCorruptIsBadInput() {
        var failed = failedBy(new DataFileException(Path.of("/data/mnist/train-labels-idx1-ubyte"),
                "label 12 at offset 9 is out of range; expected 0..9"));

        assertThat(failed.kind()).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(failed.message()).isEqualTo("/data/mnist/train-labels-idx1-ubyte: label 12 at offset 9 is out of range;"
                + " expected 0..9");
    }

    @Test
    void aTaskThatCannotRunAsGivenIsBadInput() {
        assertThat(failedBy(new Trainer.BadTaskException("unknown split 'x'")).kind()).isEqualTo(FailureKind.BAD_INPUT);
    }

    @Test
    void aLossThatBecameNanIsDiverged() {
        var failed = failedBy(new DivergedException(3, 17, Double.NaN));

        assertThat(failed.kind()).isEqualTo(FailureKind.DIVERGED);
        assertThat(failed.message()).contains("NaN at epoch 3, minibatch 17");
    }

    @Test
    void aFullJavaHeapIsOutOfMemoryWithTheHeapsSize() {
        var failed = failedBy(new OutOfMemoryError("Java heap space"));

        assertThat(failed.kind()).isEqualTo(FailureKind.OUT_OF_MEMORY);
        assertThat(failed.message()).contains("Java heap space").contains("max heap 3.00 GiB")
                .contains("resident 212 MiB of the machine's 8.00 GiB");
    }

    @Test
    void javaCppRefusingAnOffHeapAllocationIsOutOfMemory() {
        var refused = new OutOfMemoryError("Failed to allocate memory within limits: totalBytes (3G) > maxBytes (3G)");
        var failed = failedBy(new RuntimeException(new OutOfMemoryError("Cannot allocate new FloatPointer(100000000): "
                + "totalBytes = 2G, physicalBytes = 5G").initCause(refused)));

        assertThat(failed.kind()).isEqualTo(FailureKind.OUT_OF_MEMORY);
        assertThat(failed.message()).contains("Cannot allocate new FloatPointer(100000000)").contains("max heap 3.00 GiB");
    }

    @Test
    void aNativeAllocationFailureOfNd4jIsOutOfMemoryWithWhatWasRequested() {
        var failed = failedBy(new RuntimeException("Op [matmul] execution failed",
                new RuntimeException("Failed to allocate new NDArray; Requested bytes: [4294967296]")));

        assertThat(failed.kind()).isEqualTo(FailureKind.OUT_OF_MEMORY);
        assertThat(failed.message()).contains("Requested bytes: [4294967296]");
    }

    @Test
    void aGpuOutOfMemoryIsOutOfMemory() {
        var failed = failedBy(new RuntimeException("cudaMalloc failed: out of memory; Requested bytes: [1073741824]"));

        assertThat(failed.kind()).isEqualTo(FailureKind.OUT_OF_MEMORY);
    }

    @Test
    void anythingElseIsAnErrorNamedByItsClass() {
        assertThat(failedBy(new IllegalStateException("boom")))
                .isEqualTo(new TrainerEvent.Failed(FailureKind.ERROR, "java.lang.IllegalStateException: boom"));
        assertThat(failedBy(new IllegalStateException()).message()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failedBy(new UnsatisfiedLinkError("no jnind4jcpu in java.library.path")))
                .isEqualTo(new TrainerEvent.Failed(FailureKind.ERROR,
                        "java.lang.UnsatisfiedLinkError: no jnind4jcpu in java.library.path"));
    }
}
