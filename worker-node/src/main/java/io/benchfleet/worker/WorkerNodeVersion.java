package io.benchfleet.worker;

import io.benchfleet.protocol.BuildVersions;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.worker.framework.PyTorchProbe;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code bin/worker-node --version}: the build's versions, and the PyTorch that --python's probe finds here. */
final class WorkerNodeVersion implements IVersionProvider {

    @Spec
    private CommandSpec spec;

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>(BuildVersions.lines());
        WorkerNodeMain node = (WorkerNodeMain) spec.userObject();
        PyTorchProbe.Result probed = PyTorchProbe.run(node.pythonPath(), WorkerNodeMain.trainScript(), PyTorchProbe.TIMEOUT);
        if (probed instanceof PyTorchProbe.Result.Found found) {
            lines.add("pytorch " + found.version() + " (" + node.pythonPath() + ", devices "
                    + found.devices().stream().map(Device::label).toList() + ")");
        } else {
            lines.add("pytorch: none (" + ((PyTorchProbe.Result.Unavailable) probed).reason() + ")");
        }
        return lines.toArray(String[]::new);
    }
}
