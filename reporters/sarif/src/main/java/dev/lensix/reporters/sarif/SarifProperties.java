package dev.lensix.reporters.sarif;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lensix.api.check.Observation;
import dev.lensix.api.report.ResourceRef;

/**
 * What lensix puts in results' and notifications' property bags, serialized in a fixed field order.
 *
 * <pre>{@code
 * "properties": {
 *   "evidence": [{"resourceId": "...", "path": "properties.enableSoftDelete", "value": "false", "present": true}],
 *   "resource": {"id": "...", "type": "Microsoft.KeyVault/vaults", "name": "kv-prod", ...},
 *   "severity": "high"
 * }
 * }</pre>
 */
final class SarifProperties {

    private SarifProperties() {
    }

    /** The resource a result is about, every part {@link SarifText#clean cleaned}. */
    @JsonPropertyOrder({"id", "type", "name", "subscriptionId", "resourceGroup", "location"})
    public record Resource(String id, String type, String name, String subscriptionId, String resourceGroup,
                           String location) {

        static Resource of(ResourceRef ref) {
            return new Resource(SarifText.clean(ref.id()), SarifText.clean(ref.type()), SarifText.clean(ref.name()),
                    SarifText.clean(ref.subscriptionId()), SarifText.clean(ref.resourceGroup()),
                    SarifText.clean(ref.location()));
        }
    }

    /** One observation of the evidence: the resource read, the JSON path, the value seen (JSON text). */
    @JsonPropertyOrder({"resourceId", "path", "value", "present"})
    public record Evidence(String resourceId, String path, String value, boolean present) {

        static Evidence of(Observation observation) {
            return new Evidence(SarifText.clean(observation.resourceId()), SarifText.clean(observation.path()),
                    SarifText.clean(observation.value()), observation.present());
        }
    }
}
