package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTableTest {

    @TempDir
    Path runDirectory;

    @Test
    void printsOneRowPerGroupThenTheRunDirectoryThenEachFailedTask() throws Exception {
        SweepFixture.create(runDirectory);
        RunSummary summary;
        try (ResultsReader reader = ResultsReader.open(runDirectory)) {
            summary = RunSummary.of(reader.read(), Optional.empty(), Optional.empty());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleTable.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "dataset        architecture  device  split     n  failed  train s  samples/s  test acc  epoch 1 s  later epochs s",
                "fashion-mnist  mlp-small     cpu     standard  2       0    12.00      900.0    0.8200       8.00            6.00",
                "fashion-mnist  cnn-medium    cpu     standard  1       1    30.00      300.0    0.9000      30.00               -",
                "scalability (params x, train time x, peak RSS x):",
                "  fashion-mnist/cpu/standard mlp-small -> cnn-medium: 4.14, 2.50, -",
                "run directory: " + runDirectory.toAbsolutePath(),
                "failed: t4 fashion-mnist/cnn-medium/cpu rep 2: ERROR: <script>alert(1)</script> out of memory");
    }
}
