package dev.lensix.input.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The parallel read's parsers do not canonicalize names, which is decided when their factory is made. */
class ReaderFactoryTest {

    @Test
    void namesAreCanonicalizedOnlyWhenTheFactoryWasMadeSo() throws IOException {
        JsonFactory canonicalizing = SnapshotReader.factory(true);
        assertThat(firstName(canonicalizing)).as("the control: one String for the name in every parser")
                .isSameAs(firstName(canonicalizing));
        JsonFactory plain = SnapshotReader.factory(false);
        String first = firstName(plain);
        assertThat(firstName(plain)).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void disablingTheFeatureOnACopyAfterwardsDoesNotTurnItOff() throws IOException {
        // why the reader makes two factories: a copy keeps the table, and the features, of the moment it was made
        JsonFactory copy = SnapshotReader.factory(true).copy().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
        assertThat(firstName(copy)).isSameAs(firstName(copy));
    }

    private static String firstName(JsonFactory factory) throws IOException {
        char[] json = "{\"properties\": 1}".toCharArray();
        try (JsonParser parser = factory.createParser(json, 0, json.length)) {
            parser.nextToken();
            parser.nextToken();
            return parser.currentName();
        }
    }
}
