package dev.lensix.input.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a file that is not JSON from its first line most likely is, when it is the output of a tool users export with
 * (the Azure CLI's other output formats, PowerShell's formatted display, a compressed file), and how to export JSON
 * instead. Only the start of the file is looked at; nothing here is parsed as data.
 */
final class NotJsonHints {

    /** How much of a file's start is looked at. */
    static final int HEAD_BYTES = 4096;

    private static final String EXPORT_JSON = "export JSON instead: az ... -o json (the CLI's default), or pipe"
            + " PowerShell objects to ConvertTo-Json -Depth 100";
    private static final Pattern DASH_RULE = Pattern.compile("-{2,}( +-{2,})*\\s*");
    private static final Pattern POWERSHELL_LIST = Pattern.compile("[A-Za-z][A-Za-z0-9]* +: .*");
    /** A colour escape as terminals and az's -o jsonc write them, ESC [ 1;32 m: not any ESC byte, as binary data holds. */
    private static final Pattern COLOUR_CODE = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern YAML_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*:( .*)?");

    private NotJsonHints() {
    }

    /** "it looks like ...: export ..." for the start of a file, or empty when it looks like nothing known. */
    static Optional<String> of(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return Optional.of("the file is gzip-compressed: decompress it first (gunzip)");
        }
        String text = decode(head);
        if (COLOUR_CODE.matcher(text).find()) {
            return Optional.of("it holds terminal colour codes, as az ... -o jsonc or -o yamlc write them: " + EXPORT_JSON);
        }
        List<String> lines = text.lines().map(String::stripTrailing).filter(line -> !line.isBlank()).limit(3).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String first = lines.get(0).strip();
        if (first.startsWith("{") || first.startsWith("[")) {
            return Optional.empty(); // JSON that breaks later: the parser's position says where
        }
        if (lines.size() > 1 && DASH_RULE.matcher(lines.get(1).strip()).matches()) {
            return Optional.of("it looks like table output (az ... -o table, or PowerShell's Format-Table display): "
                    + EXPORT_JSON);
        }
        if (POWERSHELL_LIST.matcher(first).matches()) {
            return Optional.of("it looks like PowerShell's formatted display (Format-List, or objects written to a file"
                    + " with Out-File or >): " + EXPORT_JSON);
        }
        if (first.equals("---") || first.startsWith("- ") || YAML_KEY.matcher(first).matches()) {
            return Optional.of("it looks like YAML (az ... -o yaml): " + EXPORT_JSON);
        }
        if (first.indexOf('\t') >= 0) {
            return Optional.of("it looks like tab-separated values (az ... -o tsv): " + EXPORT_JSON);
        }
        return Optional.empty();
    }

    private static String decode(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new String(head, 2, head.length - 2, StandardCharsets.UTF_16LE);
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new String(head, 2, head.length - 2, StandardCharsets.UTF_16BE);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
