package io.benchfleet.coordinator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.coordinator.store.RecordedRun;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.rundirectory.RunFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP side on a recorded run: the page, the state, an attempt, report.html once it is there. */
class DashboardServerTest {

    private final ActorTestKit testKit = ActorTestKit.create();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path runDirectory;

    private DashboardServer dashboard;

    @BeforeEach
    void serveARecordedRun() throws Exception {
        Path sweep = Files.writeString(runDirectory.resolveSibling(runDirectory.getFileName() + ".conf"),
                "sweep { name = shown, datasets = [mnist], architectures = [mlp-small], repetitions = 3 }");
        RecordedRun.write(runDirectory, "shown", SweepFile.read(sweep).sweep().tasks(), 2, 5.0);
        dashboard = DashboardServer.start(testKit.system(), runDirectory, new DashboardServer.Address("127.0.0.1", 0),
                Optional.empty());
    }

    @AfterEach
    void stop() {
        dashboard.close();
        testKit.shutdownTestKit();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageOnLoopbackAtTheUrlItGives() throws Exception {
        assertThat(dashboard.url()).matches("http://127\\.0\\.0\\.1:\\d+/");

        HttpResponse<String> page = get("");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<table id=\"tasks\">", "api/state");
    }

    @Test
    void servesTheSweepsStateAsJson() throws Exception {
        HttpResponse<String> state = get("api/state");

        assertThat(state.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(state.body());
        assertThat(json.get("sweep").asText()).isEqualTo("shown");
        assertThat(json.at("/progress/succeeded").asInt()).isEqualTo(2);
        assertThat(json.at("/progress/queued").asInt()).isEqualTo(1);
        assertThat(json.get("tasks")).hasSize(3);
    }

    @Test
    void servesAnAttemptAndRefusesOneThatIsNotThere() throws Exception {
        String attemptId = new ObjectMapper().readTree(get("api/state").body()).at("/tasks/0/attempt_id").asText();

        assertThat(get("api/attempts/" + attemptId).statusCode()).isEqualTo(200);
        assertThat(get("api/attempts/no-such-attempt").statusCode()).isEqualTo(404);
        assertThat(get("api/attempts/%27%3B%20DROP%20TABLE%20attempts").statusCode()).isEqualTo(404);
    }

    @Test
    void servesReportHtmlOnceTheSweepHasWrittenIt() throws Exception {
        assertThat(get(RunFiles.REPORT_HTML).statusCode()).isEqualTo(404);

        Files.writeString(runDirectory.resolve(RunFiles.REPORT_HTML), "<html>the report</html>");

        assertThat(get(RunFiles.REPORT_HTML).body()).isEqualTo("<html>the report</html>");
    }

    @Test
    void answersNothingButGet() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "api/state"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
    }
}
