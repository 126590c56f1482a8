package dev.lensix.input.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Severity;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.testing.LambdaCheck;
import dev.lensix.input.azure.emulator.ArmEmulator;
import dev.lensix.input.azure.emulator.EmulatedTenant;
import dev.lensix.input.azure.emulator.EmulatorAccess;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.lensix.input.azure.emulator.EmulatedTenant.CONFIG_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.DIAG_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.KEY_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.KV_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.ROLE_ASSIGNMENT_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.RSV_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live collector against the loopback ARM emulator: what it requests, what it keeps, how it survives faults. */
class LiveCollectorTest {

    private static final CheckDescriptor RSV_CHECK = LambdaCheck.descriptor("rsv_check", Severity.HIGH, RSV_TYPE, CONFIG_TYPE);
    private static final CheckDescriptor KV_CHECK = LambdaCheck.descriptor("kv_check", Severity.MEDIUM, KV_TYPE, KEY_TYPE,
            DIAG_TYPE);
    private static final List<CheckDescriptor> CHECKS = List.of(RSV_CHECK, KV_CHECK);

    private static EmulatedTenant tenant() {
        return EmulatedTenant.generated(2, 5, 4, 3, true);
    }

    private static Collected collect(ArmEmulator emulator, List<CheckDescriptor> checks, String... subscriptions)
            throws Exception {
        LiveSettings settings = LiveSettings.parse(List.of(subscriptions), null, "default", "AzureCloud",
                emulator.endpoint().toString(), 16);
        try (AutoCloseable access = EmulatorAccess.install(emulator);
             AzureCollector collector = AzureCollector.connect(settings, "lensix/test")) {
            return collector.collect(checks);
        }
    }

    private static Map<String, JsonNode> byId(List<Resource> resources) {
        return resources.stream().collect(Collectors.toMap(resource -> resource.id().toLowerCase(Locale.ROOT),
                Resource::json, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, JsonNode> served(EmulatedTenant tenant, Set<String> types) {
        return tenant.resources().stream()
                .filter(resource -> types.contains(resource.get("type").asText().toLowerCase(Locale.ROOT))
                        || (resource.get("type").asText().isEmpty() && types.contains(DIAG_TYPE.toLowerCase(Locale.ROOT))))
                .collect(Collectors.toMap(resource -> resource.get("id").asText().toLowerCase(Locale.ROOT),
                        Function.identity(), (a, b) -> a, TreeMap::new));
    }

    private static Set<String> lower(String... types) {
        return java.util.Arrays.stream(types).map(type -> type.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Test
    void collectsExactlyTheDeclaredTypesAsArmServesThemFollowingNextLinks() throws Exception {
        EmulatedTenant tenant = tenant();
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).pageSize(2).start()) {
            Collected collected = collect(emulator, CHECKS);

            Map<String, JsonNode> expected = served(tenant, lower(RSV_TYPE, CONFIG_TYPE, KV_TYPE, KEY_TYPE, DIAG_TYPE));
            Map<String, JsonNode> actual = byId(collected.resources());
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((id, json) -> {
                ObjectNode served = json.deepCopy();
                if (served.get("type").asText().isEmpty()) {
                    served.put("type", DIAG_TYPE); // ARM's empty type, filled in from the listing
                }
                assertThat(actual.get(id)).as(id).isEqualTo(served);
            });
            assertThat(collected.ledger().entries()).allMatch(entry -> entry.coverage().collected());
            assertThat(collected.scope()).containsExactlyElementsOf(tenant.subscriptions().stream()
                    .map(CollectionLedger::subscriptionScope).toList());
            assertThat(emulator.log()).allMatch(request -> request.status() == 200);
            assertThat(emulator.badTokens()).isZero();
            assertThat(emulator.requestsEndingWith("/versions")).isZero();
            assertThat(emulator.log()).anyMatch(request -> request.query().contains("$skiptoken"));
        }
    }

    @Test
    void everyRequestUsesTheApiVersionPinnedForItsType() throws Exception {
        try (ArmEmulator emulator = ArmEmulator.builder(tenant()).start()) {
            collect(emulator, CHECKS);
            Map<String, Set<String>> versions = emulator.log().stream().collect(Collectors.groupingBy(request -> {
                String path = request.path();
                return path.equals("/subscriptions") ? "subscriptions"
                        : path.endsWith("/providers/microsoft.recoveryservices/vaults") ? RSV_TYPE
                        : path.endsWith("/backupencryptionconfigs/backupresourceencryptionconfig") ? CONFIG_TYPE
                        : path.endsWith("/providers/microsoft.keyvault/vaults") ? KV_TYPE
                        : path.endsWith("/keys") || path.matches(".*/keys/[^/]+") ? KEY_TYPE
                        : path.endsWith("/diagnosticsettings") ? DIAG_TYPE : path;
            }, Collectors.mapping(ArmEmulator.Request::apiVersion, Collectors.toSet())));
            assertThat(versions).containsOnlyKeys("subscriptions", RSV_TYPE, CONFIG_TYPE, KV_TYPE, KEY_TYPE, DIAG_TYPE);
            versions.forEach((type, seen) -> assertThat(seen).as(type).containsExactly(type.equals("subscriptions")
                    ? ArmTypes.SUBSCRIPTIONS_API_VERSION : ArmTypes.of(type).orElseThrow().apiVersion()));
        }
    }

    @Test
    void fetchesNoKeysWhenNoCheckReadsKeys() throws Exception {
        try (ArmEmulator emulator = ArmEmulator.builder(tenant()).start()) {
            Collected collected = collect(emulator, List.of(RSV_CHECK));
            assertThat(emulator.log()).noneMatch(request -> request.path().contains("keyvault")
                    || request.path().contains("insights"));
            assertThat(collected.resources()).allMatch(resource -> resource.type().startsWith("Microsoft.RecoveryServices"));
            // requests: the subscription listing, one vault listing per subscription, one config per vault
            assertThat(emulator.requests()).isEqualTo(1 + 2 + 2 * 5);
        }
    }

    @Test
    void givenSubscriptionsAreScannedWithoutListingSubscriptions() throws Exception {
        EmulatedTenant tenant = tenant();
        String first = tenant.subscriptions().get(0);
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).start()) {
            Collected collected = collect(emulator, List.of(RSV_CHECK), first);
            assertThat(emulator.log()).noneMatch(request -> request.path().equals("/subscriptions"));
            assertThat(collected.resources()).allMatch(resource -> resource.subscriptionId().orElseThrow().equals(first));
            assertThat(collected.resources()).hasSize(10);
        }
    }

    @Test
    void injectedFaultsChangeNothingInWhatIsCollected() throws Exception {
        EmulatedTenant tenant = EmulatedTenant.generated(3, 10, 8, 3, true);
        Collected clean;
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).pageSize(3).start()) {
            clean = collect(emulator, CHECKS);
        }
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).pageSize(3).faults(0.10, 0.05, 0.03).seed(7).start()) {
            Collected faulty = collect(emulator, CHECKS);
            assertThat(emulator.serverErrors() + emulator.throttled() + emulator.resets()).isGreaterThan(5);
            assertThat(byId(faulty.resources())).isEqualTo(byId(clean.resources()));
            assertThat(faulty.ledger()).isEqualTo(clean.ledger());
            assertThat(faulty.problems()).isEmpty();
        }
    }

    @Test
    void aSubscriptionThatAnswers403IsNotCollectedWithTheReasonWhileTheOthersAre() throws Exception {
        EmulatedTenant tenant = tenant();
        String denied = tenant.subscriptions().get(1);
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).forbidden(denied).start()) {
            Collected collected = collect(emulator, CHECKS);
            CollectionLedger ledger = collected.ledger();
            assertThat(ledger.entries()).filteredOn(entry -> !entry.coverage().collected())
                    .extracting(CollectionLedger.Entry::type, CollectionLedger.Entry::scope)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(RSV_TYPE, "/subscriptions/" + denied),
                            org.assertj.core.groups.Tuple.tuple(KV_TYPE, "/subscriptions/" + denied));
            assertThat(ledger.entries()).filteredOn(entry -> !entry.coverage().collected())
                    .allMatch(entry -> entry.coverage().reason().startsWith("HTTP 403 (AuthorizationFailed): "));
            assertThat(collected.resources()).isNotEmpty()
                    .allMatch(resource -> !resource.subscriptionId().orElseThrow().equals(denied));

            InMemoryInventory inventory = InMemoryInventory.of(collected);
            var results = ledger.gapResults(CHECKS, inventory);
            assertThat(results).hasSize(2).allMatch(result -> result.status() == dev.lensix.api.check.Status.ERROR)
                    .allMatch(result -> result.resource().id().equals("/subscriptions/" + denied))
                    .allMatch(result -> result.resource().type().equals(CollectionLedger.SUBSCRIPTION_TYPE))
                    .allMatch(result -> result.message().contains("could not be collected in subscription " + denied)
                            && result.message().contains("AuthorizationFailed"));
        }
    }

    @Test
    void aKeyListedWithoutItsRotationPolicyIsReadOnItsOwn() throws Exception {
        EmulatedTenant tenant = tenant();
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).listOmitsRotationPolicy(true).start()) {
            Collected collected = collect(emulator, List.of(KV_CHECK));
            long keys = tenant.resources().stream().filter(r -> r.get("type").asText().equals(KEY_TYPE)).count();
            assertThat(emulator.log()).filteredOn(request -> request.path().matches(".*/keys/[^/]+$")).hasSize((int) keys);
            Map<String, JsonNode> expected = served(tenant, lower(KEY_TYPE));
            assertThat(byId(collected.resources().stream().filter(r -> r.isOfType(KEY_TYPE)).toList()))
                    .isEqualTo(expected);
            assertThat(collected.ledger().entries()).allMatch(entry -> entry.coverage().collected());
        }
    }

    @Test
    void aKeyThatCannotBeReadLeavesItsVaultsKeysNotCollectedButKeepsWhatWasListed() throws Exception {
        EmulatedTenant tenant = tenant();
        String sub = tenant.subscriptions().get(0);
        String vaultId = "/subscriptions/" + sub + "/resourceGroups/rg-keys-0/providers/Microsoft.KeyVault/vaults/kv-0-0";
        String keyId = vaultId + "/keys/key-0";
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).listOmitsRotationPolicy(true).goneOnGet(keyId).start()) {
            Collected collected = collect(emulator, List.of(KV_CHECK), sub);
            InMemoryInventory inventory = InMemoryInventory.of(collected);
            Resource vault = inventory.byId(vaultId).orElseThrow();
            Coverage keys = inventory.coverage(KEY_TYPE, vault);
            assertThat(keys.collected()).isFalse();
            assertThat(keys.reason()).contains("the GET of key-0 failed: HTTP 404 (ResourceNotFound)");
            assertThat(inventory.byId(keyId)).isPresent();
            assertThat(collected.ledger().entries()).filteredOn(entry -> !entry.coverage().collected()).hasSize(1);
        }
    }

    @Test
    void aMissingBackupConfigIsNotCollectedForItsVaultOnly() throws Exception {
        EmulatedTenant tenant = tenant();
        String sub = tenant.subscriptions().get(0);
        String vaultId = "/subscriptions/" + sub + "/resourceGroups/rg-backup-1/providers/Microsoft.RecoveryServices/vaults/rsv-0-1";
        tenant.remove(vaultId + "/backupEncryptionConfigs/backupResourceEncryptionConfig");
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).start()) {
            Collected collected = collect(emulator, List.of(RSV_CHECK), sub);
            assertThat(collected.ledger().entries()).filteredOn(entry -> !entry.coverage().collected())
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.scope()).isEqualToIgnoringCase(vaultId);
                        assertThat(entry.coverage().reason()).startsWith("HTTP 404 (ResourceNotFound)");
                    });
            assertThat(InMemoryInventory.of(collected).byId(vaultId)).isPresent();
        }
    }

    @Test
    void typesLensixCannotCollectAreRecordedAsNotCollectedForEverySubscription() throws Exception {
        CheckDescriptor storage = LambdaCheck.descriptor("st_check", Severity.LOW, "Microsoft.Storage/storageAccounts");
        try (ArmEmulator emulator = ArmEmulator.builder(tenant()).start()) {
            Collected collected = collect(emulator, List.of(storage, RSV_CHECK));
            assertThat(collected.ledger().entries())
                    .filteredOn(entry -> entry.type().equals("Microsoft.Storage/storageAccounts"))
                    .hasSize(2)
                    .allMatch(entry -> entry.coverage().reason()
                            .equals("lensix cannot collect Microsoft.Storage/storageAccounts from live Azure yet"));
            assertThat(emulator.log()).noneMatch(request -> request.path().contains("storage"));
            assertThat(collected.ledger().gapResults(List.of(storage), InMemoryInventory.of(collected))).hasSize(2);
        }
    }

    @Test
    void roleAssignmentsAreReadAtEachVaultTheCheckReadsIncludingInheritedOnes() throws Exception {
        EmulatedTenant tenant = EmulatedTenant.generated(1, 1, 2, 1, false);
        String sub = tenant.subscriptions().get(0);
        String kv = "/subscriptions/" + sub + "/resourceGroups/rg-keys-0/providers/Microsoft.KeyVault/vaults/kv-0-0";
        tenant.roleAssignment(kv, "11111111-0000-0000-0000-000000000001", "p1", "e147488a-f6f5-4113-8e2d-b22465e65bf6");
        tenant.roleAssignment("/subscriptions/" + sub, "11111111-0000-0000-0000-000000000002", "p2",
                "00482a5a-887f-4fb3-b363-3b7fe8e74483");
        tenant.roleAssignment(kv + "/keys/key-0", "11111111-0000-0000-0000-000000000003", "p3",
                "e147488a-f6f5-4113-8e2d-b22465e65bf6");
        CheckDescriptor access = LambdaCheck.descriptor("rsv_access", Severity.HIGH, RSV_TYPE, KV_TYPE, ROLE_ASSIGNMENT_TYPE);
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).start()) {
            Collected collected = collect(emulator, List.of(access));
            InMemoryInventory inventory = InMemoryInventory.of(collected);
            assertThat(inventory.ofType(ROLE_ASSIGNMENT_TYPE)).hasSize(3);
            Resource vault = inventory.byId(kv).orElseThrow();
            assertThat(inventory.coverage(ROLE_ASSIGNMENT_TYPE, vault).collected()).isTrue();
            assertThat(inventory.childrenOf(vault, ROLE_ASSIGNMENT_TYPE)).hasSize(1);
            // one listing per Key Vault and per Recovery Services vault the check reads
            assertThat(emulator.requestsEndingWith("/providers/microsoft.authorization/roleassignments")).isEqualTo(3);
        }
    }

    @Test
    void armThrottlingIsAvoidedByPacingBeforeTheBucketRunsDry() throws Exception {
        EmulatedTenant tenant = EmulatedTenant.generated(1, 280, 0, 0, false);
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).armThrottling(true).pageSize(100).start()) {
            LiveSettings settings = LiveSettings.parse(tenant.subscriptions(), null, "default", "AzureCloud",
                    emulator.endpoint().toString(), 16);
            try (AutoCloseable access = EmulatorAccess.install(emulator);
                 AzureCollector collector = AzureCollector.connect(settings, "lensix/test")) {
                Collected collected = collector.collect(List.of(RSV_CHECK));
                assertThat(collected.resources()).hasSize(560);
                assertThat(collected.ledger().entries()).allMatch(entry -> entry.coverage().collected());
                assertThat(emulator.throttled()).isZero();
            }
        }
    }

    @Test
    void aCredentialThatCannotSignInStopsTheCollectionWithOneLine() throws Exception {
        try (ArmEmulator emulator = ArmEmulator.builder(tenant()).start();
             AutoCloseable access = EmulatorAccess.install(new EmulatorAccess.FailingCredential())) {
            LiveSettings settings = LiveSettings.parse(List.of(), null, "cli", "AzureCloud",
                    emulator.endpoint().toString(), 4);
            try (AzureCollector collector = AzureCollector.connect(settings, "lensix/test")) {
                assertThatThrownBy(() -> collector.collect(CHECKS)).isInstanceOf(InputException.class)
                        .hasMessage("cannot sign in to Azure with --auth cli: AADSTS700016: Application with identifier"
                                + " 'x' was not found in the directory.");
            }
            assertThat(emulator.requests()).isZero();
        }
    }

    @Test
    void aWrongTokenIsNotCollectedEverywhereWithTheReason() throws Exception {
        try (ArmEmulator emulator = ArmEmulator.builder(tenant()).token("the-right-one").start();
             AutoCloseable access = EmulatorAccess.install(new EmulatorAccess.FixedToken("a-wrong-one"))) {
            LiveSettings settings = LiveSettings.parse(List.of(EmulatedTenant.subscriptionId(0)), null, "default",
                    "AzureCloud", emulator.endpoint().toString(), 4);
            try (AzureCollector collector = AzureCollector.connect(settings, "lensix/test")) {
                Collected collected = collector.collect(CHECKS);
                assertThat(collected.ledger().entries()).isNotEmpty().allMatch(entry -> !entry.coverage().collected()
                        && entry.coverage().reason().startsWith("HTTP 401 (InvalidAuthenticationToken)"));
            }
        }
    }

    @Test
    void aNextLinkToAnotherHostIsNeverSentTheToken() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ArmClient client = new ArmClient(new HttpPipelineBuilder().httpClient(request -> {
            sent.incrementAndGet();
            return Mono.error(new IllegalStateException("must not be sent"));
        }).build(), URI.create("https://management.azure.com/"));
        assertThatThrownBy(() -> client.get("https://evil.example.com/subscriptions?api-version=1"))
                .hasMessageContaining("a link to another host (https://evil.example.com)");
        assertThatThrownBy(() -> client.get("http://management.azure.com/subscriptions?api-version=1"))
                .hasMessageContaining("another host");
        assertThat(sent).hasValue(0);
    }

    @Test
    void debugRequestLinesRedactTheAuthorizationHeader() throws Exception {
        HttpRequest request = new HttpRequest(HttpMethod.GET, new URL("https://management.azure.com/subscriptions"));
        request.setHeader(HttpHeaderName.AUTHORIZATION, "Bearer canary-secret");
        request.setHeader(HttpHeaderName.fromString("x-ms-client-request-id"), "abc");
        String line = ArmRequestPolicy.headers(request);
        assertThat(line).doesNotContain("canary-secret").contains("Authorization: REDACTED", "x-ms-client-request-id: abc");
    }

    @Test
    void idsWithSpacesAndOtherCharactersArePercentEncoded() {
        assertThat(Urls.encodePath("/subscriptions/s/resourceGroups/my rg (1)/providers/X/y/ä?api-version=1&$filter=atScope()"))
                .isEqualTo("/subscriptions/s/resourceGroups/my%20rg%20(1)/providers/X/y/%C3%A4?api-version=1&$filter=atScope()");
    }

    @Test
    void thePlanListsParentsOfChildrenAndRecordsWhatItCannotCollect() {
        CheckDescriptor versions = LambdaCheck.descriptor("kv_versions", Severity.LOW, RSV_TYPE,
                "Microsoft.KeyVault/vaults/keys/versions", "Microsoft.Web/sites");
        CollectionPlan plan = CollectionPlan.of(List.of(versions));
        assertThat(plan.subscriptionTypes()).extracting(ArmTypes.ArmType::type).containsExactly(KV_TYPE, RSV_TYPE);
        assertThat(plan.childrenOf(KV_TYPE)).extracting(ArmTypes.ArmType::type).containsExactly(KEY_TYPE);
        assertThat(plan.childrenOf(KEY_TYPE)).extracting(ArmTypes.ArmType::type)
                .containsExactly("Microsoft.KeyVault/vaults/keys/versions");
        assertThat(plan.unsupported()).containsOnlyKeys("Microsoft.Web/sites");
        assertThat(Optional.of(plan.requestedTypes())).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .doesNotContain("Microsoft.Web/sites");
    }
}
