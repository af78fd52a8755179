package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.benchfleet.coordinator.endtoend.YamlFile.at;
import static io.benchfleet.coordinator.endtoend.YamlFile.list;
import static io.benchfleet.coordinator.endtoend.YamlFile.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker as Docker would take it, read here where no container engine runs: the folders the compose file
 * mounts volumes on, the images' dependency layer, and what the build context leaves out.
 */
class DockerFilesTest {

    private static final Path HOME = Benchfleet.HOME;
    private static final List<Path> DOCKERFILES = List.of(HOME.resolve("deploy/docker/Dockerfile"),
            HOME.resolve("deploy/docker/Dockerfile.cuda"));

    /** The targets of the compose file's named volumes, e.g. {@code /work/runs}; a host folder is the host's. */
    private static List<String> namedVolumeTargets() throws IOException {
        List<String> targets = new ArrayList<>();
        for (Object service : map(at(YamlFile.document(HOME.resolve("deploy/docker/compose.yaml")), "services")).values()) {
            for (Object volume : list(at(service, "volumes"))) {
                List<String> sourceAndTarget = sourceAndTarget(volume);
                if (!sourceAndTarget.get(0).startsWith(".") && !sourceAndTarget.get(0).startsWith("/")) {
                    targets.add(sourceAndTarget.get(1));
                }
            }
        }
        return targets;
    }

    /** Of a volume in compose's short form ({@code runs:/work/runs:ro}) or long form. */
    private static List<String> sourceAndTarget(Object volume) {
        if (volume instanceof Map<?, ?>) {
            return List.of(String.valueOf(at(volume, "source")), String.valueOf(at(volume, "target")));
        }
        return List.of(volume.toString().split(":")).subList(0, 2);
    }

    /** pom.xml and each module's, as the build context holds them. */
    private static List<String> poms() throws IOException {
        var modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(HOME.resolve("pom.xml")));
        return Stream.concat(Stream.of("pom.xml"), modules.results().map(module -> module.group(1) + "/pom.xml")).toList();
    }

    private static int indexOf(List<Dockerfile.Instruction> stage, String keyword, String argumentsPattern) {
        for (int i = 0; i < stage.size(); i++) {
            if (stage.get(i).is(keyword) && stage.get(i).arguments().matches(argumentsPattern)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyNamedVolumeIsMountedOnAFolderTheImageMakesForTheUserItRunsAs() throws Exception {
        List<String> targets = namedVolumeTargets();

        assertThat(targets).isNotEmpty();
        for (Path file : DOCKERFILES) {
            Dockerfile dockerfile = Dockerfile.read(file);
            assertThat(dockerfile.foldersOwnedBy(dockerfile.user())).as(file.toString()).containsAll(targets);
        }
    }

    @Test
    void theImagesResolveTheDependenciesOfEveryPomBeforeTheSourcesComeIn() throws Exception {
        for (Path file : DOCKERFILES) {
            List<Dockerfile.Instruction> build = Dockerfile.read(file).buildStage();
            int sources = indexOf(build, "COPY", "\\.\\s.*");
            int dependencies = indexOf(build, "RUN", "mvn .*dependency:go-offline.*");

            assertThat(dependencies).as(file + ": the dependency layer").isBetween(0, sources - 1);
            for (String pom : poms()) {
                assertThat(indexOf(build, "COPY", Pattern.quote(pom) + "\\s.*")).as(file + ": COPY " + pom)
                        .isBetween(0, dependencies - 1);
            }
        }
    }

    @Test
    void theBuildContextLeavesOutHistoryBuildOutputsResultsAndCertificates() throws Exception {
        DockerIgnore ignore = DockerIgnore.read(HOME.resolve(".dockerignore"));

        assertThat(List.of(".git", "target", "coordinator/target", "worker-node/trainer-dl4j/target", "runs", "data",
                "logs", "certs/ca/ca.p12", "deploy/docker/certs/ca/ca.p12")).allMatch(ignore::leavesOut);
        assertThat(List.of("pom.xml", "coordinator/src/main/java", "bin/coordinator", "configs/quickstart.conf",
                "deploy/gen-certs")).noneMatch(ignore::leavesOut);
    }
}
