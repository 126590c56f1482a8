package com.example.lensix.checks;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import org.pf4j.Extension;

/**
 * {@code example_kv_opennetwork}: a Key Vault that accepts connections from every network: public network
 * access is not disabled and the firewall's default action is not Deny.
 *
 * <p>Azure's defaults are the open ones: an absent {@code publicNetworkAccess} means Enabled and an absent
 * {@code networkAcls} (or {@code defaultAction}) means Allow, so absent values count as open.
 */
@Extension
public final class KeyVaultOpenNetworkCheck implements Check {

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("example_kv_opennetwork")
            .title("Key Vault reachable from every network")
            .severity(Severity.MEDIUM)
            .service("key-vault")
            .targetType("Microsoft.KeyVault/vaults")
            .description("Finds Key Vaults that allow public network access without a firewall: "
                    + "properties.publicNetworkAccess is not Disabled and properties.networkAcls.defaultAction is not Deny.")
            .rationale("A vault that holds backup encryption keys should be reachable only from the networks that "
                    + "need it; an open endpoint leaves stolen credentials as the only barrier.")
            .remediation(Remediation.of("Deny by default and allow only the networks and trusted services that need the vault, "
                            + "or disable public network access and use a private endpoint.")
                    .withAzureCli("az keyvault update --name <vault> --default-action Deny --bypass AzureServices")
                    .withTerraform("network_acls {\n  default_action = \"Deny\"\n  bypass         = \"AzureServices\"\n}")
                    .withAzurePolicy("55615ac9-af46-4a59-874e-391cc3dfb490"))
            .reference("https://learn.microsoft.com/azure/key-vault/general/network-security")
            .complianceId("MCSB NS-2")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verdict evaluate(Resource vault, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        // a vault exported without its properties, or with a value of another JSON type, makes these reads "not
        // known": using them throws, and lensix reports ERROR instead of a verdict
        String publicAccess = evidence.text(vault, "/properties/publicNetworkAccess").orElse("Enabled");
        String defaultAction = evidence.text(vault, "/properties/networkAcls/defaultAction").orElse("Allow");
        if (publicAccess.equalsIgnoreCase("Disabled")) {
            return Verdict.pass("Key Vault " + vault.name() + " has public network access disabled", evidence.build());
        }
        if (defaultAction.equalsIgnoreCase("Deny")) {
            return Verdict.pass("Key Vault " + vault.name() + " denies networks not allowed by its firewall", evidence.build());
        }
        return Verdict.fail("Key Vault " + vault.name() + " accepts connections from every network "
                + "(public network access on, firewall default action " + defaultAction + ")", evidence.build());
    }
}
