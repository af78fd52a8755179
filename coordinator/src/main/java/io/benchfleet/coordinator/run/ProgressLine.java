package io.benchfleet.coordinator.run;

import io.benchfleet.coordinator.dispatch.ProgressView;
import io.benchfleet.coordinator.queue.FrameworkOnDevice;
import io.benchfleet.coordinator.queue.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
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
    private Map<FrameworkOnDevice, Integer> waitingForSlot = Map.of();
    /** Read by progressbar's own thread without the lock, which that thread may need while it holds its own. */
    private volatile int messageLength;

    public ProgressLine(String sweepName, int tasks) {
        this.sweepName = sweepName;
        this.tasks = tasks;
        this.latest = new Progress(0, 0, 0, tasks);
    }

    public synchronized void show() {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(sweepName)
                .setInitialMax(tasks)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(REFRESH_MILLIS)
                .setUnit(" tasks", 1);
        if (System.console() == null) {
            builder.setConsumer(new WholeLineOffTerminal());
        }
        bar = Optional.of(builder.build());
        render();
    }

    @Override
    public synchronized void update(Progress progress, int workerNodes, Map<FrameworkOnDevice, Integer> waitingForSlot) {
        this.latest = progress;
        this.workerNodes = workerNodes;
        this.waitingForSlot = Map.copyOf(waitingForSlot);
        render();
    }

    private void render() {
        String message = message();
        messageLength = message.length();
        bar.ifPresent(b -> {
            b.stepTo(latest.finished());
            b.setExtraMessage(message);
        });
    }

    /**
     * E.g. {@code 12 pytorch/gpu tasks wait for a slot that runs them; done 3, running 1, failed 0, queued 12;
     * 2 worker node(s)}: what needs the user's hand comes first, as the bar cuts the line at the terminal's width.
     */
    synchronized String message() {
        StringBuilder message = new StringBuilder();
        waitingForSlot.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(waiting -> message
                .append(waiting.getValue()).append(' ').append(waiting.getKey())
                .append(waiting.getValue() == 1 ? " task waits for a slot that runs it; "
                        : " tasks wait for a slot that runs them; "));
        return message.append(String.format("done %d, running %d, failed %d, queued %d; %d worker node(s)",
                latest.done(), latest.running(), latest.failed(), latest.queued(), workerNodes)).toString();
    }

    /**
     * Off a terminal (a log file, a pipe) progressbar assumes 80 columns and cuts the line there, which would cut
     * what waits for a slot short ("1 dl4j/gpu task waits for a slot that "). Nothing wraps there: the bar keeps
     * the width it has with no message, and the message comes after it whole. On stderr, as progressbar's own.
     */
    private final class WholeLineOffTerminal extends ConsoleProgressBarConsumer {

        WholeLineOffTerminal() {
            super(new PrintStream(new FileOutputStream(FileDescriptor.err)));
        }

        @Override
        public int getMaxRenderedLength() {
            return super.getMaxRenderedLength() + messageLength;
        }
    }

    @Override
    public synchronized void close() {
        bar.ifPresent(ProgressBar::close);
    }
}
