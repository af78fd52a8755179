package io.benchfleet.trainer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The trainer's logging, set up in code when the JVM runs with {@code -Dbenchfleet.logging=trainer}: everything to
 * stderr (stdout carries event lines only), which the worker node keeps the tail of and copies to its own log;
 * ND4J, DL4J and OSHI at WARN. In code rather than a logback XML file because parsing the XML cost a trainer 0.25 s
 * of its start, every attempt (docs/dl4j-performance.md, a trainer's start). Logback finds this class through
 * {@code META-INF/services}; in any other JVM that has it on the classpath (the worker node's) it steps aside.
 */
public final class TrainerLogging extends ContextAwareBase implements Configurator {

    static final String PROPERTY = "benchfleet.logging";
    static final String TRAINER = "trainer";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!TRAINER.equals(System.getProperty(PROPERTY))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        for (String chatty : new String[] {"org.nd4j", "org.deeplearning4j", "oshi"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
