package dev.lensix.input.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * GETs raw ARM JSON through the SDK's authenticated pipeline (authentication, retries honouring
 * {@code Retry-After}, user agent, lensix's throttle). Only URLs on the Resource Manager endpoint are ever
 * requested: a {@code nextLink} that points anywhere else is refused rather than sent the bearer token.
 */
final class ArmClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final URI endpoint;

    ArmClient(HttpPipeline pipeline, URI endpoint) {
        this.pipeline = pipeline;
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The URL of {@code pathAndQuery} ({@code /subscriptions/...?api-version=...}) on the endpoint. */
    String url(String pathAndQuery) {
        String base = endpoint.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + Urls.encodePath(pathAndQuery);
    }

    /**
     * GETs {@code url} (from {@link #url} or a {@code nextLink}) and parses the JSON body.
     *
     * @throws ArmException when ARM answered with an error after retries, the body is not JSON, the request
     *                      could not be made, or {@code url} is not on the endpoint
     */
    JsonNode get(String url) throws ArmException {
        URL target = checkedUrl(url);
        HttpRequest request = new HttpRequest(HttpMethod.GET, target);
        request.setHeader("Accept", "application/json");
        byte[] body;
        int status;
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            status = response.getStatusCode();
            body = response.getBodyAsBinaryData().toBytes();
        } catch (ClientAuthenticationException e) {
            throw new ArmException(0, "sign-in failed: " + firstLine(e.getMessage()), true);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            throw new ArmException(0, "no answer after retries: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())), false);
        }
        if (status < 200 || status > 299) {
            throw new ArmException(status, describeError(status, body), false);
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ArmException(status, "HTTP " + status + " with a body that is not JSON: "
                    + firstLine(e.getMessage()), false);
        }
    }

    private URL checkedUrl(String url) throws ArmException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ArmException(0, "ARM gave a link that is not a URL: " + firstLine(e.getMessage()), false);
        }
        boolean sameOrigin = "https".equalsIgnoreCase(uri.getScheme())
                && endpoint.getHost().equalsIgnoreCase(uri.getHost())
                && port(endpoint) == port(uri);
        if (!sameOrigin) {
            throw new ArmException(0, "ARM gave a link to another host (" + uri.getScheme() + "://" + uri.getHost()
                    + "), which lensix does not follow with its credentials", false);
        }
        try {
            return uri.toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new ArmException(0, "ARM gave a link that is not a URL: " + firstLine(e.getMessage()), false);
        }
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }

    /** {@code HTTP 403 (AuthorizationFailed): The client ... does not have authorization ...}. */
    static String describeError(int status, byte[] body) {
        String code = "";
        String message = "";
        try {
            JsonNode json = MAPPER.readTree(body);
            JsonNode error = json.has("error") ? json.get("error") : json;
            code = error.path("code").asText("");
            message = error.path("message").asText("");
        } catch (IOException | RuntimeException ignored) {
            message = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (!code.isBlank()) {
            text.append(" (").append(code).append(')');
        }
        if (!message.isBlank()) {
            text.append(": ").append(message);
        }
        return text.toString();
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    /** A request that failed after retries; {@code status} is 0 when there was no HTTP answer. */
    static final class ArmException extends Exception {
        private final int status;
        private final boolean signIn;

        ArmException(int status, String message, boolean signIn) {
            super(message, null, false, false);
            this.status = status;
            this.signIn = signIn;
        }

        int status() {
            return status;
        }

        /** The credential could not sign in, or ARM refused the token: nothing else will work either. */
        boolean signIn() {
            return signIn;
        }

        String code() {
            String message = getMessage();
            int open = message.indexOf(" (");
            int close = message.indexOf(')', open + 1);
            return open >= 0 && close > open ? message.substring(open + 2, close).toLowerCase(Locale.ROOT) : "";
        }
    }
}
