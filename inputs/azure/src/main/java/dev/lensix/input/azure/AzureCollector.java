package dev.lensix.input.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.Input;
import dev.lensix.api.input.InputException;
import dev.lensix.input.azure.ArmClient.ArmException;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects from live Azure what a set of checks reads, through azure-identity and the resource manager's
 * HTTP pipeline. The only class outside this package that the rest of lensix uses to reach Azure.
 *
 * <pre>{@code
 * try (AzureCollector azure = AzureCollector.connect(settings, "lensix/" + version)) {
 *     Collected collected = azure.collect(descriptors);
 * }
 * }</pre>
 *
 * As an {@link Input}, {@link #read} is {@link #collect}, with an interruption reported as input that could not be read.
 */
public final class AzureCollector implements Input, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AzureCollector.class);

    /** What tests use instead of a real sign-in and the JDK's trust store; null in production. */
    private static volatile TestAccess testAccess;

    private record TestAccess(TokenCredential credential, SslContext trust, LiveSettings.Tuning tuning) {
    }

    private final LiveSettings settings;
    private final AzureEnvironment environment;
    private final TokenCredential credential;
    private final ConnectionProvider connections;
    private final ArmClient client;
    private final LiveStats stats = new LiveStats();
    private final SubscriptionBuckets buckets = new SubscriptionBuckets();

    private AzureCollector(LiveSettings settings, String applicationId, AzureEnvironment environment,
                           TokenCredential credential, SslContext trust) {
        this.settings = settings;
        this.environment = environment;
        this.credential = credential;
        this.connections = ConnectionProvider.builder("lensix-arm")
                .maxConnections(settings.concurrency() + 8)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create(connections);
        if (trust != null) {
            netty = netty.secure(spec -> spec.sslContext(trust));
        }
        LiveSettings.Tuning tuning = settings.tuning();
        HttpClient http = new NettyAsyncHttpClientBuilder(netty)
                .responseTimeout(tuning.responseTimeout())
                .readTimeout(tuning.responseTimeout())
                .build();
        RetryPolicy retry = new RetryPolicy(new ExponentialBackoff(new ExponentialBackoffOptions()
                .setMaxRetries(tuning.maxRetries())
                .setBaseDelay(tuning.baseDelay())
                .setMaxDelay(tuning.maxDelay())));
        HttpLogOptions logOptions = new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE)
                .setApplicationId(applicationId);
        AzureProfile profile = new AzureProfile(settings.tenant().orElse(null), null, environment);
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null, logOptions, null,
                retry, List.of(new ArmRequestPolicy(buckets, stats)), http);
        this.client = new ArmClient(pipeline, URI.create(environment.getResourceManagerEndpoint()));
    }

    /**
     * Prepares the credential and the HTTP pipeline; nothing is sent until {@link #collect}.
     *
     * @param applicationId what every request names as its application in the User-Agent: {@code lensix/0.1.0}
     * @throws InputException when the credential cannot be set up (a workload identity without its token file)
     */
    public static AzureCollector connect(LiveSettings settings, String applicationId) throws InputException {
        TestAccess test = testAccess;
        AzureEnvironment environment = environment(settings);
        if (test != null) {
            LiveSettings tuned = test.tuning() == null ? settings : settings.withTuning(test.tuning());
            return new AzureCollector(tuned, applicationId, environment, test.credential(), test.trust());
        }
        TokenCredential credential;
        try {
            credential = Credentials.create(settings, environment);
        } catch (RuntimeException e) {
            throw new InputException("cannot set up --auth " + settings.auth().option() + ": "
                    + ArmClient.firstLine(e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        return new AzureCollector(settings, applicationId, environment, credential, null);
    }

    /**
     * For tests against an ARM emulator on loopback: every collector connected until the returned handle is
     * closed signs in with {@code credential}, trusts the server through {@code trust}, and retries as
     * {@code tuning} says (null keeps the default).
     */
    public static AutoCloseable overrideAccessForTests(TokenCredential credential, SslContext trust,
                                                       LiveSettings.Tuning tuning) {
        testAccess = new TestAccess(credential, trust, tuning);
        return () -> testAccess = null;
    }

    /** The cloud's endpoints, with only the Resource Manager endpoint replaced when {@code --arm-endpoint} is given. */
    static AzureEnvironment environment(LiveSettings settings) {
        AzureEnvironment cloud = switch (settings.cloud()) {
            case AZURE_CLOUD -> AzureEnvironment.AZURE;
            case AZURE_CHINA_CLOUD -> AzureEnvironment.AZURE_CHINA;
            case AZURE_US_GOVERNMENT -> AzureEnvironment.AZURE_US_GOVERNMENT;
        };
        if (settings.armEndpoint().isEmpty()) {
            return cloud;
        }
        Map<String, String> endpoints = new HashMap<>(cloud.getEndpoints());
        String endpoint = settings.armEndpoint().get().toString();
        endpoints.put("resourceManagerEndpointUrl", endpoint.endsWith("/") ? endpoint : endpoint + "/");
        return new AzureEnvironment(endpoints);
    }

    /** Counters of the collection, updated while it runs. */
    public LiveStats stats() {
        return stats;
    }

    /** The Resource Manager endpoint requests go to. */
    public URI endpoint() {
        return client.endpoint();
    }

    /**
     * Signs in, finds the subscriptions (the ones given, or every one the identity can list) and collects
     * what {@code checks} read. A collection that fails after retries is recorded as not collected with its
     * reason; only a failed sign-in or subscription listing stops the collection.
     *
     * @throws InputException when the credential cannot sign in, or the subscriptions cannot be listed
     */
    public Collected collect(List<CheckDescriptor> checks) throws InputException, InterruptedException {
        CollectionPlan plan = CollectionPlan.of(checks);
        LOG.debug("collecting {} with {}", plan.requestedTypes(), settings);
        signIn();
        List<String> subscriptions = settings.subscriptions().isEmpty() ? listSubscriptions() : settings.subscriptions();
        try (FairScheduler scheduler = new FairScheduler(settings.concurrency(), buckets::readyIn)) {
            return new LiveCollection(client, plan, scheduler, stats).run(subscriptions);
        } catch (ArmException e) {
            throw new InputException("cannot sign in to Azure with --auth " + settings.auth().option() + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@link #collect}, for a scan: an interruption is an {@link InputException}, with the thread's interrupt status kept. */
    @Override
    public Collected read(List<CheckDescriptor> checks) throws InputException {
        try {
            return collect(checks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while collecting from Azure", e);
        }
    }

    private void signIn() throws InputException {
        try {
            String scope = ResourceManagerUtils.getDefaultScopeFromRequest(
                    new HttpRequest(HttpMethod.GET, new URL(environment.getResourceManagerEndpoint())), environment);
            TokenRequestContext request = new TokenRequestContext().addScopes(scope);
            settings.tenant().ifPresent(request::setTenantId);
            if (credential.getTokenSync(request) == null) {
                throw new IllegalStateException("the credential returned no token");
            }
        } catch (java.net.MalformedURLException e) {
            throw new InputException("the Resource Manager endpoint is not a URL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InputException("cannot sign in to Azure with --auth " + settings.auth().option() + ": "
                    + ArmClient.firstLine(e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private List<String> listSubscriptions() throws InputException {
        Set<String> ids = new LinkedHashSet<>();
        String url = client.url("/subscriptions?api-version=" + ArmTypes.SUBSCRIPTIONS_API_VERSION);
        try {
            while (url != null) {
                JsonNode page = client.get(url);
                for (JsonNode subscription : page.path("value")) {
                    String id = subscription.path("subscriptionId").asText("");
                    if (!id.isBlank()) {
                        ids.add(id);
                    }
                }
                JsonNode next = page.path("nextLink");
                url = next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
            }
        } catch (ArmException e) {
            throw new InputException("cannot list the subscriptions the identity can see: " + e.getMessage()
                    + " (name them with --subscription)", e);
        }
        if (ids.isEmpty()) {
            throw new InputException("the identity can see no subscription; name one with --subscription");
        }
        return new ArrayList<>(ids);
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
