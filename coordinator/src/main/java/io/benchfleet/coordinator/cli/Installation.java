package io.benchfleet.coordinator.cli;

import java.nio.file.Path;

/** Where benchfleet is installed; {@code bin/coordinator} says so in a system property. */
final class Installation {

    static final String HOME_PROPERTY = "benchfleet.home";

    private Installation() {
    }

    static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    }
}
