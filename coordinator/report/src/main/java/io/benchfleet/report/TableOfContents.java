package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.unescapeHtml4;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links at the top of report.html to each of its h2 sections, collected from the page once built: a section
 * added to the page gets its link without being named anywhere else. An h2 without an id gets one from its text,
 * and one whose id another element of the page already has gets a numbered one, so that every link leads to its
 * own section.
 */
final class TableOfContents {

    private static final Pattern HEADING = Pattern.compile("<h2\\b([^>]*)>(.*?)</h2>", Pattern.DOTALL);
    // JFreeSVG quotes its attributes with ' where the page's own HTML uses ".
    private static final Pattern ID = Pattern.compile("\\sid=([\"'])(.*?)\\1");
    private static final Pattern ELEMENT_ID = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*?\\sid=([\"'])(.*?)\\2");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private TableOfContents() {
    }

    /**
     * Puts the links at {@code at}, before the first section, and an id on every h2 after it.
     *
     * @param html the page's HTML so far, every text in it already escaped
     */
    static void insert(StringBuilder html, int at) {
        Set<String> taken = idsOutsideHeadings(html);
        StringBuilder links = new StringBuilder("<nav class=\"contents\"><strong>Contents</strong>\n<ol>\n");
        StringBuilder sections = new StringBuilder();
        Matcher heading = HEADING.matcher(html.substring(at));
        while (heading.find()) {
            Matcher named = ID.matcher(heading.group(1));
            String text = heading.group(2);
            String id = unique(named.find() ? named.group(2) : slug(text), taken);
            String otherAttributes = named.replaceAll("");
            links.append("<li><a href=\"#").append(id).append("\">").append(TAG.matcher(text).replaceAll(""))
                    .append("</a></li>\n");
            heading.appendReplacement(sections, Matcher.quoteReplacement(
                    "<h2 id=\"" + id + "\"" + otherAttributes + ">" + text + "</h2>"));
        }
        heading.appendTail(sections);
        html.replace(at, html.length(), links.append("</ol></nav>\n").append(sections).toString());
    }

    private static Set<String> idsOutsideHeadings(CharSequence html) {
        Set<String> ids = new HashSet<>();
        Matcher element = ELEMENT_ID.matcher(html);
        while (element.find()) {
            if (!element.group(1).equalsIgnoreCase("h2")) {
                ids.add(element.group(3));
            }
        }
        return ids;
    }

    private static String unique(String wanted, Set<String> taken) {
        String id = wanted;
        for (int n = 2; taken.contains(id); n++) {
            id = wanted + "-" + n;
        }
        taken.add(id);
        return id;
    }

    /** E.g. {@code failed-tasks} for "Failed tasks": letters and digits, the rest one hyphen. */
    private static String slug(String headingHtml) {
        String slug = unescapeHtml4(TAG.matcher(headingHtml).replaceAll("")).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "section" : slug;
    }
}
