package dev.lensix.policy;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.testing.LambdaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.lensix.policy.ConditionTest.THING;
import static dev.lensix.policy.ConditionTest.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading rule files: the forms, the metadata that becomes the check, and every construct refused with a clear error. */
class PolicyRuleLoadTest {

    @TempDir
    Path dir;

    private static final String RSV_RULE = """
            "policyRule": {
              "if": {"allOf": [
                {"field": "type", "equals": "Microsoft.RecoveryServices/vaults"},
                {"field": "Microsoft.RecoveryServices/vaults/encryption.keyVaultProperties.keyUri", "exists": false}]},
              "then": {"effect": "audit"}}""";

    static Stream<Arguments> unsupported() {
        return Stream.of(
                // the file itself
                Arguments.of("{\"properties\": ", "not valid JSON"),
                Arguments.of("{\"a\": 1, \"a\": 2}", "not valid JSON: Duplicate field 'a'"),
                Arguments.of("[]", "holds a JSON array: save one policy definition per file"),
                Arguments.of("\"x\"", "a rule file holds one JSON object"),
                Arguments.of("{\"properties\": {\"displayName\": \"x\"}}", "no policy rule"),
                Arguments.of("{\"if\": {\"field\": \"type\", \"equals\": \"A/b\"}, \"then\": {\"effect\": \"audit\"}, \"else\": 1}",
                        "else: 'else' is not part of a policy rule (if, then)"),
                Arguments.of("{\"lensix\": {\"title\": \"t\", \"owner\": \"me\"}, \"if\": {}, \"then\": {}}",
                        "lensix.owner: 'owner' is not a lensix header field"),
                Arguments.of("{\"properties\": {\"mode\": \"Microsoft.KeyVault.Data\", " + RSV_RULE + "}}",
                        "mode 'Microsoft.KeyVault.Data' is not supported"),
                Arguments.of("{\"properties\": {\"policyRule\": {\"if\": {\"field\": \"type\", \"equals\": \"A/b\"}, "
                        + "\"then\": {\"effect\": \"audit\"}, \"else\": {}}}}", "properties.policyRule.else: 'else' is not part of a policy rule"),
                // effects
                Arguments.of(rule("{\"field\": \"name\", \"equals\": \"x\"}", "\"modify\""),
                        "properties.policyRule.then.effect: effect 'modify' is not supported"),
                Arguments.of(rule("{\"field\": \"name\", \"equals\": \"x\"}", "\"denyAction\""), "effect 'denyAction' is not supported"),
                Arguments.of(rule("{\"field\": \"name\", \"equals\": \"x\"}", "\"append\""), "effect 'append' is not supported"),
                Arguments.of("{\"properties\": {\"policyRule\": {\"if\": {\"field\": \"type\", \"equals\": \"A/b\"}, \"then\": {}}}}",
                        "then has no effect"),
                Arguments.of(rule("{\"field\": \"name\", \"equals\": \"x\"}", "\"auditIfNotExists\""),
                        "effect AuditIfNotExists needs details with the related type"),
                Arguments.of(aine("\"type\": \"Microsoft.Insights/diagnosticSettings\", \"resourceGroupName\": \"rg\""),
                        "then.details.resourceGroupName: 'resourceGroupName' is not supported in details"),
                Arguments.of(aine("\"existenceCondition\": {\"field\": \"name\", \"equals\": \"x\"}"),
                        "then.details.type: details need the related resource type"),
                Arguments.of(aine("\"type\": \"Microsoft.Insights/diagnosticSettings\", \"existenceCondition\": "
                                + "{\"field\": \"Microsoft.Test/things/text\", \"equals\": \"x\"}"),
                        "details.existenceCondition.field: alias 'Microsoft.Test/things/text' is not an alias of the type the rule"
                                + " evaluates here, Microsoft.Insights/diagnosticSettings"),
                Arguments.of(aine("\"type\": \"Microsoft.Insights/diagnosticSettings\", \"existenceScope\": \"tenant\""),
                        "existenceScope is resourceGroup or subscription"),
                // the target type
                Arguments.of("{\"properties\": {\"policyRule\": {\"if\": {\"field\": \"name\", \"like\": \"kv-*\"}, "
                        + "\"then\": {\"effect\": \"audit\"}}}}", "properties.policyRule.if: the rule does not select a resource type"),
                Arguments.of("{\"properties\": {\"policyRule\": {\"if\": {\"field\": \"type\", \"like\": \"Microsoft.Network/*\"}, "
                        + "\"then\": {\"effect\": \"audit\"}}}}", "the rule does not select a resource type"),
                Arguments.of("{\"properties\": {\"policyRule\": {\"if\": {\"allOf\": [{\"field\": \"type\", \"equals\": \"A/b\"}, "
                        + "{\"field\": \"type\", \"equals\": \"C/d\"}]}, \"then\": {\"effect\": \"audit\"}}}}",
                        "the rule's type conditions select no resource type together"),
                Arguments.of("{\"properties\": {\"policyRule\": {\"if\": {\"field\": \"type\", \"equals\": \"vaults\"}, "
                        + "\"then\": {\"effect\": \"audit\"}}}}", "'vaults' is not a resource type"),
                // conditions
                Arguments.of(definition("{\"source\": \"action\", \"like\": \"Microsoft.Network/*\"}"),
                        "properties.policyRule.if.allOf[1]: 'source' is not supported in a condition"),
                Arguments.of(definition("{\"field\": \"name\"}"), "the condition on 'field' has no operator"),
                Arguments.of(definition("{\"field\": \"name\", \"equals\": \"a\", \"like\": \"b\"}"),
                        "a condition has one operator, not both 'equals' and 'like'"),
                Arguments.of(definition("{\"field\": \"name\", \"value\": \"x\", \"equals\": \"a\"}"),
                        "a condition has one of field, value or count"),
                Arguments.of(definition("{\"field\": \"name\", \"startsWith\": \"a\"}"), "'startsWith' is not supported in a condition"),
                Arguments.of(definition("{\"allOf\": {\"field\": \"name\", \"equals\": \"a\"}}"), "'allOf' needs an array of conditions"),
                Arguments.of(definition("{\"not\": {\"field\": \"name\", \"equals\": \"a\"}, \"field\": \"kind\"}"),
                        "'not' must be alone in its object"),
                Arguments.of(definition("\"name\""), "properties.policyRule.if.allOf[1]: a condition must be a JSON object"),
                Arguments.of(definition("{\"field\": \"name\", \"in\": \"a\"}"), "allOf[1].in: 'in' needs an array, not a string"),
                Arguments.of(definition("{\"field\": \"name\", \"exists\": \"maybe\"}"), "exists needs true or false"),
                Arguments.of(definition("{\"field\": \"name\", \"like\": {\"a\": 1}}"), "'like' needs a string"),
                Arguments.of(definition("{\"field\": \"sku.name\", \"equals\": \"a\"}"), "field 'sku.name' is not supported"),
                Arguments.of(definition("{\"field\": \"Microsoft.Compute/licenseType\", \"equals\": \"a\"}"),
                        "alias 'Microsoft.Compute/licenseType' is not an alias of the type the rule evaluates here, Microsoft.Test/things"),
                Arguments.of(definition("{\"field\": \"Microsoft.Test/things/ipRules[0].action\", \"equals\": \"a\"}"),
                        "segment 'ipRules[0]' is not supported"),
                Arguments.of(definition("{\"count\": {\"field\": \"Microsoft.Test/things/stringArray\"}, \"equals\": 1}"),
                        "a field count counts an array alias ending in [*]"),
                Arguments.of(definition("{\"count\": {\"field\": \"Microsoft.Test/things/a[*]\", \"name\": \"x\"}, \"equals\": 1}"),
                        "name belongs to a value count"),
                Arguments.of(definition("{\"count\": {\"value\": \"a\"}, \"equals\": 1}"), "a value count needs an array"),
                Arguments.of(definition("{\"count\": {\"value\": [1], \"name\": \"a-b\"}, \"equals\": 1}"),
                        "a count's name is English letters and digits"),
                Arguments.of(definition("{\"count\": {\"value\": [1], \"limit\": 3}, \"equals\": 1}"), "'limit' is not supported in count"),
                // expressions
                Arguments.of(definition("{\"value\": \"[utcNow()]\", \"less\": \"2030-01-01\"}"),
                        "allOf[1].value: template function 'utcNow' is not supported (lensix evaluates "),
                Arguments.of(definition("{\"value\": \"[resourceGroup().name]\", \"equals\": \"rg\"}"),
                        "template function 'resourceGroup' is not supported"),
                Arguments.of(definition("{\"value\": \"[concat('a']\", \"equals\": \"a\"}"), "malformed expression [concat('a']: ')' is expected at position 11"),
                Arguments.of(definition("{\"value\": \"[toLower('a', 'b')]\", \"equals\": \"a\"}"), "toLower() takes 1 argument, not 2"),
                Arguments.of(definition("{\"value\": \"[" + "not(".repeat(5000) + "true()" + ")".repeat(5000) + "]\", \"equals\": true}"),
                        "nests deeper than 64 levels, lensix's limit"),
                Arguments.of(definition("{\"value\": \"[parameters('absent')]\", \"equals\": \"a\"}"),
                        "parameter 'absent' is not declared in the definition's parameters"),
                Arguments.of(definition("{\"value\": \"[current()]\", \"equals\": \"a\"}"), "current() is only available inside a count's where"),
                Arguments.of(definition("{\"count\": {\"value\": [1], \"name\": \"n\", \"where\": {\"value\": \"[current('m')]\", \"equals\": 1}}, \"equals\": 1}"),
                        "current('m') names no enclosing count"),
                Arguments.of(definition("{\"value\": \"[field('Other.Namespace/types/anything')]\", \"equals\": \"\"}"),
                        "field('Other.Namespace/types/anything'): alias 'Other.Namespace/types/anything' is not an alias"),
                Arguments.of(definition("{\"field\": \"[field('name')]\", \"equals\": \"x\"}"),
                        "field() cannot be used here: this value must not depend on the resource"),
                // parameters and the header
                Arguments.of("{\"properties\": {\"parameters\": {\"effect\": {\"type\": \"String\"}}, \"policyRule\": "
                        + "{\"if\": {\"field\": \"type\", \"equals\": \"A/b\"}, \"then\": {\"effect\": \"[parameters('effect')]\"}}}}",
                        "parameter 'effect' has no defaultValue (lensix has no policy assignment"),
                Arguments.of("{\"lensix\": {\"parameters\": {\"effekt\": \"Audit\"}}, \"properties\": {\"parameters\": {\"effect\": "
                        + "{\"type\": \"String\", \"defaultValue\": \"Audit\"}}, " + RSV_RULE + "}}",
                        "lensix.parameters.effekt: the definition declares no parameter 'effekt'"),
                Arguments.of("{\"lensix\": {\"parameters\": {\"effect\": \"Modify\"}}, \"properties\": {\"parameters\": {\"effect\": "
                        + "{\"type\": \"String\", \"allowedValues\": [\"Audit\", \"Disabled\"], \"defaultValue\": \"Audit\"}}, " + RSV_RULE + "}}",
                        "parameters.effect: value \"Modify\" is not one of its allowedValues"),
                Arguments.of("{\"lensix\": {\"id\": \"Bad-Id\"}, \"properties\": {" + RSV_RULE + "}}",
                        "lensix.id: check id 'Bad-Id' must be 2-64 lower-case letters"),
                Arguments.of("{\"lensix\": {\"severity\": \"severe\"}, \"properties\": {" + RSV_RULE + "}}",
                        "lensix.severity: severity 'severe' is not one of critical, high, medium, low, info"),
                Arguments.of("{\"properties\": {\"metadata\": {\"severity\": \"urgent\"}, " + RSV_RULE + "}}",
                        "metadata.severity: severity 'urgent'"),
                Arguments.of("{\"lensix\": {\"remediation\": {\"steps\": \"x\"}}, \"properties\": {" + RSV_RULE + "}}",
                        "lensix.remediation: a remediation object needs a summary"));
    }

    private static String rule(String condition, String effect) {
        return "{\"properties\": {\"policyRule\": {\"if\": {\"allOf\": [{\"field\": \"type\", \"equals\": \"Microsoft.Test/things\"}, "
                + condition + "]}, \"then\": {\"effect\": " + effect + "}}}}";
    }

    private static String aine(String details) {
        return "{\"properties\": {\"policyRule\": {\"if\": {\"field\": \"type\", \"equals\": \"Microsoft.Test/things\"}, "
                + "\"then\": {\"effect\": \"AuditIfNotExists\", \"details\": {" + details + "}}}}}";
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupported")
    void anUnsupportedConstructIsALoadErrorNamingTheFileAndTheConstruct(String json, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("rule.json"), json);
        assertThatThrownBy(() -> PolicyRules.load(List.of(dir)))
                .isInstanceOf(PolicyRuleException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aDefinitionBecomesACheckWithItsMetadata() throws Exception {
        List<PolicyRuleCheck> checks = PolicyRules.loadFile(PolicyCorpusTest.CORPUS.resolve("rsv-cmk-builtin/definition.json"));
        CheckDescriptor descriptor = checks.get(0).descriptor();
        assertThat(descriptor.id()).isEqualTo("policy_2e94d99a_8a36_4563_bc77_810d8893b671");
        assertThat(descriptor.title()).isEqualTo(
                "[Preview]: Azure Recovery Services vaults should use customer-managed keys for encrypting backup data");
        assertThat(descriptor.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(descriptor.service()).isEqualTo("backup");
        assertThat(descriptor.description()).startsWith("Use customer-managed keys to manage the encryption at rest");
        assertThat(descriptor.rationale()).contains("definition.json", "effect Audit");
        assertThat(descriptor.targetType()).isEqualTo("Microsoft.RecoveryServices/vaults");
        assertThat(descriptor.relatedTypes()).isEmpty();
        assertThat(descriptor.remediation().azurePolicy()).contains("2e94d99a-8a36-4563-bc77-810d8893b671");
        assertThat(descriptor.references()).singleElement().asString()
                .startsWith("https://portal.azure.com/#blade/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/")
                .endsWith("2e94d99a-8a36-4563-bc77-810d8893b671");
        assertThat(checks.get(0).effect()).isEqualTo("Audit");
        assertThat(checks.get(0).source()).isEqualTo("definition.json");
    }

    @Test
    void theLensixHeaderWinsOverTheDefinition() throws Exception {
        CheckDescriptor descriptor = PolicyRules.loadFile(
                PolicyCorpusTest.CORPUS.resolve("rsv-cmk-double-encryption/definition.json")).get(0).descriptor();
        assertThat(descriptor.id()).isEqualTo("rsv_cmk_double_encryption");
        assertThat(descriptor.severity()).isEqualTo(Severity.HIGH);
        assertThat(descriptor.remediation().summary()).startsWith("Create a vault with a customer-managed key");
        assertThat(descriptor.remediation().azureCli()).hasValueSatisfying(cli -> assertThat(cli).startsWith("az backup vault"));
        assertThat(descriptor.remediation().azurePolicy()).contains("2e94d99a-8a36-4563-bc77-810d8893b671");
        assertThat(descriptor.references()).first().isEqualTo("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk");
        assertThat(descriptor.complianceIds()).containsExactly("NIST SP 800-53 R5 SC-12");
    }

    @Test
    void auditIfNotExistsDeclaresTheRelatedTypeSoTheEngineKeepsIt() throws Exception {
        CheckDescriptor descriptor = PolicyRules.loadFile(
                PolicyCorpusTest.CORPUS.resolve("kv-resource-logs-builtin/definition.json")).get(0).descriptor();
        assertThat(descriptor.relatedTypes()).containsExactly("Microsoft.Insights/diagnosticSettings");
        assertThat(descriptor.remediation().summary()).contains("Microsoft.Insights/diagnosticSettings");
    }

    @Test
    void idsAreDerivedFromTheNameOrTheFileName() throws Exception {
        assertThat(RuleFile.deriveId("2e94d99a-8a36-4563-bc77-810d8893b671")).isEqualTo("policy_2e94d99a_8a36_4563_bc77_810d8893b671");
        assertThat(RuleFile.deriveId("cf820ca0-f99e-4f3e-84fb-66e913812d21")).isEqualTo("policy_cf820ca0_f99e_4f3e_84fb_66e913812d21");
        assertThat(RuleFile.deriveId("Audit-KV--Soft Delete!")).isEqualTo("audit_kv_soft_delete");
        assertThat(RuleFile.deriveId("x")).isEqualTo("policy_x");
        assertThat(RuleFile.deriveId("a".repeat(80))).hasSize(64);
        assertThat(RuleFile.suffixed("backup_locations", "Microsoft.KeyVault/vaults")).isEqualTo("backup_locations_keyvault_vaults");
        assertThat(RuleFile.suffixed("b".repeat(64), "Microsoft.KeyVault/vaults")).hasSize(64).endsWith("_keyvault_vaults");

        Files.writeString(dir.resolve("My Vault Rule.json"), "{\"properties\": {" + RSV_RULE + "}}");
        PolicyRules rules = PolicyRules.load(List.of(dir));
        assertThat(rules.checks()).singleElement().satisfies(check -> {
            assertThat(check.descriptor().id()).isEqualTo("my_vault_rule");
            assertThat(check.descriptor().title()).isEqualTo("My Vault Rule");
            assertThat(check.descriptor().severity()).isEqualTo(Severity.MEDIUM);
            assertThat(check.descriptor().service()).isEqualTo("azure-policy");
            assertThat(check.source()).isEqualTo("rules:My Vault Rule.json");
        });
    }

    @Test
    void aBareRuleAsMicrosoftsDocsPrintItNeedsNoHeader() throws Exception {
        Path file = dir.resolve("audit-vaults-without-cmk.json");
        Files.copy(PolicyCorpusTest.CORPUS.resolve("rsv-cmk-bare-rule/definition.json"), file);
        assertThat(PolicyRules.load(List.of(dir)).checks()).singleElement().satisfies(check -> {
            assertThat(check.descriptor().id()).isEqualTo("audit_vaults_without_cmk");
            assertThat(check.descriptor().title()).isEqualTo("audit-vaults-without-cmk");
            assertThat(check.descriptor().severity()).isEqualTo(Severity.MEDIUM);
            assertThat(check.descriptor().service()).isEqualTo("azure-policy");
            assertThat(check.descriptor().targetType()).isEqualTo("Microsoft.RecoveryServices/vaults");
            assertThat(check.source()).isEqualTo("rules:audit-vaults-without-cmk.json");
        });

        // a bare rule copied from a definition uses its parameters: the header gives them their values
        Files.writeString(file, "{\"if\": {\"field\": \"type\", \"equals\": \"Microsoft.RecoveryServices/vaults\"},"
                + " \"then\": {\"effect\": \"[parameters('effect')]\"}}");
        assertThatThrownBy(() -> PolicyRules.load(List.of(dir))).hasMessageContaining("then.effect: parameter 'effect' is"
                + " not declared in the definition's parameters (a bare rule has none: give it a value in a lensix header");
        Files.writeString(file, "{\"lensix\": {\"parameters\": {\"effect\": \"Deny\"}},"
                + " \"if\": {\"field\": \"type\", \"equals\": \"Microsoft.RecoveryServices/vaults\"},"
                + " \"then\": {\"effect\": \"[parameters('effect')]\"}}");
        assertThat(PolicyRules.load(List.of(dir)).checks()).singleElement()
                .satisfies(check -> assertThat(((PolicyRuleCheck) check.check()).effect()).isEqualTo("Deny"));

        // the header still overrides what the file name gives
        String rule = Files.readString(PolicyCorpusTest.CORPUS.resolve("rsv-cmk-bare-rule/definition.json"));
        Files.writeString(file, "{\"lensix\": {\"id\": \"rsv_cmk_rule\", \"title\": \"Vault without a CMK\", \"severity\": \"high\"},"
                + rule.substring(rule.indexOf('{') + 1));
        assertThat(PolicyRules.load(List.of(dir)).checks()).singleElement().satisfies(check -> {
            assertThat(check.descriptor().id()).isEqualTo("rsv_cmk_rule");
            assertThat(check.descriptor().title()).isEqualTo("Vault without a CMK");
            assertThat(check.descriptor().severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void aDisabledRuleIsListedButNotRun() throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\"lensix\": {\"parameters\": {\"effect\": \"Disabled\"}}, \"properties\": "
                + "{\"parameters\": {\"effect\": {\"type\": \"String\", \"defaultValue\": \"Audit\"}}, "
                + RSV_RULE.replace("\"effect\": \"audit\"", "\"effect\": \"[parameters('effect')]\"") + "}, \"name\": \"off\"}");
        PolicyRules rules = PolicyRules.load(List.of(dir));
        assertThat(rules.checks()).isEmpty();
        assertThat(rules.disabled()).singleElement().satisfies(check -> {
            PolicyRuleCheck rule = (PolicyRuleCheck) check.check();
            assertThat(rule.disabled()).isTrue();
            assertThat(rule.effect()).isEqualTo("Disabled");
            assertThat(rule.appliesTo(THING, InMemoryInventory.of(List.of()))).isFalse();
        });
        // a disabled rule's id is taken too
        assertThatThrownBy(() -> rules.requireIdsUnused(Map.of("off", "p"))).hasMessageContaining("check id off is already provided");
    }

    @Test
    void filesLoadInNameOrderAndADuplicateIdIsALoadError() throws Exception {
        Files.writeString(dir.resolve("b.json"), "{\"properties\": {" + RSV_RULE + "}, \"name\": \"same\"}");
        Files.writeString(dir.resolve("a.json"), "{\"properties\": {" + RSV_RULE + "}, \"name\": \"other\"}");
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        Files.createDirectory(dir.resolve("nested.json"));
        assertThat(PolicyRules.load(List.of(dir)).checks()).extracting(check -> check.descriptor().id())
                .containsExactly("other", "same");

        Path second = Files.createDirectory(dir.resolve("more"));
        Files.writeString(second.resolve("c.json"), "{\"properties\": {" + RSV_RULE + "}, \"name\": \"same\"}");
        assertThatThrownBy(() -> PolicyRules.load(List.of(dir, second)))
                .isInstanceOf(PolicyRuleException.class)
                .hasMessage(second.resolve("c.json") + ": check id same is already used by " + dir.resolve("b.json")
                        + " (give one of them another id in its lensix header)");
        assertThatThrownBy(() -> PolicyRules.load(List.of(dir.resolve("absent"))))
                .hasMessage(dir.resolve("absent") + ": no such folder");
    }

    @Test
    void aRuleCannotTakeTheIdOfAPluginCheck() throws Exception {
        Files.writeString(dir.resolve("rsv.json"), "{\"lensix\": {\"id\": \"rsv_nobyok\"}, \"properties\": {" + RSV_RULE + "}}");
        PolicyRules rules = PolicyRules.load(List.of(dir));
        LambdaCheck plugin = LambdaCheck.of("rsv_nobyok", Severity.HIGH, "Microsoft.RecoveryServices/vaults",
                (r, i) -> Verdict.pass("ok", dev.lensix.api.check.Evidence.none()));
        LambdaCheck other = LambdaCheck.of("a_check", Severity.LOW, "Microsoft.RecoveryServices/vaults",
                (r, i) -> Verdict.pass("ok", dev.lensix.api.check.Evidence.none()));
        assertThatThrownBy(() -> rules.requireIdsUnused(Map.of(plugin.descriptor().id(), "recovery-services")))
                .hasMessage("rsv.json: check id rsv_nobyok is already provided by plug-in recovery-services"
                        + " (give the rule another id in its lensix header)");

        Files.writeString(dir.resolve("rsv.json"), "{\"lensix\": {\"id\": \"z_rule\"}, \"properties\": {" + RSV_RULE + "}}");
        PolicyRules renamed = PolicyRules.load(List.of(dir));
        renamed.requireIdsUnused(Map.of(other.descriptor().id(), "p"));
        assertThat(renamed.checks()).extracting(RuleCheck::source).containsExactly("rules:rsv.json");
    }

    @Test
    void aRuleThatCannotBeEvaluatedOnAResourceGivesAnErrorNotAPass() throws Exception {
        Verdict verdict = ConditionTest.evaluate(definition("{\"field\": \"Microsoft.Test/things/text\", \"greater\": 3}"), THING);
        assertThat(verdict.status()).isEqualTo(Status.ERROR);
        assertThat(verdict.message()).isEqualTo("Azure Policy rule 'test rule' could not be evaluated on thing-1:"
                + " cannot compare the string \"Hello World\" with the number 3");
    }

    @Test
    void hostileValuesAndPatternsStayFast() throws Exception {
        String id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Test/things/big";
        StringBuilder elements = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            elements.append(i == 0 ? "" : ",").append("{\"v\": ").append(i).append(", \"pad\": \"").append("x".repeat(50)).append("\"}");
        }
        var resource = dev.lensix.engine.testing.Resources.parse("{\"id\": \"" + id + "\", \"type\": \"Microsoft.Test/things\","
                + " \"properties\": {\"text\": \"" + "a".repeat(20000) + "\", \"list\": [" + elements + "]}}");
        long started = System.nanoTime();
        Verdict like = ConditionTest.evaluate(definition("{\"field\": \"Microsoft.Test/things/text\", \"like\": \"*a*a*a*a*a*a*a*a*a*a*a*b\"}"), resource);
        Verdict count = ConditionTest.evaluate(definition("{\"count\": {\"field\": \"Microsoft.Test/things/list[*]\", \"where\": "
                + "{\"field\": \"Microsoft.Test/things/list[*].v\", \"greaterOrEquals\": 1500}}, \"equals\": 1500}"), resource);
        assertThat(like.status()).isEqualTo(Status.PASS);
        assertThat(count.status()).as(count.message()).isEqualTo(Status.FAIL);
        assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(5_000_000_000L);
    }

    @Test
    void aRuleSelectingSeveralTypesBecomesOneCheckPerType() throws Exception {
        List<PolicyRuleCheck> checks = PolicyRules.loadFile(PolicyCorpusTest.CORPUS.resolve("backup-locations-two-types/definition.json"));
        assertThat(checks).extracting(check -> check.descriptor().id() + " " + check.descriptor().targetType())
                .containsExactly("backup_locations_recoveryservices_vaults Microsoft.RecoveryServices/vaults",
                        "backup_locations_keyvault_vaults Microsoft.KeyVault/vaults");
        assertThat(checks.get(1).descriptor().title()).endsWith("(Microsoft.KeyVault/vaults)");
    }
}
