package io.benchfleet.coordinator.endtoend;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * The patterns of a {@code .dockerignore}, matched as Docker matches them: from the build context's root, {@code **}
 * for any number of folders (none too), the last matching pattern deciding ({@code !} keeps a path in), and a folder
 * left out with all it holds.
 */
record DockerIgnore(List<String> patterns) {

    /** No file leaves nothing out. */
    static DockerIgnore read(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return new DockerIgnore(lines.stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
    }

    boolean leavesOut(String path) {
        boolean out = false;
        for (String pattern : patterns) {
            boolean keeps = pattern.startsWith("!");
            if (matches(keeps ? pattern.substring(1) : pattern, Path.of(path))) {
                out = !keeps;
            }
        }
        return out;
    }

    private static boolean matches(String pattern, Path path) {
        for (int names = 1; names <= path.getNameCount(); names++) {
            Path folderOrPath = path.subpath(0, names);
            if (glob(pattern).matches(folderOrPath)
                    || pattern.startsWith("**/") && glob(pattern.substring(3)).matches(folderOrPath)) {
                return true;
            }
        }
        return false;
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
