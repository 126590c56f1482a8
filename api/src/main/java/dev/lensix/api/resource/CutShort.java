package dev.lensix.api.resource;

import java.util.Set;

/**
 * Recognises values that an exporter cut short and wrote as text instead of data. PowerShell's
 * {@code ConvertTo-Json} descends two levels by default and writes anything deeper as the object's text:
 * {@code "@{keyUri=https://kv.vault.azure.net/keys/k; keyVersion=}"} for an object, items joined by spaces for
 * an array, or a .NET type name for a hashtable or array. Such a value is never parsed as data: what it stands
 * for is not known.
 *
 * <pre>{@code
 * if (CutShort.isPowerShellText(node.textValue())) {
 *     // the export was cut short here: ConvertTo-Json -Depth 100 makes it whole
 * }
 * }</pre>
 */
public final class CutShort {

    /** What to tell a user whose PowerShell export was cut short. */
    public static final String POWERSHELL_ADVICE = "export again with ConvertTo-Json -Depth 100";

    private static final Set<String> DOTNET_TYPE_NAMES = Set.of(
            "System.Collections.Hashtable",
            "System.Object[]",
            "System.Collections.Generic.Dictionary`2[System.String,System.Object]",
            "System.Management.Automation.PSCustomObject");

    private CutShort() {
    }

    /** True for the text PowerShell writes in place of an object or array it did not descend into. */
    public static boolean isPowerShellText(String text) {
        if (text == null || text.length() < 3) {
            return false;
        }
        if (text.startsWith("@{")) {
            return text.endsWith("}");
        }
        return text.startsWith("System.") && DOTNET_TYPE_NAMES.contains(text);
    }
}
