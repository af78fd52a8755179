package io.benchfleet.coordinator.dashboard;

import io.benchfleet.protocol.cluster.ClusterTls;
import io.benchfleet.rundirectory.RunFiles;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's read-only dashboard over HTTP, in its own actor system: the page, the sweep's state and one
 * attempt's traces as JSON, and report.html once the sweep has written it. Under {@code --tls} it is served over
 * HTTPS with the node's own certificate (a browser trusts it once the cluster's CA is trusted).
 */
public final class DashboardServer extends AllDirectives implements AutoCloseable {

    private static final Duration BIND_WAIT = Duration.ofSeconds(10);

    private final DashboardState state;
    private final Path runDirectory;
    private final byte[] page;
    private final ServerBinding binding;
    private final String url;

    /** Where the dashboard listens: an address, and a port (0: any free one). */
    public record Address(String host, int port) {
    }

    private DashboardServer(ActorSystem<?> system, Path runDirectory, Address address, Optional<ClusterTls> tls)
            throws Exception {
        this.state = new DashboardState(runDirectory, Clock.systemUTC());
        this.runDirectory = runDirectory;
        this.page = page();
        ServerBuilder builder = Http.get(system).newServerAt(address.host(), address.port());
        if (tls.isPresent()) {
            builder = builder.enableHttps(ConnectionContext.httpsServer(tls.get().sslContext()));
        }
        this.binding = builder.bind(routes()).toCompletableFuture().get(BIND_WAIT.toSeconds(), TimeUnit.SECONDS);
        this.url = (tls.isPresent() ? "https" : "http") + "://" + address.host() + ":"
                + binding.localAddress().getPort() + "/";
    }

    /**
     * Listens and serves until closed.
     *
     * @throws Exception when it cannot listen there (the port taken, the address not this machine's)
     */
    public static DashboardServer start(ActorSystem<?> system, Path runDirectory, Address address,
                                        Optional<ClusterTls> tls) throws Exception {
        return new DashboardServer(system, runDirectory, address, tls);
    }

    public String url() {
        return url;
    }

    private Route routes() {
        return get(() -> concat(
                pathSingleSlash(() -> complete(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page))),
                path(PathMatchers.segment("api").slash("state"), () -> completeWithFuture(
                        state.state().handle((json, failure) -> json(json, failure)))),
                path(PathMatchers.segment("api").slash("attempts").slash(PathMatchers.segment()),
                        attemptId -> completeWithFuture(state.attempt(attemptId).handle((json, failure) -> failure != null
                                ? json(null, failure)
                                : json.map(found -> json(found, null)).orElseGet(() -> HttpResponse.create()
                                .withStatus(StatusCodes.NOT_FOUND)
                                .withEntity(ContentTypes.APPLICATION_JSON, "{\"error\":\"no such attempt\"}"))))),
                path(RunFiles.REPORT_HTML, this::report)));
    }

    private Route report() {
        Path report = runDirectory.resolve(RunFiles.REPORT_HTML);
        if (!Files.isRegularFile(report)) {
            return complete(StatusCodes.NOT_FOUND, "report.html is written when the sweep ends");
        }
        return getFromFile(report.toFile(), ContentTypes.TEXT_HTML_UTF8);
    }

    private static HttpResponse json(String json, Throwable failure) {
        if (failure != null) {
            return HttpResponse.create().withStatus(StatusCodes.SERVICE_UNAVAILABLE).withEntity(
                    ContentTypes.APPLICATION_JSON, DashboardState.errorJson(failure));
        }
        return HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, json);
    }

    private static byte[] page() {
        try (InputStream in = DashboardServer.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.html missing from the coordinator's classes");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        binding.unbind();
        state.close();
    }
}
