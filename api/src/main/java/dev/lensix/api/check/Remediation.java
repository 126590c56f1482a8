package dev.lensix.api.check;

import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How to fix a failing resource: the steps in prose, and the same as {@code az} commands, as
 * Terraform, and as the Azure Policy built-in that audits or enforces it.
 *
 * <pre>{@code
 * Remediation.of("Enable purge protection on the vault.")
 *     .withAzureCli("az keyvault update --name <vault> --enable-purge-protection true")
 *     .withTerraform("purge_protection_enabled = true")
 *     .withAzurePolicy("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53");
 * }</pre>
 *
 * @param summary     the steps and caveats in prose
 * @param azureCli    {@code az} commands, one per line
 * @param terraform   a Terraform snippet (azurerm provider)
 * @param azurePolicy the Azure Policy built-in definition id (or ids, comma-separated)
 */
public record Remediation(String summary, Optional<String> azureCli, Optional<String> terraform,
                          Optional<String> azurePolicy) {

    public Remediation {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(azureCli, "azureCli");
        Objects.requireNonNull(terraform, "terraform");
        Objects.requireNonNull(azurePolicy, "azurePolicy");
    }

    public static Remediation of(String summary) {
        return new Remediation(summary, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Remediation withAzureCli(String commands) {
        return new Remediation(summary, Optional.of(commands), terraform, azurePolicy);
    }

    public Remediation withTerraform(String snippet) {
        return new Remediation(summary, azureCli, Optional.of(snippet), azurePolicy);
    }

    public Remediation withAzurePolicy(String definitionId) {
        return new Remediation(summary, azureCli, terraform, Optional.of(definitionId));
    }

    /** Everything as plain text, for formats without markup (CSV, JUnit). */
    /** The most characters {@link #oneLine()} gives. */
    public static final int ONE_LINE_MAX = 200;

    /**
     * The first sentence of the summary on one line, at most {@value #ONE_LINE_MAX} characters (cut between words,
     * ending in "…" when cut): what a row of a spreadsheet or a SIEM needs; the whole text is in {@link #asPlainText()}.
     */
    public String oneLine() {
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

    public String asPlainText() {
        StringJoiner text = new StringJoiner("\n\n");
        text.add(summary);
        azureCli.ifPresent(commands -> text.add("Azure CLI:\n" + commands));
        terraform.ifPresent(snippet -> text.add("Terraform:\n" + snippet));
        azurePolicy.ifPresent(policy -> text.add("Azure Policy built-in: " + policy));
        return text.toString();
    }
}
