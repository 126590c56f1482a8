package dev.lensix.input.azure;

import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs once for every attempt of every request, after authentication: takes a token from the subscription's
 * throttle bucket (waiting when it is down to its reserve), counts the request and its outcome, keeps the
 * bucket in step with {@code x-ms-ratelimit-remaining-subscription-reads} and {@code Retry-After}, and at
 * debug level logs the request line with its headers, the {@code Authorization} header redacted.
 */
final class ArmRequestPolicy implements HttpPipelinePolicy {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lensix.input.azure.requests");
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/?]+)");
    static final String REMAINING_READS = "x-ms-ratelimit-remaining-subscription-reads";
    static final String REDACTED = "REDACTED";

    private final SubscriptionBuckets buckets;
    private final LiveStats stats;

    ArmRequestPolicy(SubscriptionBuckets buckets, LiveStats stats) {
        this.buckets = buckets;
        this.stats = stats;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpRequest request = context.getHttpRequest();
        String subscription = subscriptionOf(request);
        long wait = subscription == null ? 0 : buckets.reserve(subscription);
        if (wait > 0) {
            stats.waitedNanos.addAndGet(wait);
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the ARM read quota", e);
            }
        }
        long started = System.nanoTime();
        stats.requests.incrementAndGet();
        HttpResponse response;
        try {
            response = next.processSync();
        } catch (RuntimeException e) {
            failed(request, started, e);
            throw e;
        }
        answered(request, subscription, started, response);
        return response;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        HttpRequest request = context.getHttpRequest();
        String subscription = subscriptionOf(request);
        long wait = subscription == null ? 0 : buckets.reserve(subscription);
        Mono<HttpResponse> send = Mono.defer(() -> {
            long started = System.nanoTime();
            stats.requests.incrementAndGet();
            return next.process()
                    .doOnNext(response -> answered(request, subscription, started, response))
                    .doOnError(e -> failed(request, started, e));
        });
        if (wait > 0) {
            stats.waitedNanos.addAndGet(wait);
            return Mono.delay(Duration.ofNanos(wait)).then(send);
        }
        return send;
    }

    private void answered(HttpRequest request, String subscription, long started, HttpResponse response) {
        int status = response.getStatusCode();
        if (status == 429) {
            stats.throttled.incrementAndGet();
        } else if (status >= 500) {
            stats.serverErrors.incrementAndGet();
        }
        if (subscription != null) {
            String remaining = response.getHeaderValue(REMAINING_READS);
            if (remaining != null) {
                try {
                    buckets.observeRemaining(subscription, Long.parseLong(remaining.strip()));
                } catch (NumberFormatException ignored) {
                    // not a number: ARM's quota header is advisory, carry on with the local model
                }
            }
            if (status == 429) {
                buckets.pause(subscription, retryAfterNanos(response));
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms; request headers: {}; {}: {}; x-ms-request-id: {}", request.getHttpMethod(),
                    request.getUrl(), status, (System.nanoTime() - started) / 1_000_000, headers(request),
                    REMAINING_READS, response.getHeaderValue(REMAINING_READS), response.getHeaderValue("x-ms-request-id"));
        }
    }

    private void failed(HttpRequest request, long started, Throwable e) {
        stats.connectionErrors.incrementAndGet();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> no answer after {} ms ({}); request headers: {}", request.getHttpMethod(), request.getUrl(),
                    (System.nanoTime() - started) / 1_000_000, e.toString(), headers(request));
        }
    }

    /** The request's headers for a log line, every credential-bearing one redacted. */
    static String headers(HttpRequest request) {
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        for (HttpHeader header : request.getHeaders()) {
            joined.add(header.getName() + ": " + (isSecret(header.getName()) ? REDACTED : header.getValue()));
        }
        return joined.toString();
    }

    static boolean isSecret(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return name.equals("authorization") || name.contains("token") || name.contains("secret")
                || name.contains("cookie") || name.contains("signature") || name.contains("key")
                || name.contains("credential") || name.contains("auth");
    }

    static String subscriptionOf(HttpRequest request) {
        Matcher matcher = SUBSCRIPTION.matcher(request.getUrl().getPath());
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** How long a 429 asks to wait: {@code x-ms-retry-after-ms}, {@code retry-after-ms} or {@code Retry-After}; 1 s when absent. */
    static long retryAfterNanos(HttpResponse response) {
        for (String header : new String[] {"x-ms-retry-after-ms", "retry-after-ms"}) {
            String value = response.getHeaderValue(header);
            if (value != null) {
                try {
                    return Math.max(0, Long.parseLong(value.strip())) * 1_000_000;
                } catch (NumberFormatException ignored) {
                    // try the next header
                }
            }
        }
        String retryAfter = response.getHeaderValue("Retry-After");
        if (retryAfter != null) {
            try {
                return Math.max(0, Long.parseLong(retryAfter.strip())) * 1_000_000_000;
            } catch (NumberFormatException notSeconds) {
                try {
                    OffsetDateTime at = OffsetDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    return Math.max(0, Duration.between(OffsetDateTime.now(), at).toNanos());
                } catch (RuntimeException notADate) {
                    // fall through to the default
                }
            }
        }
        return 1_000_000_000L;
    }
}
