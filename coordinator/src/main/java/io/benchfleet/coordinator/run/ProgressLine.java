package io.benchfleet.coordinator.run;

import io.benchfleet.coordinator.dispatch.ProgressView;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.protocol.sweep.Device;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Map;
import java.util.Optional;

/**
 * The console's one progress line: a bar over finished tasks, elapsed time, ETA and the counts.
 * It appears on {@link #show()}, after the run's opening lines; updates before that are kept.
 */
public final class ProgressLine implements ProgressView {

    private static final int REFRESH_MILLIS = 1000;

    private final String sweepName;
    private final int tasks;
    private Optional<ProgressBar> bar = Optional.empty();
    private Progress latest;
    private int workerNodes;
    private Map<Device, Integer> waitingForSlot = Map.of();

    public ProgressLine(String sweepName, int tasks) {
        this.sweepName = sweepName;
        this.tasks = tasks;
        this.latest = new Progress(0, 0, 0, tasks);
    }

    public synchronized void show() {
        bar = Optional.of(new ProgressBarBuilder()
                .setTaskName(sweepName)
                .setInitialMax(tasks)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(REFRESH_MILLIS)
                .setUnit(" tasks", 1)
                .build());
        render();
    }

    @Override
    public synchronized void update(Progress progress, int workerNodes, Map<Device, Integer> waitingForSlot) {
        this.latest = progress;
        this.workerNodes = workerNodes;
        this.waitingForSlot = Map.copyOf(waitingForSlot);
        render();
    }

    private void render() {
        bar.ifPresent(b -> {
            b.stepTo(latest.finished());
            b.setExtraMessage(message());
        });
    }

    /**
     * E.g. {@code 12 tasks wait for a gpu slot; done 3, running 1, failed 0, queued 12; 2 worker node(s)}: what
     * needs the user's hand comes first, as the bar cuts the line at the terminal's width.
     */
    synchronized String message() {
        StringBuilder message = new StringBuilder();
        waitingForSlot.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(waiting -> message
                .append(waiting.getValue()).append(waiting.getValue() == 1 ? " task waits" : " tasks wait")
                .append(" for a ").append(waiting.getKey().label()).append(" slot; "));
        return message.append(String.format("done %d, running %d, failed %d, queued %d; %d worker node(s)",
                latest.done(), latest.running(), latest.failed(), latest.queued(), workerNodes)).toString();
    }

    @Override
    public synchronized void close() {
        bar.ifPresent(ProgressBar::close);
    }
}
