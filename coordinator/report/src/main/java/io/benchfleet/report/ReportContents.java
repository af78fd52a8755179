package io.benchfleet.report;

import java.util.List;
import java.util.Map;

/** Everything report.html shows, gathered from one or several run directories. */
record ReportContents(
        RunSummary summary,
        List<RecordedEpoch> epochs,
        List<GroupResources> resources,
        List<RecordedWorkerNode> workers,
        Map<String, String> libraryVersions,
        ReportOptions options) {
}
