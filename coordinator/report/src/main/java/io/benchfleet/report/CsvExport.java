package io.benchfleet.report;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes rows to a CSV file with a header, one row at a time so that samples can be streamed. */
final class CsvExport<T> implements Closeable {

    private final CSVPrinter printer;
    private final List<ExportColumn<T>> columns;

    private CsvExport(CSVPrinter printer, List<ExportColumn<T>> columns) {
        this.printer = printer;
        this.columns = columns;
    }

    static <T> CsvExport<T> create(Path file, List<ExportColumn<T>> columns) throws IOException {
        // RFC 4180 quoting (failure messages hold commas and newlines), but '\n' line ends, which
        // every Unix tool expects and every CSV reader accepts.
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(columns.stream().map(ExportColumn::name).toArray(String[]::new))
                .setRecordSeparator('\n')
                .get();
        return new CsvExport<>(new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), format), columns);
    }

    static <T> void write(Path file, List<ExportColumn<T>> columns, List<T> rows) throws IOException {
        try (CsvExport<T> export = create(file, columns)) {
            for (T row : rows) {
                export.write(row);
            }
        }
    }

    void write(T row) throws IOException {
        for (ExportColumn<T> column : columns) {
            printer.print(column.value().apply(row).map(String::valueOf).orElse(""));
        }
        printer.println();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
