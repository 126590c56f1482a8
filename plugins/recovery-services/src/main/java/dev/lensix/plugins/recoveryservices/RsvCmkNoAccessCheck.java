package dev.lensix.plugins.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Presence;
import dev.lensix.api.resource.Resource;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code rsv_cmk_noaccess}: a Recovery Services vault whose key-encryption identity cannot reach its
 * customer-managed key: the vault does not have the identity its {@code kekIdentity} names, or that identity's
 * principal has no get, wrapKey and unwrapKey on the key (an access policy, or an Azure RBAC role at the key,
 * the vault or a parent scope, depending on the Key Vault's {@code enableRbacAuthorization}).
 *
 * <p>ERROR when what the verdict needs was not collected: the Key Vault (outside the scanned scope), its
 * properties, role assignments (RBAC vaults), a custom role's definition.
 */
@Extension
public final class RsvCmkNoAccessCheck implements Check {

    private static final List<String> REQUIRED_KEY_PERMISSIONS = List.of("get", "wrapKey", "unwrapKey");

    private static final String ACCESS_POLICIES = "/properties/accessPolicies";

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rsv_cmk_noaccess")
            .title("Recovery Services vault identity cannot reach its customer-managed key")
            .severity(Severity.HIGH)
            .service("recovery-services")
            .targetType(CustomerManagedKey.RSV_TYPE)
            .relatedType(CustomerManagedKey.KEY_VAULT_TYPE)
            .relatedType(CustomerManagedKey.ROLE_ASSIGNMENT_TYPE)
            .relatedType(CustomerManagedKey.ROLE_DEFINITION_TYPE)
            .description("For every Recovery Services vault that names a customer-managed key, fails when"
                    + " encryption.kekIdentity names an identity the vault does not have (useSystemAssignedIdentity"
                    + " true while identity.type lacks SystemAssigned; a userAssignedIdentity that is not a key of"
                    + " identity.userAssignedIdentities, compared case-insensitively), or when that identity's"
                    + " principal has no access to the key: with access policies (enableRbacAuthorization not true)"
                    + " no policy for its object id granting get, wrapKey and unwrapKey; with Azure RBAC no role"
                    + " assignment for it at the key, the vault or a parent scope to a role granting key read, wrap"
                    + " and unwrap (Key Vault Crypto Service Encryption User, Crypto User, Crypto Officer,"
                    + " Administrator, or a custom role by its dataActions when role definitions were collected)."
                    + " ERROR when what is needed was not collected.")
            .rationale("The backup service wraps and unwraps the vault's data encryption keys with the"
                    + " customer-managed key, as the vault's managed identity. Remove that identity, or its access to"
                    + " the key, and backups stop and restores fail: the data is as lost as if the key were deleted."
                    + " Access is often removed by accident (an access-policy clean-up, a move to Azure RBAC"
                    + " without the matching role assignments, an identity swapped on the vault).")
            .remediation(Remediation.of("""
                    Give the identity the vault's kekIdentity names get, wrapKey and unwrapKey on the key, and make \
                    sure the vault has that identity: enable the system-assigned identity, or attach the \
                    user-assigned identity to the vault. With access policies add a key policy for the identity's \
                    principal (object) id; with Azure RBAC assign it the "Key Vault Crypto Service Encryption User" \
                    role on the key or the Key Vault. Remove nothing while backups encrypted under the key are \
                    retained.""")
                    .withOneLine("Let the identity that kekIdentity names get, wrap and unwrap the key: a key access policy, "
                            + "or the Key Vault Crypto Service Encryption User role.")
                    .withAzureCli("""
                            az backup vault identity assign --name <vault> --resource-group <vault-rg> --system-assigned
                            az keyvault set-policy --name <key-vault> --object-id <principal-id> --key-permissions get wrapKey unwrapKey
                            az role assignment create --role "Key Vault Crypto Service Encryption User" --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --scope $(az keyvault show --name <key-vault> --query id --output tsv)
                            az backup vault encryption update --name <vault> --resource-group <vault-rg> --encryption-key-id https://<key-vault>.vault.azure.net/keys/<key-name> --mi-system-assigned""")
                    .withTerraform("""
                            resource "azurerm_key_vault_access_policy" "backup_vault" {
                              key_vault_id    = azurerm_key_vault.backup_keys.id
                              tenant_id       = azurerm_recovery_services_vault.backup.identity[0].tenant_id
                              object_id       = azurerm_recovery_services_vault.backup.identity[0].principal_id
                              key_permissions = ["Get", "WrapKey", "UnwrapKey"]
                            }

                            # or, for a Key Vault that uses Azure RBAC:
                            resource "azurerm_role_assignment" "backup_vault_key_user" {
                              scope                = azurerm_key_vault.backup_keys.id
                              role_definition_name = "Key Vault Crypto Service Encryption User"
                              principal_id         = azurerm_recovery_services_vault.backup.identity[0].principal_id
                            }""")
                    .withAzurePolicy("2e94d99a-8a36-4563-bc77-810d8893b671"))
            .reference("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk")
            .reference("https://learn.microsoft.com/azure/key-vault/general/rbac-guide")
            .reference("https://learn.microsoft.com/azure/key-vault/general/assign-access-policy")
            .complianceId("NIST SP 800-53 R5 SC-12")
            .complianceId("MCSB DP-6")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean appliesTo(Resource recoveryVault, Inventory inventory) {
        return CustomerManagedKey.isNamedBy(recoveryVault);
    }

    @Override
    public Verdict evaluate(Resource recoveryVault, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        String subject = CustomerManagedKey.subject(recoveryVault);
        // the identity first: a vault that lacks the identity it names fails whatever the key vault says
        CustomerManagedKey.Lookup<KekIdentity> identity = KekIdentity.read(recoveryVault, evidence);
        if (identity.error().isPresent()) {
            return identity.error().get();
        }
        KekIdentity kek = identity.value().orElseThrow();
        CustomerManagedKey.Lookup<CustomerManagedKey> located = CustomerManagedKey.locate(recoveryVault, inventory, evidence);
        if (located.error().isPresent()) {
            return located.error().get();
        }
        CustomerManagedKey cmk = located.value().orElseThrow();
        Resource keyVault = cmk.keyVault();
        if (keyVault.nodeTypeAt("/properties") != JsonNodeType.OBJECT) {
            evidence.object(keyVault, "/properties");
            return Verdict.error(subject + ": the properties of Key Vault " + keyVault.name() + " were not collected, so"
                    + " access to its key cannot be told", evidence.build());
        }
        boolean usesRbac = evidence.bool(keyVault, "/properties/enableRbacAuthorization").orElse(false);
        return usesRbac
                ? throughRoles(recoveryVault, kek, cmk, inventory, evidence)
                : throughAccessPolicies(recoveryVault, kek, cmk, evidence);
    }

    private static Verdict throughAccessPolicies(Resource recoveryVault, KekIdentity kek, CustomerManagedKey cmk,
                                                 Evidence.Builder evidence) {
        String subject = CustomerManagedKey.subject(recoveryVault);
        Resource keyVault = cmk.keyVault();
        JsonNode policies = keyVault.at(ACCESS_POLICIES);
        if (!policies.isArray()) {
            evidence.array(keyVault, ACCESS_POLICIES);
            return Verdict.error(subject + ": Key Vault " + keyVault.name() + " uses access policies but they are not in"
                    + " the data, so access to its key cannot be told", evidence.build());
        }
        Set<String> granted = new LinkedHashSet<>();
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            JsonNode policy = policies.get(i);
            if (policy.isNull()) {
                continue;
            }
            if (!policy.isObject()) {
                readEach(keyVault, matching, evidence);
                throw evidence.notKnown(keyVault, ACCESS_POLICIES + "/" + i,
                        Resource.kindOf(policy) + " where ARM returns an object");
            }
            boolean forPrincipal = policy.path("objectId").asText("").strip().equalsIgnoreCase(kek.principalId());
            // a policy with an applicationId is a compound identity: it applies to that application acting for
            // the principal, not to the managed identity on its own
            boolean compound = !policy.path("applicationId").asText("").isBlank();
            if (forPrincipal && !compound) {
                String entry = ACCESS_POLICIES + "/" + i;
                if (keyVault.locate(entry).presence() == Presence.NOT_KNOWN) {
                    evidence.read(keyVault, entry); // throws: the export cannot show the principal's policy
                }
                matching.add(i);
                for (JsonNode permission : policy.path("permissions").path("keys")) {
                    granted.add(permission.asText("").strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String permission : REQUIRED_KEY_PERMISSIONS) {
            if (!granted.contains(permission.toLowerCase(Locale.ROOT)) && !granted.contains("all")) {
                missing.add(permission);
            }
        }
        String who = subject + "'s " + kek.describe();
        if (matching.isEmpty() || !missing.isEmpty()) {
            // a FAIL rests on every policy, not only the principal's: the evidence shows them all (once)
            evidence.array(keyVault, ACCESS_POLICIES);
        } else {
            readEach(keyVault, matching, evidence);
        }
        if (matching.isEmpty()) {
            evidence.note(keyVault, "accessPolicies", "none for object id " + kek.principalId());
            return Verdict.fail(who + " has no access policy on Key Vault " + keyVault.name()
                    + ", so it cannot use key " + cmk.uri().keyName(), evidence.build());
        }
        if (!missing.isEmpty()) {
            return Verdict.fail(who + " lacks " + String.join(", ", missing) + " in its access policy on Key Vault "
                    + keyVault.name() + ", so it cannot use key " + cmk.uri().keyName(), evidence.build());
        }
        return Verdict.pass(who + " has get, wrapKey and unwrapKey on the keys of Key Vault " + keyVault.name()
                + " through an access policy", evidence.build());
    }

    /** Records the access policies at {@code indexes} (the principal's own), each as read. */
    private static void readEach(Resource keyVault, List<Integer> indexes, Evidence.Builder evidence) {
        indexes.forEach(index -> evidence.read(keyVault, ACCESS_POLICIES + "/" + index));
    }

    private static Verdict throughRoles(Resource recoveryVault, KekIdentity kek, CustomerManagedKey cmk, Inventory inventory,
                                        Evidence.Builder evidence) {
        String subject = CustomerManagedKey.subject(recoveryVault);
        Resource keyVault = cmk.keyVault();
        Coverage assignments = inventory.coverage(CustomerManagedKey.ROLE_ASSIGNMENT_TYPE, keyVault);
        if (!assignments.collected()) {
            evidence.note(keyVault, "roleAssignments", "not collected (" + assignments.reason() + ")");
            return Verdict.error(subject + ": Key Vault " + keyVault.name() + " uses Azure RBAC but role assignments"
                    + " were not collected, so access to its key cannot be told", evidence.build());
        }
        RoleGrant.Decision decision = RoleGrant.decide(kek.principalId(), cmk.keyId(), keyVault, inventory, evidence);
        String who = subject + "'s " + kek.describe();
        return switch (decision.outcome()) {
            case GRANTED -> Verdict.pass(who + " can use key " + cmk.uri().keyName() + " in Key Vault " + keyVault.name()
                    + " through Azure RBAC: " + decision.detail(), evidence.build());
            case UNKNOWN -> Verdict.error(subject + ": whether its " + kek.describe() + " can use key "
                    + cmk.uri().keyName() + " in Key Vault " + keyVault.name() + " cannot be told: " + decision.detail(),
                    evidence.build());
            case NOT_GRANTED -> Verdict.fail(who + " cannot use key " + cmk.uri().keyName() + " in Key Vault "
                    + keyVault.name() + " (Azure RBAC): " + decision.detail(), evidence.build());
        };
    }
}
