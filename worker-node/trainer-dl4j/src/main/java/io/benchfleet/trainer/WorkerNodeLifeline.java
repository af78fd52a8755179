package io.benchfleet.trainer;

import java.io.IOException;
import java.io.InputStream;

/**
 * The trainer's stdin, which its worker node holds open for the attempt's life and never writes to. Its end
 * means the worker node is gone (stopped, crashed, or killed with SIGKILL, when it could end nothing itself):
 * nobody is left to hear the attempt's result, and a trainer that went on would hold the machine's cores or its
 * GPU from whatever runs there next.
 */
final class WorkerNodeLifeline {

    private WorkerNodeLifeline() {
    }

    /** Reads {@code stdin} on a daemon thread and, once it has ended, runs {@code onWorkerNodeGone}. */
    static Thread watch(InputStream stdin, Runnable onWorkerNodeGone) {
        Thread thread = new Thread(() -> {
            readToEnd(stdin);
            onWorkerNodeGone.run();
        }, "worker-node-lifeline");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void readToEnd(InputStream stdin) {
        byte[] ignored = new byte[256];
        try {
            while (stdin.read(ignored) >= 0) {
                // The worker node sends nothing here; only the end matters.
            }
        } catch (IOException e) {
            // A stdin that cannot be read any more is as good as ended.
        }
    }
}
