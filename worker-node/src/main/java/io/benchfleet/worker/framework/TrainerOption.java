package io.benchfleet.worker.framework;

import io.benchfleet.protocol.sweep.Framework;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A user's own trainer for a framework, as {@code --trainer NAME=EXECUTABLE} names it. */
public record TrainerOption(String name, Path executable) {

    /** Every {@code --trainer} given, each framework once; anything else is refused with one line. */
    public static List<TrainerOption> parseAll(List<String> given) {
        List<TrainerOption> options = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String text : given) {
            TrainerOption option = parse(text);
            if (!names.add(option.name())) {
                throw new IllegalArgumentException("--trainer: framework '" + option.name() + "' is given twice");
            }
            options.add(option);
        }
        return List.copyOf(options);
    }

    static TrainerOption parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("--trainer '" + text + "': expected NAME=EXECUTABLE, e.g."
                    + " jax=/opt/trainers/jax-trainer");
        }
        String name = text.substring(0, equals);
        String executable = text.substring(equals + 1);
        if (!Framework.isValidName(name)) {
            throw new IllegalArgumentException("--trainer '" + text + "': framework name '" + name + "' is not "
                    + Framework.nameRule());
        }
        if (executable.isBlank()) {
            throw new IllegalArgumentException("--trainer '" + text + "': no executable after '='");
        }
        Path path = Path.of(executable).toAbsolutePath();
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalArgumentException("--trainer '" + text + "': " + path + " is not an executable file");
        }
        return new TrainerOption(name, path);
    }
}
