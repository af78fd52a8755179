package io.benchfleet.protocol.serialization;

import io.benchfleet.protocol.architecture.Activation;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.GpuSample;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The only classes Kryo reads from the wire, with their ids. Append new classes at the end: the
 * position is the id, and every node of a cluster must run the same list.
 */
public final class MessageRegistry {

    static final int FIRST_ID = 100;

    /** Messages and the values inside them; Kryo picks its record and enum serializers for these. */
    public static final List<Class<?>> CLASSES = List.of(
            CoordinatorCommand.RegisterWorker.class,
            CoordinatorCommand.RequestTask.class,
            CoordinatorCommand.ReportEvent.class,
            CoordinatorCommand.ReportSamples.class,
            WorkerNodeMessage.TaskOffer.class,
            WorkerNodeMessage.NoTaskNow.class,
            HostInfo.class,
            ResourceSample.class,
            TaskSpec.class,
            TrainingSettings.class,
            Device.class,
            TrainerEvent.Started.class,
            TrainerEvent.Epoch.class,
            TrainerEvent.Finished.class,
            TrainerEvent.FailureKind.class,
            TrainerEvent.Failed.class,
            Duration.class,
            Architecture.class,
            Shape.class,
            Optimizer.class,
            Optimizer.Kind.class,
            Activation.class,
            Layer.Padding.class,
            Layer.Dense.class,
            Layer.Conv2d.class,
            Layer.MaxPool.class,
            Layer.Flatten.class,
            Layer.Dropout.class,
            Layer.BatchNorm.class,
            GpuSample.class,
            Optional.class,
            GpuDevice.class,
            SlotName.class,
            WorkerNodeMessage.FinalEventRecorded.class,
            FrameworkOffer.class,
            WorkerNodeMessage.PartitionsRetired.class);

    private MessageRegistry() {
    }
}
