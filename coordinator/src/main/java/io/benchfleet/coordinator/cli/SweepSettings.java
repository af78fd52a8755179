package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.sweep.SweepOverrides;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code --set KEY=VALUE}, which {@code run}, {@code resume} and {@code plan} share. */
final class SweepSettings {

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides a key of the sweep file by its HOCON path, e.g. --set sweep.repetitions=5"
                    + " --set 'sweep.datasets=[mnist]' (repeatable; validated like the file; the run directory's"
                    + " sweep.conf keeps them).")
    private List<String> settings = new ArrayList<>();

    SweepOverrides overrides() {
        return SweepOverrides.parse(settings);
    }
}
