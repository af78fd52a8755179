package io.benchfleet.report;

import java.util.Optional;
import java.util.function.Function;

/**
 * One column of an export: its name (CSV header and report.json field) and how to read it from a
 * row; empty means unknown and becomes an empty CSV cell or a JSON null.
 */
record ExportColumn<T>(String name, Function<T, Optional<?>> value) {
}
