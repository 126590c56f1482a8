package dev.lensix.input.azure;


import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to reach live Azure: which subscriptions, which identity, which cloud.
 *
 * @param subscriptions subscription ids to scan; empty for every subscription the identity can list
 * @param tenant        the Entra ID tenant to sign in to; empty for the credential's default
 * @param auth          which credential signs in
 * @param cloud         which Azure cloud
 * @param armEndpoint   another Resource Manager endpoint (Azure Stack Hub, an emulator); empty for the cloud's own
 * @param concurrency   at most this many requests in flight
 * @param tuning        retries and timeouts
 */
public record LiveSettings(List<String> subscriptions, Optional<String> tenant, AuthMode auth, Cloud cloud,
                           Optional<URI> armEndpoint, int concurrency, Tuning tuning) {

    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int MAX_CONCURRENCY = 256;

    public LiveSettings {
        subscriptions = List.copyOf(subscriptions);
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(armEndpoint, "armEndpoint");
        Objects.requireNonNull(tuning, "tuning");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY);
        }
    }

    /** Validates command-line values and makes settings of them. */
    public static LiveSettings parse(List<String> subscriptions, String tenant, String auth, String cloud,
                                     String armEndpoint, int concurrency) throws SettingsException {
        for (String subscription : subscriptions) {
            if (!subscription.strip().matches("[0-9A-Za-z-]{1,64}")) {
                throw new SettingsException("--subscription '" + subscription + "' is not a subscription id");
            }
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new SettingsException("--concurrency " + concurrency + " is not between 1 and " + MAX_CONCURRENCY);
        }
        AuthMode mode = AuthMode.parse(auth);
        Optional<String> tenantId = Optional.ofNullable(tenant).map(String::strip).filter(value -> !value.isEmpty());
        if (tenantId.isPresent() && !tenantId.get().matches("[0-9A-Za-z.-]{1,253}")) {
            throw new SettingsException("--tenant '" + tenant + "' is not a tenant id or domain");
        }
        if (tenantId.isPresent() && mode == AuthMode.ENV) {
            throw new SettingsException("--tenant does not apply to --auth env: set AZURE_TENANT_ID");
        }
        if (tenantId.isPresent() && mode == AuthMode.MANAGED_IDENTITY) {
            throw new SettingsException("--tenant does not apply to --auth managed-identity: the identity belongs to one tenant");
        }
        Optional<URI> endpoint = Optional.empty();
        if (armEndpoint != null && !armEndpoint.isBlank()) {
            URI uri;
            try {
                uri = URI.create(armEndpoint.strip());
            } catch (IllegalArgumentException e) {
                throw new SettingsException("--arm-endpoint '" + armEndpoint + "' is not a URL");
            }
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new SettingsException("--arm-endpoint '" + armEndpoint + "' must be an https:// URL"
                        + " (Azure credentials are never sent over plain http)");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new SettingsException("--arm-endpoint '" + armEndpoint + "' must be a plain https://host[:port]/ URL");
            }
            endpoint = Optional.of(uri);
        }
        return new LiveSettings(subscriptions.stream().map(String::strip).distinct().toList(), tenantId, mode,
                Cloud.parse(cloud), endpoint, concurrency, Tuning.DEFAULT);
    }

    public LiveSettings withTuning(Tuning other) {
        return new LiveSettings(subscriptions, tenant, auth, cloud, armEndpoint, concurrency, other);
    }

    /** The credential that signs in, each an explicit azure-identity credential. */
    public enum AuthMode {
        /** DefaultAzureCredential: environment, workload identity, managed identity, then developer tools. */
        DEFAULT("default"),
        /** The Azure CLI's signed-in account ({@code az login}). */
        CLI("cli"),
        /** A service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or a certificate. */
        ENV("env"),
        /** The managed identity of the VM, App Service, Functions or Container Apps host (AZURE_CLIENT_ID for a user-assigned one). */
        MANAGED_IDENTITY("managed-identity"),
        /** Workload identity federation (AKS, GitHub Actions through AZURE_FEDERATED_TOKEN_FILE). */
        WORKLOAD_IDENTITY("workload-identity");

        private final String option;

        AuthMode(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }

        public static AuthMode parse(String value) throws SettingsException {
            for (AuthMode mode : values()) {
                if (mode.option.equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return mode;
                }
            }
            throw new SettingsException("--auth '" + value + "' is not one of " + names(values()));
        }
    }

    /** The Azure clouds lensix knows the endpoints of. */
    public enum Cloud {
        AZURE_CLOUD("AzureCloud"),
        AZURE_CHINA_CLOUD("AzureChinaCloud"),
        AZURE_US_GOVERNMENT("AzureUSGovernment");

        private final String option;

        Cloud(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }

        public static Cloud parse(String value) throws SettingsException {
            for (Cloud cloud : values()) {
                if (cloud.option.equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return cloud;
                }
            }
            throw new SettingsException("--cloud '" + value + "' is not one of " + names(values()));
        }
    }

    /**
     * Retries and timeouts. Each request is tried up to {@code 1 + maxRetries} times on 408, 429, 5xx and
     * connection failures, waiting as {@code Retry-After} says or backing off exponentially from {@code baseDelay}.
     */
    public record Tuning(int maxRetries, Duration baseDelay, Duration maxDelay, Duration responseTimeout) {
        public static final Tuning DEFAULT = new Tuning(6, Duration.ofMillis(800), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> value instanceof AuthMode mode ? mode.option
                : ((Cloud) value).option).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "LiveSettings[subscriptions=" + subscriptions + ", tenant=" + tenant.orElse("(default)") + ", auth="
                + auth.option() + ", cloud=" + cloud.option() + ", armEndpoint=" + armEndpoint.map(URI::toString)
                .orElse("(cloud's)") + ", concurrency=" + concurrency + "]";
    }
}
