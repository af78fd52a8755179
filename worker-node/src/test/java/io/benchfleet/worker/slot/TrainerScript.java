package io.benchfleet.worker.slot;

import io.benchfleet.protocol.trainer.EventLine;
import io.benchfleet.protocol.trainer.TrainerEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fake trainer does, step by step: a shell one-liner that prints event lines and, where the test needs to
 * act in between, waits for a line on its stdin. The lines travel as the shell's arguments, so no quoting can
 * change them.
 */
final class TrainerScript {

    private final List<String> steps = new ArrayList<>();
    private final List<String> eventLines = new ArrayList<>();

    static TrainerScript trainer() {
        return new TrainerScript();
    }

    TrainerScript says(TrainerEvent event) {
        eventLines.add(EventLine.encode(event));
        steps.add("printf '%s\\n' \"${" + eventLines.size() + "}\"");
        return this;
    }

    /** Blocks until {@link StartedTrainer#goOn()}; a trainer never told goes on forever, as a stuck one would. */
    TrainerScript waitsForTheTest() {
        steps.add("read -r go");
        return this;
    }

    List<String> command() {
        List<String> command = new ArrayList<>(List.of("sh", "-c", String.join("; ", steps), "fake-trainer"));
        command.addAll(eventLines);
        return command;
    }
}
