package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell scripts of deploy/, bench/ and bin/: clean under shellcheck (bin/setup installs it), and bad input is one line + exit 2. */
class DeployScriptsIT {

    private static final List<String> SCRIPTS = List.of("deploy/gen-certs", "deploy/slurm/benchfleet-workers.sbatch",
            "bench/orchestration", "bench/framework-fidelity", "bench/dl4j-fidelity", "bench/dl4j-trainer",
            "bench/pytorch-step-ab", "bench/trainer-start", "bin/setup", "worker-node/trainer-pytorch/run-tests");

    @TempDir
    Path dir;

    @Test
    void theScriptsPassShellcheck() throws Exception {
        List<String> line = new ArrayList<>(List.of("shellcheck"));
        SCRIPTS.forEach(script -> line.add(Benchfleet.HOME.resolve(script).toString()));

        assertThat(run(line)).as(Benchfleet.read(dir.resolve("out.txt"))).isZero();
    }

    @Test
    void genCertsRefusesABadNodeNameWithOneLine() throws Exception {
        int exitCode = run(List.of(Benchfleet.HOME.resolve("deploy/gen-certs").toString(), dir.resolve("certs").toString(),
                "bad/name"));

        assertThat(exitCode).isEqualTo(2);
        assertThat(Benchfleet.read(dir.resolve("out.txt")).strip())
                .isEqualTo("gen-certs: node name 'bad/name': expected letters, digits, . _ - (not 'ca')");
    }

    @Test
    void theBenchmarkRefusesABadSettingWithOneLine() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Benchfleet.HOME.resolve("bench/orchestration").toString());
        builder.environment().put("TASKS", "many");
        int exitCode = run(builder);

        assertThat(exitCode).isEqualTo(2);
        assertThat(Benchfleet.read(dir.resolve("out.txt")).strip())
                .isEqualTo("orchestration: TASKS=many: expected a whole number >= 1");
    }

    @Test
    void theFidelityBenchmarkRefusesABadSettingWithOneLine() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Benchfleet.HOME.resolve("bench/framework-fidelity").toString());
        builder.environment().put("EPOCHS", "1");
        int exitCode = run(builder);

        assertThat(exitCode).isEqualTo(2);
        assertThat(Benchfleet.read(dir.resolve("out.txt")).strip())
                .isEqualTo("framework-fidelity: EPOCHS=1: expected a whole number >= 2 (epoch 1 is a warm-up)");
    }

    private int run(List<String> line) throws Exception {
        return run(new ProcessBuilder(line));
    }

    private int run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        return Benchfleet.waitFor(process, 60);
    }
}
