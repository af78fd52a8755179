package io.benchfleet.protocol.dataset;

import io.benchfleet.protocol.architecture.Shape;

import java.util.List;

/**
 * A dataset benchfleet can train on: its input shape, class count, and the standard file names of
 * its train and test parts in their published format.
 *
 * @param systemDirectories where Linux distributions install it, looked up after the data dir
 */
public record DatasetInfo(
        String name,
        Shape inputShape,
        int classes,
        DatasetFiles trainFiles,
        DatasetFiles testFiles,
        List<String> systemDirectories) {

    public DatasetInfo {
        systemDirectories = List.copyOf(systemDirectories);
    }

    /** The images and labels files of one part, named as published (each may also be gzipped). */
    public record DatasetFiles(String images, String labels) {
    }
}
