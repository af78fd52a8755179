package io.benchfleet.worker.partition;

import io.benchfleet.dataset.partition.PartitionFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A worker node's own folder of data partitions, named for the node and its process. A node deletes its folder when
 * it stops, but one killed with SIGKILL cannot: the next node to start with the same partition root deletes the
 * folders of processes that no longer run, so that large partitions do not pile up in the machine's temp folder.
 */
public final class NodePartitionFolder {

    private static final Logger log = LoggerFactory.getLogger(NodePartitionFolder.class);
    private static final String PREFIX = "benchfleet-partitions-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + ".*-pid(\\d{1,19})");

    private NodePartitionFolder() {
    }

    /** This node's folder in {@code root}: several nodes may share a machine and its temp folder. */
    public static Path of(Path root, String workerId) {
        return root.resolve(PREFIX + workerId.replaceAll("[^A-Za-z0-9._-]", "-") + "-pid" + ProcessHandle.current().pid());
    }

    /** Deletes the folders in {@code root} of nodes whose process is gone; a recycled pid keeps its folder. */
    public static List<Path> deleteLeftovers(Path root) {
        List<Path> deleted = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                Matcher name = NAME.matcher(folder.getFileName().toString());
                if (name.matches() && Files.isDirectory(folder) && !isRunning(name.group(1))) {
                    PartitionFolder.delete(folder);
                    deleted.add(folder);
                    log.info("deleted {}: the worker node that wrote it is gone", folder);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete the data partitions of worker nodes gone from {}: {}", root, e.toString());
        }
        return deleted;
    }

    private static boolean isRunning(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
