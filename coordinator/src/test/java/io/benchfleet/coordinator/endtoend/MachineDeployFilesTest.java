package io.benchfleet.coordinator.endtoend;

import io.benchfleet.coordinator.queue.AttemptLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/'s files for plain machines, read here where neither systemd nor SLURM runs: how the systemd unit stops a
 * worker node, that gen-certs puts no password on a command line, and that the SLURM job can start and gives the
 * worker node its node's cores.
 */
class MachineDeployFilesTest {

    private static final Path DEPLOY = Benchfleet.HOME.resolve("deploy");
    /** A part of a systemd time span such as {@code 2h10min}. */
    private static final Pattern TIME_SPAN_PART = Pattern.compile("(\\d+)\\s*(h|min|s)");

    /** The {@code [Service]} settings of the worker node's unit, the last of each name. */
    private static Map<String, String> serviceSettings() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(DEPLOY.resolve("systemd/benchfleet-worker.service"))) {
            if (line.startsWith("[")) {
                section = line.strip();
            } else if (section.equals("[Service]") && line.contains("=") && !line.startsWith("#")) {
                settings.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return settings;
    }

    private static Duration timeSpan(String span) {
        if (span.equals("infinity")) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        Duration duration = Duration.ZERO;
        Matcher part = TIME_SPAN_PART.matcher(span);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            duration = duration.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "min" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return duration;
    }

    /** control-group, the default, would signal the trainers with the node and end the attempt it is to finish. */
    @Test
    void systemdStopsTheWorkerNodeAloneAndWaitsForAnAttemptToFinish() throws Exception {
        Map<String, String> service = serviceSettings();

        assertThat(service).containsEntry("KillMode", "mixed");
        assertThat(timeSpan(service.getOrDefault("TimeoutStopSec", "")))
                .isGreaterThan(AttemptLimits.DEFAULT.taskTimeout());
    }

    /** A command line is there for anyone on the machine to read in ps. */
    @Test
    void genCertsPutsNoPasswordOnACommandLine() throws Exception {
        Pattern password = Pattern.compile("-(?:src|dest)?(?:store|key)pass\\s|-pass(?:in|out)\\s+pass:");

        assertThat(Files.readAllLines(DEPLOY.resolve("gen-certs")))
                .noneMatch(line -> !line.strip().startsWith("#") && password.matcher(line).find());
    }

    /** sbatch opens the job's output before the script runs, so a folder of it would have to exist already. */
    @Test
    void theSlurmJobWritesItsOutputWhereSbatchCanOpenIt() throws Exception {
        List<String> outputs = Files.readAllLines(DEPLOY.resolve("slurm/benchfleet-workers.sbatch")).stream()
                .filter(line -> line.startsWith("#SBATCH --output=")).toList();

        assertThat(outputs).hasSize(1).noneMatch(output -> output.contains("/"));
    }

    /** srun binds its one task to one CPU otherwise: the worker node and its trainers would share it. */
    @Test
    void theSlurmWorkerNodeGetsAllOfItsNodesCores() throws Exception {
        String script = Files.readString(DEPLOY.resolve("slurm/benchfleet-workers.sbatch"));

        assertThat(script).contains("srun ").contains("--cpus-per-task=\"$SLURM_CPUS_ON_NODE\"").contains("--cpu-bind=none");
    }
}
