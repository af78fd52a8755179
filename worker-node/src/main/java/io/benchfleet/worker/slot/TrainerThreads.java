package io.benchfleet.worker.slot;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetInfo;
import io.benchfleet.protocol.sweep.TaskSpec;

/**
 * How many OpenMP/BLAS threads an attempt's trainer gets: the slot's cores, except for networks too small to
 * share. Measured on 2-core machines (docs/dl4j-performance.md, BENCHMARKS.md): S2's small MLP (0.1 M multiply-accumulates
 * per sample) trains 3x faster on one thread than on two, whose hand-offs cost more than its small gemms
 * gain; its medium CNN (4 M) is 1.2x faster on two. The bound lies between them; where exactly was not measured.
 */
public final class TrainerThreads {

    /** Forward multiply-accumulates per sample below which one thread trains faster. */
    static final long SMALL_NETWORK = 1_000_000;

    private TrainerThreads() {
    }

    /** The threads for {@code task}'s network on its dataset's input, in a slot of {@code slotCores} cores. */
    public static int of(TaskSpec task, Architecture architecture, int slotCores) {
        Shape input = DatasetCatalog.byName(task.dataset()).map(DatasetInfo::inputShape).orElse(architecture.input());
        return architecture.multiplyAccumulates(input) < SMALL_NETWORK ? 1 : slotCores;
    }
}
