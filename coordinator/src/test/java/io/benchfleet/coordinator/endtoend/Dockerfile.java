package io.benchfleet.coordinator.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A Dockerfile's instructions as Docker reads them: continuation lines joined, comment lines dropped. */
record Dockerfile(List<Instruction> instructions) {

    /** E.g. {@code COPY} and {@code pom.xml ./}. */
    record Instruction(String keyword, String arguments) {

        boolean is(String name) {
            return keyword.equals(name);
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            boolean continued = line.endsWith("\\");
            logical.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continued) {
                String[] parts = logical.toString().strip().split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
                logical.setLength(0);
            }
        }
        return new Dockerfile(instructions);
    }

    /** The instructions of the first stage, where the build runs. */
    List<Instruction> buildStage() {
        int next = indexOf("FROM", 1);
        return instructions.subList(0, next < 0 ? instructions.size() : next);
    }

    /** The instructions of the last stage, the image that runs. */
    List<Instruction> finalStage() {
        int last = instructions.size() - 1;
        while (!instructions.get(last).is("FROM")) {
            last--;
        }
        return instructions.subList(last, instructions.size());
    }

    /** The user the image runs as: its last USER instruction. */
    String user() {
        return finalStage().stream().filter(instruction -> instruction.is("USER")).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no USER instruction: the image would run as root"))
                .arguments();
    }

    /** A number that a RUN of the image gives with {@code option}, e.g. the uid of {@code useradd --uid}. */
    int number(String command, String option) {
        return Integer.parseInt(runs(Pattern.compile(Pattern.quote(command) + "\\s.*?" + Pattern.quote(option) + "\\s+(\\d+)"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + command + " " + option + " in the image")));
    }

    /** The folders the image makes owned by {@code user}, with {@code install -d -o USER}. */
    Set<String> foldersOwnedBy(String user) {
        Set<String> folders = new LinkedHashSet<>();
        runs(Pattern.compile("install -d -o " + Pattern.quote(user) + " (?:-g \\S+ )?((?:/\\S+\\s*)+)"))
                .forEach(list -> folders.addAll(List.of(list.strip().split("\\s+"))));
        return folders;
    }

    private Stream<String> runs(Pattern pattern) {
        return finalStage().stream().filter(instruction -> instruction.is("RUN"))
                .map(instruction -> pattern.matcher(instruction.arguments()))
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1));
    }

    private int indexOf(String keyword, int from) {
        for (int i = from; i < instructions.size(); i++) {
            if (instructions.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }
}
