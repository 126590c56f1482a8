package dev.lensix.reporters.sarif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where a cloud resource "is" for GitHub code scanning, which wants every alert in a file: a relative URI made
 * from the ARM id, and a fingerprint that stays the same for the same check on the same resource.
 *
 * <pre>{@code
 * ResourceLocations.artifactUri("/subscriptions/S/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/kv 1");
 * // "subscriptions/s/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv%201"
 * ResourceLocations.fingerprint("kv_nopurgeprotect", "/subscriptions/S/.../vaults/KV");
 * // 32 hex digits, the same for ".../vaults/kv"
 * }</pre>
 */
public final class ResourceLocations {

    /** The URI used when an id has no usable path segment at all. */
    public static final String UNKNOWN = "unknown-resource";

    private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();

    private ResourceLocations() {
    }

    /**
     * The ARM id as a relative URI reference: lower-cased (ARM ids compare case-insensitively, and one resource
     * must keep one location across scans), split on {@code /}, empty, {@code .} and {@code ..} segments dropped,
     * each segment percent-encoded as UTF-8 except RFC 3986's unreserved characters; no scheme, no leading slash,
     * no spaces.
     */
    public static String artifactUri(String armId) {
        return uriOf(key(armId));
    }

    /** The ARM id as both the URI and the fingerprint read it: cleaned and lower-cased. */
    static String key(String armId) {
        return SarifText.clean(armId).toLowerCase(Locale.ROOT);
    }

    /** {@link #artifactUri} of an id already made a {@link #key}. */
    static String uriOf(String key) {
        StringBuilder uri = new StringBuilder(key.length());
        int end;
        for (int start = 0; start < key.length(); start = end + 1) {
            end = key.indexOf('/', start);
            end = end < 0 ? key.length() : end;
            int length = end - start;
            if (length == 0 || length <= 2 && key.regionMatches(start, "..", 0, length)) {
                continue; // empty, "." or ".."
            }
            if (!uri.isEmpty()) {
                uri.append('/');
            }
            // most segments need no encoding at all: copied as they are up to the first character that does
            int plain = start;
            while (plain < end && isUnreserved(key.charAt(plain))) {
                plain++;
            }
            uri.append(key, start, plain);
            if (plain < end) {
                uri.append(percentEncode(key.substring(plain, end)));
            }
        }
        return uri.isEmpty() ? UNKNOWN : uri.toString();
    }

    /**
     * A source file's path as a URI reference: each segment percent-encoded as {@link #artifactUri} does, case kept
     * (file names are case-sensitive); an absolute path becomes a {@code file:} URI.
     */
    public static String fileUri(String path) {
        StringBuilder uri = new StringBuilder(path.length() + 8);
        String rest = path.replace('\\', '/');
        if (rest.startsWith("/")) {
            uri.append("file://");
        } else if (rest.length() > 2 && isAsciiLetter(rest.charAt(0)) && rest.charAt(1) == ':' && rest.charAt(2) == '/'
                && (path.indexOf('\\') >= 0 || java.io.File.separatorChar == '\\')) {
            // a Windows drive (C:\...), not a relative name with a colon (a:b.json, a folder c: on Linux)
            uri.append("file:///").append(rest, 0, 2);
            rest = rest.substring(2);
        }
        String[] segments = rest.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                uri.append('/');
            }
            uri.append(percentEncode(segments[i]));
        }
        return uri.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static String percentEncode(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX_UPPER.toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /** RFC 3986's unreserved characters: letters, digits, {@code - . _ ~}. */
    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * {@code partialFingerprints.primaryLocationLineHash}: the first 128 bits of SHA-256 over the check id, a
     * line feed and the lower-cased ARM id, as 32 lower-case hex digits. Messages, evidence and severity do not
     * enter it, so an alert keeps its identity while its details change, closes when the resource passes and
     * reopens when it fails again.
     */
    public static String fingerprint(String checkId, String armId) {
        return fingerprintOf(checkId, key(armId));
    }

    /** {@link #fingerprint} with an id already made a {@link #key}. */
    static String fingerprintOf(String checkId, String key) {
        byte[] digest = sha256(checkId + "\n" + key);
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    static byte[] sha256(String text) {
        return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)); // digest() leaves it reset for the next
    }

    /** One digest a thread: looking one up in the security providers costs more than a fingerprint's hashing. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });
}
