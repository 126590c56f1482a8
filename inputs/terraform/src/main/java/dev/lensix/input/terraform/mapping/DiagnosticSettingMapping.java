package dev.lensix.input.terraform.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_monitor_diagnostic_setting} as {@code Microsoft.Insights/diagnosticSettings} on its
 * {@code target_resource_id}: the destinations ({@code log_analytics_workspace_id} as {@code workspaceId},
 * {@code storage_account_id}, {@code eventhub_authorization_rule_id}, {@code eventhub_name}, {@code partner_solution_id}
 * as {@code marketplacePartnerId}) and the logs: each {@code enabled_log} block (azurerm 3.x and 4.x) as
 * {@code {category | categoryGroup, enabled: true}}, each {@code log} block (earlier) with its {@code enabled}. A
 * destination created by the same plan is present, as the stand-in for its id.
 */
public final class DiagnosticSettingMapping extends OneArmType {

    private static final Map<String, TfType> TYPES = TfType.declared("""
            target_resource_id string, log_analytics_workspace_id string, storage_account_id string,
            eventhub_authorization_rule_id string, eventhub_name string, partner_solution_id string,
            log_analytics_destination_type string, enabled_log list, enabled_log.*.category string,
            enabled_log.*.category_group string, log list, log.*.category string, log.*.category_group string,
            log.*.enabled bool""");

    static final String ARM_TYPE = "Microsoft.Insights/diagnosticSettings";
    private static final String[][] DESTINATIONS = {{"workspaceId", "log_analytics_workspace_id"},
            {"storageAccountId", "storage_account_id"}, {"eventHubAuthorizationRuleId", "eventhub_authorization_rule_id"},
            {"eventHubName", "eventhub_name"}, {"marketplacePartnerId", "partner_solution_id"}};

    public DiagnosticSettingMapping() {
        super("azurerm_monitor_diagnostic_setting", ARM_TYPE, TYPES);
    }

    @Override
    public String armId(PlanInstance instance, MappingContext context) {
        String target = ArmIds.id(context.resolve(instance, "target_resource_id"))
                .orElse("/subscriptions/" + context.subscriptionId());
        return ArmIds.withoutTrailingSlashes(target) + "/providers/" + ARM_TYPE + "/" + ArmIds.name(instance);
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        for (String[] destination : DESTINATIONS) {
            TfValue value = context.resolve(instance, destination[1]);
            if (value.kind() == TfValue.Kind.UNKNOWN) {
                // a destination the plan creates: its id is known only after apply, but that there is one is known
                Optional<PlanInstance> created = context.referenced(instance, destination[1]);
                if (created.isPresent()) {
                    value = TfValue.knownText(context.stillUnknown(created.get(), "id"));
                }
            }
            arm.set("/properties/" + destination[0], destination[1], value);
        }
        arm.copy("/properties/logAnalyticsDestinationType", instance, "log_analytics_destination_type");
        ArrayNode logs = arm.arrayAt("/properties/logs");
        arm.from("/properties/logs", instance.value("enabled_log").kind() == TfValue.Kind.ABSENT ? "log" : "enabled_log");
        for (String block : new String[] {"enabled_log", "log"}) {
            TfValue entries = instance.value(block);
            if (entries.hidden()) {
                arm.notKnown("/properties/logs", arm.reasonNotKnown(block, entries));
                continue;
            }
            for (int i = 0; entries.isKnown() && i < entries.node().size(); i++) {
                String prefix = block + "." + i + ".";
                ObjectNode log = logs.addObject();
                String at = "/properties/logs/" + (logs.size() - 1);
                for (String[] field : new String[][] {{"category", "category"}, {"categoryGroup", "category_group"}}) {
                    TfValue value = instance.value(prefix + field[1]);
                    if (value.hidden()) {
                        arm.notKnown(at + "/" + field[0], arm.reasonNotKnown(prefix + field[1], value));
                    }
                    value.text().filter(text -> !text.isEmpty()).ifPresent(text -> log.put(field[0], text));
                }
                TfValue enabled = instance.value(prefix + "enabled");
                if (enabled.hidden()) {
                    arm.notKnown(at + "/enabled", arm.reasonNotKnown(prefix + "enabled", enabled));
                } else {
                    // the provider's default: a log entry without enabled is on
                    log.put("enabled", !enabled.isKnown() || enabled.node().booleanValue());
                }
                arm.from(at, block + "." + i);
            }
        }
    }
}
