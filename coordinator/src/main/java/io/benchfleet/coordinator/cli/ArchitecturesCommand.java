package io.benchfleet.coordinator.cli;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Shape;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "architectures", mixinStandardHelpOptions = true,
        description = "Lists the architectures a sweep can name: parameters, layers, optimizer, source study.")
final class ArchitecturesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.printf("%-16s %10s %10s  %-8s %-36s %s%n", "name", "trainable", "total", "input", "source",
                "training / layers");
        for (Architecture a : ArchitectureZoo.all()) {
            Shape in = a.input();
            System.out.printf("%-16s %,10d %,10d  %-8s %-36s %s, %d epochs, batch %d%n", a.name(), a.parameterCount(in),
                    a.totalCount(in), in.channels() + "x" + in.height() + "x" + in.width(), a.source(),
                    a.optimizer().describe(), a.epochs(), a.batchSize());
            System.out.printf("%-16s %s%n", "", a.describeLayers());
        }
        System.out.println("trainable = what the optimizer updates; total = Keras' 'Total params', which also counts"
                + " BatchNorm's moving mean and variance, and equals DL4J's numParams().");
        return 0;
    }
}
