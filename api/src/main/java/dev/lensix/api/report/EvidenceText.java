package dev.lensix.api.report;

import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;

import java.util.ArrayList;
import java.util.List;

/**
 * A result's evidence as people read it, in as few bytes as says it whole: the one rendering that text reports
 * (CSV cells, JUnit failure texts) share. Machine-readable evidence, one object per observation, is SARIF's.
 *
 * <ul>
 *   <li>Observations follow each other in reading order, {@code path = value}; consecutive observations of the same
 *       resource share one line, separated by {@code "; "}.</li>
 *   <li>A line about the result's own resource has no prefix. A line about another resource starts with that
 *       resource and {@code ": "}, written as
 *       <ul>
 *         <li>{@code ./REST} when it lies beneath the result's resource (a child, or an extension resource such as a
 *             diagnostic setting): the id less the result's id;</li>
 *         <li>{@code LABEL} or {@code LABEL/REST} when an earlier observation of the result's own resource, labelled
 *             {@code LABEL}, had that resource's id (or the id it lies beneath) as its value: {@code keyVault =
 *             /subscriptions/.../vaults/kv-prod} is followed by {@code keyVault: properties.enableSoftDelete = true}
 *             and {@code keyVault/keys/cmk: properties.attributes.enabled = true};</li>
 *         <li>its full ARM id otherwise.</li>
 *       </ul></li>
 * </ul>
 *
 * <pre>{@code
 * EvidenceText.of(result.resource().id(), result.evidence());
 * // properties.encryption.keyVaultProperties.keyUri = "https://kv-prod.vault.azure.net/keys/cmk"; keyVault = /subscriptions/.../vaults/kv-prod
 * // keyVault: properties.enableSoftDelete = true; properties.enablePurgeProtection = true
 * // ./backupEncryptionConfigs/backupResourceEncryptionConfig: properties.encryptionAtRestType = "CustomerManaged"
 * }</pre>
 */
public final class EvidenceText {


    private EvidenceText() {
    }

    /** The evidence of a result about {@code resourceId}, lines separated by LF, without a final one; empty for none. */
    public static String of(String resourceId, Evidence evidence) {
        List<Observation> observations = evidence.observations();
        if (observations.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(64 * observations.size());
        List<String[]> aliases = new ArrayList<>(2); // {id, label}
        String lineResource = null;
        for (Observation observation : observations) {
            String about = observation.resourceId();
            boolean own = about.equalsIgnoreCase(resourceId);
            if (lineResource != null && about.equals(lineResource)) {
                text.append("; ");
            } else {
                if (lineResource != null) {
                    text.append('\n');
                }
                if (!own) {
                    text.append(shortName(about, resourceId, aliases)).append(": ");
                }
                lineResource = about;
            }
            text.append(observation.path()).append(" = ").append(observation.value());
            if (own && observation.present() && isLabel(observation.path())) {
                String value = unquoted(observation.value());
                if (value.regionMatches(true, 0, "/subscriptions/", 0, 15) && value.indexOf(' ') < 0) {
                    aliases.add(new String[] {value, observation.path()});
                }
            }
        }
        return text.toString();
    }

    /**
     * What a label must look like to stand for a resource: a plain name without dots ({@code [A-Za-z][A-Za-z0-9_-]{0,63}}),
     * so that it cannot be read as a JSON path. Checked for every observation, so without a regular expression.
     */
    static boolean isLabel(String path) {
        int length = path.length();
        if (length == 0 || length > 64 || !isAsciiLetter(path.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = path.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Ids compared ignoring case, character by character, as ARM compares them; nothing lower-cased per line. */
    private static String shortName(String about, String resourceId, List<String[]> aliases) {
        if (!resourceId.isEmpty() && beneath(about, resourceId)) {
            return "." + about.substring(resourceId.length());
        }
        for (String[] alias : aliases) {
            if (about.equalsIgnoreCase(alias[0])) {
                return alias[1];
            }
            if (beneath(about, alias[0])) {
                return alias[1] + about.substring(alias[0].length());
            }
        }
        return about;
    }

    private static boolean beneath(String id, String parent) {
        return id.length() > parent.length() + 1 && id.charAt(parent.length()) == '/'
                && id.regionMatches(true, 0, parent, 0, parent.length());
    }

    /** A JSON string's text without its quotes when it needs no unescaping; anything else as it is. */
    private static String unquoted(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                && value.indexOf('\\') < 0) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
