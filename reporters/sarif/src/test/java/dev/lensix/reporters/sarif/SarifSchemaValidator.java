package dev.lensix.reporters.sarif;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The OASIS SARIF 2.1.0 schema (errata 01, draft-04; {@code src/test/resources/schemas}, provenance in
 * {@code SOURCES.md} there), loaded once, with formats ({@code uri}, {@code date-time}) asserted.
 */
final class SarifSchemaValidator {

    private static final Schema SCHEMA = load();

    private SarifSchemaValidator() {
    }

    /** Every schema violation in {@code json}, as readable lines; empty when it is valid. */
    static List<String> violations(String json) {
        List<Error> errors = SCHEMA.validate(json, InputFormat.JSON);
        return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    private static Schema load() {
        try (InputStream in = SarifSchemaValidator.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/sarif-schema-2.1.0.json is missing from the test resources");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
