package dev.lensix.input.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.ScanProblem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of lensix's own snapshot format, written by {@code lensix collect}: an ARM list page
 * ({@code {"value": [...]}}) with one more member, {@code "lensix"}, that records exactly which
 * collections were made for which scope. Any tool that reads ARM list pages reads the resources;
 * lensix also reads the header, so coverage is what the collection saw.
 *
 * <pre>{@code
 * {"lensix": {"format": "lensix-snapshot", "formatVersion": 1, "tool": "lensix 0.1.0",
 *             "collectedAt": "2026-01-01T00:00:00Z", "scope": ["/subscriptions/0b1f..."],
 *             "collections": [
 *               {"type": "Microsoft.KeyVault/vaults", "scope": "/subscriptions/0b1f...", "collected": true},
 *               {"type": "Microsoft.KeyVault/vaults/keys", "scope": "/subscriptions/.../vaults/kv1",
 *                "collected": false, "reason": "HTTP 403 Forbidden (AuthorizationFailed): ..."}],
 *             "problems": [{"source": "azure", "message": "..."}]},
 *  "value": [ ...ARM resources... ]}
 * }</pre>
 */
public final class SnapshotHeader {

    public static final String FIELD = "lensix";
    public static final String FORMAT = "lensix-snapshot";
    public static final int FORMAT_VERSION = 1;

    /**
     * @param ledger   the collections recorded
     * @param problems what the collection met beyond single collections
     */
    public record Contents(CollectionLedger ledger, List<ScanProblem> problems) {
    }

    private SnapshotHeader() {
    }

    /** The header of a collection. */
    public static ObjectNode of(String tool, Instant collectedAt, List<String> scope, CollectionLedger ledger,
                                List<ScanProblem> problems) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode header = json.objectNode();
        header.put("format", FORMAT);
        header.put("formatVersion", FORMAT_VERSION);
        header.put("tool", tool);
        header.put("collectedAt", collectedAt.toString());
        ArrayNode scopes = header.putArray("scope");
        scope.forEach(scopes::add);
        ArrayNode collections = header.putArray("collections");
        for (CollectionLedger.Entry entry : ledger.entries()) {
            ObjectNode item = collections.addObject();
            item.put("type", entry.type());
            item.put("scope", entry.scope());
            item.put("collected", entry.coverage().collected());
            if (!entry.coverage().collected()) {
                item.put("reason", entry.coverage().reason());
            }
        }
        ArrayNode problemList = header.putArray("problems");
        for (ScanProblem problem : problems) {
            problemList.addObject().put("source", problem.source()).put("message", problem.message());
        }
        return header;
    }

    /** Reads a header; {@code name} is used in error messages. */
    static Contents read(String name, JsonNode header) throws InputException {
        String where = name + ": the \"" + FIELD + "\" header";
        if (!header.isObject()) {
            throw new InputException(where + " must be an object");
        }
        if (!FORMAT.equals(header.path("format").asText(null))) {
            throw new InputException(where + " has format " + header.path("format") + ", expected \"" + FORMAT + "\"");
        }
        JsonNode version = header.path("formatVersion");
        if (!version.isInt() || version.intValue() < 1) {
            throw new InputException(where + " has no valid formatVersion");
        }
        if (version.intValue() > FORMAT_VERSION) {
            throw new InputException(where + " is format version " + version.intValue()
                    + ", written by a newer lensix; this one reads version " + FORMAT_VERSION);
        }
        JsonNode collections = header.path("collections");
        if (!collections.isArray()) {
            throw new InputException(where + " has no \"collections\" array");
        }
        List<CollectionLedger.Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode item : collections) {
            String at = where + ", collections element " + index++ + ": ";
            JsonNode type = item.path("type");
            JsonNode scope = item.path("scope");
            JsonNode collected = item.path("collected");
            if (!type.isTextual() || type.asText().isBlank() || !scope.isTextual() || scope.asText().isBlank()
                    || !collected.isBoolean()) {
                throw new InputException(at + "needs a \"type\" and a \"scope\" string and a \"collected\" boolean");
            }
            if (collected.booleanValue()) {
                entries.add(CollectionLedger.Entry.collected(type.asText(), scope.asText()));
            } else {
                JsonNode reason = item.path("reason");
                entries.add(CollectionLedger.Entry.notCollected(type.asText(), scope.asText(),
                        reason.isTextual() ? reason.asText() : "not collected (no reason recorded)"));
            }
        }
        List<ScanProblem> problems = new ArrayList<>();
        for (JsonNode problem : header.path("problems")) {
            problems.add(new ScanProblem(problem.path("source").asText("input"), problem.path("message").asText("")));
        }
        return new Contents(CollectionLedger.of(entries), problems);
    }
}
