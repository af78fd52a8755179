package io.benchfleet.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoordinatorMainTest {

    private static final String COMMANDS = "run, resume, plan, report, runs, architectures, datasets";

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void anUnknownCommandReadsAsOneLineListingTheCommands() {
        int exit = CoordinatorMain.commandLine().execute("plann", "configs/quickstart.conf");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).isEqualTo("coordinator: unknown command 'plann': expected one of " + COMMANDS
                + " (see --help)\n");
    }

    @Test
    void noCommandAtAllSaysWhichThereAre() {
        int exit = CoordinatorMain.commandLine().execute();

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).isEqualTo("coordinator: expected a command: " + COMMANDS + " (see --help)\n");
    }

    @Test
    void versionNamesBenchfleetItsCommitAndTheLibrariesOnTheCommandAndEverySubcommand() {
        for (String[] args : new String[][]{{"--version"}, {"run", "--version"}, {"plan", "--version"}}) {
            console.clear();
            int exit = CoordinatorMain.commandLine().execute(args);

            assertThat(exit).isZero();
            assertThat(console.out().lines().toList()).hasSize(5).satisfies(lines -> {
                assertThat(lines.get(0)).matches("benchfleet \\S+ \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)");
                assertThat(lines.get(1)).matches("deeplearning4j \\S+ \\(nd4j-native .+\\)");
                assertThat(lines.get(2)).matches("pekko \\d+\\.\\d+\\.\\d+.*");
                assertThat(lines.get(3)).startsWith("java ");
                assertThat(lines.get(4)).startsWith("pytorch: ");
            });
        }
    }
}
