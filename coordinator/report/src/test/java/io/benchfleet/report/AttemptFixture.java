package io.benchfleet.report;

import io.benchfleet.rundirectory.AttemptStatus;

/**
 * Attempts as tests of single measures build them: run on worker node w-1, with nothing measured, no energy or
 * drop figures and an unknown device until a test sets them.
 */
final class AttemptFixture {

    private AttemptFixture() {
    }

    static RecordedAttempt.Builder attempt(String id, String taskId, int number, AttemptStatus status) {
        return RecordedAttempt.builder().id(id).taskId(taskId).number(number).workerId("w-1").status(status);
    }
}
