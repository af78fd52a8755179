package io.benchfleet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes environment.json: what the timings were measured on.
 * <pre>
 * coordinator     {jvm}
 * worker_nodes[]  worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm, slots[], gpus (one line:
 *                 each GPU's slot, name, memory, driver and CUDA version, '; '-separated; empty without GPUs),
 *                 joined_at, frameworks[] (name, version, devices[]: what it offered; empty in a results.db older
 *                 than the framework axis)
 * libraries       name: version, as the caller passed them
 * </pre>
 */
final class EnvironmentJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EnvironmentJson() {
    }

    static void write(Path file, RunMetadata run, List<RecordedWorkerNode> workers, Map<String, String> libraries)
            throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        // The run table's record wins: `report` may run long after the sweep, on another JVM.
        String coordinatorJvm = run.value(RunMetadata.COORDINATOR_JVM).orElseGet(EnvironmentJson::thisJvm);
        document.put("coordinator", Map.of("jvm", coordinatorJvm));
        document.put("worker_nodes", workers.stream().map(EnvironmentJson::worker).toList());
        document.put("libraries", new TreeMap<>(libraries));
        MAPPER.writeValue(file.toFile(), document);
    }

    private static String thisJvm() {
        return System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }

    private static Map<String, Object> framework(OfferedFramework framework) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", framework.name());
        fields.put("version", framework.version());
        fields.put("devices", framework.devices());
        return fields;
    }

    private static Map<String, Object> worker(RecordedWorkerNode worker) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("worker_id", worker.id());
        fields.put("hostname", worker.hostname());
        fields.put("os", worker.os());
        fields.put("cpu_model", worker.cpuModel());
        fields.put("logical_cores", worker.logicalCores());
        fields.put("memory_bytes", worker.memoryBytes());
        fields.put("jvm", worker.jvm());
        fields.put("slots", worker.slots());
        fields.put("gpus", worker.gpus());
        fields.put("joined_at", worker.joinedAt());
        fields.put("frameworks", worker.frameworks().stream().map(EnvironmentJson::framework).toList());
        return fields;
    }
}
