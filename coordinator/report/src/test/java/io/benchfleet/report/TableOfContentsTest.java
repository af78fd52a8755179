package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The links at the top of report.html, and the order and folding that keep a long report usable. */
class TableOfContentsTest {

    private static final Pattern LINK = Pattern.compile("<li><a href=\"#([^\"]+)\">");

    @TempDir
    Path runDirectory;

    @Test
    void linksEveryHeadingGivingThoseWithoutAnIdOneOfTheirOwn() {
        StringBuilder html = new StringBuilder("<h1>report</h1>\n<p>run</p>\n");
        int at = html.length();
        html.append("<h2 id=\"matrices\">Per device</h2>\n<h2>Failed tasks</h2>\n")
                .append("<h2>Suspect tasks (accuracy &lt; chance)</h2>\n<h2 id=\"matrices\">Again</h2>\n")
                .append("<h2 class=\"wide\">Wide <em>one</em></h2>\n")
                .append("<figure><svg id='failed-tasks'></svg></figure>\n");

        TableOfContents.insert(html, at);

        assertThat(html.toString()).startsWith("<h1>report</h1>\n<p>run</p>\n<nav class=\"contents\">")
                .contains("<li><a href=\"#matrices\">Per device</a></li>\n"
                        + "<li><a href=\"#failed-tasks-2\">Failed tasks</a></li>\n"
                        + "<li><a href=\"#suspect-tasks-accuracy-chance\">Suspect tasks (accuracy &lt; chance)</a></li>\n"
                        + "<li><a href=\"#matrices-2\">Again</a></li>\n"
                        + "<li><a href=\"#wide-one\">Wide one</a></li>\n</ol></nav>\n")
                .contains("<h2 id=\"failed-tasks-2\">Failed tasks</h2>", "<h2 id=\"matrices-2\">Again</h2>",
                        "<h2 id=\"wide-one\" class=\"wide\">Wide <em>one</em></h2>");
    }

    @Test
    void linksResolveToOneSectionEachInTheOrderOfTheStudyTablesFirst() throws Exception {
        SweepFixture.create(runDirectory);
        String html = report();

        List<String> links = LINK.matcher(html).results().map(link -> link.group(1)).toList();

        assertThat(links).hasSize((int) Pattern.compile("<h2[ >]").matcher(html).results().count())
                .contains("matrices", "epochs", "curves", "resources", "summary", "environment", "failed-tasks",
                        "tasks");
        assertThat(links).allSatisfy(id -> assertThat(Pattern.compile(" id=[\"']" + Pattern.quote(id) + "[\"']")
                .matcher(html).results().count()).as(id).isEqualTo(1));
        assertThat(links).allSatisfy(id -> assertThat(html).contains("<h2 id=\"" + id + "\">"));
        assertThat(html.indexOf("<nav class=\"contents\">")).isLessThan(html.indexOf("<h2"));
        assertThat(List.of("matrices", "epochs", "curves", "summary", "environment", "failed-tasks", "tasks"))
                .isSortedAccordingTo((a, b) -> Integer.compare(links.indexOf(a), links.indexOf(b)));
        assertThat(html).doesNotContain("<details><summary>every task");
    }

    @Test
    void foldsTheTaskTableOfALargeSweep() throws Exception {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            for (int task = 1; task <= 51; task++) {
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO tasks (task_id, dataset,"
                        + " architecture, device, split, fold, repetition, seed, epochs, batch_size, train_limit,"
                        + " framework, train_fraction) VALUES (?, 'mnist', 'mlp-small', 'cpu', 'standard', 0, ?, 1, 1,"
                        + " 128, 0, 'dl4j', 1)")) {
                    statement.setString(1, "t" + task);
                    statement.setInt(2, task);
                    statement.executeUpdate();
                }
            }
        }

        assertThat(report()).contains("<h2 id=\"tasks\">Tasks</h2>\n<details><summary>every task (51)</summary>\n<table>");
    }

    private String report() throws IOException {
        RunReport.write(runDirectory, Optional.empty(), Map.of());
        return Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));
    }
}
