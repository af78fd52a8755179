package io.benchfleet.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArchitecturesCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalStdout;

    @BeforeEach
    void captureStdout() {
        originalStdout = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(originalStdout);
    }

    private String printed() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsOneArrayOfEveryArchitectureWithItsTrainableParameterCount() throws Exception {
        int exit = CoordinatorMain.commandLine().execute("architectures", "--json");

        assertThat(exit).isZero();
        assertThat(printed().strip()).doesNotContain("\n");
        JsonNode array = JSON.readTree(printed());
        List<Architecture> zoo = ArchitectureZoo.all();
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(zoo.size());
        for (int i = 0; i < zoo.size(); i++) {
            Architecture expected = zoo.get(i);
            JsonNode node = array.get(i);
            assertThat(node.get("name").asText()).isEqualTo(expected.name());
            assertThat(node.get("parameters").asLong()).isEqualTo(expected.parameterCount(expected.input()));
        }
    }

    @Test
    void eachArchitectureIsEncodedAsATrainerTaskCarriesIt() throws Exception {
        JsonNode array = JSON.readTree(ArchitecturesCommand.json(ArchitectureZoo.all()));

        for (JsonNode node : array) {
            ObjectNode withoutCount = ((ObjectNode) node.deepCopy());
            withoutCount.remove(List.of("parameters", "totalParameters"));
            // The trainer protocol's own decoder reads it back as the same architecture.
            Architecture decoded = JSON.treeToValue(withoutCount, Architecture.class);
            assertThat(decoded).isEqualTo(ArchitectureZoo.byName(node.get("name").asText()).orElseThrow());
        }
    }

    @Test
    void layersTravelAsTheirTypeNamesWithTheirFields() throws Exception {
        Architecture cifar = ArchitectureZoo.byName("s1-cifar10-cnn").orElseThrow();

        JsonNode node = JSON.readTree(ArchitecturesCommand.json(List.of(cifar))).get(0);

        assertThat(node.get("layers").get(0).toString())
                .isEqualTo("{\"type\":\"conv2d\",\"filters\":32,\"kernel\":3,\"padding\":\"VALID\",\"activation\":\"RELU\"}");
        assertThat(node.get("layers").get(1).toString()).isEqualTo("{\"type\":\"batchnorm\"}");
        assertThat(node.get("input").toString()).isEqualTo("{\"channels\":3,\"height\":32,\"width\":32}");
        assertThat(node.get("parameters").asLong()).isEqualTo(cifar.parameterCount(cifar.input()));
        assertThat(node.get("totalParameters").asLong()).isEqualTo(cifar.totalCount(cifar.input()))
                .isGreaterThan(node.get("parameters").asLong());
    }

    @Test
    void withoutJsonItPrintsTheTable() {
        int exit = CoordinatorMain.commandLine().execute("architectures");

        assertThat(exit).isZero();
        assertThat(printed()).startsWith("name ").contains("mlp-small").contains("cnn-medium");
    }

    /** Keeps the encoding tied to the trainer task's: both come from the same records through Jackson. */
    @Test
    void theEncodingMatchesATrainerTasksArchitectureField() throws Exception {
        Architecture mlp = ArchitectureZoo.byName("mlp-small").orElseThrow();
        String fromTask = JSON.readTree(new TrainerTask("a", null, mlp, null, 1).encode()).get("architecture").toString();

        ObjectNode fromCommand = (ObjectNode) JSON.readTree(ArchitecturesCommand.json(List.of(mlp))).get(0);
        fromCommand.remove(List.of("parameters", "totalParameters"));

        assertThat(fromCommand.toString()).isEqualTo(fromTask);
    }
}
