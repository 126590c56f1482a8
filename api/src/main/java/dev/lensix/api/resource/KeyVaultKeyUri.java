package dev.lensix.api.resource;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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
    /** Vault names: 3-24 letters, digits and hyphens; Managed HSM names are alike. */
    private static final Pattern VAULT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    /** Key names: 1-127 letters, digits and hyphens. */
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9-]{1,127}");
    /** Versions are 32 hex digits in practice; accept any letters and digits. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9]{1,64}");

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
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        Optional<String> host = hostOf(uri);
        if (host.isEmpty() || uri.getRawPath() == null) {
            return Optional.empty();
        }
        String path = uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/", -1);
        // "", "keys", name [, version]
        if (segments.length < 3 || segments.length > 4 || !segments[0].isEmpty()
                || !segments[1].equalsIgnoreCase("keys") || !KEY_NAME.matcher(segments[2]).matches()) {
            return Optional.empty();
        }
        Optional<String> version = Optional.empty();
        if (segments.length == 4) {
            if (!VERSION.matcher(segments[3]).matches()) {
                return Optional.empty();
            }
            version = Optional.of(segments[3]);
        }
        String vaultName = host.get().substring(0, host.get().indexOf('.'));
        return Optional.of(new KeyVaultKeyUri(host.get(), vaultName, segments[2], version));
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
        if (vaultUri == null || vaultUri.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(vaultUri.strip());
            String path = uri.getRawPath();
            if (path != null && !path.isEmpty() && !path.chars().allMatch(c -> c == '/')) {
                return Optional.empty();
            }
            return hostOf(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> hostOf(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int dot = host.indexOf('.');
        if (dot < 0 || !VAULT_NAME.matcher(host.substring(0, dot)).matches()) {
            return Optional.empty();
        }
        String suffix = host.substring(dot);
        return VAULT_SUFFIXES.contains(suffix) || HSM_SUFFIXES.contains(suffix) ? Optional.of(host) : Optional.empty();
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
