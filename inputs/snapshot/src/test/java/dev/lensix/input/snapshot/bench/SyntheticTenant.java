package dev.lensix.input.snapshot.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a synthetic Azure tenant as one snapshot file (a top-level array of ARM resources, one per line), seeded and
 * deterministic: the same size and seed give the same bytes. About 94% of the resources are of types no lensix check
 * reads (virtual machines, disks, NICs, public IPs, storage accounts, virtual networks, NSGs, App Service plans and
 * sites); the rest are what the checks read, in every verdict they can give: Recovery Services vaults with and without
 * customer-managed keys and their backup encryption configs, Key Vaults with soft delete and purge protection on, off
 * and absent, keys with and without rotation, disabled, expired, too small, of the wrong type or missing, diagnostic
 * settings with and without audit logging, role assignments and custom role definitions. One resource in fifty puts
 * its {@code type} last, as hand-made exports may. Averages about 1 KB a resource.
 *
 * <p>The {@link Mix#DENSE dense} mix is a tenant of Key Vaults and backup vaults, as a security team's own
 * subscriptions are: about a third of its resources are of types the checks read, and a scan of it has about one
 * result for every four resources, so that building and writing results, not reading, is most of the work.
 *
 * <pre>
 * java -cp "inputs/snapshot/target/test-classes:distribution/target/lensix/lib/*" dev.lensix.input.snapshot.bench.SyntheticTenant 100000 tenant.json [seed] [sparse|dense]
 * </pre>
 */
public final class SyntheticTenant {

    static final String RSV = "Microsoft.RecoveryServices/vaults";
    static final String RSV_CONFIG = "Microsoft.RecoveryServices/vaults/backupEncryptionConfigs";
    static final String KV = "Microsoft.KeyVault/vaults";
    static final String KEY = "Microsoft.KeyVault/vaults/keys";
    static final String DIAG = "Microsoft.Insights/diagnosticSettings";
    static final String ROLE_ASSIGNMENT = "Microsoft.Authorization/roleAssignments";
    static final String ROLE_DEFINITION = "Microsoft.Authorization/roleDefinitions";
    static final String CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
    static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    static final String CONTRIBUTOR = "b24988ac-6180-42a0-924b-e8dd5e9b3bbc";
    private static final String[] LOCATIONS = {"westeurope", "northeurope", "eastus", "eastus2", "uksouth", "swedencentral"};
    private static final int SUBSCRIPTIONS = 20;
    private static final int GROUPS_PER_SUBSCRIPTION = 40;
    /** Number of distinct customer-managed-key setups {@link #cmkBundle} cycles through. */
    static final int CMK_VARIANTS = 17;

    /** What share of the tenant the checks read. */
    public enum Mix {
        /** About 6%: most of a real tenant is compute, storage and networking. */
        SPARSE(97, 10, 20, 40),
        /** About a third, with about one result every four resources. */
        DENSE(11, 90, 130, 150);

        /** One unit in {@code cmkEvery} is a vault with a customer-managed key and everything around it. */
        final int cmkEvery;
        /** Of the other units, per thousand: below the first a Key Vault alone, then a backup vault, then a role assignment. */
        final int keyVaults;
        final int recoveryVaults;
        final int roleAssignments;

        Mix(int cmkEvery, int keyVaults, int recoveryVaults, int roleAssignments) {
            this.cmkEvery = cmkEvery;
            this.keyVaults = keyVaults;
            this.recoveryVaults = recoveryVaults;
            this.roleAssignments = roleAssignments;
        }
    }

    private final long total;
    private final Mix mix;
    private final SplittableRandom random;
    private final JsonGenerator json;
    private final String tenantId;
    private final String[] subscriptions = new String[SUBSCRIPTIONS];
    private final Map<String, Long> counts = new TreeMap<>();
    private long written;
    private long unit;

    private SyntheticTenant(long total, long seed, Mix mix, JsonGenerator json) {
        this.total = total;
        this.mix = mix;
        this.random = new SplittableRandom(seed);
        this.json = json;
        this.tenantId = uuid();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            subscriptions[i] = uuid();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticTenant RESOURCES OUTPUT.json [SEED] [sparse|dense]");
            System.exit(2);
        }
        long resources = Long.parseLong(args[0].replace("_", ""));
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        Mix kind = args.length > 3 ? Mix.valueOf(args[3].toUpperCase(Locale.ROOT)) : Mix.SPARSE;
        Map<String, Long> mix = write(resources, seed, kind, Path.of(args[1]));
        long kept = mix.entrySet().stream().filter(e -> isRead(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        System.err.printf(Locale.ROOT, "%s: %,d resources, %,d bytes, %,d (%.1f%%) of types the checks read%n", args[1],
                resources, Files.size(Path.of(args[1])), kept, 100.0 * kept / Math.max(1, resources));
        mix.forEach((type, count) -> System.err.printf(Locale.ROOT, "  %-55s %,10d%n", type, count));
    }

    /** Writes {@code resources} resources to {@code file}; returns how many of each type. */
    public static Map<String, Long> write(long resources, long seed, Path file) throws IOException {
        return write(resources, seed, Mix.SPARSE, file);
    }

    public static Map<String, Long> write(long resources, long seed, Mix mix, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(resources, seed, mix, out);
        }
    }

    public static Map<String, Long> write(long resources, long seed, OutputStream out) throws IOException {
        return write(resources, seed, Mix.SPARSE, out);
    }

    public static Map<String, Long> write(long resources, long seed, Mix mix, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.setPrettyPrinter(new OneResourceALine());
            SyntheticTenant tenant = new SyntheticTenant(resources, seed, mix, json);
            json.writeStartArray();
            try {
                while (tenant.written < resources) {
                    tenant.nextUnit();
                }
            } catch (Done done) {
                // the last unit was cut short at the size asked for
            }
            json.writeEndArray();
            json.writeRaw('\n');
            return tenant.counts;
        }
    }

    /** The types lensix's bundled checks evaluate or read. */
    static boolean isRead(String type) {
        return type.equals(RSV) || type.equals(RSV_CONFIG) || type.equals(KV) || type.equals(KEY) || type.equals(DIAG)
                || type.equals(ROLE_ASSIGNMENT) || type.equals(ROLE_DEFINITION);
    }

    // ---- units: resources that belong together ----

    private void nextUnit() throws IOException {
        long n = unit++;
        if (n % mix.cmkEvery == 5) {
            cmkBundle(n / mix.cmkEvery);
            return;
        }
        if (n % 1000 == 17) {
            roleDefinition();
            return;
        }
        int roll = random.nextInt(1000);
        if (roll < mix.keyVaults) {
            keyVaultAlone();
        } else if (roll < mix.recoveryVaults) {
            recoveryVaultWithoutCmk();
        } else if (roll < mix.roleAssignments) {
            roleAssignment(subscriptionScope(), random.nextBoolean() ? READER : CONTRIBUTOR, uuid());
        } else if (roll < 540) {
            virtualMachine();
        } else if (roll < 740) {
            storageAccount();
        } else if (roll < 885) {
            network();
        } else {
            webApp();
        }
    }

    /**
     * A Recovery Services vault with a customer-managed key, its backup encryption config, the Key Vault holding the
     * key, the key, a diagnostic setting and a role assignment; {@code variant} decides what is wrong with it.
     */
    private void cmkBundle(long number) throws IOException {
        int variant = (int) (number % CMK_VARIANTS);
        String sub = subscription();
        String rg = group(sub);
        String location = location();
        String kvName = "kv-cmk-" + number;
        String kvId = id(sub, rg, KV, kvName);
        String keyName = variant == 1 ? "rsv-cmk-deleted" : "rsv-cmk";
        boolean external = variant == 16;
        String host = external ? "kv-elsewhere-" + number + ".vault.azure.net" : kvName + ".vault.azure.net";
        String version = hex32();
        String keyUri = "https://" + host + "/keys/" + keyName + (variant == 11 ? "/" + version : "");
        String principal = uuid();
        boolean rbac = variant != 8 && variant != 9;
        String userIdentity = id(sub, rg, "Microsoft.ManagedIdentity/userAssignedIdentities", "id-rsv-" + number);

        String rsvId = id(sub, rg, RSV, "rsv-cmk-" + number);
        begin(RSV, rsvId, location);
        json.writeObjectFieldStart("identity");
        json.writeStringField("type", variant == 10 ? "SystemAssigned" : "SystemAssigned, UserAssigned");
        json.writeStringField("principalId", principal);
        json.writeStringField("tenantId", tenantId);
        if (variant != 10) {
            json.writeObjectFieldStart("userAssignedIdentities");
            json.writeObjectFieldStart(userIdentity);
            json.writeStringField("principalId", uuid());
            json.writeStringField("clientId", uuid());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
        sku("RS0", "Standard");
        json.writeObjectFieldStart("properties");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeObjectFieldStart("encryption");
        json.writeObjectFieldStart("keyVaultProperties");
        json.writeStringField("keyUri", keyUri);
        json.writeEndObject();
        json.writeObjectFieldStart("kekIdentity");
        if (variant == 10) {
            json.writeStringField("userAssignedIdentity", userIdentity);
        } else {
            json.writeBooleanField("useSystemAssignedIdentity", true);
        }
        json.writeEndObject();
        json.writeStringField("infrastructureEncryption", "Enabled");
        json.writeEndObject();
        json.writeObjectFieldStart("securitySettings");
        json.writeObjectFieldStart("softDeleteSettings");
        json.writeStringField("softDeleteState", "Enabled");
        json.writeNumberField("softDeleteRetentionPeriodInDays", 14);
        json.writeEndObject();
        json.writeObjectFieldStart("immutabilitySettings");
        json.writeStringField("state", "Unlocked");
        json.writeEndObject();
        json.writeEndObject();
        json.writeStringField("publicNetworkAccess", "Enabled");
        json.writeObjectFieldStart("redundancySettings");
        json.writeStringField("standardTierStorageRedundancy", "GeoRedundant");
        json.writeStringField("crossRegionRestore", "Disabled");
        json.writeEndObject();
        json.writeEndObject();
        end();

        if (variant % 5 != 4) {
            begin(RSV_CONFIG, rsvId + "/backupEncryptionConfigs/backupResourceEncryptionConfig", null);
            json.writeObjectFieldStart("properties");
            json.writeStringField("encryptionAtRestType", variant == 11 ? "MicrosoftManaged" : "CustomerManaged");
            json.writeStringField("keyUri", keyUri);
            json.writeStringField("subscriptionId", sub);
            json.writeStringField("lastUpdateStatus", "Succeeded");
            json.writeStringField("infrastructureEncryptionState", "Enabled");
            json.writeEndObject();
            end();
        }
        if (external) {
            return; // the key vault is in a tenant or subscription outside the export
        }

        begin(KV, kvId, location);
        json.writeObjectFieldStart("properties");
        json.writeStringField("tenantId", tenantId);
        json.writeObjectFieldStart("sku");
        json.writeStringField("family", "A");
        json.writeStringField("name", "premium");
        json.writeEndObject();
        json.writeArrayFieldStart("accessPolicies");
        if (!rbac) {
            accessPolicy(principal, variant == 9 ? new String[] {"get", "wrapKey"} : new String[] {"get", "wrapKey", "unwrapKey"});
        }
        accessPolicy(uuid(), new String[] {"get", "list"});
        json.writeEndArray();
        json.writeBooleanField("enabledForDeployment", false);
        json.writeBooleanField("enabledForTemplateDeployment", false);
        if (variant == 7) {
            json.writeBooleanField("enableSoftDelete", false);
        } else if (variant % 3 != 2) {
            json.writeBooleanField("enableSoftDelete", true);
        }
        json.writeNumberField("softDeleteRetentionInDays", 90);
        json.writeBooleanField("enableRbacAuthorization", rbac);
        if (variant != 6) {
            json.writeBooleanField("enablePurgeProtection", true);
        }
        json.writeStringField("vaultUri", "https://" + kvName + ".vault.azure.net/");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeStringField("publicNetworkAccess", "Disabled");
        json.writeEndObject();
        end();

        if (variant != 1) {
            key(kvId, keyName, version, variant, variant % 3);
        }
        key(kvId, "data-" + number, hex32(), 0, (variant + 1) % 3);
        diagnosticSetting(kvId, variant % 4);
        if (rbac && variant != 12) {
            roleAssignment(kvId, CRYPTO_SERVICE_ENCRYPTION_USER, principal);
        }
    }

    private void accessPolicy(String objectId, String[] keys) throws IOException {
        json.writeStartObject();
        json.writeStringField("tenantId", tenantId);
        json.writeStringField("objectId", objectId);
        json.writeObjectFieldStart("permissions");
        json.writeArrayFieldStart("keys");
        for (String permission : keys) {
            json.writeString(permission);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("secrets");
        json.writeEndArray();
        json.writeArrayFieldStart("certificates");
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** @param rotation 0: a rotate action, 1: notify only, 2: no rotation policy */
    private void key(String kvId, String name, String version, int variant, int rotation) throws IOException {
        begin(KEY, kvId + "/keys/" + name, null);
        json.writeObjectFieldStart("properties");
        json.writeObjectFieldStart("attributes");
        json.writeBooleanField("enabled", variant != 2);
        json.writeNumberField("created", 1_700_000_000L + random.nextInt(10_000_000));
        json.writeNumberField("updated", 1_710_000_000L + random.nextInt(10_000_000));
        json.writeNumberField("exp", variant == 3 ? 1_600_000_000L : 1_900_000_000L);
        json.writeStringField("recoveryLevel", "Recoverable");
        json.writeEndObject();
        json.writeStringField("kty", variant == 4 ? "EC" : "RSA");
        if (variant == 4) {
            json.writeStringField("curveName", "P-256");
        } else {
            json.writeNumberField("keySize", variant == 5 ? 1024 : 3072);
        }
        json.writeArrayFieldStart("keyOps");
        for (String op : new String[] {"wrapKey", "unwrapKey", "encrypt", "decrypt"}) {
            json.writeString(op);
        }
        json.writeEndArray();
        String host = kvId.substring(kvId.lastIndexOf('/') + 1) + ".vault.azure.net";
        json.writeStringField("keyUri", "https://" + host + "/keys/" + name);
        json.writeStringField("keyUriWithVersion", "https://" + host + "/keys/" + name + "/" + version);
        if (rotation != 2) {
            json.writeObjectFieldStart("rotationPolicy");
            json.writeArrayFieldStart("lifetimeActions");
            json.writeStartObject();
            json.writeObjectFieldStart("trigger");
            json.writeStringField(rotation == 0 ? "timeAfterCreate" : "timeBeforeExpiry", rotation == 0 ? "P90D" : "P30D");
            json.writeEndObject();
            json.writeObjectFieldStart("action");
            json.writeStringField("type", rotation == 0 ? "rotate" : "Notify");
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeObjectFieldStart("attributes");
            json.writeStringField("expiryTime", "P1Y");
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
        end();
    }

    /** @param kind 0: AuditEvent to a workspace, 1: allLogs category group, 2: an empty workspaceId, 3: none */
    private void diagnosticSetting(String resourceId, int kind) throws IOException {
        if (kind == 3) {
            return;
        }
        String sub = resourceId.split("/")[2];
        begin(DIAG, resourceId + "/providers/Microsoft.Insights/diagnosticSettings/to-law", null);
        json.writeObjectFieldStart("properties");
        json.writeStringField("workspaceId", kind == 2 ? "" : id(sub, "rg-monitoring", "Microsoft.OperationalInsights/workspaces", "law-central"));
        json.writeArrayFieldStart("logs");
        json.writeStartObject();
        if (kind == 1) {
            json.writeStringField("categoryGroup", "allLogs");
        } else {
            json.writeStringField("category", "AuditEvent");
        }
        json.writeBooleanField("enabled", true);
        json.writeObjectFieldStart("retentionPolicy");
        json.writeBooleanField("enabled", false);
        json.writeNumberField("days", 0);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
        json.writeArrayFieldStart("metrics");
        json.writeStartObject();
        json.writeStringField("category", "AllMetrics");
        json.writeBooleanField("enabled", kind == 0);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        end();
    }

    private void roleAssignment(String scope, String role, String principal) throws IOException {
        String sub = scope.split("/")[2];
        begin(ROLE_ASSIGNMENT, scope + "/providers/Microsoft.Authorization/roleAssignments/" + uuid(), null);
        json.writeObjectFieldStart("properties");
        json.writeStringField("roleDefinitionId", "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + role);
        json.writeStringField("principalId", principal);
        json.writeStringField("principalType", "ServicePrincipal");
        json.writeStringField("scope", scope);
        json.writeNullField("condition");
        json.writeNullField("conditionVersion");
        json.writeStringField("createdOn", "2025-03-0" + (1 + random.nextInt(9)) + "T10:00:00.0000000Z");
        json.writeEndObject();
        end();
    }

    private void roleDefinition() throws IOException {
        String sub = subscription();
        String guid = uuid();
        begin(ROLE_DEFINITION, "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + guid, null);
        json.writeObjectFieldStart("properties");
        json.writeStringField("roleName", "Backup key user " + guid.substring(0, 8));
        json.writeStringField("type", "CustomRole");
        json.writeStringField("description", "Reads and wraps backup keys");
        json.writeArrayFieldStart("assignableScopes");
        json.writeString("/subscriptions/" + sub);
        json.writeEndArray();
        json.writeArrayFieldStart("permissions");
        json.writeStartObject();
        json.writeArrayFieldStart("actions");
        json.writeEndArray();
        json.writeArrayFieldStart("notActions");
        json.writeEndArray();
        json.writeArrayFieldStart("dataActions");
        json.writeString("Microsoft.KeyVault/vaults/keys/read");
        json.writeString("Microsoft.KeyVault/vaults/keys/wrap/action");
        json.writeString("Microsoft.KeyVault/vaults/keys/unwrap/action");
        json.writeEndArray();
        json.writeArrayFieldStart("notDataActions");
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        end();
    }

    private void keyVaultAlone() throws IOException {
        String sub = subscription();
        String rg = group(sub);
        String name = "kv-app-" + unit;
        String kvId = id(sub, rg, KV, name);
        int variant = random.nextInt(9);
        begin(KV, kvId, location());
        json.writeObjectFieldStart("properties");
        json.writeStringField("tenantId", tenantId);
        json.writeObjectFieldStart("sku");
        json.writeStringField("family", "A");
        json.writeStringField("name", "standard");
        json.writeEndObject();
        json.writeArrayFieldStart("accessPolicies");
        json.writeEndArray();
        if (variant % 3 != 2) {
            json.writeBooleanField("enableSoftDelete", variant % 3 == 0);
        }
        if (variant / 3 != 2) {
            json.writeBooleanField("enablePurgeProtection", variant / 3 == 0);
        }
        json.writeBooleanField("enableRbacAuthorization", true);
        json.writeStringField("vaultUri", "https://" + name + ".vault.azure.net/");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeEndObject();
        end();
        key(kvId, "app-key", hex32(), random.nextInt(6) == 0 ? 2 : 0, random.nextInt(3));
        diagnosticSetting(kvId, random.nextInt(4));
    }

    private void recoveryVaultWithoutCmk() throws IOException {
        String sub = subscription();
        String rsvId = id(sub, group(sub), RSV, "rsv-" + unit);
        begin(RSV, rsvId, location());
        sku("RS0", "Standard");
        json.writeObjectFieldStart("properties");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeStringField("publicNetworkAccess", "Enabled");
        json.writeEndObject();
        end();
        if (random.nextBoolean()) {
            begin(RSV_CONFIG, rsvId + "/backupEncryptionConfigs/backupResourceEncryptionConfig", null);
            json.writeObjectFieldStart("properties");
            json.writeStringField("encryptionAtRestType", "MicrosoftManaged");
            json.writeStringField("lastUpdateStatus", "NotEnabled");
            json.writeStringField("infrastructureEncryptionState", "Disabled");
            json.writeEndObject();
            end();
        }
    }

    // ---- resources no check reads ----

    private void virtualMachine() throws IOException {
        String sub = subscription();
        String rg = group(sub);
        String location = location();
        String name = "vm-" + unit;
        String nicId = id(sub, rg, "Microsoft.Network/networkInterfaces", name + "-nic");
        String osDisk = id(sub, rg, "Microsoft.Compute/disks", name + "-os");
        int dataDisks = random.nextInt(3);
        begin("Microsoft.Compute/virtualMachines", id(sub, rg, "Microsoft.Compute/virtualMachines", name), location);
        json.writeObjectFieldStart("properties");
        json.writeStringField("vmId", uuid());
        json.writeObjectFieldStart("hardwareProfile");
        json.writeStringField("vmSize", random.nextBoolean() ? "Standard_D4s_v5" : "Standard_B2ms");
        json.writeEndObject();
        json.writeObjectFieldStart("storageProfile");
        json.writeObjectFieldStart("imageReference");
        json.writeStringField("publisher", "Canonical");
        json.writeStringField("offer", "0001-com-ubuntu-server-jammy");
        json.writeStringField("sku", "22_04-lts-gen2");
        json.writeStringField("version", "latest");
        json.writeEndObject();
        json.writeObjectFieldStart("osDisk");
        json.writeStringField("osType", "Linux");
        json.writeStringField("name", name + "-os");
        json.writeStringField("createOption", "FromImage");
        json.writeStringField("caching", "ReadWrite");
        json.writeObjectFieldStart("managedDisk");
        json.writeStringField("storageAccountType", "Premium_LRS");
        json.writeStringField("id", osDisk);
        json.writeEndObject();
        json.writeNumberField("diskSizeGB", 30);
        json.writeEndObject();
        json.writeArrayFieldStart("dataDisks");
        for (int i = 0; i < dataDisks; i++) {
            json.writeStartObject();
            json.writeNumberField("lun", i);
            json.writeStringField("name", name + "-data" + i);
            json.writeStringField("createOption", "Attach");
            json.writeObjectFieldStart("managedDisk");
            json.writeStringField("id", id(sub, rg, "Microsoft.Compute/disks", name + "-data" + i));
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeObjectFieldStart("osProfile");
        json.writeStringField("computerName", name);
        json.writeStringField("adminUsername", "azureuser");
        json.writeObjectFieldStart("linuxConfiguration");
        json.writeBooleanField("disablePasswordAuthentication", true);
        json.writeBooleanField("provisionVMAgent", true);
        json.writeEndObject();
        json.writeArrayFieldStart("secrets");
        json.writeEndArray();
        json.writeEndObject();
        json.writeObjectFieldStart("networkProfile");
        json.writeArrayFieldStart("networkInterfaces");
        json.writeStartObject();
        json.writeStringField("id", nicId);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeObjectFieldStart("diagnosticsProfile");
        json.writeObjectFieldStart("bootDiagnostics");
        json.writeBooleanField("enabled", true);
        json.writeEndObject();
        json.writeEndObject();
        json.writeStringField("provisioningState", "Succeeded");
        json.writeStringField("timeCreated", "2025-0" + (1 + random.nextInt(9)) + "-12T08:30:00.0000000+00:00");
        json.writeEndObject();
        end();
        disk(sub, rg, location, name + "-os", 30, name);
        for (int i = 0; i < dataDisks; i++) {
            disk(sub, rg, location, name + "-data" + i, 128 << random.nextInt(4), name);
        }
        begin("Microsoft.Network/networkInterfaces", nicId, location);
        json.writeObjectFieldStart("properties");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeArrayFieldStart("ipConfigurations");
        json.writeStartObject();
        json.writeStringField("name", "ipconfig1");
        json.writeStringField("id", nicId + "/ipConfigurations/ipconfig1");
        json.writeObjectFieldStart("properties");
        json.writeStringField("privateIPAddress", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (4 + random.nextInt(250)));
        json.writeStringField("privateIPAllocationMethod", "Dynamic");
        json.writeObjectFieldStart("subnet");
        json.writeStringField("id", id(sub, rg, "Microsoft.Network/virtualNetworks", "vnet-" + rg) + "/subnets/default");
        json.writeEndObject();
        json.writeBooleanField("primary", true);
        json.writeStringField("privateIPAddressVersion", "IPv4");
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
        json.writeBooleanField("enableAcceleratedNetworking", true);
        json.writeBooleanField("enableIPForwarding", false);
        json.writeObjectFieldStart("virtualMachine");
        json.writeStringField("id", id(sub, rg, "Microsoft.Compute/virtualMachines", name));
        json.writeEndObject();
        json.writeEndObject();
        end();
        if (random.nextInt(10) < 3) {
            publicIp(sub, rg, location, name + "-pip");
        }
    }

    private void disk(String sub, String rg, String location, String name, int sizeGb, String vm) throws IOException {
        begin("Microsoft.Compute/disks", id(sub, rg, "Microsoft.Compute/disks", name), location);
        json.writeStringField("managedBy", id(sub, rg, "Microsoft.Compute/virtualMachines", vm));
        sku("Premium_LRS", "Premium");
        json.writeObjectFieldStart("properties");
        json.writeObjectFieldStart("creationData");
        json.writeStringField("createOption", name.endsWith("-os") ? "FromImage" : "Empty");
        json.writeEndObject();
        json.writeNumberField("diskSizeGB", sizeGb);
        json.writeNumberField("diskIOPSReadWrite", 500);
        json.writeNumberField("diskMBpsReadWrite", 100);
        json.writeObjectFieldStart("encryption");
        json.writeStringField("type", "EncryptionAtRestWithPlatformKey");
        json.writeEndObject();
        json.writeStringField("networkAccessPolicy", "AllowAll");
        json.writeStringField("publicNetworkAccess", "Enabled");
        json.writeStringField("timeCreated", "2025-02-11T09:15:00.0000000+00:00");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeStringField("diskState", "Attached");
        json.writeNumberField("diskSizeBytes", (long) sizeGb << 30);
        json.writeStringField("uniqueId", uuid());
        json.writeEndObject();
        end();
    }

    private void publicIp(String sub, String rg, String location, String name) throws IOException {
        begin("Microsoft.Network/publicIPAddresses", id(sub, rg, "Microsoft.Network/publicIPAddresses", name), location);
        sku("Standard", "Regional");
        json.writeObjectFieldStart("properties");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeStringField("ipAddress", "20." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        json.writeStringField("publicIPAddressVersion", "IPv4");
        json.writeStringField("publicIPAllocationMethod", "Static");
        json.writeNumberField("idleTimeoutInMinutes", 4);
        json.writeEndObject();
        end();
    }

    private void storageAccount() throws IOException {
        String sub = subscription();
        String rg = group(sub);
        String saId = id(sub, rg, "Microsoft.Storage/storageAccounts", "st" + Long.toString(unit, 36) + "data");
        String location = location();
        begin("Microsoft.Storage/storageAccounts", saId, location);
        json.writeStringField("kind", "StorageV2");
        sku("Standard_GRS", "Standard");
        json.writeObjectFieldStart("properties");
        json.writeStringField("minimumTlsVersion", "TLS1_2");
        json.writeBooleanField("allowBlobPublicAccess", random.nextInt(10) == 0);
        json.writeBooleanField("supportsHttpsTrafficOnly", true);
        json.writeBooleanField("allowSharedKeyAccess", random.nextBoolean());
        json.writeObjectFieldStart("networkAcls");
        json.writeStringField("bypass", "AzureServices");
        json.writeArrayFieldStart("virtualNetworkRules");
        json.writeEndArray();
        json.writeArrayFieldStart("ipRules");
        json.writeEndArray();
        json.writeStringField("defaultAction", random.nextBoolean() ? "Allow" : "Deny");
        json.writeEndObject();
        json.writeObjectFieldStart("encryption");
        json.writeObjectFieldStart("services");
        for (String service : new String[] {"blob", "file"}) {
            json.writeObjectFieldStart(service);
            json.writeStringField("keyType", "Account");
            json.writeBooleanField("enabled", true);
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeStringField("keySource", "Microsoft.Storage");
        json.writeEndObject();
        json.writeStringField("accessTier", "Hot");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeObjectFieldStart("primaryEndpoints");
        String host = saId.substring(saId.lastIndexOf('/') + 1);
        json.writeStringField("blob", "https://" + host + ".blob.core.windows.net/");
        json.writeStringField("queue", "https://" + host + ".queue.core.windows.net/");
        json.writeStringField("table", "https://" + host + ".table.core.windows.net/");
        json.writeStringField("file", "https://" + host + ".file.core.windows.net/");
        json.writeEndObject();
        json.writeStringField("primaryLocation", location);
        json.writeStringField("statusOfPrimary", "available");
        json.writeEndObject();
        end();
        if (random.nextInt(10) < 3) {
            diagnosticSetting(saId, random.nextInt(3));
        }
    }

    private void network() throws IOException {
        String sub = subscription();
        String rg = group(sub);
        String location = location();
        String vnetId = id(sub, rg, "Microsoft.Network/virtualNetworks", "vnet-" + unit);
        begin("Microsoft.Network/virtualNetworks", vnetId, location);
        json.writeObjectFieldStart("properties");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeObjectFieldStart("addressSpace");
        json.writeArrayFieldStart("addressPrefixes");
        json.writeString("10." + random.nextInt(256) + ".0.0/16");
        json.writeEndArray();
        json.writeEndObject();
        json.writeArrayFieldStart("subnets");
        for (String subnet : new String[] {"default", "app"}) {
            json.writeStartObject();
            json.writeStringField("name", subnet);
            json.writeStringField("id", vnetId + "/subnets/" + subnet);
            json.writeObjectFieldStart("properties");
            json.writeStringField("addressPrefix", "10.0." + (subnet.equals("app") ? 1 : 0) + ".0/24");
            json.writeStringField("privateEndpointNetworkPolicies", "Disabled");
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanField("enableDdosProtection", false);
        json.writeEndObject();
        end();
        begin("Microsoft.Network/networkSecurityGroups", id(sub, rg, "Microsoft.Network/networkSecurityGroups", "nsg-" + unit), location);
        json.writeObjectFieldStart("properties");
        json.writeStringField("provisioningState", "Succeeded");
        json.writeArrayFieldStart("securityRules");
        int rules = 1 + random.nextInt(3);
        for (int i = 0; i < rules; i++) {
            json.writeStartObject();
            json.writeStringField("name", "allow-" + (i == 0 ? "https" : "rule" + i));
            json.writeObjectFieldStart("properties");
            json.writeStringField("protocol", "Tcp");
            json.writeStringField("sourcePortRange", "*");
            json.writeStringField("destinationPortRange", i == 0 ? "443" : Integer.toString(8000 + i));
            json.writeStringField("sourceAddressPrefix", i == 0 ? "Internet" : "VirtualNetwork");
            json.writeStringField("destinationAddressPrefix", "*");
            json.writeStringField("access", "Allow");
            json.writeNumberField("priority", 100 + i * 10);
            json.writeStringField("direction", "Inbound");
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        end();
    }

    private void webApp() throws IOException {
        String sub = subscription();
        String rg = group(sub);
        String location = location();
        String planId = id(sub, rg, "Microsoft.Web/serverfarms", "plan-" + unit);
        begin("Microsoft.Web/serverfarms", planId, location);
        json.writeStringField("kind", "linux");
        sku("P1v3", "PremiumV3");
        json.writeObjectFieldStart("properties");
        json.writeNumberField("numberOfWorkers", 1 + random.nextInt(3));
        json.writeBooleanField("reserved", true);
        json.writeStringField("status", "Ready");
        json.writeEndObject();
        end();
        String site = "app-" + unit;
        begin("Microsoft.Web/sites", id(sub, rg, "Microsoft.Web/sites", site), location);
        json.writeStringField("kind", "app,linux");
        json.writeObjectFieldStart("properties");
        json.writeStringField("state", "Running");
        json.writeArrayFieldStart("hostNames");
        json.writeString(site + ".azurewebsites.net");
        json.writeEndArray();
        json.writeStringField("serverFarmId", planId);
        json.writeBooleanField("httpsOnly", random.nextBoolean());
        json.writeObjectFieldStart("siteConfig");
        json.writeStringField("linuxFxVersion", "DOTNETCORE|8.0");
        json.writeStringField("minTlsVersion", "1.2");
        json.writeStringField("ftpsState", "Disabled");
        json.writeBooleanField("alwaysOn", true);
        json.writeEndObject();
        json.writeStringField("defaultHostName", site + ".azurewebsites.net");
        json.writeBooleanField("clientCertEnabled", false);
        json.writeEndObject();
        end();
    }

    // ---- the frame every resource shares ----

    private String pendingType;

    /** Starts a resource: {@code id}, {@code name}, {@code type} (or, one in fifty, {@code type} at the end), location, tags. */
    private void begin(String type, String id, String location) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("name", id.substring(id.lastIndexOf('/') + 1));
        if (written % 50 == 49) {
            pendingType = type;
        } else {
            json.writeStringField("type", type);
            pendingType = null;
        }
        if (location != null) {
            json.writeStringField("location", location);
            json.writeObjectFieldStart("tags");
            json.writeStringField("costCenter", "cc-" + (1000 + random.nextInt(40)));
            json.writeStringField("owner", "team-" + (char) ('a' + random.nextInt(12)));
            json.writeStringField("environment", random.nextInt(3) == 0 ? "prod" : "dev");
            json.writeEndObject();
        }
        counts.merge(type, 1L, Long::sum);
    }

    private void end() throws IOException {
        if (pendingType != null) {
            json.writeStringField("type", pendingType);
            pendingType = null;
        }
        json.writeEndObject();
        written++;
        if (written >= total) {
            throw new Done();
        }
    }

    /** Compact JSON with each element of the top-level array on a line of its own. */
    private static final class OneResourceALine extends MinimalPrettyPrinter {
        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw(topLevel(g) ? "[\n" : "[");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(topLevel(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(topLevel(g) ? "\n]" : "]");
        }

        private static boolean topLevel(JsonGenerator g) {
            return g.getOutputContext().getParent() != null && g.getOutputContext().getParent().inRoot();
        }
    }

    /** Stops a unit midway once the tenant has its size; caught in {@link #nextUnit} callers by the size check. */
    private static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }

    private void sku(String name, String tier) throws IOException {
        json.writeObjectFieldStart("sku");
        json.writeStringField("name", name);
        json.writeStringField("tier", tier);
        json.writeEndObject();
    }

    private String subscription() {
        return subscriptions[random.nextInt(SUBSCRIPTIONS)];
    }

    private String subscriptionScope() {
        return "/subscriptions/" + subscription();
    }

    private String group(String subscription) {
        return "rg-" + (subscription.charAt(0)) + "-" + random.nextInt(GROUPS_PER_SUBSCRIPTION);
    }

    private String location() {
        return LOCATIONS[random.nextInt(LOCATIONS.length)];
    }

    private static String id(String sub, String rg, String type, String name) {
        return "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/" + type + "/" + name;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String hex32() {
        return String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
    }
}
