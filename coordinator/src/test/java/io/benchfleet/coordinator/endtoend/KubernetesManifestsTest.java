package io.benchfleet.coordinator.endtoend;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.benchfleet.coordinator.endtoend.YamlFile.at;
import static io.benchfleet.coordinator.endtoend.YamlFile.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * deploy/kubernetes as a cluster would take it, read here where none runs: each object against the Kubernetes API's
 * schema (the official Java client's models, which refuse a key they do not know, so a misspelt or misplaced one),
 * and the rules a sweep's pods need: they end with the sweep, run as the image's user, and have CPU of their own.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Benchfleet.HOME.resolve("deploy/kubernetes");

    /** Reads an object of one kind, and refuses it where it does not match that kind's schema. */
    private interface SchemaCheck {
        void parse(String json) throws IOException;
    }

    /** By apiVersion/kind, those of deploy/kubernetes; another needs its model class here. */
    private static final Map<String, SchemaCheck> SCHEMAS = Map.of(
            "v1/Service", V1Service::fromJson,
            "v1/PersistentVolumeClaim", V1PersistentVolumeClaim::fromJson,
            "batch/v1/Job", V1Job::fromJson);

    private record Manifest(Path file, Map<String, Object> object) {

        String kind() {
            return at(object, "apiVersion") + "/" + at(object, "kind");
        }

        /** The pod template of a workload; null for other kinds. */
        Object podSpec() {
            return at(object, "spec", "template", "spec");
        }

        @Override
        public String toString() {
            return file.getFileName() + ": " + kind() + " " + at(object, "metadata", "name");
        }
    }

    private static List<Manifest> manifests() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList()) {
                YamlFile.documents(file).forEach(object -> manifests.add(new Manifest(file, object)));
            }
        }
        return manifests;
    }

    private static List<Manifest> workloads() throws IOException {
        return manifests().stream().filter(manifest -> manifest.podSpec() != null).toList();
    }

    private static List<Object> containers(Manifest workload) {
        return list(at(workload.podSpec(), "containers"));
    }

    /** The image's user and group, as deploy/docker/Dockerfile makes them. */
    private static Dockerfile image() throws IOException {
        return Dockerfile.read(Benchfleet.HOME.resolve("deploy/docker/Dockerfile"));
    }

    @Test
    void everyObjectMatchesTheSchemaOfItsKind() throws Exception {
        List<Manifest> manifests = manifests();

        assertThat(manifests).isNotEmpty();
        for (Manifest manifest : manifests) {
            SchemaCheck schema = SCHEMAS.get(manifest.kind());
            assertThat(schema).as(manifest + ": a kind this test has a schema for").isNotNull();
            String json = JSON.getGson().toJson(manifest.object());
            assertThatCode(() -> schema.parse(json)).as(manifest.toString()).doesNotThrowAnyException();
        }
    }

    /** Worker nodes leave when the sweep ends: a Job lets them, where a DaemonSet or a Deployment restarts them. */
    @Test
    void everyPodBelongsToAJobThatEndsWithTheSweep() throws Exception {
        for (Manifest workload : workloads()) {
            assertThat(workload.kind()).as(workload.toString()).isEqualTo("batch/v1/Job");
            assertThat(at(workload.podSpec(), "restartPolicy")).as(workload.toString()).isIn("Never", "OnFailure");
        }
    }

    /** fsGroup: the volumes (a claim, an emptyDir) are root's otherwise, and the image's user could not write them. */
    @Test
    void everyPodRunsAsTheImagesUserWithItsGroupOnItsVolumes() throws Exception {
        Dockerfile image = image();
        int uid = image.number("useradd", "--uid");
        int gid = image.number("groupadd", "--gid");

        for (Manifest workload : workloads()) {
            Object context = at(workload.podSpec(), "securityContext");
            assertThat(at(context, "runAsUser")).as(workload + ": runAsUser").isEqualTo(uid);
            assertThat(at(context, "runAsNonRoot")).as(workload + ": runAsNonRoot").isEqualTo(true);
            assertThat(at(context, "fsGroup")).as(workload + ": fsGroup").isEqualTo(gid);
        }
    }

    /** Guaranteed QoS: CPU that neighbours may take is noise in every timing. */
    @Test
    void everyContainersLimitsAreItsRequests() throws Exception {
        for (Manifest workload : workloads()) {
            for (Object container : containers(workload)) {
                for (String resource : List.of("cpu", "memory")) {
                    Object request = at(container, "resources", "requests", resource);
                    assertThat(request).as(workload + ": " + resource + " request").isNotNull();
                    assertThat("" + at(container, "resources", "limits", resource)).as(workload + ": " + resource + " limit")
                            .isEqualTo("" + request);
                }
            }
        }
    }

    /** A worker node's default is all of the machine's cores, which a pod with a CPU limit cannot use. */
    @Test
    void aWorkerNodesTrainersUseTheCoresOfItsCpuLimit() throws Exception {
        for (Manifest workload : workloads()) {
            for (Object container : containers(workload)) {
                List<Object> args = list(at(container, "args"));
                if (args.contains("--join")) {
                    assertThat(args).as(workload + ": the worker node's args").contains("--cores");
                    Object cores = args.get(args.indexOf("--cores") + 1);
                    Object source = list(at(container, "env")).stream()
                            .filter(env -> ("$(" + at(env, "name") + ")").equals(cores))
                            .map(env -> at(env, "valueFrom", "resourceFieldRef", "resource")).findFirst().orElse(null);
                    assertThat(source).as(workload + ": --cores " + cores).isEqualTo("limits.cpu");
                }
            }
        }
    }
}
