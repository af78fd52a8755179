package io.benchfleet.coordinator.endtoend;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** k-fold cross-validation end to end: every fold is a task of its own, on a generated letter CSV. */
class CrossValidationIT {

    private static final long SWEEP_SECONDS = 240;
    private static final int ROWS = 26 * 20;

    @TempDir
    Path dir;

    /** UCI letter rows; letter c has feature c % 16 high, so the MLP has something to learn. */
    private Path writeLetter() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/letter"));
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            int label = i % 26;
            text.append((char) ('A' + label));
            for (int f = 0; f < 16; f++) {
                text.append(',').append(f == label % 16 ? 12 + random.nextInt(4) : random.nextInt(6));
            }
            text.append('\n');
        }
        Files.writeString(data.resolve("letter-recognition.data"), text);
        return dir.resolve("data");
    }

    @Test
    void eachFoldRunsAsItsOwnTaskAndTogetherTheFoldsTestEverySampleOnce() throws Exception {
        Path sweep = Files.writeString(dir.resolve("cv.conf"), """
                sweep {
                  name = cv
                  datasets = [letter]
                  architectures = [s4-letter-mlp]
                  split { kind = kfold, k = 3 }
                  training { epochs = 2 }
                }
                data-dir = "%s"
                """.formatted(writeLetter()));
        Path runDir = dir.resolve("run");

        int exitCode = Benchfleet.runCoordinator(dir, SWEEP_SECONDS, "run", sweep.toString(),
                "--run-dir", runDir.toString(), "--local-workers", "2");

        assertThat(exitCode).as(Benchfleet.read(dir.resolve("coordinator.out"))).isZero();
        List<CSVRecord> results = Benchfleet.csv(runDir.resolve("results.csv"));
        assertThat(results).extracting(row -> row.get("fold")).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(results).allSatisfy(row -> {
            assertThat(row.get("split")).isEqualTo("kfold-3");
            assertThat(row.get("status")).isEqualTo("succeeded");
            assertThat(Integer.parseInt(row.get("train_samples")) + Integer.parseInt(row.get("test_samples"))).isEqualTo(ROWS);
        });
        assertThat(results.stream().mapToInt(row -> Integer.parseInt(row.get("test_samples"))).sum()).isEqualTo(ROWS);
    }

}
