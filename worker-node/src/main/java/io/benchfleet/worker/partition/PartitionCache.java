package io.benchfleet.worker.partition;

import io.benchfleet.dataset.partition.PartitionFolder;
import io.benchfleet.dataset.partition.PartitionWriter;
import io.benchfleet.dataset.reader.DatasetLoader;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.trainer.DataPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A worker node's data partitions, one folder each under the node's own folder, by
 * {@link TaskSpec#partitionKey()}: every task of a (dataset, split, fold, repetition, train limit, train fraction)
 * trains on the same files, whatever its architecture, framework or device, so they are prepared once.
 * <p>
 * Thread-safe, and blocking: preparing takes seconds for a large dataset, so callers are the slots' process
 * threads, never an actor. Slots that want the same partition at once get the same preparation: one writes it, the
 * others wait for it. A partition in use (leased) is never deleted: retiring it deletes it when its last lease is
 * released. A failed preparation is not kept; the next lease tries again.
 */
public final class PartitionCache {

    private static final Logger log = LoggerFactory.getLogger(PartitionCache.class);

    /** Writes one task's partition into a folder that does not exist yet. */
    @FunctionalInterface
    public interface Preparation {
        DataPartition prepare(TaskSpec task, String dataDir, Path target) throws IOException;
    }

    /** The real preparation: the task's dataset, found from the offer's data dir, written by {@link PartitionWriter}. */
    public static final Preparation FROM_DATASETS = (task, dataDir, target) ->
            new PartitionWriter(DatasetLoader.forDataDir(dataDir)).write(task, target);

    /** One partition: its preparation, how many attempts use it, and whether the coordinator is done with it. */
    private static final class Entry {
        final CompletableFuture<DataPartition> prepared = new CompletableFuture<>();
        int leases;
        boolean retired;
    }

    private final Path folder;
    private final Preparation preparation;
    private final Map<String, Entry> entries = new HashMap<>();

    /**
     * @param folder this node's own folder, created when the first partition is prepared; nobody else writes in it
     */
    public PartitionCache(Path folder, Preparation preparation) {
        this.folder = folder.toAbsolutePath();
        this.preparation = preparation;
    }

    public Path folder() {
        return folder;
    }

    /**
     * The task's partition, prepared here or by another slot, leased until the lease is released.
     *
     * @throws IOException      when the partition cannot be written; the message names the folder
     * @throws RuntimeException what the preparation throws when the data is unknown, missing or corrupt
     */
    public PartitionLease lease(TaskSpec task, String dataDir) throws IOException {
        String key = task.partitionKey();
        Joined joined = join(key);
        if (joined.preparesIt()) {
            prepare(key, joined.entry(), task, dataDir);
        }
        try {
            return new PartitionLease(awaitPrepared(joined.entry()), () -> release(key, joined.entry()));
        } catch (IOException | RuntimeException e) {
            release(key, joined.entry());
            throw e;
        }
    }

    /** A lease taken on an entry, and whether the taker is the first, who prepares it. */
    private record Joined(Entry entry, boolean preparesIt) {
    }

    private synchronized Joined join(String key) {
        Entry entry = entries.get(key);
        boolean preparesIt = entry == null;
        if (preparesIt) {
            entry = new Entry();
            entries.put(key, entry);
        }
        entry.leases++;
        // Whoever retired it did not know that this attempt needs it.
        entry.retired = false;
        return new Joined(entry, preparesIt);
    }

    private void prepare(String key, Entry entry, TaskSpec task, String dataDir) {
        Path target = folder.resolve(key);
        try {
            Files.createDirectories(folder);
            long start = System.nanoTime();
            DataPartition partition = preparation.prepare(task, dataDir, target);
            log.info("prepared data partition {} ({} / {} / fold {}) in {} s", target, task.dataset(), task.split(),
                    task.fold(), String.format("%.2f", (System.nanoTime() - start) / 1e9));
            entry.prepared.complete(partition);
        } catch (IOException e) {
            forget(key, entry);
            entry.prepared.completeExceptionally(new IOException("cannot write the data partition in " + target + ": "
                    + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            forget(key, entry);
            entry.prepared.completeExceptionally(e);
        }
    }

    private synchronized void forget(String key, Entry entry) {
        entries.remove(key, entry);
    }

    private static DataPartition awaitPrepared(Entry entry) throws IOException {
        try {
            return entry.prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the data partition", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("preparing the data partition failed: " + e.getCause(), e.getCause());
        }
    }

    /** Deletes under the lock: a lease taken meanwhile would otherwise prepare into a folder still being deleted. */
    private synchronized void release(String key, Entry entry) {
        entry.leases--;
        if (entry.leases == 0 && entry.retired && entries.remove(key, entry)) {
            delete(key);
        }
    }

    /**
     * The coordinator needs these partitions no more: each is deleted now, or when its last lease is released.
     * Keys this node never prepared are ignored.
     */
    public synchronized void retire(Collection<String> keys) {
        for (String key : keys) {
            Entry entry = entries.get(key);
            if (entry == null) {
                continue;
            }
            entry.retired = true;
            if (entry.leases == 0 && entries.remove(key, entry)) {
                delete(key);
            }
        }
    }

    /** The node stops: its whole folder goes, whatever is left in it. */
    public void deleteAll() {
        synchronized (this) {
            entries.clear();
        }
        try {
            PartitionFolder.delete(folder);
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot delete this node's data partitions in {}: {}", folder, e.toString());
        }
    }

    private void delete(String key) {
        Path target = folder.resolve(key);
        try {
            PartitionFolder.delete(target);
            log.info("deleted data partition {}: no task still to run needs it", target);
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot delete data partition {}: {}", target, e.toString());
        }
    }
}
