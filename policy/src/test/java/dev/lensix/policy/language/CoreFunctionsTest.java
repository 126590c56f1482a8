package dev.lensix.policy.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The core functions as the template function reference documents them, evaluated with nothing else in scope. */
class CoreFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope CORE = () -> CoreFunctions.LIBRARY;

    private static JsonNode eval(String expression) {
        return Expression.of(Values.NODES.textNode("[" + expression + "]")).eval(CORE);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            format('{0}-{1}', 'kv', 'prod')                      | "kv-prod"
            format('vm{0:D3}', 7)                                | "vm007"
            format('{{literal}} {0}', 'x')                       | "{literal} x"
            concat('a', 'b', 'c')                                | "abc"
            concat(createArray(1), createArray(2, 3))            | [1,2,3]
            union(createObject('a', 1, 'b', createObject('x', 1)), createObject('b', createObject('y', 2))) | {"a":1,"b":{"x":1,"y":2}}
            union(createArray(1, 2), createArray(2, 3))          | [1,2,3]
            intersection(createArray(1, 2, 3), createArray(2, 3, 4)) | [2,3]
            json('{"enabled": true}').enabled                    | true
            string(createObject('a', 1))                         | "{\\"a\\":1}"
            take('abcdef', 3)                                    | "abc"
            skip(createArray(1, 2, 3), 2)                        | [3]
            range(5, 3)                                          | [5,6,7]
            add(1, mul(2, 3))                                    | 7
            div(7, 2)                                            | 3
            mod(7, 2)                                            | 1
            max(createArray(4, 9), 2)                            | 9
            join(createArray('a', 'b'), ',')                     | "a,b"
            indexOf('Key Vault', 'vault')                        | 4
            base64ToString(base64('lensix'))                     | "lensix"
            uniqueString('test')                                 | "rbgf3xv4ufgzg"
            guid('test')                                         | "d6a5baf1-8b9b-542a-8525-2982f1f98a0c"
            if(equals(1, 1), 'yes', 'no')                        | "yes"
            padLeft(7, 3, '0')                                   | "007"
            """)
    void evaluatesAsDocumented(String expression, String expected) throws Exception {
        assertThat(eval(expression)).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void ifEvaluatesOnlyTheBranchItTakes() {
        assertThat(eval("if(true(), 'taken', div(1, 0))").textValue()).isEqualTo("taken");
    }

    @Test
    void wrongArgumentsAreErrorsThatSayWhy() {
        assertThatThrownBy(() -> eval("div(1, 0)")).isInstanceOf(ExpressionException.class).hasMessageContaining("by zero");
        assertThatThrownBy(() -> eval("union(createArray(1), createObject('a', 1))"))
                .hasMessageContaining("all arrays or all objects");
        assertThatThrownBy(() -> eval("format('{1}', 'only one')")).hasMessageContaining("argument {1} of 1");
        assertThatThrownBy(() -> eval("json('{not json')")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> eval("range(0, 10001)")).hasMessageContaining("0 to 10000");
        assertThatThrownBy(() -> eval("toLower('a', 'b')")).hasMessageContaining("toLower() takes 1 argument, not 2");
        assertThatThrownBy(() -> eval("parameters('x')")).hasMessageContaining("'parameters' is not supported");
    }

    @Test
    void aScopeAddsItsOwnFunctionsToTheCoreOnes() {
        FunctionLibrary library = CoreFunctions.LIBRARY.with(LanguageFunction.of("answer", 0, 0,
                (args, scope) -> Values.NODES.numberNode(42)));
        Scope scope = () -> library;
        assertThat(Expression.of(Values.NODES.textNode("[add(answer(), 1)]")).eval(scope).intValue()).isEqualTo(43);
        assertThat(library.supported()).contains("answer", "uniqueString");
    }
}
