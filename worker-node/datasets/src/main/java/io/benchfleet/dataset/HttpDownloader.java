package io.benchfleet.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Downloads over HTTP(S) with the JDK's client, following redirects (the UCI and S3 hosts use them). */
public final class HttpDownloader implements Downloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final int HTTP_OK = 200;

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    @Override
    public void download(URI url, Path into, DownloadProgress progress) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + url, e);
        }
        try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(into)) {
            if (response.statusCode() != HTTP_OK) {
                throw new IOException(url + " answered HTTP " + response.statusCode());
            }
            progress.started(DatasetInfo.fileNameOf(url), response.headers().firstValueAsLong("Content-Length").orElse(-1));
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                out.write(buffer, 0, n);
                total += n;
                progress.advanced(total);
            }
        } finally {
            progress.finished();
        }
    }
}
