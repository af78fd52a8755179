package io.benchfleet.coordinator.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a run directory's results.db into the files beside it: results.csv, epochs.csv,
 * samples.csv, report.json, report.html and environment.json. The coordinator calls it after a
 * sweep and prints the returned summary with {@link ConsoleTable}.
 */
public final class RunReport {

    public static final String RESULTS_CSV = "results.csv";
    public static final String EPOCHS_CSV = "epochs.csv";
    public static final String SAMPLES_CSV = "samples.csv";
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_HTML = "report.html";
    public static final String ENVIRONMENT_JSON = "environment.json";

    private RunReport() {
    }

    /**
     * Reads {@code runDirectory/results.db} and writes the exports and the report into the same
     * directory, replacing earlier ones.
     *
     * @param libraryVersions name to version of the libraries the caller wants on record (Pekko, DL4J, ...)
     * @throws ReportException if results.db is missing or unreadable, or a file cannot be written;
     *                         the message is one line naming the file
     */
    public static RunSummary write(Path runDirectory, Map<String, String> libraryVersions) throws ReportException {
        try (ResultsReader reader = ResultsReader.open(runDirectory)) {
            RunResults results = reader.read();
            RunSummary summary = RunSummary.of(results);
            Path directory = results.run().runDirectory();
            writeFile(directory.resolve(RESULTS_CSV),
                    file -> CsvExport.write(file, ExportColumns.RESULTS, results.tasks()));
            writeFile(directory.resolve(EPOCHS_CSV),
                    file -> CsvExport.write(file, ExportColumns.EPOCHS, results.epochs()));
            writeFile(directory.resolve(SAMPLES_CSV), file -> {
                try (CsvExport<Sample> samples = CsvExport.create(file, ExportColumns.SAMPLES)) {
                    reader.forEachSample(samples::write);
                }
            });
            writeFile(directory.resolve(REPORT_JSON), file -> ReportJson.write(file, summary));
            writeFile(directory.resolve(REPORT_HTML), file -> HtmlReport.write(file, summary));
            writeFile(directory.resolve(ENVIRONMENT_JSON),
                    file -> EnvironmentJson.write(file, results.run(), results.workers(), libraryVersions));
            return summary;
        }
    }

    @FunctionalInterface
    private interface Export {
        void writeTo(Path file) throws IOException, ReportException;
    }

    // Names the file in the error: "No space left on device" alone does not say which export failed.
    private static void writeFile(Path file, Export export) throws ReportException {
        try {
            export.writeTo(file);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
