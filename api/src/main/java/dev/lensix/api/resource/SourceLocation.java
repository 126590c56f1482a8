package dev.lensix.api.resource;

import java.util.Objects;

/**
 * A place in a source file: the file as reports name it (relative to the source root, with {@code /}, or absolute
 * when it lies outside it), and 1-based line and column.
 *
 * <pre>{@code
 * SourceLocation vault = new SourceLocation("modules/backup/main.tf", 12, 1, 30);
 * vault.describe(); // "modules/backup/main.tf:12:1"
 * }</pre>
 *
 * @param file    the file, {@code /}-separated
 * @param line    the first line, 1 or more
 * @param column  the first column, 1 or more
 * @param endLine the last line, {@code line} or more (a resource block's closing brace)
 */
public record SourceLocation(String file, int line, int column, int endLine) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (file.isBlank()) {
            throw new IllegalArgumentException("a source location names a file");
        }
        if (line < 1 || column < 1 || endLine < line) {
            throw new IllegalArgumentException("line " + line + ", column " + column + ", end line " + endLine
                    + ": lines and columns start at 1 and a location ends where it starts or later");
        }
    }

    /** A place on one line. */
    public static SourceLocation at(String file, int line, int column) {
        return new SourceLocation(file, line, column, line);
    }

    /** True when {@link #file} is relative to the source root. */
    public boolean relative() {
        return !file.startsWith("/") && !(file.length() > 2 && file.charAt(1) == ':');
    }

    /** {@code file:line:column}, the form terminals and editors link. */
    public String describe() {
        return file + ":" + line + ":" + column;
    }
}
