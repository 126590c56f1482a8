package dev.lensix.api.resource;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Key Vault (or Managed HSM) key identifier, {@code https://{vault}.vault.azure.net/keys/{name}[/{version}]},
 * read the way the services read it: scheme and host case-insensitive, an explicit {@code :443} port and a
 * trailing slash tolerated, the key name compared case-insensitively.
 *
 * <pre>{@code
 * Optional<KeyVaultKeyUri> key = KeyVaultKeyUri.parse("https://KV-Backup.vault.azure.net:443/keys/rsv-cmk/0767b348bb1a4c07baa6c4ec0055d2b3");
 * key.get().host();        // "kv-backup.vault.azure.net"
 * key.get().vaultName();   // "kv-backup"
 * key.get().keyName();     // "rsv-cmk"
 * key.get().version();     // Optional[0767b348bb1a4c07baa6c4ec0055d2b3]
 * Optional<Resource> vault = inventory.keyVaultFor(key.get());
 * }</pre>
 *
 * Accepted host suffixes: {@code vault.azure.net}, {@code vault.azure.cn}, {@code vault.usgovcloudapi.net}
 * (Key Vault in the public, China and US Government clouds) and {@code managedhsm.azure.net},
 * {@code managedhsm.azure.cn}, {@code managedhsm.usgovcloudapi.net} (Managed HSM). Anything else is not a key URI.
 *
 * @param host      the host, lower-case, without port ({@code kv-backup.vault.azure.net})
 * @param vaultName the vault's (or HSM's) name, the first label of the host, lower-case
 * @param keyName   the key's name, as written in the URI
 * @param version   the key version, when the URI names one
 */
public record KeyVaultKeyUri(String host, String vaultName, String keyName, Optional<String> version) {

    /** The ARM type of the vaults that hold such keys. */
    public static final String VAULT_TYPE = "Microsoft.KeyVault/vaults";

    private static final List<String> VAULT_SUFFIXES = List.of(".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net");
    private static final List<String> HSM_SUFFIXES =
            List.of(".managedhsm.azure.net", ".managedhsm.azure.cn", ".managedhsm.usgovcloudapi.net");

    public KeyVaultKeyUri {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(vaultName, "vaultName");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Reads a key URI; empty when {@code text} is not an {@code https} URI of a Key Vault or Managed HSM key
     * (another host, another path such as {@code /secrets/...}, a query, user info, a port other than 443).
     */
    public static Optional<KeyVaultKeyUri> parse(String text) {
        Optional<Parts> parts = parts(text);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String host = parts.get().host();
        String path = parts.get().rawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/", -1);
        // "", "keys", name [, version]
        if (segments.length < 3 || segments.length > 4 || !segments[0].isEmpty()
                || !segments[1].equalsIgnoreCase("keys") || !isKeyName(segments[2])) {
            return Optional.empty();
        }
        Optional<String> version = Optional.empty();
        if (segments.length == 4) {
            if (!isVersion(segments[3])) {
                return Optional.empty();
            }
            version = Optional.of(segments[3]);
        }
        String vaultName = host.substring(0, host.indexOf('.'));
        return Optional.of(new KeyVaultKeyUri(host, vaultName, segments[2], version));
    }

    /**
     * The host of a Key Vault's or Managed HSM's own URI ({@code properties.vaultUri}, {@code properties.hsmUri}),
     * lower-case and without port: {@code https://KV1.vault.azure.net:443/} gives {@code kv1.vault.azure.net}.
     * Empty when {@code vaultUri} is not such a URI or has a path other than {@code /}.
     *
     * <pre>{@code
     * KeyVaultKeyUri.vaultHost(vault.text("/properties/vaultUri").orElse(""))   // Optional[kv1.vault.azure.net]
     * }</pre>
     */
    public static Optional<String> vaultHost(String vaultUri) {
        Optional<Parts> parts = parts(vaultUri);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String path = parts.get().rawPath();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) != '/') {
                return Optional.empty();
            }
        }
        return Optional.of(parts.get().host());
    }

    /** A vault's host (lower-case, checked: {@link #hostOf}) and the URI's raw path ({@code ""} for none). */
    private record Parts(String host, String rawPath) {
    }

    /**
     * The host and path of an {@code https} URI of a vault or HSM; empty for any other text. Nearly every URI in ARM
     * is plain ({@link #plainParts}): it is read as {@link URI} reads it without building one, which is most of
     * reading it; any other text is read by {@link URI} itself.
     */
    private static Optional<Parts> parts(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Parts plain = plainParts(text);
        if (plain != null) {
            return hostOf(plain.host()).map(host -> new Parts(host, plain.rawPath()));
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getHost() == null || uri.getRawPath() == null) {
            return Optional.empty();
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            return Optional.empty();
        }
        return hostOf(uri.getHost()).map(host -> new Parts(host, uri.getRawPath()));
    }

    /**
     * {@code https://HOST[/PATH]} written with letters, digits, {@code '-'}, {@code '.'} and {@code '/'} only, whose
     * host is a plain DNS name (labels of letters, digits and inner hyphens, no trailing dot): the parts {@link URI}
     * would give it, with no user info, port, query or fragment and nothing to decode. Null for any other text, which
     * {@link URI} reads. (URI also reads a host whose last label starts with a digit otherwise; no vault suffix does.)
     */
    private static Parts plainParts(String text) {
        int length = text.length();
        if (length <= SCHEME.length()) {
            return null;
        }
        // ASCII only: regionMatches ignoring case would take U+017F (long s) for 's', which URI refuses in a scheme
        for (int i = 0; i < SCHEME.length(); i++) {
            char c = text.charAt(i);
            if ((isAsciiLetter(c) ? (char) (c | 0x20) : c) != SCHEME.charAt(i)) {
                return null;
            }
        }
        for (int i = SCHEME.length(); i < length; i++) {
            char c = text.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '-' && c != '.' && c != '/') {
                return null;
            }
        }
        int slash = text.indexOf('/', SCHEME.length());
        int hostEnd = slash < 0 ? length : slash;
        int labelStart = SCHEME.length();
        if (hostEnd == labelStart) {
            return null;
        }
        for (int i = labelStart; i <= hostEnd; i++) {
            if (i == hostEnd || text.charAt(i) == '.') {
                if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return null; // an empty label or one with a hyphen at an end
                }
                labelStart = i + 1;
            }
        }
        return new Parts(text.substring(SCHEME.length(), hostEnd), slash < 0 ? "" : text.substring(slash));
    }

    private static final String SCHEME = "https://";

    /** The host lower-cased without a trailing dot, when it is a vault's or HSM's: a vault name, then a known suffix. */
    private static Optional<String> hostOf(String uriHost) {
        String host = uriHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int dot = host.indexOf('.');
        if (dot < 0 || !isVaultName(host, dot)) {
            return Optional.empty();
        }
        String suffix = host.substring(dot);
        return VAULT_SUFFIXES.contains(suffix) || HSM_SUFFIXES.contains(suffix) ? Optional.of(host) : Optional.empty();
    }

    /** Vault names: 3-24 letters, digits and hyphens; Managed HSM names are alike. Lower-case here: {@code [a-z0-9][a-z0-9-]{1,62}}. */
    private static boolean isVaultName(String host, int end) {
        if (end < 2 || end > 63 || !isLowerLetterOrDigit(host.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            if (!isLowerLetterOrDigit(host.charAt(i)) && host.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /** Key names: 1-127 letters, digits and hyphens. */
    private static boolean isKeyName(String name) {
        return lettersAndDigits(name, 127, true);
    }

    /** Versions are 32 hex digits in practice; accept any letters and digits, 1 to 64 of them. */
    private static boolean isVersion(String version) {
        return lettersAndDigits(version, 64, false);
    }

    private static boolean lettersAndDigits(String text, int maxLength, boolean hyphens) {
        if (text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAsciiLetterOrDigit(c) && !(hyphens && c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLowerLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** True when the URI names a key version: a service using it stays on that version when the key rotates. */
    public boolean isVersioned() {
        return version.isPresent();
    }

    /** True when the key lives in a Managed HSM ({@code *.managedhsm.azure.net}) rather than a Key Vault. */
    public boolean isManagedHsm() {
        return HSM_SUFFIXES.stream().anyMatch(host::endsWith);
    }

    /** The same key without a version. */
    public KeyVaultKeyUri versionless() {
        return new KeyVaultKeyUri(host, vaultName, keyName, Optional.empty());
    }

    /** True when both name the same key (host and key name compared case-insensitively), whatever the versions. */
    public boolean sameKey(KeyVaultKeyUri other) {
        return host.equalsIgnoreCase(other.host) && keyName.equalsIgnoreCase(other.keyName);
    }

    /** The canonical form, {@code https://host/keys/name[/version]}. */
    @Override
    public String toString() {
        return "https://" + host + "/keys/" + keyName + version.map(v -> "/" + v).orElse("");
    }
}
