package io.benchfleet.trainer;

import io.benchfleet.protocol.sweep.Device;

import java.util.Optional;

/**
 * A gpu task must train on ND4J's CUDA backend: one that silently fell back to the CPU would
 * report CPU timings under a GPU's name. Checked before training, from what ND4J reports.
 */
final class BackendCheck {

    private BackendCheck() {
    }

    /** @param backend ND4J's own description of the backend it loaded, e.g. {@code CUDA} or {@code CPU, oneDNN} */
    static Optional<String> problem(Device device, String backend) {
        boolean cuda = backend.startsWith("CUDA");
        if (device == Device.GPU && !cuda) {
            return Optional.of("a gpu task got ND4J's " + backend + " backend; expected CUDA (is nd4j-cuda on this"
                    + " worker node's trainer classpath, and the GPU visible?)");
        }
        if (device == Device.CPU && cuda) {
            return Optional.of("a cpu task got ND4J's CUDA backend; expected CPU");
        }
        return Optional.empty();
    }
}
