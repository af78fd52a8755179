package io.benchfleet.coordinator.cli;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Shape;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "architectures", mixinStandardHelpOptions = true,
        description = "Lists the architectures a sweep can name: parameters, layers, source study.")
final class ArchitecturesCommand implements Callable<Integer> {

    /** The studies count parameters for their own input; the zoo's models are all for 28x28 grey images. */
    private static final Shape COUNTED_FOR = new Shape(1, 28, 28);

    @Override
    public Integer call() {
        System.out.printf("%-12s %12s  %-38s %s%n", "name", "parameters", "source", "layers (for a 1x28x28 input)");
        for (Architecture a : ArchitectureZoo.all()) {
            System.out.printf("%-12s %,12d  %-38s %s%n", a.name(), a.parameterCount(COUNTED_FOR), a.source(),
                    a.describeLayers());
        }
        return 0;
    }
}
