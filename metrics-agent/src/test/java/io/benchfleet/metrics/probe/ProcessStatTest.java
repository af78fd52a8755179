package io.benchfleet.metrics.probe;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class ProcessStatTest {

    /** The fields after the command name of a trainer JVM: utime 91342, stime 4122, 57 threads, rss 412345. */
    private static final String AFTER_COMMAND = " S 48190 48190 16013 0 -1 4194560 1512903 0 2 0 91342 4122 0 0 20 0"
            + " 57 0 4609833 6532423680 412345 18446744073709551615 94760665137152 94760665157033 140720871557232"
            + " 0 0 0 0 4096 1256 0 0 0 17 1 0 0 0 0 0 94760665173040 94760665174656 94761317453824 140720871561758"
            + " 140720871561778 140720871561778 140720871563243 0\n";

    @Test
    void readsTheFiguresOfATrainersStatLine() {
        ProcessStat stat = ProcessStat.parse("48211 (java)" + AFTER_COMMAND).orElseThrow();

        assertThat(stat).isEqualTo(new ProcessStat('S', 91342, 4122, 57, 4609833, 412345));
        assertThat(stat.zombie()).isFalse();
    }

    @Test
    void readsPastACommandNameWithSpacesAndParentheses() {
        // A process may name itself anything; this name looks like the start of the fields that follow it.
        ProcessStat stat = ProcessStat.parse("48211 (data (1) R 9 9)" + AFTER_COMMAND).orElseThrow();

        assertThat(stat).isEqualTo(new ProcessStat('S', 91342, 4122, 57, 4609833, 412345));
    }

    @Test
    void tellsAZombie() {
        ProcessStat stat = ProcessStat.parse("48230 (python3) Z 48211 48190 16013 0 -1 4227084 312 0 0 0 45 3 0 0"
                + " 20 0 1 0 4612001 0 0 18446744073709551615 0 0 0 0 0 0 0 16781312 2 0 0 0 17 0 0 0 0 0 0 0 0 0"
                + " 0 0 0 0 9").orElseThrow();

        assertThat(stat.zombie()).isTrue();
        assertThat(stat.rssPages()).isZero();
    }

    @Test
    void readsNothingFromALineThatIsNotAStatLine() {
        assertThat(ProcessStat.parse("")).isEmpty();
        assertThat(ProcessStat.parse("48211 java S 48190")).as("no command name").isEmpty();
        assertThat(ProcessStat.parse("48211 (java) S 48190 48190 16013 0 -1 4194560 1512903 0 2 0 91342 4122"))
                .as("cut off before the resident set").isEmpty();
        assertThat(ProcessStat.parse("48211 (java)" + AFTER_COMMAND.replace(" 91342 ", " 9x342 ")))
                .as("a field that is no number").isEmpty();
        assertThat(ProcessStat.parse("48211 (java)" + AFTER_COMMAND.replace(" 412345 ", " -412345 ")))
                .as("a negative resident set").isEmpty();
        assertThat(ProcessStat.parse("48211 (java)" + AFTER_COMMAND.replace(" S ", " SS ")))
                .as("a state of two letters").isEmpty();
    }

    @Test
    void readsTheStatLineOfTheTestJvm() {
        assumeThat(Files.isReadable(Path.of("/proc/self/stat"))).as("a host with /proc").isTrue();

        ProcessStat stat = ProcessStat.read(ProcessHandle.current().pid()).orElseThrow();

        assertThat(stat.state()).isIn('R', 'S');
        assertThat(stat.threads()).isGreaterThan(1);
        assertThat(stat.rssPages()).isPositive();
        assertThat(stat.userTicks() + stat.systemTicks()).isPositive();
    }

    @Test
    void readsNothingOfAProcessThatDoesNotExist() {
        // Beyond the kernel's largest pid (2^22).
        assertThat(ProcessStat.read(1L << 40)).isEmpty();
    }
}
