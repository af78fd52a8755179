package io.benchfleet.coordinator.cli;

import io.benchfleet.dataset.DownloadProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Optional;

/** A dataset download drawn as a progress bar in MiB on the console (stderr, as progressbar does). */
final class DownloadProgressBar implements DownloadProgress {

    private static final int MIB = 1 << 20;

    private Optional<ProgressBar> bar = Optional.empty();

    @Override
    public void started(String file, long totalBytes) {
        bar = Optional.of(new ProgressBarBuilder()
                .setTaskName("downloading " + file)
                .setInitialMax(totalBytes)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MiB", MIB)
                .showSpeed()
                .build());
    }

    @Override
    public void advanced(long bytesSoFar) {
        bar.ifPresent(b -> b.stepTo(bytesSoFar));
    }

    @Override
    public void finished() {
        bar.ifPresent(ProgressBar::close);
        bar = Optional.empty();
    }
}
