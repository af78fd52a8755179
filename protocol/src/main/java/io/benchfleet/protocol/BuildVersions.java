package io.benchfleet.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The versions of benchfleet and its main libraries in this build, as Maven wrote them at build time. */
public final class BuildVersions {

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
        return versions;
    }
}
