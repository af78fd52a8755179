package io.benchfleet.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The versions of benchfleet and its main libraries in this build, as Maven wrote them at build time. */
public final class BuildVersions {

    private static final String COMMIT = "commit";
    private static final String DIRTY = "commit.dirty";

    private BuildVersions() {
    }

    public static Map<String, String> all() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersions.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the protocol jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read versions.properties", e);
        }
        Map<String, String> versions = new TreeMap<>();
        properties.forEach((name, version) -> versions.put(name.toString(), version.toString()));
        versions.put("java", Runtime.version().toString());
        // A build from a checkout with uncommitted changes is not that commit's code.
        if (Boolean.parseBoolean(versions.remove(DIRTY))) {
            versions.put(COMMIT, versions.get(COMMIT) + "-dirty");
        }
        return versions;
    }

    /** What {@code --version} prints, one line per part: benchfleet and its commit first. */
    public static List<String> lines() {
        Map<String, String> versions = all();
        List<String> lines = new ArrayList<>();
        lines.add("benchfleet " + versions.get("benchfleet") + " (commit " + versions.get(COMMIT) + ")");
        lines.add("deeplearning4j " + versions.get("deeplearning4j") + " (nd4j-native " + versions.get("nd4j-native") + ")");
        lines.add("pekko " + versions.get("pekko"));
        lines.add("java " + versions.get("java"));
        return lines;
    }
}
