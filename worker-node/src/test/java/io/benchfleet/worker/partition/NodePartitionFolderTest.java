package io.benchfleet.worker.partition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's folder is named for it and its process; those of processes gone are swept up by the next node. */
class NodePartitionFolderTest {

    @TempDir
    Path root;

    private static long pidOfAnEndedProcess() throws IOException, InterruptedException {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    @Test
    void theFolderNamesTheNodeAndItsProcessInLettersAFileSystemTakes() {
        Path folder = NodePartitionFolder.of(root, "alpha#5f3c9a1e:25520");

        assertThat(folder.getParent()).isEqualTo(root);
        assertThat(folder.getFileName().toString())
                .isEqualTo("benchfleet-partitions-alpha-5f3c9a1e-25520-pid" + ProcessHandle.current().pid());
    }

    @Test
    void theFoldersOfNodesGoneAreDeletedAndTheRestKept() throws Exception {
        Path gone = Files.createDirectories(root.resolve("benchfleet-partitions-beta-1-pid" + pidOfAnEndedProcess())
                .resolve("0123456789abcdef"));
        Files.writeString(gone.resolve("train_x.npy"), "x");
        Path running = Files.createDirectories(NodePartitionFolder.of(root, "alpha"));
        Path someoneElses = Files.createDirectories(root.resolve("benchfleet-partitions-without-pid"));

        assertThat(NodePartitionFolder.deleteLeftovers(root)).containsExactly(gone.getParent());

        assertThat(gone.getParent()).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(someoneElses).isDirectory();
    }
}
