package dev.lensix.reporters.sarif;

import com.contrastsecurity.sarif.ReportingConfiguration;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.util.stream.IntStream;

/**
 * The JSON of the SARIF file, written with the host's Jackson, deterministically: UTF-8, two-space indent, LF line
 * ends, {@code "key": value}, map entries (property bags) sorted by key; the writer adds the final line feed
 * ({@link SarifLogWriter}). A record begun with {@link #startRecord} (a result, a notification) is written on one
 * line with no spaces between its tokens: records are most of a large file, and indenting them made it half as large
 * again, with as much more to gzip against GitHub's limit. A file stays one record a line to grep and diff.
 *
 * <p>java-sarif annotates its classes with {@code @JsonInclude(NON_DEFAULT)}, so a value equal to the schema's
 * default vanishes from the output: a {@code warning} level would be dropped and the rule's default would
 * apply. A mix-in makes {@code level} of rule configurations always written.
 *
 * <pre>{@code
 * try (JsonGenerator json = SarifJson.generator(out)) {
 *     json.writeStartObject();
 *     json.writeFieldName("tool");
 *     json.writeObject(tool); // a java-sarif object, at the generator's indentation
 *     json.writeEndObject();
 * }
 * out.write('\n');
 * }</pre>
 */
final class SarifJson {

    private static final ObjectMapper MAPPER = mapper();

    private static final RecordsOnOneLine PRINTER = printer();

    private SarifJson() {
    }

    /**
     * A generator that writes UTF-8 to {@code out} in this layout (without the final line feed); closing it does
     * not close {@code out}. {@link JsonGenerator#writeObject} writes java-sarif objects with this mapper.
     */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator generator = MAPPER.createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setPrettyPrinter(PRINTER.createInstance());
        return generator;
    }

    /** Starts an object that is written on one line, compact, up to its end: {@code {"ruleId":"rsv_nobyok",...}}. */
    static void startRecord(JsonGenerator json) throws IOException {
        ((RecordsOnOneLine) json.getPrettyPrinter()).nextValueOnOneLine();
        json.writeStartObject();
    }

    private static ObjectMapper mapper() {
        // without it, Jackson 2 writes a supplementary character (an emoji) to UTF-8 as two escaped surrogates
        ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build());
        mapper.addMixIn(ReportingConfiguration.class, AlwaysLevel.class);
        mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        return mapper;
    }

    private static RecordsOnOneLine printer() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(Indenter.INSTANCE);
        printer.indentArraysWith(Indenter.INSTANCE);
        return new RecordsOnOneLine(printer);
    }

    /**
     * The indented layout, except for a value begun after {@link #nextValueOnOneLine}: that one, to its end, has no
     * line breaks and no spaces between its tokens. One instance per generator, as Jackson's {@code createInstance}
     * requires of a printer with state.
     */
    private static final class RecordsOnOneLine extends DefaultPrettyPrinter {

        private boolean nextOnOneLine;

        /** The nesting the one-line value started at, where it ends; -1 while indenting. */
        private int oneLineFrom = -1;

        RecordsOnOneLine(DefaultPrettyPrinter layout) {
            super(layout);
        }

        @Override
        public RecordsOnOneLine createInstance() {
            return new RecordsOnOneLine(this);
        }

        void nextValueOnOneLine() {
            nextOnOneLine = true;
        }

        private boolean startsOneLine() {
            if (nextOnOneLine && oneLineFrom < 0) {
                oneLineFrom = _nesting;
            }
            nextOnOneLine = false;
            return oneLineFrom >= 0;
        }

        private void ended() {
            if (_nesting == oneLineFrom) {
                oneLineFrom = -1;
            }
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            if (startsOneLine()) {
                g.writeRaw('{');
                ++_nesting;
            } else {
                super.writeStartObject(g);
            }
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            if (startsOneLine()) {
                g.writeRaw('[');
                ++_nesting;
            } else {
                super.writeStartArray(g);
            }
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (oneLineFrom >= 0) {
                --_nesting;
                g.writeRaw('}');
                ended();
            } else {
                super.writeEndObject(g, nrOfEntries);
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (oneLineFrom >= 0) {
                --_nesting;
                g.writeRaw(']');
                ended();
            } else {
                super.writeEndArray(g, nrOfValues);
            }
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (oneLineFrom < 0) {
                super.beforeObjectEntries(g);
            }
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (oneLineFrom < 0) {
                super.beforeArrayValues(g);
            }
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            if (oneLineFrom >= 0) {
                g.writeRaw(':');
            } else {
                super.writeObjectFieldValueSeparator(g);
            }
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            if (oneLineFrom >= 0) {
                g.writeRaw(',');
            } else {
                super.writeObjectEntrySeparator(g);
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            if (oneLineFrom >= 0) {
                g.writeRaw(',');
            } else {
                super.writeArrayValueSeparator(g);
            }
        }
    }

    /**
     * A line feed and two spaces per level, as {@code new DefaultIndenter("  ", "\n")} writes them, but copied as
     * ready UTF-8 bytes: a third of a large SARIF file is indentation, which DefaultIndenter encodes char by char.
     */
    private enum Indenter implements DefaultPrettyPrinter.Indenter {
        INSTANCE;

        private static final SerializableString[] LEVELS = IntStream.range(0, 32)
                .mapToObj(level -> new SerializedString("\n" + "  ".repeat(level)))
                .toArray(SerializableString[]::new);

        @Override
        public void writeIndentation(JsonGenerator generator, int level) throws IOException {
            if (level < LEVELS.length) {
                generator.writeRaw(LEVELS[level]);
            } else {
                generator.writeRaw("\n" + "  ".repeat(level));
            }
        }

        @Override
        public boolean isInline() {
            return false;
        }
    }

    /** Mix-in: the {@code level} property is written whenever it is set, the schema default or not. */
    abstract static class AlwaysLevel {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Object level;
    }
}
