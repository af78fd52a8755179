package io.benchfleet.trainer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A task of another trainer protocol version is refused before it is read, naming both versions. */
class TaskProtocolCheckTest {

    @Test
    void aTaskOfThisVersionPasses() {
        assertThat(TaskProtocolCheck.problem("{\"protocolVersion\":1,\"attemptId\":\"a\"}")).isEmpty();
    }

    @Test
    void aTaskOfAnotherVersionIsRefusedNamingBoth() {
        assertThat(TaskProtocolCheck.problem("{\"protocolVersion\":2,\"attemptId\":\"a\",\"newField\":[]}"))
                .contains("the task is of trainer protocol version 2; this trainer speaks version 1");
    }

    @Test
    void aTaskWithoutAVersionIsRefused() {
        assertThat(TaskProtocolCheck.problem("{\"attemptId\":\"a\"}"))
                .contains("the task names no protocolVersion; this trainer speaks version 1");
    }

    @Test
    void whatIsNoJsonObjectIsLeftToTheTasksOwnDecoding() {
        assertThat(TaskProtocolCheck.problem("not json")).isEmpty();
        assertThat(TaskProtocolCheck.problem("[1]")).isEmpty();
        assertThat(TaskProtocolCheck.problem("")).isEmpty();
    }
}
