package dev.lensix.policy;

import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.testing.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operator, field form, array alias, count and template function, each evaluated on one resource modelled
 * on the example in Microsoft's "Author policies for array properties". A line is {@code expected | condition}:
 * {@code true} when the condition holds (the check FAILs), {@code false} when not (PASS), {@code error} for an
 * evaluation that fails (ERROR).
 */
class ConditionTest {

    static final String T = "Microsoft.Test/things/";

    static final Resource THING = Resources.parse("""
            {"id": "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg/providers/Microsoft.Test/things/thing-1",
             "type": "Microsoft.Test/things", "name": "thing-1", "location": "West Europe", "kind": "StorageV2",
             "tags": {"env": "prod", "Cost.Center": "CC-1", "'quoted'": "yes"},
             "identity": {"type": "SystemAssigned"},
             "sku": {"name": "Standard_LRS"},
             "properties": {
               "text": "Hello World", "number": 42, "decimal": 2.5, "flag": true, "nothing": null, "empty": "",
               "date": "2024-03-01T10:00:00Z", "version": "TLS1_2",
               "stringArray": ["a", "b", "c"],
               "objectArray": [{"property": "value1", "nestedArray": [1, 2]}, {"property": "value2", "nestedArray": [3, 4]}],
               "emptyArray": [],
               "object": {"Key": "v"},
               "subResources": [{"name": "s1", "properties": {"state": "On"}}, {"name": "s2", "properties": {"state": "Off"}}]
             }}""");

    static final String CASES = """
            # equals / notEquals: strings ignore case, numbers by value, booleans as their words, absent equals nothing
            true  | {"field": "Microsoft.Test/things/text", "equals": "hello world"}
            false | {"field": "Microsoft.Test/things/text", "equals": "hello"}
            true  | {"field": "Microsoft.Test/things/number", "equals": "42"}
            true  | {"field": "Microsoft.Test/things/number", "equals": 42.0}
            true  | {"field": "Microsoft.Test/things/flag", "equals": "True"}
            false | {"field": "Microsoft.Test/things/flag", "equals": false}
            false | {"field": "Microsoft.Test/things/missing", "equals": ""}
            false | {"field": "Microsoft.Test/things/nothing", "equals": "null"}
            true  | {"field": "Microsoft.Test/things/object", "equals": {"key": "V"}}
            true  | {"field": "Microsoft.Test/things/missing", "notEquals": "x"}
            false | {"field": "Microsoft.Test/things/text", "notEquals": "HELLO WORLD"}
            # like / notLike
            true  | {"field": "Microsoft.Test/things/text", "like": "hello*"}
            true  | {"field": "Microsoft.Test/things/text", "like": "*WORLD"}
            true  | {"field": "Microsoft.Test/things/text", "like": "h*o w*d"}
            false | {"field": "Microsoft.Test/things/text", "like": "world*"}
            true  | {"field": "Microsoft.Test/things/text", "like": "*l*L*o**W*r*d"}
            false | {"field": "Microsoft.Test/things/text", "like": "*l*l*x*"}
            true  | {"field": "Microsoft.Test/things/number", "like": "4*"}
            false | {"field": "Microsoft.Test/things/missing", "like": "*"}
            true  | {"field": "Microsoft.Test/things/missing", "notLike": "*"}
            false | {"field": "Microsoft.Test/things/text", "notLike": "Hello*"}
            # match family: # digit, ? letter, . any; match and notMatch keep case
            true  | {"field": "Microsoft.Test/things/text", "match": "?????.?????"}
            false | {"field": "Microsoft.Test/things/text", "match": "hello world"}
            true  | {"field": "Microsoft.Test/things/text", "matchInsensitively": "hello world"}
            true  | {"field": "Microsoft.Test/things/number", "match": "##"}
            true  | {"field": "Microsoft.Test/things/version", "match": "???#_#"}
            true  | {"field": "Microsoft.Test/things/text", "notMatch": "hello world"}
            false | {"field": "Microsoft.Test/things/text", "notMatchInsensitively": "HELLO WORLD"}
            true  | {"field": "Microsoft.Test/things/text", "notMatchInsensitively": "####"}
            # contains / notContains: substrings ignoring case, members of an array
            true  | {"field": "Microsoft.Test/things/text", "contains": "LO WO"}
            false | {"field": "Microsoft.Test/things/text", "contains": "xyz"}
            true  | {"field": "Microsoft.Test/things/stringArray", "contains": "B"}
            false | {"field": "Microsoft.Test/things/missing", "contains": "a"}
            true  | {"field": "Microsoft.Test/things/text", "notContains": "xyz"}
            false | {"field": "Microsoft.Test/things/stringArray", "notContains": "a"}
            # in / notIn
            true  | {"field": "Microsoft.Test/things/text", "in": ["x", "HELLO world"]}
            false | {"field": "Microsoft.Test/things/text", "in": ["x"]}
            true  | {"field": "Microsoft.Test/things/text", "notIn": ["x"]}
            false | {"field": "Microsoft.Test/things/missing", "in": ["", "x"]}
            true  | {"field": "Microsoft.Test/things/text", "in": "[parameters('words')]"}
            error | {"field": "Microsoft.Test/things/text", "in": "[parameters('word')]"}
            # containsKey / notContainsKey
            true  | {"field": "tags", "containsKey": "ENV"}
            true  | {"field": "Microsoft.Test/things/object", "containsKey": "key"}
            false | {"field": "Microsoft.Test/things/text", "containsKey": "key"}
            true  | {"field": "tags", "notContainsKey": "owner"}
            false | {"field": "tags", "notContainsKey": "cost.center"}
            # less, lessOrEquals, greater, greaterOrEquals: numbers, dates, strings; absent is false; mixed types fail
            true  | {"field": "Microsoft.Test/things/number", "less": 43}
            true  | {"field": "Microsoft.Test/things/number", "less": "43"}
            false | {"field": "Microsoft.Test/things/number", "less": 42}
            true  | {"field": "Microsoft.Test/things/number", "lessOrEquals": 42}
            true  | {"field": "Microsoft.Test/things/decimal", "greater": 2}
            false | {"field": "Microsoft.Test/things/number", "greater": 42}
            true  | {"field": "Microsoft.Test/things/number", "greaterOrEquals": 42}
            true  | {"field": "Microsoft.Test/things/date", "less": "2024-03-02"}
            true  | {"field": "Microsoft.Test/things/date", "greater": "2024-03-01T09:00:00+00:00"}
            true  | {"field": "Microsoft.Test/things/text", "less": "ZZZ"}
            false | {"field": "Microsoft.Test/things/missing", "less": 1}
            error | {"field": "Microsoft.Test/things/number", "less": "abc"}
            error | {"field": "Microsoft.Test/things/object", "greater": 1}
            # exists: null counts as absent; the operand may be a string
            true  | {"field": "Microsoft.Test/things/text", "exists": true}
            true  | {"field": "Microsoft.Test/things/nothing", "exists": "false"}
            true  | {"field": "Microsoft.Test/things/missing", "exists": "FALSE"}
            true  | {"field": "Microsoft.Test/things/empty", "exists": "true"}
            false | {"field": "Microsoft.Test/things/missing.deeper", "exists": true}
            # resource fields
            true  | {"field": "type", "equals": "microsoft.test/THINGS"}
            true  | {"field": "name", "equals": "THING-1"}
            true  | {"field": "fullName", "equals": "thing-1"}
            true  | {"field": "id", "like": "/subscriptions/*/things/thing-1"}
            true  | {"field": "kind", "equals": "storagev2"}
            true  | {"field": "location", "equals": "westeurope"}
            true  | {"field": "location", "in": ["North Europe", "West Europe"]}
            true  | {"field": "identity.type", "equals": "SystemAssigned"}
            true  | {"field": "tags", "exists": true}
            true  | {"field": "tags.env", "equals": "prod"}
            true  | {"field": "tags['Cost.Center']", "equals": "cc-1"}
            true  | {"field": "tags[cost.center]", "equals": "CC-1"}
            true  | {"field": "tags['''quoted''']", "equals": "yes"}
            true  | {"field": "tags['owner']", "exists": false}
            true  | {"field": "[concat('tags[', 'env', ']')]", "equals": "prod"}
            true  | {"field": "Microsoft.Test/things/sku.name", "equals": "standard_lrs"}
            # [*]: every selected value must meet the condition; an empty selection meets it
            false | {"field": "Microsoft.Test/things/stringArray[*]", "equals": "a"}
            true  | {"field": "Microsoft.Test/things/stringArray[*]", "in": ["a", "b", "c"]}
            true  | {"field": "Microsoft.Test/things/objectArray[*].property", "like": "value*"}
            false | {"field": "Microsoft.Test/things/objectArray[*].property", "equals": "value1"}
            true  | {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]", "less": 5}
            false | {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]", "greater": 1}
            true  | {"field": "Microsoft.Test/things/emptyArray[*]", "equals": "x"}
            true  | {"field": "Microsoft.Test/things/missingArray[*].property", "equals": "x"}
            false | {"field": "Microsoft.Test/things/objectArray[*].missing", "exists": true}
            true  | {"not": {"field": "Microsoft.Test/things/stringArray[*]", "notEquals": "b"}}
            true  | {"field": "Microsoft.Test/things/objectArray.property", "like": "value*"}
            false | {"field": "Microsoft.Test/things/objectArray.property", "equals": "value2"}
            true  | {"field": "Microsoft.Test/things/subResources[*].state", "in": ["On", "Off"]}
            true  | {"field": "Microsoft.Test/things/subResources[*].name", "like": "s*"}
            # field count
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*]"}, "equals": 2}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]"}, "greaterOrEquals": 4}
            true  | {"count": {"field": "Microsoft.Test/things/missingArray[*]"}, "equals": 0}
            true  | {"count": {"field": "Microsoft.Test/things/emptyArray[*]", "where": {"field": "name", "exists": true}}, "equals": 0}
            true  | {"count": {"field": "Microsoft.Test/things/stringArray[*]", "where": {"field": "Microsoft.Test/things/stringArray[*]", "equals": "a"}}, "equals": 1}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*]", "where": {"allOf": [{"field": "Microsoft.Test/things/objectArray[*].property", "equals": "value2"}, {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]", "greater": 2}]}}, "equals": 1}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]", "where": {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]", "greater": 2}}, "equals": 2}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*]", "where": {"field": "tags.env", "equals": "prod"}}, "equals": 2}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*]", "where": {"allOf": [{"field": "Microsoft.Test/things/objectArray[*].property", "equals": "value2"}, {"count": {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]", "where": {"field": "Microsoft.Test/things/objectArray[*].nestedArray[*]", "equals": 3}}, "greater": 0}]}}, "equals": 1}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*]", "where": {"field": "Microsoft.Test/things/objectArray.property", "equals": "value1"}}, "equals": 1}
            true  | {"count": {"field": "Microsoft.Test/things/subResources[*]", "where": {"field": "Microsoft.Test/things/subResources[*].state", "equals": "on"}}, "equals": 1}
            true  | {"count": {"field": "Microsoft.Test/things/stringArray[*]"}, "equals": "[length(field('Microsoft.Test/things/stringArray'))]"}
            # field() and current() inside where: field() of the counted alias gives a one-element array
            true  | {"count": {"field": "Microsoft.Test/things/stringArray[*]", "where": {"field": "Microsoft.Test/things/stringArray[*]", "equals": "[field('Microsoft.Test/things/stringArray[*]')]"}}, "equals": 0}
            true  | {"count": {"field": "Microsoft.Test/things/stringArray[*]", "where": {"field": "Microsoft.Test/things/stringArray[*]", "equals": "[first(field('Microsoft.Test/things/stringArray[*]'))]"}}, "equals": 3}
            true  | {"count": {"field": "Microsoft.Test/things/stringArray[*]", "where": {"value": "[current('Microsoft.Test/things/stringArray[*]')]", "in": ["a", "b"]}}, "equals": 2}
            true  | {"count": {"field": "Microsoft.Test/things/stringArray[*]", "where": {"value": "[current()]", "equals": "c"}}, "equals": 1}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*]", "where": {"value": "[current('Microsoft.Test/things/objectArray[*].property')]", "equals": "value2"}}, "equals": 1}
            true  | {"count": {"field": "Microsoft.Test/things/objectArray[*]", "where": {"value": "[current('Microsoft.Test/things/objectArray[*]').property]", "equals": "value1"}}, "equals": 1}
            # value count
            true  | {"count": {"value": ["a", "b", "x"], "name": "letter", "where": {"field": "Microsoft.Test/things/stringArray", "contains": "[current('letter')]"}}, "equals": 2}
            true  | {"count": {"value": "[parameters('words')]", "where": {"field": "Microsoft.Test/things/text", "equals": "[current()]"}}, "equals": 1}
            true  | {"count": {"value": "[parameters('words')]"}, "equals": 2}
            true  | {"count": {"value": [{"p": "value1"}, {"p": "value9"}], "name": "wanted", "where": {"count": {"field": "Microsoft.Test/things/objectArray[*]", "where": {"field": "Microsoft.Test/things/objectArray[*].property", "equals": "[current('wanted').p]"}}, "equals": 1}}, "equals": 1}
            true  | {"count": {"value": ["prefix_*", "thing-*"], "name": "pattern", "where": {"field": "name", "like": "[current('pattern')]"}}, "greater": 0}
            error | {"count": {"value": "[parameters('word')]"}, "equals": 1}
            # logical operators
            true  | {"not": {"field": "Microsoft.Test/things/text", "equals": "x"}}
            true  | {"allOf": []}
            false | {"anyOf": []}
            true  | {"anyOf": [{"field": "name", "equals": "x"}, {"allOf": [{"field": "kind", "exists": true}, {"not": {"not": {"field": "tags.env", "equals": "prod"}}}]}]}
            # value conditions and template functions
            true  | {"value": "[concat('a', 'b', 1)]", "equals": "ab1"}
            true  | {"value": "[length(concat(createArray(1, 2), createArray(3)))]", "equals": 3}
            true  | {"value": "[toLower(field('Microsoft.Test/things/text'))]", "match": "hello world"}
            true  | {"value": "[toUpper(field('name'))]", "match": "THING-1"}
            true  | {"value": "[if(equals(field('kind'), 'storagev2'), 'yes', substring('a', 0, 9))]", "equals": "yes"}
            true  | {"value": "[empty(field('Microsoft.Test/things/empty'))]", "equals": true}
            true  | {"value": "[empty(field('Microsoft.Test/things/missing'))]", "equals": true}
            false | {"value": "[empty(field('Microsoft.Test/things/stringArray'))]", "equals": true}
            true  | {"value": "[length(field('Microsoft.Test/things/objectArray[*].nestedArray[*]'))]", "equals": 4}
            true  | {"value": "[length(split('a,b;c', createArray(',', ';')))]", "equals": 3}
            true  | {"value": "[split(field('id'), '/')[8]]", "equals": "thing-1"}
            true  | {"value": "[and(true(), or(false(), not(false())))]", "equals": true}
            true  | {"value": "[contains(field('tags'), 'ENV')]", "equals": true}
            true  | {"value": "[contains(field('Microsoft.Test/things/stringArray'), 'c')]", "equals": true}
            true  | {"value": "[startsWith(field('name'), 'THING')]", "equals": true}
            true  | {"value": "[endsWith(field('name'), '-2')]", "equals": false}
            true  | {"value": "[last(field('Microsoft.Test/things/stringArray'))]", "equals": "c"}
            true  | {"value": "[padLeft(7, 3, '0')]", "equals": "007"}
            true  | {"value": "[substring('hello', 1, 3)]", "equals": "ell"}
            true  | {"value": "[string(field('Microsoft.Test/things/number'))]", "equals": "42"}
            true  | {"value": "[int('42')]", "greater": 41}
            true  | {"value": "[bool('TRUE')]", "equals": true}
            true  | {"value": "[coalesce(null(), field('Microsoft.Test/things/nothing'), 'x')]", "equals": "x"}
            true  | {"value": "[trim('  x ')]", "equals": "x"}
            true  | {"value": "[replace('a-b-c', '-', '')]", "equals": "abc"}
            true  | {"value": "[less(1, 2)]", "equals": true}
            true  | {"value": "[greaterOrEquals('b', 'A')]", "equals": true}
            true  | {"value": "[lessOrEquals(field('Microsoft.Test/things/date'), '2025-01-01')]", "equals": true}
            true  | {"value": "[greater(length(field('tags')), 2)]", "equals": true}
            true  | {"value": "[field('tags')['Cost.Center']]", "equals": "CC-1"}
            true  | {"value": "[field('identity.type')]", "equals": "systemassigned"}
            true  | {"value": "[parameters('word')]", "equals": "Hello World"}
            true  | {"value": "[[x]", "equals": "[concat('[', 'x]')]"}
            true  | {"value": [1, 2], "equals": [1, 2]}
            error | {"value": "[substring('ab', 0, 3)]", "equals": "ab"}
            error | {"value": "[field('tags').owner]", "equals": "x"}
            error | {"value": "[length(field('Microsoft.Test/things/number'))]", "equals": 2}
            error | {"value": "[if('maybe', 1, 2)]", "equals": 1}
            """;

    static Stream<Arguments> cases() {
        return CASES.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> {
            int bar = line.indexOf('|');
            return Arguments.of(line.substring(0, bar).strip(), line.substring(bar + 1).strip());
        });
    }

    /** A definition whose if is the condition, on Microsoft.Test/things, with two parameters. */
    static String definition(String condition) {
        return """
                {"properties": {
                  "displayName": "test rule",
                  "parameters": {
                    "words": {"type": "Array", "defaultValue": ["x", "Hello World"]},
                    "word": {"type": "String", "defaultValue": "Hello World"}
                  },
                  "policyRule": {
                    "if": {"allOf": [{"field": "type", "equals": "Microsoft.Test/things"}, %s]},
                    "then": {"effect": "audit"}
                  }
                }, "name": "test-rule"}""".formatted(condition);
    }

    static Verdict evaluate(String definition, Resource resource) throws PolicyRuleException {
        List<PolicyRuleCheck> checks = PolicyRules.parse("test.json", "test.json", definition);
        assertThat(checks).hasSize(1);
        return checks.get(0).evaluate(resource, InMemoryInventory.of(List.of(resource)));
    }

    @ParameterizedTest(name = "{0} | {1}")
    @MethodSource("cases")
    void conditionHoldsAsAzurePolicyEvaluatesIt(String expected, String condition) throws PolicyRuleException {
        Verdict verdict = evaluate(definition(condition), THING);
        Status status = switch (expected) {
            case "true" -> Status.FAIL;
            case "false" -> Status.PASS;
            default -> Status.ERROR;
        };
        assertThat(verdict.status()).as(verdict.message() + " | " + verdict.evidence().summary()).isEqualTo(status);
    }
}
