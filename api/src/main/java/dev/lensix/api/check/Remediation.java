package dev.lensix.api.check;

import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How to fix a failing resource: the steps in prose, and the same as {@code az} commands, as
 * Terraform, and as the Azure Policy built-in that audits or enforces it; and the one line a CSV row carries.
 *
 * <pre>{@code
 * Remediation.of("Enable purge protection on the vault. It cannot be turned off again ...")
 *     .withOneLine("Turn purge protection on.")
 *     .withAzureCli("az keyvault update --name <vault> --enable-purge-protection true")
 *     .withTerraform("purge_protection_enabled = true")
 *     .withAzurePolicy("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53");
 * }</pre>
 *
 * @param summary     the steps and caveats in prose
 * @param azureCli    {@code az} commands, one per line
 * @param terraform   a Terraform snippet (azurerm provider)
 * @param azurePolicy the Azure Policy built-in definition id (or ids, comma-separated)
 * @param line        the whole remediation in one line of at most {@value #ONE_LINE_MAX} characters, when the summary's
 *                    first sentence is not that line ({@link #oneLine()})
 */
public record Remediation(String summary, Optional<String> azureCli, Optional<String> terraform,
                          Optional<String> azurePolicy, Optional<String> line) {

    public Remediation {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(azureCli, "azureCli");
        Objects.requireNonNull(terraform, "terraform");
        Objects.requireNonNull(azurePolicy, "azurePolicy");
        Objects.requireNonNull(line, "line");
        line.ifPresent(text -> {
            if (text.isBlank() || text.length() > ONE_LINE_MAX || text.chars().anyMatch(c -> c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("a remediation's one line must be one line of 1 to " + ONE_LINE_MAX
                        + " characters, not: " + text);
            }
        });
    }

    /** A remediation whose one line is the first sentence of its summary. */
    public Remediation(String summary, Optional<String> azureCli, Optional<String> terraform, Optional<String> azurePolicy) {
        this(summary, azureCli, terraform, azurePolicy, Optional.empty());
    }

    public static Remediation of(String summary) {
        return new Remediation(summary, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Remediation withAzureCli(String commands) {
        return new Remediation(summary, Optional.of(commands), terraform, azurePolicy, line);
    }

    public Remediation withTerraform(String snippet) {
        return new Remediation(summary, azureCli, Optional.of(snippet), azurePolicy, line);
    }

    public Remediation withAzurePolicy(String definitionId) {
        return new Remediation(summary, azureCli, terraform, Optional.of(definitionId), line);
    }

    /**
     * The one line {@link #oneLine()} gives, said outright: for a summary whose first sentence leads into steps
     * ("... in three steps:") or runs past {@value #ONE_LINE_MAX} characters.
     *
     * @throws IllegalArgumentException when {@code text} is blank, longer, or more than one line
     */
    public Remediation withOneLine(String text) {
        return new Remediation(summary, azureCli, terraform, azurePolicy, Optional.of(text));
    }

    /** The most characters {@link #oneLine()} gives. */
    public static final int ONE_LINE_MAX = 200;

    /**
     * What a row of a spreadsheet or a SIEM needs: the {@link #line} given, else the first sentence of the summary on one
     * line, at most {@value #ONE_LINE_MAX} characters (cut between words, ending in "…" when cut); the whole text is in
     * {@link #asPlainText()}.
     */
    public String oneLine() {
        if (line.isPresent()) {
            return line.get();
        }
        String flat = summary.strip().replaceAll("\\s+", " ");
        int end = flat.length();
        for (int i = 0; i + 1 < flat.length(); i++) {
            char c = flat.charAt(i);
            if ((c == '.' || c == ':' || c == ';') && flat.charAt(i + 1) == ' ') {
                end = i + 1;
                break;
            }
        }
        String sentence = flat.substring(0, end);
        if (sentence.endsWith(":") || sentence.endsWith(";")) {
            sentence = sentence.substring(0, sentence.length() - 1) + "…";
        }
        if (sentence.length() <= ONE_LINE_MAX) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', ONE_LINE_MAX - 1);
        if (cut < ONE_LINE_MAX / 2) {
            cut = ONE_LINE_MAX - 1;
        }
        if (Character.isHighSurrogate(sentence.charAt(cut - 1))) {
            cut--;
        }
        return sentence.substring(0, cut).stripTrailing() + "…";
    }

    /** Everything as plain text, for formats without markup (CSV, JUnit). */
    public String asPlainText() {
        StringJoiner text = new StringJoiner("\n\n");
        text.add(summary);
        azureCli.ifPresent(commands -> text.add("Azure CLI:\n" + commands));
        terraform.ifPresent(snippet -> text.add("Terraform:\n" + snippet));
        azurePolicy.ifPresent(policy -> text.add("Azure Policy built-in: " + policy));
        return text.toString();
    }
}
