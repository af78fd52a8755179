package io.benchfleet.coordinator.endtoend;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The documents of a YAML file as SnakeYAML reads them (anchors and merge keys resolved), and a way into them. */
final class YamlFile {

    private YamlFile() {
    }

    static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            documents.add(map(document));
        }
        return documents;
    }

    static Map<String, Object> document(Path file) throws IOException {
        return documents(file).get(0);
    }

    /** The value at {@code keys} under {@code node}; null where a key is missing. */
    static Object at(Object node, String... keys) {
        Object value = node;
        for (String key : keys) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
