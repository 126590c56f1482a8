package dev.lensix.api.resource;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeyVaultKeyUri} reads plain URIs without {@link URI}: held here to what reading every URI with {@link URI}
 * gives ({@link UriReading}, the reading it replaced), on URIs as ARM writes them and on many near misses.
 */
class KeyVaultKeyUriReadingTest {

    private static final List<String> SEEDS = List.of(
            "https://kv1.vault.azure.net/keys/cmk/0767b348bb1a4c07baa6c4ec0055d2b3",
            "https://KV-Backup.Vault.Azure.Net/keys/Rsv-Cmk",
            "https://kv1.vault.azure.net/",
            "https://kv1.vault.azure.net",
            "https://hsm-1.managedhsm.azure.net/keys/k",
            "https://kv-gov.vault.usgovcloudapi.net:443/keys/k/abc/",
            "https://kv1.vault.azure.cn//keys//k",
            "https://10.0.0.1/keys/k",
            "https://kv1.vault.azure.net./keys/k",
            "https://-kv1.vault.azure.net/keys/k",
            "https://kv1-.vault.azure.net/keys/k",
            "https://kv1.vault.azure.net/keys/k1/v1/extra",
            "HTTPS://kv1.vault.azure.net/KEYS/k1",
            "http\u017f://kv1.vault.azure.net/keys/k1",
            "HTTP\u017f://kv1.vault.azure.net");

    /** Characters a mutation puts in: URI syntax, hostname syntax, blanks, and beyond ASCII some that case-fold to ASCII. */
    private static final String ALPHABET = "aZ09-._/:@?#%~ \tü\u017f\u0130K[]!$&'()*+,;=";

    @Test
    void plainAndOtherUrisReadAsUriReadsThem() {
        Random random = new Random(16);
        List<String> texts = new ArrayList<>(SEEDS);
        for (String seed : SEEDS) {
            for (int n = 0; n < 2_000; n++) {
                texts.add(mutated(seed, random));
            }
        }
        int keys = 0;
        int hosts = 0;
        for (String text : texts) {
            Optional<KeyVaultKeyUri> expected = UriReading.parse(text);
            assertThat(KeyVaultKeyUri.parse(text)).as(text).isEqualTo(expected);
            Optional<String> expectedHost = UriReading.vaultHost(text);
            assertThat(KeyVaultKeyUri.vaultHost(text)).as(text).isEqualTo(expectedHost);
            keys += expected.isPresent() ? 1 : 0;
            hosts += expectedHost.isPresent() ? 1 : 0;
        }
        assertThat(keys).as("mutations that are still key URIs").isGreaterThan(1_000);
        assertThat(hosts).as("mutations that are still vault URIs").isGreaterThan(500);
    }

    /** One to three edits: a character put in, taken out or changed, or one character's case flipped. */
    private static String mutated(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(text.length() + 1);
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0 -> text.insert(at, c);
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, c);
                    }
                }
                default -> {
                    if (at < text.length()) {
                        char old = text.charAt(at);
                        text.setCharAt(at, Character.isUpperCase(old) ? Character.toLowerCase(old) : Character.toUpperCase(old));
                    }
                }
            }
        }
        return text.toString();
    }

    /** Every URI read with {@link URI}. */
    private static final class UriReading {

        private static final Pattern VAULT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
        private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9-]{1,127}");
        private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9]{1,64}");
        private static final List<String> SUFFIXES = List.of(".vault.azure.net", ".vault.azure.cn",
                ".vault.usgovcloudapi.net", ".managedhsm.azure.net", ".managedhsm.azure.cn", ".managedhsm.usgovcloudapi.net");

        static Optional<KeyVaultKeyUri> parse(String text) {
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

        static Optional<String> vaultHost(String vaultUri) {
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
            return SUFFIXES.contains(host.substring(dot)) ? Optional.of(host) : Optional.empty();
        }
    }
}
