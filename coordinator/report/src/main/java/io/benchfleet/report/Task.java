package io.benchfleet.report;

/** A task as the sweep planned it: the values of the axes that identify it. */
public record Task(
        String id, String dataset, String architecture, String device, String split, int fold, int repetition) {
}
