package dev.lensix.input.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Azure Resource Manager on loopback HTTPS, for tests: serves an {@link EmulatedTenant} the way ARM does
 * (subscription listing, listings per provider type and per parent, GETs by id, role assignments at, above
 * and below a scope, {@code nextLink} paging with {@code $skiptoken}), checks the bearer token and the
 * api-version, and injects what real ARM does to clients: latency, 429 with {@code Retry-After}, 500 and 503,
 * connection resets, a subscription that answers 403, and ARM's read throttling (a token bucket of 250 reads
 * per subscription refilled at 25 per second, reported in {@code x-ms-ratelimit-remaining-subscription-reads}).
 *
 * <p>Injected faults are drawn from a seeded random, and one URL never fails more than
 * {@code maxConsecutiveFaults} times in a row, so a client that retries always gets through: tests stay
 * deterministic in outcome whatever the order of requests.
 */
public final class ArmEmulator implements AutoCloseable {

    public static final String DEFAULT_TOKEN = "emulator-token";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately: without TCP_NODELAY every answer waits out the
        // client's delayed ACK (~40 ms). Read once, when the JDK's server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request as the emulator saw it. */
    public record Request(String path, String query, String apiVersion, int status) {
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Config config;
    private final Map<String, ObjectNode> byId = new HashMap<>();
    private final Map<String, List<ObjectNode>> byParent = new HashMap<>();
    private final Map<String, List<ObjectNode>> topLevel = new HashMap<>();
    private final List<ObjectNode> roleAssignments = new ArrayList<>();
    private final List<String> subscriptions;
    private final Random random;
    private final Map<String, AtomicInteger> consecutiveFaults = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong badTokens = new AtomicLong();
    private final ConcurrentLinkedQueue<Request> log = new ConcurrentLinkedQueue<>();

    /** How the emulator behaves; see {@link #builder(EmulatedTenant)}. */
    private record Config(String token, Duration latency, int pageSize, double serverErrorRate, double throttleRate,
                          double resetRate, int maxConsecutiveFaults, long seed, Set<String> forbidden,
                          boolean armThrottling, boolean listOmitsRotationPolicy, int retryAfterSeconds,
                          Set<String> goneOnGet) {
    }

    private ArmEmulator(EmulatedTenant tenant, Config config) throws IOException {
        this.config = config;
        this.random = new Random(config.seed());
        this.subscriptions = tenant.subscriptions();
        for (ObjectNode resource : tenant.resources()) {
            String id = resource.get("id").asText();
            String type = resource.path("type").asText();
            byId.put(key(id), resource);
            byParent.computeIfAbsent(key(parentPath(id)), k -> new ArrayList<>()).add(resource);
            String[] segments = id.split("/");
            if (type.equalsIgnoreCase(EmulatedTenant.ROLE_ASSIGNMENT_TYPE)) {
                roleAssignments.add(resource);
            } else if (type.chars().filter(c -> c == '/').count() == 1 && segments.length > 2) {
                topLevel.computeIfAbsent(key(segments[2] + "|" + type), k -> new ArrayList<>()).add(resource);
            }
        }
        Comparator<ObjectNode> byIdOrder = Comparator.comparing(node -> key(node.get("id").asText()));
        byParent.values().forEach(list -> list.sort(byIdOrder));
        topLevel.values().forEach(list -> list.sort(byIdOrder));
        roleAssignments.sort(byIdOrder);

        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(LoopbackCertificate.get().serverContext()) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters parameters) {
                connections.incrementAndGet(); // called once per TLS connection
                super.configure(parameters);
            }
        });
        this.executor = Executors.newFixedThreadPool(96, runnable -> {
            Thread thread = new Thread(runnable, "arm-emulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder(EmulatedTenant tenant) {
        return new Builder(tenant);
    }

    /** {@code https://127.0.0.1:PORT/}. */
    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public String token() {
        return config.token();
    }

    public long requests() {
        return requests.get();
    }

    /** TLS connections accepted. */
    public long connections() {
        return connections.get();
    }

    /** 429 answers sent, injected or from the throttling bucket. */
    public long throttled() {
        return throttled.get();
    }

    public long serverErrors() {
        return serverErrors.get();
    }

    public long resets() {
        return resets.get();
    }

    /** Requests whose bearer token was not the expected one. */
    public long badTokens() {
        return badTokens.get();
    }

    public List<Request> log() {
        return List.copyOf(log);
    }

    /** How many requests had a path ending in {@code suffix} (lower-case comparison). */
    public long requestsEndingWith(String suffix) {
        String lower = suffix.toLowerCase(Locale.ROOT);
        return log.stream().filter(request -> request.path().endsWith(lower)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            answer(exchange, exchange.getRequestURI().getPath(), parseQuery(exchange.getRequestURI().getRawQuery()));
        } catch (ResetException e) {
            resets.incrementAndGet();
            record(exchange, 0);
            throw e; // the JDK server drops the connection without an answer
        }
    }

    /** Logs the request before its answer goes out, so that a client never sees an answer the log lacks. */
    private void record(HttpExchange exchange, int status) {
        URI uri = exchange.getRequestURI();
        log.add(new Request(uri.getPath().toLowerCase(Locale.ROOT), uri.getRawQuery(),
                parseQuery(uri.getRawQuery()).getOrDefault("api-version", ""), status));
    }

    private int answer(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String apiVersion = query.getOrDefault("api-version", "");
        exchange.getRequestBody().readAllBytes();
        sleep(config.latency());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + config.token()).equals(authorization)) {
            badTokens.incrementAndGet();
            return error(exchange, 401, "InvalidAuthenticationToken", "The access token is invalid.", Map.of());
        }
        if (apiVersion.isEmpty()) {
            return error(exchange, 400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.", Map.of());
        }
        String[] segments = path.replaceAll("^/+|/+$", "").split("/");
        String subscription = segments.length >= 2 && segments[0].equalsIgnoreCase("subscriptions") ? key(segments[1]) : null;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-request-id", "emulated-" + requests.get());

        String fault = drawFault(path + "?" + query);
        if (fault != null) {
            switch (fault) {
                case "reset" -> throw new ResetException();
                case "429" -> {
                    throttled.incrementAndGet();
                    headers.put("Retry-After", Integer.toString(config.retryAfterSeconds()));
                    return error(exchange, 429, "TooManyRequests", "The request is being throttled.", headers);
                }
                default -> {
                    serverErrors.incrementAndGet();
                    int code = fault.equals("500") ? 500 : 503;
                    return error(exchange, code, code == 500 ? "InternalServerError" : "ServiceUnavailable",
                            "The server had an error while processing the request.", headers);
                }
            }
        }
        if (subscription != null) {
            if (config.forbidden().contains(subscription)) {
                return error(exchange, 403, "AuthorizationFailed", "The client '00000000-0000-0000-0000-00000000c11e'"
                        + " with object id '00000000-0000-0000-0000-00000000c11e' does not have authorization to perform"
                        + " action 'Microsoft.Resources/read' over scope '/subscriptions/" + segments[1]
                        + "' or the scope is invalid.", headers);
            }
            if (config.armThrottling()) {
                Bucket bucket = buckets.computeIfAbsent(subscription, k -> new Bucket());
                long remaining = bucket.take();
                if (remaining < 0) {
                    throttled.incrementAndGet();
                    headers.put("Retry-After", Long.toString(bucket.secondsToNextToken()));
                    headers.put(REMAINING, "0");
                    return error(exchange, 429, "TooManyRequests", "Number of 'read' requests for subscription '"
                            + segments[1] + "' actor '00000000-0000-0000-0000-00000000c11e' exceeded.", headers);
                }
                headers.put(REMAINING, Long.toString(remaining));
            } else {
                headers.put(REMAINING, "11999");
            }
        }
        return route(exchange, path, segments, query, headers);
    }

    private static final String REMAINING = "x-ms-ratelimit-remaining-subscription-reads";

    private int route(HttpExchange exchange, String path, String[] segments, Map<String, String> query,
                      Map<String, String> headers) throws IOException {
        if (segments.length == 1 && segments[0].equalsIgnoreCase("subscriptions")) {
            List<ObjectNode> items = new ArrayList<>();
            for (String subscription : subscriptions) {
                ObjectNode item = MAPPER.createObjectNode();
                item.put("id", "/subscriptions/" + subscription);
                item.put("subscriptionId", subscription);
                item.put("tenantId", "00000000-0000-0000-0000-0000000000aa");
                item.put("displayName", "emulated " + subscription.substring(0, 8));
                item.put("state", "Enabled");
                items.add(item);
            }
            return page(exchange, path, query, items, headers, false);
        }
        if (segments.length == 5 && segments[0].equalsIgnoreCase("subscriptions")
                && segments[2].equalsIgnoreCase("providers")) {
            List<ObjectNode> items = topLevel.getOrDefault(key(segments[1] + "|" + segments[3] + "/" + segments[4]), List.of());
            return page(exchange, path, query, items, headers, false);
        }
        String id = "/" + String.join("/", segments);
        if (config.goneOnGet().contains(key(id))) {
            return error(exchange, 404, "ResourceNotFound", "The Resource '" + id + "' was not found.", headers);
        }
        ObjectNode resource = byId.get(key(id));
        if (resource != null) {
            return json(exchange, 200, resource, headers);
        }
        if (key(id).endsWith("/providers/microsoft.authorization/roleassignments")) {
            String scope = key(id.substring(0, id.length() - "/providers/Microsoft.Authorization/roleAssignments".length()));
            List<ObjectNode> items = roleAssignments.stream().filter(assignment -> {
                String at = key(assignment.path("properties").path("scope").asText());
                return scope.startsWith(at + "/") || scope.equals(at) || at.startsWith(scope + "/");
            }).toList();
            return page(exchange, path, query, items, headers, false);
        }
        List<ObjectNode> children = byParent.get(key(id));
        if (children != null) {
            return page(exchange, path, query, children, headers, key(id).endsWith("/keys") && config.listOmitsRotationPolicy());
        }
        if (!key(id).endsWith("/backupencryptionconfigs/backupresourceencryptionconfig") && parentExists(id)) {
            return page(exchange, path, query, List.of(), headers, false);
        }
        return error(exchange, 404, "ResourceNotFound", "The Resource '" + id + "' was not found.", headers);
    }

    private boolean parentExists(String path) {
        String lower = key(path);
        for (String id : byId.keySet()) {
            if (lower.startsWith(id + "/")) {
                return true;
            }
        }
        return false;
    }

    private int page(HttpExchange exchange, String path, Map<String, String> query, List<ObjectNode> items,
                     Map<String, String> headers, boolean omitRotationPolicy) throws IOException {
        int offset = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        int end = Math.min(items.size(), offset + config.pageSize());
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode value = body.putArray("value");
        for (ObjectNode item : items.subList(Math.min(offset, items.size()), end)) {
            ObjectNode copy = item.deepCopy();
            if (omitRotationPolicy && copy.path("properties").isObject()) {
                ((ObjectNode) copy.get("properties")).remove("rotationPolicy");
            }
            value.add(copy);
        }
        if (end < items.size()) {
            body.put("nextLink", endpoint().resolve(path) + "?api-version=" + query.get("api-version")
                    + "&$skiptoken=" + end);
        }
        return json(exchange, 200, body, headers);
    }

    private int error(HttpExchange exchange, int status, String code, String message, Map<String, String> headers)
            throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return json(exchange, status, body, headers);
    }

    private int json(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        record(exchange, status);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    /** null, or which fault to inject for this request; never more than the maximum in a row for one URL. */
    private String drawFault(String url) {
        double total = config.serverErrorRate() + config.throttleRate() + config.resetRate();
        if (total <= 0) {
            return null;
        }
        AtomicInteger row = consecutiveFaults.computeIfAbsent(url, k -> new AtomicInteger());
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (row.get() >= config.maxConsecutiveFaults() || draw >= total) {
            row.set(0);
            return null;
        }
        row.incrementAndGet();
        if (draw < config.resetRate()) {
            return "reset";
        }
        if (draw < config.resetRate() + config.throttleRate()) {
            return "429";
        }
        return draw < config.resetRate() + config.throttleRate() + config.serverErrorRate() / 2 ? "500" : "503";
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    private static String parentPath(String id) {
        int slash = id.lastIndexOf('/');
        return slash <= 0 ? "/" : id.substring(0, slash);
    }

    private static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** ARM's read quota of one subscription: 250 tokens, 25 more every second. */
    private static final class Bucket {
        private double tokens = 250;
        private long updated = System.nanoTime();

        synchronized long take() {
            refill();
            if (tokens < 1) {
                return -1;
            }
            tokens -= 1;
            return (long) Math.floor(tokens);
        }

        synchronized long secondsToNextToken() {
            refill();
            return Math.max(1, (long) Math.ceil((1 - tokens) / 25));
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(250, tokens + (now - updated) / 1e9 * 25);
            updated = now;
        }
    }

    /** Thrown from the handler so that the JDK server closes the connection without answering. */
    private static final class ResetException extends RuntimeException {
        ResetException() {
            super("injected connection reset", null, false, false);
        }
    }

    /** Configures an emulator; every setting has a quiet default (no latency, no faults). */
    public static final class Builder {
        private final EmulatedTenant tenant;
        private String token = DEFAULT_TOKEN;
        private Duration latency = Duration.ZERO;
        private int pageSize = 50;
        private double serverErrorRate;
        private double throttleRate;
        private double resetRate;
        private int maxConsecutiveFaults = 2;
        private long seed = 42;
        private final Set<String> forbidden = new HashSet<>();
        private boolean armThrottling;
        private boolean listOmitsRotationPolicy;
        private int retryAfterSeconds = 1;
        private final Set<String> goneOnGet = new HashSet<>();

        private Builder(EmulatedTenant tenant) {
            this.tenant = tenant;
        }

        public Builder token(String value) {
            this.token = value;
            return this;
        }

        public Builder latency(Duration value) {
            this.latency = value;
            return this;
        }

        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /** Fractions of requests answered 500/503, 429 (with {@code Retry-After}), or dropped without an answer. */
        public Builder faults(double serverErrors, double throttles, double resets) {
            this.serverErrorRate = serverErrors;
            this.throttleRate = throttles;
            this.resetRate = resets;
            return this;
        }

        public Builder maxConsecutiveFaults(int value) {
            this.maxConsecutiveFaults = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Every request under this subscription is answered 403 AuthorizationFailed. */
        public Builder forbidden(String subscription) {
            forbidden.add(subscription.toLowerCase(Locale.ROOT));
            return this;
        }

        /** ARM-like token-bucket throttling per subscription. */
        public Builder armThrottling(boolean value) {
            this.armThrottling = value;
            return this;
        }

        /** Key listings leave out {@code properties.rotationPolicy}, which only a GET of the key returns. */
        public Builder listOmitsRotationPolicy(boolean value) {
            this.listOmitsRotationPolicy = value;
            return this;
        }

        /** The resource is listed by its parent, but a GET of it answers 404 (deleted in between). */
        public Builder goneOnGet(String id) {
            goneOnGet.add(id.toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder retryAfterSeconds(int value) {
            this.retryAfterSeconds = value;
            return this;
        }

        public ArmEmulator start() {
            try {
                return new ArmEmulator(tenant, new Config(token, latency, pageSize, serverErrorRate, throttleRate,
                        resetRate, maxConsecutiveFaults, seed, Set.copyOf(forbidden), armThrottling,
                        listOmitsRotationPolicy, retryAfterSeconds, Set.copyOf(goneOnGet)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the ARM emulator: " + e, e);
            }
        }
    }
}
