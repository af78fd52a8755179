package io.benchfleet.dataset;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Fetches one URL into a file; the network behind an interface so tests never need it. */
public interface Downloader {

    void download(URI url, Path into, DownloadProgress progress) throws IOException;
}
