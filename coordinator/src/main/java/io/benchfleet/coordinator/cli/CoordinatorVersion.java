package io.benchfleet.coordinator.cli;

import io.benchfleet.protocol.BuildVersions;
import picocli.CommandLine.IVersionProvider;

import java.util.ArrayList;
import java.util.List;

/** {@code bin/coordinator --version}: the build's versions; PyTorch is a worker node's to find, on its own machine. */
final class CoordinatorVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>(BuildVersions.lines());
        lines.add("pytorch: the worker nodes' own (bin/worker-node --version probes it on its machine)");
        return lines.toArray(String[]::new);
    }
}
