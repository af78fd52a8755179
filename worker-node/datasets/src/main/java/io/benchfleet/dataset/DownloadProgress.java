package io.benchfleet.dataset;

/** Told how a download advances: the coordinator draws a progress bar, a trainer logs. */
public interface DownloadProgress {

    DownloadProgress NONE = new DownloadProgress() {
        @Override
        public void started(String file, long totalBytes) {
        }

        @Override
        public void advanced(long bytesSoFar) {
        }

        @Override
        public void finished() {
        }
    };

    /** @param totalBytes -1 when the server does not say */
    void started(String file, long totalBytes);

    void advanced(long bytesSoFar);

    void finished();
}
