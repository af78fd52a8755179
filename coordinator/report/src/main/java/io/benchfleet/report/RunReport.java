package io.benchfleet.report;

import static io.benchfleet.rundirectory.RunFiles.CHARTS_CSV;
import static io.benchfleet.rundirectory.RunFiles.ENVIRONMENT_JSON;
import static io.benchfleet.rundirectory.RunFiles.EPOCHS_CSV;
import static io.benchfleet.rundirectory.RunFiles.REPORT_HTML;
import static io.benchfleet.rundirectory.RunFiles.REPORT_JSON;
import static io.benchfleet.rundirectory.RunFiles.RESULTS_CSV;
import static io.benchfleet.rundirectory.RunFiles.SAMPLES_CSV;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a run directory's results.db into the files beside it: results.csv, epochs.csv,
 * samples.csv, report.json, report.html, charts.csv (the values of report.html's charts) and environment.json. The coordinator calls it after a
 * sweep and prints the returned summary with {@link ConsoleTable}.
 */
public final class RunReport {

    private RunReport() {
    }

    /**
     * Reads {@code runDirectory/results.db} and writes the exports and the report into the same
     * directory, replacing earlier ones; without a study's own figures.
     *
     * @param baseline        the groups the others are compared with, if the sweep names them
     * @param libraryVersions name to version of the libraries the caller wants on record (Pekko, DL4J, ...)
     * @throws ReportException if results.db is missing or unreadable, or a file cannot be written;
     *                         the message is one line naming the file
     */
    public static RunSummary write(Path runDirectory, Optional<Baseline> baseline, Map<String, String> libraryVersions)
            throws ReportException {
        return write(List.of(runDirectory), runDirectory, baseline, libraryVersions);
    }

    /**
     * Reads the results.db of every run directory as one sweep ({@link MergedRuns}) and writes the
     * exports and the report into {@code outputDirectory}, without a study's own figures.
     *
     * @throws ReportException also if a run directory is given twice
     */
    public static RunSummary write(List<Path> runDirectories, Path outputDirectory, Optional<Baseline> baseline,
                                   Map<String, String> libraryVersions) throws ReportException {
        return write(runDirectories, outputDirectory, baseline, Optional.empty(), libraryVersions);
    }

    /**
     * As {@link #write(List, Path, Optional, Map)}, with the study's own figures set beside ours.
     *
     * @param reference the sweep file's reference block, if it has one
     */
    public static RunSummary write(List<Path> runDirectories, Path outputDirectory, Optional<Baseline> baseline,
                                   Optional<StudyReference> reference, Map<String, String> libraryVersions)
            throws ReportException {
        return write(runDirectories, outputDirectory, baseline, reference, libraryVersions, ReportOptions.DEFAULT);
    }

    /**
     * As {@link #write(List, Path, Optional, Optional, Map)}, reading the traces as {@code options} say.
     *
     * @param options the sweep file's report block's, or the command line's
     */
    public static RunSummary write(List<Path> runDirectories, Path outputDirectory, Optional<Baseline> baseline,
                                   Optional<StudyReference> reference, Map<String, String> libraryVersions,
                                   ReportOptions options) throws ReportException {
        List<String> names = MergedRuns.runNames(runDirectories);
        List<ResultsReader> readers = new ArrayList<>();
        try {
            for (int run = 0; run < runDirectories.size(); run++) {
                readers.add(ResultsReader.open(runDirectories.get(run), names.get(run)));
            }
            List<RunResults> runs = new ArrayList<>();
            for (ResultsReader reader : readers) {
                runs.add(reader.read());
            }
            createDirectory(outputDirectory);
            RunResults merged = MergedRuns.of(runs, outputDirectory.toAbsolutePath().normalize());
            RunSummary summary = RunSummary.of(merged, baseline, reference);
            List<GroupResources> resources = MergedRuns.resources(readers, runs, summary, options);
            Map<String, RunMetadata> sources = new LinkedHashMap<>();
            for (int run = 0; run < runs.size(); run++) {
                sources.put(names.get(run), runs.get(run).run());
            }
            return write(readers, merged, summary, resources, sources, libraryVersions, options);
        } finally {
            for (ResultsReader reader : readers) {
                reader.close();
            }
        }
    }

    private static RunSummary write(List<ResultsReader> readers, RunResults results, RunSummary summary,
                                    List<GroupResources> resources, Map<String, RunMetadata> sources,
                                    Map<String, String> libraryVersions, ReportOptions options) {
        Path directory = results.run().runDirectory();
        Map<TaskInRun, String> frameworks = results.tasks().stream()
                .collect(Collectors.toMap(TaskResult::inRun, result -> result.task().framework()));
        writeFile(directory.resolve(RESULTS_CSV),
                file -> CsvExport.write(file, ExportColumns.RESULTS, results.tasks()));
        writeFile(directory.resolve(EPOCHS_CSV), file -> CsvExport.write(file,
                ExportColumns.epochsWithFramework(frameworks), results.epochs()));
        writeFile(directory.resolve(SAMPLES_CSV), file -> {
            try (CsvExport<Sample> samples = CsvExport.create(file,
                    ExportColumns.withFramework(ExportColumns.SAMPLES, Sample::inRun, frameworks))) {
                for (ResultsReader reader : readers) {
                    reader.forEachSample(samples::write);
                }
            }
        });
        writeFile(directory.resolve(REPORT_JSON), file -> ReportJson.write(file, summary, resources, sources, options));
        ChartData charts = new ChartData();
        writeFile(directory.resolve(REPORT_HTML), file -> HtmlReport.write(file,
                new ReportContents(summary, results.epochs(), resources, results.workers(), libraryVersions, options),
                charts));
        writeFile(directory.resolve(CHARTS_CSV), file -> CsvExport.write(file, ChartData.COLUMNS, charts.points()));
        writeFile(directory.resolve(ENVIRONMENT_JSON),
                file -> EnvironmentJson.write(file, results.run(), results.workers(), libraryVersions));
        return summary;
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ReportException(directory + ": cannot create the output directory (" + e + ")", e);
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
