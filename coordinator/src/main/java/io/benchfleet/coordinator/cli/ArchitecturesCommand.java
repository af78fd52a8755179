package io.benchfleet.coordinator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "architectures", mixinStandardHelpOptions = true,
        description = "Lists the architectures a sweep can name: parameters, layers, optimizer, source study.")
final class ArchitecturesCommand implements Callable<Integer> {

    /**
     * The trainer protocol's encoding of an architecture (TrainerTask's "architecture" field): Flatten and BatchNorm
     * have no fields and still travel, as their type name.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    @Option(names = "--json", description = "Print one JSON array instead: each architecture as a trainer task"
            + " carries it, plus \"parameters\" and \"totalParameters\", its trainable and Keras' total parameter counts"
            + " for its own input shape"
            + " (what other trainers check their networks against).")
    private boolean json;

    @Override
    public Integer call() {
        if (json) {
            System.out.println(json(ArchitectureZoo.all()));
            return 0;
        }
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

    /**
     * The architectures as one JSON array, each with its trainable parameter count as "parameters" and Keras'
     * "Total params" (BatchNorm's running statistics too) as "totalParameters", for its own input shape.
     */
    static String json(List<Architecture> architectures) {
        ArrayNode array = JSON.createArrayNode();
        for (Architecture a : architectures) {
            ObjectNode node = JSON.valueToTree(a);
            node.put("parameters", a.parameterCount(a.input()));
            node.put("totalParameters", a.totalCount(a.input()));
            array.add(node);
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the architectures as JSON", e);
        }
    }
}
