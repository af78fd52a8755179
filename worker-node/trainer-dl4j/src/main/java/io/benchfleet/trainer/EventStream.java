package io.benchfleet.trainer;

import io.benchfleet.protocol.trainer.EventLine;
import io.benchfleet.protocol.trainer.TrainerEvent;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The trainer's stdout, reserved for event lines. Anything else that prints to System.out (native
 * loaders, libraries) is sent to stderr, so it cannot corrupt the stream the worker node parses.
 */
final class EventStream {

    private final PrintStream out;

    EventStream(PrintStream out) {
        this.out = out;
    }

    static EventStream takeOverStdout() {
        PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        return new EventStream(events);
    }

    void emit(TrainerEvent event) {
        out.println(EventLine.encode(event));
        out.flush();
    }
}
