package io.benchfleet.dataset;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpDownloaderTest {

    private static final byte[] CONTENT = new byte[200_000];

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/letter-recognition.data", exchange -> {
            exchange.sendResponseHeaders(200, CONTENT.length);
            exchange.getResponseBody().write(CONTENT);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void writesTheBodyAndReportsProgressAgainstTheSizeTheServerAnnounced() throws IOException {
        List<String> events = new ArrayList<>();
        var progress = new DownloadProgress() {
            @Override
            public void started(String file, long totalBytes) {
                events.add(file + " " + totalBytes);
            }

            @Override
            public void advanced(long bytesSoFar) {
                events.add(Long.toString(bytesSoFar));
            }

            @Override
            public void finished() {
                events.add("finished");
            }
        };

        new HttpDownloader().download(url("/letter-recognition.data"), dir.resolve("out"), progress);

        assertThat(dir.resolve("out")).hasBinaryContent(CONTENT);
        assertThat(events).startsWith("letter-recognition.data 200000").endsWith("200000", "finished");
    }

    @Test
    void anHttpErrorIsAnIoErrorNamingTheUrl() {
        URI missing = url("/nope");

        assertThatThrownBy(() -> new HttpDownloader().download(missing, dir.resolve("out"), DownloadProgress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessage(missing + " answered HTTP 404");
    }
}
