package dev.lensix.input.terraform.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfValue;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ARM ids and names for plan instances: the plan's own id when it knows one (an update, a no-op), else one made the
 * way Resource Manager will make it.
 *
 * <pre>{@code
 * ArmIds.inResourceGroup(instance, context, "Microsoft.KeyVault/vaults");
 * // "/subscriptions/<sub>/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-backup"
 * }</pre>
 */
public final class ArmIds {

    private static final Pattern NOT_IN_A_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern VERSION_STEP = Pattern.compile("(?i)/versions/[^/]+$");

    private ArmIds() {
    }

    /** A top-level resource: from {@code resource_group_name} and {@code name}. */
    public static String inResourceGroup(PlanInstance instance, MappingContext context, String armType) {
        Optional<String> known = knownArmId(instance, "id");
        if (known.isPresent()) {
            return known.get();
        }
        String group = instance.value("resource_group_name").text().orElse("unknown-resource-group");
        return "/subscriptions/" + context.subscriptionId() + "/resourceGroups/" + group + "/providers/" + armType + "/"
                + name(instance);
    }

    /** The attribute's text when it is an ARM id. */
    public static Optional<String> knownArmId(PlanInstance instance, String attribute) {
        return instance.value(attribute).text().filter(ArmIds::isArmId);
    }

    public static boolean isArmId(String text) {
        return text.regionMatches(true, 0, "/subscriptions/", 0, 15) || text.regionMatches(true, 0, "/providers/", 0, 11);
    }

    /** The resource's name: its {@code name} when known, else its Terraform name and instance key. */
    public static String name(PlanInstance instance) {
        return instance.value("name").text().filter(text -> !text.isBlank() && !text.contains("/"))
                .orElseGet(() -> instanceName(instance));
    }

    /** {@code this-prod}, {@code vault-0}: a name made from the Terraform name and key, for ids when the real one is unknown. */
    public static String instanceName(PlanInstance instance) {
        JsonNode index = instance.index();
        String key = index.isMissingNode() || index.isNull() ? "" : "-" + index.asText();
        return NOT_IN_A_NAME.matcher(instance.name() + key).replaceAll("-");
    }

    /** The id without slashes at its end: the parent a child's id is made under. */
    public static String withoutTrailingSlashes(String id) {
        int end = id.length();
        while (end > 0 && id.charAt(end - 1) == '/') {
            end--;
        }
        return id.substring(0, end);
    }

    /** A key's id without its {@code /versions/VERSION} step. */
    public static String withoutVersion(String keyId) {
        return VERSION_STEP.matcher(keyId).replaceAll("");
    }

    /** An ARM id that a resolved value gives, or empty when it is unknown or not an id. */
    public static Optional<String> id(TfValue value) {
        return value.text().filter(ArmIds::isArmId);
    }

    /** An RFC 3339 date as the seconds since the epoch Key Vault's attributes use. */
    public static Optional<Long> epochSeconds(String rfc3339) {
        try {
            return Optional.of(OffsetDateTime.parse(rfc3339).toEpochSecond());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
