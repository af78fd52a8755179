package io.benchfleet.metrics.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process as its {@code /proc/<pid>/stat} line shows it (proc(5)): all that the probe sums over a trainer's
 * process tree, from one read of one file.
 *
 * @param state       the state letter: R running, S sleeping, Z zombie, ...
 * @param userTicks   CPU time in user mode since the process started, in clock ticks
 * @param systemTicks CPU time in kernel mode since the process started, in clock ticks
 * @param startTicks  when the process started, in clock ticks since boot
 * @param rssPages    the resident set, in pages, as the kernel last added up its per-CPU counts: it may lag the
 *                    exact figure that {@code statm} shows by up to max(32, 2 × CPUs) pages per CPU (256 KiB on
 *                    2 cores), little against a trainer's hundreds of MB
 */
record ProcessStat(char state, long userTicks, long systemTicks, int threads, long startTicks, long rssPages) {

    /* Field numbers as proc(5) counts them, from 1 = pid. */
    private static final int STATE = 3;
    private static final int UTIME = 14;
    private static final int STIME = 15;
    private static final int NUM_THREADS = 20;
    private static final int STARTTIME = 22;
    private static final int RSS = 24;

    /** The process {@code pid} now; empty when there is no such process. */
    static Optional<ProcessStat> read(long pid) {
        // Not Files.readAllBytes: /proc files report size 0, so it would stat the file and read a first byte alone.
        try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "stat"))) {
            // Latin-1 decodes any byte: the command name is whatever bytes the process chose.
            return parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** The figures of one stat line; empty when the line is not one. */
    static Optional<ProcessStat> parse(String line) {
        // Field 2 is the command name in parentheses, and the name itself may hold spaces and ')'.
        int commandEnd = line.lastIndexOf(')');
        if (commandEnd < 0) {
            return Optional.empty();
        }
        String[] fields = line.substring(commandEnd + 1).trim().split(" ");
        if (fields.length <= RSS - STATE || fields[0].length() != 1) {
            return Optional.empty();
        }
        try {
            var stat = new ProcessStat(fields[0].charAt(0), Long.parseLong(fields[UTIME - STATE]),
                    Long.parseLong(fields[STIME - STATE]), Integer.parseInt(fields[NUM_THREADS - STATE]),
                    Long.parseLong(fields[STARTTIME - STATE]), Long.parseLong(fields[RSS - STATE]));
            return stat.userTicks() < 0 || stat.systemTicks() < 0 || stat.threads() < 0 || stat.startTicks() < 0
                    || stat.rssPages() < 0 ? Optional.empty() : Optional.of(stat);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /** An exited child that its parent has not reaped yet: it no longer runs. */
    boolean zombie() {
        return state == 'Z';
    }
}
