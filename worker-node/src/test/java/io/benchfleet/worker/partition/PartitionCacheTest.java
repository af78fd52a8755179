package io.benchfleet.worker.partition;

import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.DataPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partitions are empty folders here; what matters is who prepares them, who waits, and when they go. */
class PartitionCacheTest {

    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path root;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger preparations = new AtomicInteger();
    private final CountDownLatch preparing = new CountDownLatch(1);
    private final CountDownLatch mayFinish = new CountDownLatch(1);

    @AfterEach
    void stopThreads() {
        mayFinish.countDown();
        threads.shutdownNow();
    }

    private static TaskSpec task(String architecture, int fold) {
        return new TaskSpec("mnist", architecture, Device.CPU, "kfold-5", fold, 1, 1,
                new TrainingSettings(1, 32, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    }

    private Path folder() {
        return root.resolve("node-1");
    }

    /** Counts, and blocks until the test lets it finish. */
    private PartitionCache heldCache() {
        return new PartitionCache(folder(), (task, dataDir, target) -> {
            preparations.incrementAndGet();
            preparing.countDown();
            awaitQuietly(mayFinish);
            Files.createDirectory(target);
            return new DataPartition(target.toString(), "sha-" + task.fold(), 4, 1, new Shape(1, 28, 28), 10);
        });
    }

    private PartitionCache cache() {
        mayFinish.countDown();
        return heldCache();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void slotsLeasingThePartitionAtOnceShareOnePreparationAndWaitForIt() throws Exception {
        PartitionCache cache = heldCache();
        Future<PartitionLease> first = threads.submit(() -> cache.lease(task("mlp-small", 1), "data"));
        assertThat(preparing.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        Future<PartitionLease> second = threads.submit(() -> cache.lease(task("cnn-medium", 1), "data"));

        Thread.sleep(200);
        assertThat(second).as("waits for the first slot's preparation").isNotDone();
        mayFinish.countDown();

        DataPartition a = first.get(WAIT_SECONDS, TimeUnit.SECONDS).partition();
        DataPartition b = second.get(WAIT_SECONDS, TimeUnit.SECONDS).partition();
        assertThat(b).isEqualTo(a);
        assertThat(a.directory()).isEqualTo(folder().resolve(task("mlp-small", 1).partitionKey()).toString());
        assertThat(preparations).hasValue(1);
    }

    @Test
    void anotherFoldIsAnotherPartition() throws IOException {
        PartitionCache cache = cache();

        DataPartition fold1 = cache.lease(task("mlp-small", 1), "data").partition();
        DataPartition fold2 = cache.lease(task("mlp-small", 2), "data").partition();

        assertThat(fold1.directory()).isNotEqualTo(fold2.directory());
        assertThat(preparations).hasValue(2);
    }

    @Test
    void aRetiredPartitionNobodyUsesIsDeletedAtOnceAndPreparedAgainIfNeeded() throws IOException {
        PartitionCache cache = cache();
        PartitionLease lease = cache.lease(task("mlp-small", 1), "data");
        lease.release();

        cache.retire(List.of(task("mlp-small", 1).partitionKey(), "0000000000000000"));

        assertThat(Path.of(lease.partition().directory())).doesNotExist();
        cache.lease(task("mlp-small", 1), "data");
        assertThat(preparations).hasValue(2);
    }

    @Test
    void aRetiredPartitionInUseIsDeletedWhenItsLastLeaseIsReleased() throws IOException {
        PartitionCache cache = cache();
        PartitionLease first = cache.lease(task("mlp-small", 1), "data");
        PartitionLease second = cache.lease(task("cnn-medium", 1), "data");
        Path partition = Path.of(first.partition().directory());

        cache.retire(List.of(task("mlp-small", 1).partitionKey()));
        first.release();
        first.release();

        assertThat(partition).as("still used by the second attempt").isDirectory();
        second.release();
        assertThat(partition).doesNotExist();
    }

    @Test
    void aLeaseTakenAfterTheRetirementKeepsThePartition() throws IOException {
        PartitionCache cache = cache();
        PartitionLease first = cache.lease(task("mlp-small", 1), "data");
        cache.retire(List.of(task("mlp-small", 1).partitionKey()));

        PartitionLease second = cache.lease(task("cnn-medium", 1), "data");
        first.release();
        second.release();

        assertThat(Path.of(second.partition().directory())).isDirectory();
        assertThat(preparations).hasValue(1);
    }

    @Test
    void aFailedPreparationReachesEveryWaiterAndIsTriedAgainNextTime() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch firstTry = new CountDownLatch(1);
        PartitionCache cache = new PartitionCache(folder(), (task, dataDir, target) -> {
            if (tries.incrementAndGet() == 1) {
                firstTry.countDown();
                awaitQuietly(mayFinish);
                throw new DatasetUnavailableException("dataset 'mnist' not found");
            }
            Files.createDirectory(target);
            return new DataPartition(target.toString(), "sha", 4, 1, new Shape(1, 28, 28), 10);
        });
        Future<PartitionLease> first = threads.submit(() -> cache.lease(task("mlp-small", 1), "data"));
        assertThat(firstTry.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        Future<PartitionLease> waiting = threads.submit(() -> cache.lease(task("cnn-medium", 1), "data"));
        Thread.sleep(200);
        mayFinish.countDown();

        assertThatThrownBy(() -> first.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DatasetUnavailableException.class);
        assertThatThrownBy(() -> waiting.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DatasetUnavailableException.class);
        assertThat(cache.lease(task("mlp-small", 1), "data").partition().sha256()).isEqualTo("sha");
        assertThat(tries).hasValue(2);
    }

    @Test
    void aPartitionThatCannotBeWrittenNamesTheFolder() {
        PartitionCache cache = new PartitionCache(folder(), (task, dataDir, target) -> {
            throw new IOException("No space left on device");
        });

        assertThatThrownBy(() -> cache.lease(task("mlp-small", 1), "data")).isInstanceOf(IOException.class)
                .hasMessage("cannot write the data partition in " + folder().resolve(task("mlp-small", 1).partitionKey())
                        + ": No space left on device");
    }

    @Test
    void theNodesFolderGoesWhenTheNodeStops() throws IOException {
        PartitionCache cache = cache();
        cache.lease(task("mlp-small", 1), "data");

        cache.deleteAll();

        assertThat(folder()).doesNotExist();
        assertThat(root).isDirectory();
    }

    @Test
    void nothingIsCreatedUntilAPartitionIsNeeded() {
        cache();

        assertThat(folder()).doesNotExist();
    }
}
