package dev.lensix.engine.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schema published for editors (docs/lensix-suppressions.schema.json) agrees with the reader. */
class SuppressionsSchemaTest {

    private static final Path SCHEMA = Path.of("../docs/lensix-suppressions.schema.json");

    private static List<String> violations(String yaml) throws Exception {
        Object tree = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        String json = new ObjectMapper().writeValueAsString(tree);
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            return schema.validate(json, InputFormat.JSON).stream().map(error -> error.getInstanceLocation() + ": "
                    + error.getMessage()).toList();
        }
    }

    @Test
    void theExampleFileAndTheDocumentedFormatAreValid() throws Exception {
        assertThat(violations(Files.readString(Path.of("../examples/lensix-suppressions.yaml")))).isEmpty();
        assertThat(violations(SuppressionsFileTest.VALID.replace("expires: 2027-03-31", "expires: \"2027-03-31\""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"    ticket: SEC-1234|    tiket: SEC-1234",
            "    justification: DR vaults move to CMK with the 2027 platform rebuild\n|",
            "    owner: backup-team@example.com\n|",
            "category: mitigated|category: waiver",
            "version: 1|version: 2",
            "\"/subscriptions/*/resourceGroups/rg-dr/**\"|\"subscriptions/rg-dr\"",
            "    resources: [\"/subscriptions/*/resourceGroups/rg-dr/**\"]\n|"})
    void whatTheReaderRefusesTheSchemaRefusesToo(String change) throws Exception {
        String[] parts = change.split("\\|", -1);
        String yaml = SuppressionsFileTest.VALID.replace("expires: 2027-03-31", "expires: \"2027-03-31\"")
                .replace(parts[0], parts[1]);
        assertThat(yaml).isNotEqualTo(SuppressionsFileTest.VALID);
        assertThat(violations(yaml)).as(change).isNotEmpty();
    }
}
