package dev.lensix.reporters.sarif;

import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.SarifSchema210;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Serializes the java-sarif object model with the host's Jackson, deterministically: two-space indent, LF line
 * ends, {@code "key": value}, map entries (property bags) sorted by key, dates as UTC
 * {@code 2026-01-02T03:04:05.000Z}, and a final line feed.
 *
 * <p>java-sarif annotates its classes with {@code @JsonInclude(NON_DEFAULT)}, so a value equal to the schema's
 * default vanishes from the output: a {@code warning} level would be dropped and the rule's default would
 * apply. Mix-ins make {@code level} of results, notifications and rule configurations always written.
 *
 * <pre>{@code
 * byte[] json = SarifJson.write(log);
 * }</pre>
 */
final class SarifJson {

    private static final ObjectWriter WRITER = writer();

    private SarifJson() {
    }

    static byte[] write(SarifSchema210 log) {
        try {
            // encoded as it is and the final LF appended: no copy of the whole text with the LF
            byte[] json = WRITER.writeValueAsString(log).getBytes(StandardCharsets.UTF_8);
            byte[] withNewline = Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the SARIF log: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectWriter writer() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.addMixIn(Result.class, AlwaysLevel.class);
        mapper.addMixIn(Notification.class, AlwaysLevel.class);
        mapper.addMixIn(ReportingConfiguration.class, AlwaysLevel.class);
        mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SimpleDateFormat utc = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
        utc.setTimeZone(TimeZone.getTimeZone("UTC"));
        mapper.setDateFormat(utc);
        mapper.setTimeZone(TimeZone.getTimeZone("UTC"));

        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return mapper.writer(printer);
    }

    /** Mix-in: the {@code level} property is written whenever it is set, the schema default or not. */
    abstract static class AlwaysLevel {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Object level;
    }
}
