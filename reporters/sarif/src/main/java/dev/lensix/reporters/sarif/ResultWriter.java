package dev.lensix.reporters.sarif;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.lensix.api.check.Observation;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.AbsentResult;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.resource.SourceLocation;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Writes FAIL results, and ERROR results as tool execution notifications, straight to the generator: the
 * properties of java-sarif's {@code Result} and {@code Notification} in its order, {@code level} always written,
 * property bag keys sorted. Both carry the resource's location and these properties:
 *
 * <pre>{@code
 * "properties": {
 *   "evidence": [{"path": "properties.enablePurgeProtection", "value": "false", "present": true},
 *                {"resourceId": "/subscriptions/.../vaults/kv-prod/keys/cmk", "path": "properties.attributes.enabled",
 *                 "value": "true", "present": true}],
 *   "resource": {"id": "...", "type": "Microsoft.KeyVault/vaults", "name": "kv-prod", "subscriptionId": "...",
 *                "resourceGroup": "...", "location": "westeurope"},
 *   "severity": "critical",                  // only when the check raised or lowered its rule's severity
 *   "status": "ERROR"                        // notifications only
 * }
 * }</pre>
 *
 * An observation names its {@code resourceId} only when it is about another resource than the result's, and the
 * severity is the rule's {@code properties.severity} unless the result says otherwise: each fact said once.
 */
final class ResultWriter {

    // field names as ready UTF-8: written a few million times in a large file
    private static final SerializableString RULE_ID = name("ruleId");
    private static final SerializableString RULE_INDEX = name("ruleIndex");
    private static final SerializableString LEVEL = name("level");
    private static final SerializableString MESSAGE = name("message");
    private static final SerializableString TEXT = name("text");
    private static final SerializableString LOCATIONS = name("locations");
    private static final SerializableString PHYSICAL_LOCATION = name("physicalLocation");
    private static final SerializableString ARTIFACT_LOCATION = name("artifactLocation");
    private static final SerializableString URI = name("uri");
    private static final SerializableString REGION = name("region");
    private static final SerializableString START_LINE = name("startLine");
    private static final SerializableString START_COLUMN = name("startColumn");
    private static final SerializableString END_LINE = name("endLine");
    private static final SerializableString URI_BASE_ID = name("uriBaseId");
    /** The base the URIs of source files are relative to: the repository root GitHub checks out. */
    static final String SOURCE_ROOT = "%SRCROOT%";
    private static final SerializableString LOGICAL_LOCATIONS = name("logicalLocations");
    private static final SerializableString NAME = name("name");
    private static final SerializableString FULLY_QUALIFIED_NAME = name("fullyQualifiedName");
    private static final SerializableString KIND = name("kind");
    private static final SerializableString PARTIAL_FINGERPRINTS = name("partialFingerprints");
    private static final SerializableString PRIMARY_LOCATION_LINE_HASH = name("primaryLocationLineHash");
    private static final SerializableString ASSOCIATED_RULE = name("associatedRule");
    private static final SerializableString ID = name("id");
    private static final SerializableString INDEX = name("index");
    private static final SerializableString PROPERTIES = name("properties");
    private static final SerializableString EVIDENCE = name("evidence");
    private static final SerializableString RESOURCE_ID = name("resourceId");
    private static final SerializableString PATH = name("path");
    private static final SerializableString VALUE = name("value");
    private static final SerializableString PRESENT = name("present");
    private static final SerializableString RESOURCE = name("resource");
    private static final SerializableString TYPE = name("type");
    private static final SerializableString SUBSCRIPTION_ID = name("subscriptionId");
    private static final SerializableString RESOURCE_GROUP = name("resourceGroup");
    private static final SerializableString LOCATION = name("location");
    private static final SerializableString SEVERITY = name("severity");
    private static final SerializableString STATUS = name("status");
    private static final SerializableString BASELINE_STATE = name("baselineState");
    private static final SerializableString SUPPRESSIONS = name("suppressions");
    private static final SerializableString JUSTIFICATION = name("justification");
    private static final SerializableString CATEGORY = name("category");
    private static final SerializableString EXPIRES = name("expires");
    private static final SerializableString FILE = name("file");
    private static final SerializableString OWNER = name("owner");
    private static final SerializableString TICKET = name("ticket");

    private final Map<String, Integer> ruleIndex;

    /** @param ruleIndex every check id's index among the run's rules */
    ResultWriter(Map<String, Integer> ruleIndex) {
        this.ruleIndex = Map.copyOf(ruleIndex);
    }

    /** A FAIL result: {@code ruleId}, {@code ruleIndex}, {@code level}, {@code message}, ... */
    void writeResult(JsonGenerator json, Result failure) throws IOException {
        String id = SarifText.clean(failure.resource().id());
        String key = ResourceLocations.key(id);
        SarifJson.startRecord(json);
        field(json, RULE_ID, failure.checkId());
        json.writeFieldName(RULE_INDEX);
        json.writeNumber(ruleIndex.get(failure.checkId()));
        field(json, LEVEL, SarifSeverity.of(failure.severity()).level());
        startObject(json, MESSAGE);
        field(json, TEXT, message(failure));
        json.writeEndObject();
        writeLocations(json, failure.resource(), id, key, failure.sourceLocation());
        startObject(json, PARTIAL_FINGERPRINTS);
        field(json, PRIMARY_LOCATION_LINE_HASH, fingerprint(failure, key));
        json.writeEndObject();
        if (failure.suppression().isPresent()) {
            writeSuppression(json, failure.suppression().get());
        }
        if (failure.baselineState().isPresent()) {
            field(json, BASELINE_STATE, failure.baselineState().get().spelled());
        }
        writeProperties(json, failure, id, false);
        json.writeEndObject();
    }

    /**
     * An accepted risk as SARIF's external suppression, the form GitHub's dismiss-alerts action reads: kind external,
     * status accepted, the justification, and who accepted it until when in its properties.
     */
    private static void writeSuppression(JsonGenerator json, Suppression accepted) throws IOException {
        startArray(json, SUPPRESSIONS);
        json.writeStartObject();
        field(json, KIND, "external");
        field(json, STATUS, "accepted");
        field(json, JUSTIFICATION, SarifText.clean(accepted.justification()));
        startObject(json, PROPERTIES);
        field(json, CATEGORY, accepted.category().spelled());
        field(json, EXPIRES, accepted.expires().toString());
        field(json, FILE, SarifText.clean(accepted.file()));
        field(json, NAME, SarifText.clean(accepted.name()));
        field(json, OWNER, SarifText.clean(accepted.owner()));
        if (accepted.ticket().isPresent()) {
            field(json, TICKET, SarifText.clean(accepted.ticket().get()));
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
    }

    /**
     * A result of the baseline that this scan no longer gives, with {@code baselineState} absent: the baseline's rule,
     * message and fingerprint, on the resource it was about.
     */
    void writeAbsent(JsonGenerator json, AbsentResult gone) throws IOException {
        String id = SarifText.clean(gone.resourceId());
        String key = ResourceLocations.key(id);
        SarifJson.startRecord(json);
        field(json, RULE_ID, SarifText.clean(gone.checkId()));
        Integer index = ruleIndex.get(gone.checkId());
        if (index != null) {
            json.writeFieldName(RULE_INDEX);
            json.writeNumber(index);
        }
        field(json, LEVEL, "none");
        startObject(json, MESSAGE);
        field(json, TEXT, SarifText.oneLine(gone.message().isBlank() ? "no longer found" : gone.message()));
        json.writeEndObject();
        int slash = id.lastIndexOf('/');
        writeLocations(json, new ResourceRef(id, "", slash < 0 ? id : id.substring(slash + 1), "", "", ""), id, key,
                Optional.empty());
        startObject(json, PARTIAL_FINGERPRINTS);
        field(json, PRIMARY_LOCATION_LINE_HASH, gone.fingerprint().isBlank()
                ? ResourceLocations.fingerprintOf(gone.checkId(), key) : SarifText.clean(gone.fingerprint()));
        json.writeEndObject();
        field(json, BASELINE_STATE, BaselineState.ABSENT.spelled());
        json.writeEndObject();
    }

    /** An ERROR result, as an {@code error} notification that names its rule. */
    void writeNotification(JsonGenerator json, Result error) throws IOException {
        String id = SarifText.clean(error.resource().id());
        SarifJson.startRecord(json);
        writeLocations(json, error.resource(), id, ResourceLocations.key(id), error.sourceLocation());
        startObject(json, MESSAGE);
        field(json, TEXT, SarifText.oneLine(error.checkId() + " could not evaluate " + message(error)));
        json.writeEndObject();
        field(json, LEVEL, "error");
        startObject(json, ASSOCIATED_RULE);
        field(json, ID, error.checkId());
        json.writeFieldName(INDEX);
        json.writeNumber(ruleIndex.get(error.checkId()));
        json.writeEndObject();
        writeProperties(json, error, id, true);
        json.writeEndObject();
    }

    /** Names the resource and the problem: {@code rsv-prod (Microsoft.RecoveryServices/vaults): backups are ...}. */
    static String message(Result result) {
        String name = result.resource().name().isBlank() ? result.resource().id() : result.resource().name();
        String type = result.resource().type().isBlank() ? "" : " (" + result.resource().type() + ")";
        return SarifText.oneLine(name + type + ": " + result.message());
    }

    /**
     * A resource declared in a file keeps its alert across line moves: the fingerprint comes from the file read and
     * the resource's address in it, not from a line or an id made up before deployment.
     */
    private static String fingerprint(Result result, String key) {
        return result.resource().origin()
                .map(origin -> ResourceLocations.fingerprint(result.checkId(), origin.input() + "#" + origin.address()))
                .orElseGet(() -> ResourceLocations.fingerprintOf(result.checkId(), key));
    }

    /**
     * The one location: for a resource declared in a file, the line that decides the result, relative to
     * {@code %SRCROOT%}, and its address as the logical location; else its ARM id as a relative URI on line 1, and as
     * the logical location.
     */
    private static void writeLocations(JsonGenerator json, ResourceRef resource, String id, String key,
                                       Optional<SourceLocation> source) throws IOException {
        startArray(json, LOCATIONS);
        json.writeStartObject();
        startObject(json, PHYSICAL_LOCATION);
        startObject(json, ARTIFACT_LOCATION);
        if (source.isPresent()) {
            SourceLocation place = source.get();
            field(json, URI, ResourceLocations.fileUri(SarifText.clean(place.file())));
            if (place.relative()) {
                field(json, URI_BASE_ID, SOURCE_ROOT);
            }
        } else {
            field(json, URI, ResourceLocations.uriOf(key));
        }
        json.writeEndObject();
        startObject(json, REGION);
        json.writeFieldName(START_LINE);
        json.writeNumber(source.map(SourceLocation::line).orElse(1));
        if (source.isPresent()) {
            json.writeFieldName(START_COLUMN);
            json.writeNumber(source.get().column());
            json.writeFieldName(END_LINE);
            json.writeNumber(source.get().endLine());
        }
        json.writeEndObject();
        json.writeEndObject();
        startArray(json, LOGICAL_LOCATIONS);
        json.writeStartObject();
        field(json, NAME, SarifText.clean(resource.name()));
        field(json, FULLY_QUALIFIED_NAME, resource.origin().map(origin -> SarifText.clean(origin.address())).orElse(id));
        field(json, KIND, "resource");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void writeProperties(JsonGenerator json, Result result, String id, boolean withStatus)
            throws IOException {
        ResourceRef resource = result.resource();
        startObject(json, PROPERTIES);
        startArray(json, EVIDENCE);
        for (Observation observation : result.evidence().observations()) {
            json.writeStartObject();
            if (!observation.resourceId().equals(resource.id())) {
                field(json, RESOURCE_ID, SarifText.clean(observation.resourceId()));
            }
            field(json, PATH, SarifText.clean(observation.path()));
            field(json, VALUE, SarifText.clean(observation.value()));
            json.writeFieldName(PRESENT);
            json.writeBoolean(observation.present());
            json.writeEndObject();
        }
        json.writeEndArray();
        startObject(json, RESOURCE);
        field(json, ID, id);
        field(json, TYPE, SarifText.clean(resource.type()));
        field(json, NAME, SarifText.clean(resource.name()));
        field(json, SUBSCRIPTION_ID, SarifText.clean(resource.subscriptionId()));
        field(json, RESOURCE_GROUP, SarifText.clean(resource.resourceGroup()));
        field(json, LOCATION, SarifText.clean(resource.location()));
        json.writeEndObject();
        if (withStatus && result.baselineState().isPresent()) {
            field(json, BASELINE_STATE, result.baselineState().get().spelled()); // notifications have no baselineState of their own
        }
        if (result.severity() != result.check().severity()) {
            field(json, SEVERITY, result.severity().label()); // else the rule's
        }
        if (withStatus) {
            field(json, STATUS, result.status().name());
        }
        json.writeEndObject();
    }

    private static void field(JsonGenerator json, SerializableString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private static void startObject(JsonGenerator json, SerializableString name) throws IOException {
        json.writeFieldName(name);
        json.writeStartObject();
    }

    private static void startArray(JsonGenerator json, SerializableString name) throws IOException {
        json.writeFieldName(name);
        json.writeStartArray();
    }

    private static SerializableString name(String name) {
        return new SerializedString(name);
    }
}
