package io.benchfleet.trainer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer's logging in code: to stderr with the libraries at WARN in a trainer, out of the way elsewhere. */
class TrainerLoggingTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(TrainerLogging.PROPERTY);
    }

    @Test
    void inATrainerEverythingGoesToStderrAndTheLibrariesSayOnlyWarnings() {
        System.setProperty(TrainerLogging.PROPERTY, TrainerLogging.TRAINER);
        var context = new LoggerContext();

        assertThat(new TrainerLogging().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        var appender = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(context.getLogger("org.nd4j.linalg.factory.Nd4j").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.benchfleet.trainer.Trainer").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void anyOtherJvmKeepsItsOwnConfiguration() {
        var context = new LoggerContext();

        assertThat(new TrainerLogging().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
