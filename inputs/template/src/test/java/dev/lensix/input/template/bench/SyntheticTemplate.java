package dev.lensix.input.template.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic ARM template for the template benchmark ({@code benchmarks/template.sh}): groups of five
 * resources, as a backup landing zone declares them: a Key Vault with its key nested in it, a Recovery Services vault
 * encrypted with that key (its URI through {@code reference()}), a {@code vaults/accessPolicies} for the vault's
 * identity, and a diagnostic setting on the Key Vault with {@code scope}. Every name is made by {@code format()}
 * from a parameter, as hand-written templates do.
 *
 * <pre>{@code
 * java -cp inputs/template/target/test-classes dev.lensix.input.template.bench.SyntheticTemplate 1000 /tmp/template-1000
 * }</pre>
 */
public final class SyntheticTemplate {

    private SyntheticTemplate() {
    }

    public static void main(String[] args) throws IOException {
        int resources = Integer.parseInt(args[0]);
        Path folder = Files.createDirectories(Path.of(args[1]));
        write(resources, folder.resolve("main.json"));
    }

    /** A template of {@code resources} resources (rounded up to whole groups of five). */
    public static void write(int resources, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("""
                    {
                      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                      "contentVersion": "1.0.0.0",
                      "parameters": {
                        "prefix": { "type": "string", "defaultValue": "bench" },
                        "location": { "type": "string", "defaultValue": "[resourceGroup().location]" },
                        "workspaceId": { "type": "string", "defaultValue": "[resourceId('Microsoft.OperationalInsights/workspaces', 'law-bench')]" }
                      },
                      "variables": {
                        "keyPermissions": [ "Get", "WrapKey", "UnwrapKey" ]
                      },
                      "resources": [
                    """);
            int groups = (resources + 4) / 5;
            for (int g = 0; g < groups; g++) {
                String kv = "[format('kv-{0}-" + g + "', parameters('prefix'))]";
                String kvName = "format('kv-{0}-" + g + "', parameters('prefix'))";
                String rsvName = "format('rsv-{0}-" + g + "', parameters('prefix'))";
                out.write((g == 0 ? "" : ",\n") + """
                        {
                          "type": "Microsoft.KeyVault/vaults",
                          "apiVersion": "2023-07-01",
                          "name": "%1$s",
                          "location": "[parameters('location')]",
                          "properties": {
                            "tenantId": "[subscription().tenantId]",
                            "sku": { "family": "A", "name": "premium" },
                            "accessPolicies": [],
                            "enableSoftDelete": true,
                            "softDeleteRetentionInDays": 90,
                            "enablePurgeProtection": %3$s
                          },
                          "resources": [
                            {
                              "type": "keys",
                              "apiVersion": "2023-07-01",
                              "name": "cmk",
                              "dependsOn": [ "[resourceId('Microsoft.KeyVault/vaults', %2$s)]" ],
                              "properties": {
                                "kty": "RSA",
                                "keySize": 3072,
                                "attributes": { "enabled": true },
                                "rotationPolicy": {
                                  "attributes": { "expiryTime": "P365D" },
                                  "lifetimeActions": [ { "trigger": { "timeBeforeExpiry": "P30D" }, "action": { "type": "rotate" } } ]
                                }
                              }
                            }
                          ]
                        },
                        {
                          "type": "Microsoft.RecoveryServices/vaults",
                          "apiVersion": "2024-04-01",
                          "name": "[%4$s]",
                          "location": "[parameters('location')]",
                          "sku": { "name": "Standard" },
                          "identity": { "type": "SystemAssigned" },
                          "properties": {
                            "encryption": {
                              "keyVaultProperties": {
                                "keyUri": "[reference(resourceId('Microsoft.KeyVault/vaults/keys', %2$s, 'cmk'), '2023-07-01').keyUri]"
                              },
                              "kekIdentity": { "useSystemAssignedIdentity": true }
                            }
                          }
                        },
                        {
                          "type": "Microsoft.KeyVault/vaults/accessPolicies",
                          "apiVersion": "2023-07-01",
                          "name": "[format('{0}/add', %2$s)]",
                          "properties": {
                            "accessPolicies": [
                              {
                                "tenantId": "[subscription().tenantId]",
                                "objectId": "[reference(resourceId('Microsoft.RecoveryServices/vaults', %4$s), '2024-04-01', 'full').identity.principalId]",
                                "permissions": { "keys": "[variables('keyPermissions')]" }
                              }
                            ]
                          }
                        },
                        {
                          "type": "Microsoft.Insights/diagnosticSettings",
                          "apiVersion": "2021-05-01-preview",
                          "scope": "[format('Microsoft.KeyVault/vaults/{0}', %2$s)]",
                          "name": "audit",
                          "properties": {
                            "workspaceId": "[parameters('workspaceId')]",
                            "logs": [ { "categoryGroup": "audit", "enabled": true } ]
                          }
                        }""".formatted(kv, kvName, g % 2 == 0 ? "true" : "\"[if(equals(1, 2), true(), null())]\"", rsvName)
                        .indent(4).stripTrailing());
            }
            out.write("\n  ]\n}\n");
        }
    }
}
