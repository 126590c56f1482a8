package dev.lensix.testkit.reporter;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.AbsentResult;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.report.Triage;
import dev.lensix.api.resource.Origin;
import dev.lensix.api.resource.SourceLocation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed, deterministic scan reports for reporter tests: the cases of {@link ReporterContractTest}'s golden
 * files, and a hostile-text report that puts awkward text in every text field a report can carry.
 *
 * <p>Every call builds a new report with the same content: fixed {@link #STARTED_AT}/{@link #FINISHED_AT},
 * tool version {@link #TOOL_VERSION}, results sorted by check id then resource id as the engine sorts them.
 *
 * <pre>{@code
 * ScanReport report = SampleReports.manyResults();
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * new CsvReporter().write(report, ReportContext.defaults(), out);
 *
 * for (Map.Entry<String, ScanReport> sample : SampleReports.goldenCases().entrySet()) {
 *     // "empty", "one-result", "many-results", "error-result", "hostile-text", "accepted-risks"
 * }
 * }</pre>
 */
public final class SampleReports {

    /** The tool version every sample report carries. */
    public static final String TOOL_VERSION = "0.1.0-test";
    /** When every sample scan started. */
    public static final Instant STARTED_AT = Instant.parse("2026-01-02T03:04:05Z");
    /** When every sample scan finished (with milliseconds, to exercise time formatting). */
    public static final Instant FINISHED_AT = Instant.parse("2026-01-02T03:04:12.345Z");

    public static final String SUBSCRIPTION_PROD = "6f1c2d3e-1111-4aaa-8bbb-00000000a001";
    public static final String SUBSCRIPTION_DEV = "6f1c2d3e-2222-4aaa-8bbb-00000000a002";

    public static final String RSV_PROD = "/subscriptions/" + SUBSCRIPTION_PROD
            + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod";
    public static final String RSV_DEV = "/subscriptions/" + SUBSCRIPTION_DEV
            + "/resourceGroups/rg-backup-dev/providers/Microsoft.RecoveryServices/vaults/rsv-dev";
    public static final String RSV_TEST = "/subscriptions/" + SUBSCRIPTION_DEV
            + "/resourceGroups/rg-backup-dev/providers/Microsoft.RecoveryServices/vaults/rsv-test";
    public static final String RSV_ARCHIVE = "/subscriptions/" + SUBSCRIPTION_PROD
            + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-archive";
    public static final String KV_PROD = "/subscriptions/" + SUBSCRIPTION_PROD
            + "/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-prod";
    public static final String KV_DEV = "/subscriptions/" + SUBSCRIPTION_DEV
            + "/resourceGroups/rg-security-dev/providers/Microsoft.KeyVault/vaults/kv-dev";
    public static final String KEY_BACKUP = KV_PROD + "/keys/backup-cmk";
    public static final String KEY_APP = KV_DEV + "/keys/app-key";
    public static final String KEY_OLD = KV_DEV + "/keys/old-key";

    /**
     * Hostile text, by a short name: every text field of {@link #hostileText()} carries each of these.
     * Covers CSV quoting (quotes, commas, CR/LF, lone CR), spreadsheet formulas ({@code = + - @}, leading
     * tab/CR/LF), markup ({@code < & >}), C0 control characters, a non-character, a supplementary-plane
     * emoji, right-to-left text with U+202E, and leading/trailing blanks.
     */
    public static final Map<String, String> HOSTILE_TEXTS = hostileTexts();

    /** All {@link #HOSTILE_TEXTS} in one string, used where a field can hold only one value. */
    public static final String HOSTILE_EVERYTHING = String.join(" | ", HOSTILE_TEXTS.values());

    /**
     * A string of 100 KiB (102,400 UTF-16 chars) that starts with {@code =} and repeats quotes, commas,
     * CRLF, an emoji and U+202E throughout.
     */
    public static final String HUNDRED_KB = hundredKb();

    private SampleReports() {
    }

    /**
     * The cases every reporter keeps a golden file for, by file base name, in a fixed order:
     * {@code empty}, {@code one-result}, {@code many-results}, {@code error-result}, {@code hostile-text},
     * {@code accepted-risks}, {@code declared-in-files}.
     */
    public static Map<String, ScanReport> goldenCases() {
        Map<String, ScanReport> cases = new LinkedHashMap<>();
        cases.put("empty", empty());
        cases.put("one-result", oneResult());
        cases.put("many-results", manyResults());
        cases.put("error-result", errorResult());
        cases.put("hostile-text", hostileText());
        cases.put("accepted-risks", acceptedRisks());
        cases.put("declared-in-files", declaredInFiles());
        return Collections.unmodifiableMap(cases);
    }

    /** No checks, no results, no problems, no scope. */
    public static ScanReport empty() {
        return new ScanReport(TOOL_VERSION, STARTED_AT, FINISHED_AT, List.of(), List.of(), List.of(), List.of());
    }

    /** One check, one FAIL result with two observations. */
    public static ScanReport oneResult() {
        CheckDescriptor check = rsvNoByok();
        Result result = new Result(check,
                new ResourceRef(RSV_PROD, "Microsoft.RecoveryServices/vaults", "rsv-prod", SUBSCRIPTION_PROD,
                        "rg-backup", "westeurope"),
                Status.FAIL, Severity.HIGH, "backups are encrypted with a Microsoft-managed key",
                new Evidence(List.of(
                        new Observation(RSV_PROD, "properties.encryption.keyVaultProperties.keyUri",
                                Observation.ABSENT, false),
                        new Observation(RSV_PROD + "/backupEncryptionConfigs/backupResourceEncryptionConfig",
                                "properties.encryptionAtRestType", "\"MicrosoftManaged\"", true))));
        return new ScanReport(TOOL_VERSION, STARTED_AT, FINISHED_AT, List.of("snapshots/prod.json"),
                List.of(check), List.of(result), List.of());
    }

    /**
     * Five checks, eleven results: PASS, FAIL and ERROR, every severity (some results raise or lower the
     * check's default), evidence on related resources, an empty location, no evidence at all; and two
     * {@link ScanProblem}s.
     */
    public static ScanReport manyResults() {
        CheckDescriptor rotation = kvKeyNoRotation();
        CheckDescriptor logging = kvNoLogging();
        CheckDescriptor purge = kvNoPurgeProtect();
        CheckDescriptor softDelete = kvNoSoftDelete();
        CheckDescriptor byok = rsvNoByok();
        ResourceRef kvProd = new ResourceRef(KV_PROD, "Microsoft.KeyVault/vaults", "kv-prod", SUBSCRIPTION_PROD,
                "rg-security", "westeurope");
        ResourceRef kvDev = new ResourceRef(KV_DEV, "Microsoft.KeyVault/vaults", "kv-dev", SUBSCRIPTION_DEV,
                "rg-security-dev", "northeurope");
        ResourceRef keyBackup = new ResourceRef(KEY_BACKUP, "Microsoft.KeyVault/vaults/keys", "kv-prod/backup-cmk",
                SUBSCRIPTION_PROD, "rg-security", "westeurope");
        ResourceRef keyApp = new ResourceRef(KEY_APP, "Microsoft.KeyVault/vaults/keys", "kv-dev/app-key",
                SUBSCRIPTION_DEV, "rg-security-dev", "");
        ResourceRef keyOld = new ResourceRef(KEY_OLD, "Microsoft.KeyVault/vaults/keys", "kv-dev/old-key",
                SUBSCRIPTION_DEV, "rg-security-dev", "");
        ResourceRef rsvProd = new ResourceRef(RSV_PROD, "Microsoft.RecoveryServices/vaults", "rsv-prod",
                SUBSCRIPTION_PROD, "rg-backup", "westeurope");
        ResourceRef rsvArchive = new ResourceRef(RSV_ARCHIVE, "Microsoft.RecoveryServices/vaults", "rsv-archive",
                SUBSCRIPTION_PROD, "rg-backup", "westeurope");
        ResourceRef rsvDev = new ResourceRef(RSV_DEV, "Microsoft.RecoveryServices/vaults", "rsv-dev",
                SUBSCRIPTION_DEV, "rg-backup-dev", "northeurope");
        ResourceRef rsvTest = new ResourceRef(RSV_TEST, "Microsoft.RecoveryServices/vaults", "rsv-test",
                SUBSCRIPTION_DEV, "rg-backup-dev", "northeurope");

        List<Result> results = new ArrayList<>();
        results.add(new Result(rotation, keyApp, Status.FAIL, Severity.LOW,
                "key has no rotation policy", evidence(
                        obs(KEY_APP, "properties.rotationPolicy", Observation.ABSENT, false))));
        results.add(new Result(rotation, keyBackup, Status.PASS, Severity.LOW,
                "key rotates automatically every P90D", evidence(
                        obs(KEY_BACKUP, "properties.rotationPolicy.lifetimeActions[0].action.type", "\"Rotate\"", true),
                        obs(KEY_BACKUP, "properties.rotationPolicy.lifetimeActions[0].trigger.timeAfterCreate",
                                "\"P90D\"", true))));
        results.add(new Result(rotation, keyOld, Status.FAIL, Severity.INFO,
                "key is disabled; no rotation policy", evidence(
                        obs(KEY_OLD, "properties.attributes.enabled", "false", true),
                        obs(KEY_OLD, "properties.rotationPolicy", Observation.ABSENT, false))));
        results.add(new Result(logging, kvDev, Status.ERROR, Severity.MEDIUM,
                "diagnostic settings were not collected for this vault", Evidence.none()));
        results.add(new Result(logging, kvProd, Status.FAIL, Severity.MEDIUM,
                "no diagnostic setting sends the AuditEvent category to a destination", evidence(
                        obs(KV_PROD + "/providers/Microsoft.Insights/diagnosticSettings/to-law",
                                "properties.logs[0].category", "\"AzurePolicyEvaluationDetails\"", true),
                        obs(KV_PROD + "/providers/Microsoft.Insights/diagnosticSettings/to-law",
                                "properties.workspaceId", "\"\"", true))));
        results.add(new Result(purge, kvDev, Status.FAIL, Severity.MEDIUM,
                "purge protection is not enabled", evidence(
                        obs(KV_DEV, "properties.enablePurgeProtection", Observation.ABSENT, false))));
        results.add(new Result(purge, kvProd, Status.PASS, Severity.MEDIUM,
                "purge protection is enabled", evidence(
                        obs(KV_PROD, "properties.enablePurgeProtection", "true", true))));
        results.add(new Result(softDelete, kvProd, Status.PASS, Severity.HIGH,
                "soft delete is enabled with 90 days retention", evidence(
                        obs(KV_PROD, "properties.enableSoftDelete", "true", true),
                        obs(KV_PROD, "properties.softDeleteRetentionInDays", "90", true))));
        results.add(new Result(byok, rsvArchive, Status.PASS, Severity.HIGH,
                "backups use the customer-managed key " + KEY_BACKUP, evidence(
                        obs(RSV_ARCHIVE, "properties.encryption.keyVaultProperties.keyUri",
                                "\"https://kv-prod.vault.azure.net/keys/backup-cmk\"", true),
                        obs(KEY_BACKUP, "key found", "true", true))));
        results.add(new Result(byok, rsvDev, Status.FAIL, Severity.HIGH,
                "backups are encrypted with a Microsoft-managed key", evidence(
                        obs(RSV_DEV, "properties.encryption.keyVaultProperties.keyUri", Observation.ABSENT, false))));
        results.add(new Result(byok, rsvProd, Status.FAIL, Severity.CRITICAL,
                "backups are encrypted with a Microsoft-managed key and the vault holds production data", evidence(
                        obs(RSV_PROD, "properties.encryption.keyVaultProperties.keyUri", Observation.ABSENT, false),
                        obs(RSV_PROD, "tags.environment", "\"production\"", true))));
        results.add(new Result(byok, rsvTest, Status.ERROR, Severity.HIGH,
                "backup encryption config was not collected", evidence(
                        obs(RSV_TEST + "/backupEncryptionConfigs/backupResourceEncryptionConfig",
                                "properties.encryptionAtRestType", Observation.ABSENT, false))));

        List<ScanProblem> problems = List.of(
                new ScanProblem("plugin:key-vault-extras",
                        "plug-in key-vault-extras failed to start: ClassNotFoundException: dev.example.Missing"),
                new ScanProblem("check:kv_private_endpoint",
                        "extension dev.example.PrivateEndpointCheck could not be built: no public constructor"));
        // how long each check took: a reporter that writes durations shows these (rsv_nobyok's is under a millisecond)
        Map<String, Duration> checkTimes = Map.of(rotation.id(), Duration.ofMillis(125), logging.id(), Duration.ofMillis(1250),
                purge.id(), Duration.ofMillis(40), softDelete.id(), Duration.ofMillis(12_345), byok.id(), Duration.ofNanos(400_000));
        return new ScanReport(TOOL_VERSION, STARTED_AT, FINISHED_AT,
                List.of("snapshots/prod.json", "snapshots/dev.json", "subscription:" + SUBSCRIPTION_DEV),
                List.of(rotation, logging, purge, softDelete, byok), sorted(results), problems, Triage.NONE, checkTimes);
    }

    /** One check and one ERROR result: the data the check needs was not collected. */
    public static ScanReport errorResult() {
        CheckDescriptor logging = kvNoLogging();
        Result result = new Result(logging,
                new ResourceRef(KV_DEV, "Microsoft.KeyVault/vaults", "kv-dev", SUBSCRIPTION_DEV, "rg-security-dev",
                        "northeurope"),
                Status.ERROR, Severity.MEDIUM,
                "not collected: Microsoft.Insights/diagnosticSettings is missing from the inputs",
                evidence(obs(KV_DEV, "diagnosticSettings", Observation.ABSENT, false)));
        return new ScanReport(TOOL_VERSION, STARTED_AT, FINISHED_AT, List.of("snapshots/dev.json"),
                List.of(logging), List.of(result), List.of());
    }

    /**
     * {@link #manyResults()} with suppressions and a baseline applied: rsv-dev's FAIL suppressed as an accepted risk
     * (with a ticket), kv-dev's purge-protection FAIL suppressed as mitigated with a justification of hostile text;
     * every FAIL and ERROR with a baseline state (new, unchanged, updated); two baseline results absent (a FAIL and
     * an ERROR) and warnings about an expired and a stale entry.
     */
    public static ScanReport acceptedRisks() {
        ScanReport many = manyResults();
        Suppression drVaults = new Suppression("dr-vaults-mmk", "DR vaults move to CMK with the 2027 platform rebuild",
                "backup-team@example.com", LocalDate.parse("2027-03-31"), Suppression.Category.ACCEPTED_RISK,
                Optional.of("SEC-1234"), "lensix-suppressions.yaml");
        Suppression devVaults = new Suppression("dev-no-purge", "=HYPERLINK(\"http://x\") dev vaults are rebuilt nightly,\r\n"
                + "\"nothing\" <kept> & gone", "@platform-team", LocalDate.parse("2026-06-30"), Suppression.Category.MITIGATED,
                Optional.empty(), "suppressions/dev.yaml");
        List<Result> marked = new ArrayList<>();
        for (Result result : many.results()) {
            Result out = result;
            if (result.status() == Status.FAIL && result.resource().id().equals(RSV_DEV)) {
                out = out.suppressedBy(drVaults);
            } else if (result.status() == Status.FAIL && result.resource().id().equals(KV_DEV)) {
                out = out.suppressedBy(devVaults);
            }
            if (result.status() != Status.PASS) {
                BaselineState state = result.resource().id().equals(KV_PROD) ? BaselineState.UPDATED
                        : result.resource().id().equals(RSV_PROD) || result.resource().id().equals(KV_DEV)
                        ? BaselineState.NEW : BaselineState.UNCHANGED;
                out = out.withBaselineState(state);
            }
            marked.add(out);
        }
        List<AbsentResult> absent = List.of(
                new AbsentResult("kv_nosoftdelete", KV_DEV, "FAIL", "kv-dev (Microsoft.KeyVault/vaults): soft delete is not enabled",
                        "4e1c0d5e6f7a8b9c0d1e2f3a4b5c6d7e"),
                new AbsentResult("rsv_nobyok", RSV_ARCHIVE, "ERROR", "rsv_nobyok could not evaluate rsv-archive", ""));
        Triage triage = new Triage(List.of("lensix-suppressions.yaml", "suppressions/dev.yaml"), 3, 1, 0, 1,
                Optional.of("baseline.sarif"), absent, List.of(
                        "lensix-suppressions.yaml:12 entry 'old-exception' expired on 2025-12-31: its 1 FAIL result counts again",
                        "suppressions/dev.yaml:3 entry 'gone-vault' matches no result (stale suppression)"));
        return many.withTriage(marked, many.problems(), triage);
    }

    /**
     * Hostile text in every text field: two checks whose title, service, description, rationale, remediation
     * (all parts), references, compliance ids and types are hostile; one result per {@link #HOSTILE_TEXTS}
     * entry whose resource id, type, name, subscription, group, location, message and evidence (resource id,
     * path, value) are all that text; one result whose message is {@link #HUNDRED_KB}; hostile scope entries
     * and two hostile {@link ScanProblem}s.
     */
    public static ScanReport hostileText() {
        CheckDescriptor main = CheckDescriptor.builder("hostile_text")
                .title("=HYPERLINK(\"http://x\",\"y\") " + HOSTILE_EVERYTHING)
                .severity(Severity.HIGH)
                .service(HOSTILE_EVERYTHING)
                .description(HOSTILE_EVERYTHING)
                .rationale(HOSTILE_EVERYTHING)
                .remediation(Remediation.of("+1 " + HOSTILE_EVERYTHING)
                        .withAzureCli("-1\r\naz keyvault update --name \"<vault>\" --enable-purge-protection true\rlone CR")
                        .withTerraform("@SUM(A1)\n" + HOSTILE_EVERYTHING)
                        .withAzurePolicy("\t0b60c0b2-2dc2-4e1c-b5c9-abbed971de53, <&>"))
                .reference(HOSTILE_EVERYTHING)
                .reference("=HYPERLINK(\"http://x\",\"y\")")
                .reference("https://example.com/a,b?q=\"x\"&r=<y>")
                .complianceId(HOSTILE_EVERYTHING)
                .complianceId("-1")
                .targetType(HOSTILE_EVERYTHING)
                .relatedType(HOSTILE_EVERYTHING)
                .build();
        CheckDescriptor second = CheckDescriptor.builder("hostile_title")
                .title("-1 " + HOSTILE_TEXTS.get("c0-controls"))
                .severity(Severity.LOW)
                .service("@service")
                .description("\tleading tab " + HOSTILE_TEXTS.get("rtl"))
                .rationale("\r\nleading CRLF")
                .remediation(Remediation.of("=1+1 " + HOSTILE_TEXTS.get("emoji")))
                .targetType("+type")
                .build();

        List<Result> results = new ArrayList<>();
        for (String text : HOSTILE_TEXTS.values()) {
            results.add(new Result(main, new ResourceRef(text, text, text, text, text, text), Status.FAIL,
                    Severity.HIGH, text, evidence(obs(text, text, text, true),
                    obs(text, "properties.missing", Observation.ABSENT, false))));
        }
        results.add(new Result(main,
                new ResourceRef("/subscriptions/" + SUBSCRIPTION_PROD + "/resourceGroups/rg/providers/x/y/big",
                        "x/y", "big", SUBSCRIPTION_PROD, "rg", "westeurope"),
                Status.ERROR, Severity.HIGH, HUNDRED_KB, Evidence.none()));
        results.add(new Result(second, new ResourceRef(HOSTILE_EVERYTHING, "+type", "@name", "-sub", "=rg", "\tloc"),
                Status.PASS, Severity.LOW, "=2+3", evidence(obs("@other", "-path", "+value", true))));

        List<ScanProblem> problems = List.of(
                new ScanProblem("=HYPERLINK(\"http://x\",\"y\")", HOSTILE_EVERYTHING),
                new ScanProblem(HOSTILE_EVERYTHING, "-1"));
        return new ScanReport(TOOL_VERSION, STARTED_AT, FINISHED_AT, List.copyOf(HOSTILE_TEXTS.values()),
                List.of(main, second), sorted(results), problems);
    }

    /**
     * Results on resources declared in files, as a Terraform plan yields them: a FAIL decided by a property the
     * {@code .tf} file sets (its line), a FAIL decided by a property the file does not set (the declaration's line),
     * an ERROR in a module whose file name needs percent-encoding, a PASS, and a resource whose source lies outside
     * the source root (an absolute path) with hostile text in its address.
     */
    public static ScanReport declaredInFiles() {
        CheckDescriptor byok = rsvNoByok();
        CheckDescriptor purge = kvNoPurgeProtect();
        String plan = "plan.json";
        String vaultId = "/subscriptions/" + SUBSCRIPTION_PROD + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-legacy";
        Origin legacy = new Origin(plan, "azurerm_recovery_services_vault.legacy",
                new SourceLocation("main.tf", 12, 1, 24), Map.of());
        String encryptedId = "/subscriptions/" + SUBSCRIPTION_PROD + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-new";
        Origin encrypted = new Origin(plan, "module.backup.azurerm_recovery_services_vault.this[\"new\"]",
                new SourceLocation("modules/backup vaults/main.tf", 3, 1, 20),
                Map.of("properties.encryption.keyVaultProperties.keyUri", SourceLocation.at("modules/backup vaults/main.tf", 11, 5),
                        "properties.encryption", SourceLocation.at("modules/backup vaults/main.tf", 10, 3)));
        String kvId = "/subscriptions/" + SUBSCRIPTION_PROD + "/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-backup";
        Origin kv = new Origin(plan, "azurerm_key_vault.backup", new SourceLocation("main.tf", 30, 1, 41),
                Map.of("properties.enablePurgeProtection", SourceLocation.at("main.tf", 36, 3)));
        String kvOutsideId = "/subscriptions/" + SUBSCRIPTION_PROD + "/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-shared";
        Origin kvOutside = new Origin(plan, "module.shared.azurerm_key_vault.kv[\"=1+1 <&>\"]",
                new SourceLocation("/opt/modules/shared/kv.tf", 2, 3, 9), Map.of());
        List<Result> results = new ArrayList<>();
        results.add(new Result(byok, new ResourceRef(vaultId, "Microsoft.RecoveryServices/vaults", "rsv-legacy",
                SUBSCRIPTION_PROD, "rg-backup", "westeurope", Optional.of(legacy)), Status.FAIL, Severity.HIGH,
                "backups are encrypted with a Microsoft-managed key: the vault declares no encryption block",
                evidence(obs(vaultId, "properties.encryption.keyVaultProperties.keyUri", Observation.ABSENT, false))));
        results.add(new Result(byok, new ResourceRef(encryptedId, "Microsoft.RecoveryServices/vaults", "rsv-new",
                SUBSCRIPTION_PROD, "rg-backup", "westeurope", Optional.of(encrypted)), Status.ERROR, Severity.HIGH,
                "properties.encryption.keyVaultProperties.keyUri is not known: known only after apply",
                new Evidence(List.of(new Observation(encryptedId, "properties.encryption.keyVaultProperties.keyUri",
                        "(not known: known only after apply)", false, Observation.Kind.NOT_KNOWN)))));
        results.add(new Result(purge, new ResourceRef(kvId, "Microsoft.KeyVault/vaults", "kv-backup",
                SUBSCRIPTION_PROD, "rg-security", "westeurope", Optional.of(kv)), Status.FAIL, Severity.MEDIUM,
                "purge protection is off", evidence(obs(kvId, "properties.enablePurgeProtection", "false", true))));
        results.add(new Result(purge, new ResourceRef(kvOutsideId, "Microsoft.KeyVault/vaults", "kv-shared",
                SUBSCRIPTION_PROD, "rg-security", "westeurope", Optional.of(kvOutside)), Status.FAIL, Severity.MEDIUM,
                "purge protection is off", evidence(obs(kvOutsideId, "properties.enablePurgeProtection", Observation.ABSENT, false))));
        results.add(new Result(purge, new ResourceRef(kvId + "-2", "Microsoft.KeyVault/vaults", "kv-backup-2",
                SUBSCRIPTION_PROD, "rg-security", "westeurope", Optional.of(new Origin(plan, "azurerm_key_vault.second",
                new SourceLocation("main.tf", 44, 1, 52), Map.of()))), Status.PASS, Severity.MEDIUM,
                "purge protection is on", evidence(obs(kvId + "-2", "properties.enablePurgeProtection", "true", true))));
        return new ScanReport(TOOL_VERSION, STARTED_AT, FINISHED_AT, List.of(plan), List.of(byok, purge),
                sorted(results), List.of());
    }

    /**
     * {@code resultCount} results over two checks, statuses and severities cycling, and one problem: for
     * volume tests.
     */
    public static ScanReport large(int resultCount) {
        CheckDescriptor purge = kvNoPurgeProtect();
        CheckDescriptor byok = rsvNoByok();
        Status[] statuses = Status.values();
        Severity[] severities = Severity.values();
        List<Result> results = new ArrayList<>(resultCount);
        for (int i = 0; i < resultCount; i++) {
            boolean vault = i < resultCount / 2;
            String name = String.format("%s-%06d", vault ? "kv" : "rsv", i);
            String type = vault ? "Microsoft.KeyVault/vaults" : "Microsoft.RecoveryServices/vaults";
            String id = "/subscriptions/" + SUBSCRIPTION_PROD + "/resourceGroups/rg-" + (i % 7)
                    + "/providers/" + type + "/" + name;
            Status status = statuses[i % statuses.length];
            results.add(new Result(vault ? purge : byok,
                    new ResourceRef(id, type, name, SUBSCRIPTION_PROD, "rg-" + (i % 7), i % 2 == 0 ? "westeurope" : ""),
                    status, severities[i % severities.length], "result " + i + " is " + status,
                    evidence(obs(id, "properties.value", "\"" + i + "\"", true))));
        }
        return new ScanReport(TOOL_VERSION, STARTED_AT, FINISHED_AT, List.of("snapshots/large.json"),
                List.of(purge, byok), sorted(results),
                List.of(new ScanProblem("plugin:slow", "plug-in slow did not start in time")));
    }

    /** {@code rsv_nobyok}, high: the first check, with every remediation part and two references. */
    public static CheckDescriptor rsvNoByok() {
        return CheckDescriptor.builder("rsv_nobyok")
                .title("Recovery Services vault backups not encrypted with a customer-managed key")
                .severity(Severity.HIGH)
                .service("recovery-services")
                .description("Finds Recovery Services vaults whose backup data is encrypted with a Microsoft-managed"
                        + " key instead of a customer-managed key held in Key Vault.")
                .rationale("With a customer-managed key you control, rotate and can revoke the key that protects"
                        + " backup data, as many regulations require.")
                .remediation(Remediation.of("Create a key in a Key Vault with soft delete and purge protection,"
                                + " give the vault's managed identity wrap/unwrap access, then switch the vault's"
                                + " backup encryption to that key. Existing backup items keep their key.")
                        .withAzureCli("az backup vault encryption update --resource-group <rg> --name <vault> \\\n"
                                + "  --encryption-key-id <key-uri> --mi-system-assigned")
                        .withTerraform("encryption {\n  key_id                            = azurerm_key_vault_key.backup.id\n"
                                + "  infrastructure_encryption_enabled = true\n  use_system_assigned_identity      = true\n}")
                        .withAzurePolicy("2e94d99a-8a36-4563-bc77-810d8893b671"))
                .reference("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk")
                .reference("https://learn.microsoft.com/azure/backup/backup-encryption")
                .complianceId("NIST SP 800-53 R5 SC-12")
                .complianceId("CIS Azure 2.1.0 8.x")
                .targetType("Microsoft.RecoveryServices/vaults")
                .relatedType("Microsoft.RecoveryServices/vaults/backupEncryptionConfigs")
                .relatedType("Microsoft.KeyVault/vaults/keys")
                .build();
    }

    /** {@code kv_nosoftdelete}, high. */
    public static CheckDescriptor kvNoSoftDelete() {
        return CheckDescriptor.builder("kv_nosoftdelete")
                .title("Key Vault without soft delete")
                .severity(Severity.HIGH)
                .service("key-vault")
                .description("Finds Key Vaults where deleted keys, secrets and certificates cannot be recovered.")
                .rationale("A deleted customer-managed key makes every backup encrypted with it unreadable.")
                .remediation(Remediation.of("Enable soft delete on the vault.")
                        .withAzureCli("az keyvault update --name <vault> --enable-soft-delete true"))
                .reference("https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview")
                .targetType("Microsoft.KeyVault/vaults")
                .build();
    }

    /** {@code kv_nopurgeprotect}, medium. */
    public static CheckDescriptor kvNoPurgeProtect() {
        return CheckDescriptor.builder("kv_nopurgeprotect")
                .title("Key Vault without purge protection")
                .severity(Severity.MEDIUM)
                .service("key-vault")
                .description("Finds Key Vaults where soft-deleted objects can be purged before the retention ends.")
                .rationale("Purge protection stops an insider or a compromised account from destroying keys for good.")
                .remediation(Remediation.of("Enable purge protection on the vault; it cannot be turned off again.")
                        .withAzureCli("az keyvault update --name <vault> --enable-purge-protection true")
                        .withTerraform("purge_protection_enabled = true")
                        .withAzurePolicy("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53"))
                .reference("https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection")
                .complianceId("CIS Azure 2.1.0 8.5")
                .targetType("Microsoft.KeyVault/vaults")
                .build();
    }

    /** {@code kv_nologging}, medium, reads diagnostic settings. */
    public static CheckDescriptor kvNoLogging() {
        return CheckDescriptor.builder("kv_nologging")
                .title("Key Vault without audit logging")
                .severity(Severity.MEDIUM)
                .service("key-vault")
                .description("Finds Key Vaults with no diagnostic setting that sends AuditEvent logs anywhere.")
                .rationale("Without audit logs nobody can tell who used or deleted a key.")
                .remediation(Remediation.of("Add a diagnostic setting that sends the audit category group to a"
                        + " Log Analytics workspace, storage account or event hub."))
                .reference("https://learn.microsoft.com/azure/key-vault/general/logging")
                .targetType("Microsoft.KeyVault/vaults")
                .relatedType("Microsoft.Insights/diagnosticSettings")
                .build();
    }

    /** {@code kv_keynorotation}, low, no references. */
    public static CheckDescriptor kvKeyNoRotation() {
        return CheckDescriptor.builder("kv_keynorotation")
                .title("Key Vault key without automatic rotation")
                .severity(Severity.LOW)
                .service("key-vault")
                .description("Finds Key Vault keys with no rotation policy that rotates them.")
                .rationale("Keys that never rotate protect ever more data and stay useful to whoever steals them.")
                .remediation(Remediation.of("Set a rotation policy on the key.")
                        .withAzureCli("az keyvault key rotation-policy update --vault-name <vault> --name <key>"
                                + " --value @policy.json"))
                .targetType("Microsoft.KeyVault/vaults/keys")
                .build();
    }

    private static Evidence evidence(Observation... observations) {
        return new Evidence(List.of(observations));
    }

    private static Observation obs(String resourceId, String path, String value, boolean present) {
        return new Observation(resourceId, path, value, present);
    }

    private static List<Result> sorted(List<Result> results) {
        List<Result> copy = new ArrayList<>(results);
        copy.sort(Comparator.comparing(Result::checkId).thenComparing(result -> result.resource().id()));
        return List.copyOf(copy);
    }

    private static Map<String, String> hostileTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("quotes", "He said \"hi\" and \"\"bye\"\"\"");
        texts.put("commas", "a,b,,c,");
        texts.put("crlf", "first line\r\nsecond line");
        texts.put("lf", "first line\nsecond line");
        texts.put("lone-cr", "first line\rsecond line");
        texts.put("formula", "=HYPERLINK(\"http://x\",\"y\")");
        texts.put("dde", "=cmd|' /C calc'!A0");
        texts.put("plus", "+1");
        texts.put("minus", "-1");
        texts.put("at", "@SUM(A1)");
        texts.put("leading-tab", "\tleading tab");
        texts.put("leading-cr", "\rleading CR");
        texts.put("leading-lf", "\nleading LF");
        texts.put("markup", "<script>alert('x')</script> & <![CDATA[]]> &amp; ]]> >");
        texts.put("c0-controls", "nul\u0000 soh\u0001 bell\u0007 esc\u001b[31mred\u001b[0m us\u001f del\u007f");
        texts.put("leading-control", "\u001b[2Jstarts with ESC");
        texts.put("noncharacters", "\uFFFE and \uFFFF");
        texts.put("emoji", "key \uD83D\uDD11 lock \uD83D\uDD12 grin \uD83D\uDE00");
        texts.put("rtl", "\u202Egnp.exe \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627");
        texts.put("blanks", "  padded  ");
        texts.put("hash", "# not a comment");
        texts.put("backslashes", "C:\\temp\\new \\\" \\n");
        return Collections.unmodifiableMap(texts);
    }

    private static String hundredKb() {
        String unit = "lensix \"100 KB\", a,b\r\nkey \uD83D\uDD11 \u202Eltr <&> ";
        StringBuilder text = new StringBuilder(102_400);
        text.append('=');
        while (text.length() + unit.length() <= 102_400) {
            text.append(unit);
        }
        while (text.length() < 102_400) {
            text.append('x');
        }
        return text.toString();
    }
}
