package io.benchfleet.coordinator.report;

import java.util.List;
import java.util.Map;

/** Everything report.html shows, gathered from one or several run directories. */
record ReportContents(
        RunSummary summary,
        List<Epoch> epochs,
        List<GroupResources> resources,
        List<WorkerNode> workers,
        Map<String, String> libraryVersions) {
}
