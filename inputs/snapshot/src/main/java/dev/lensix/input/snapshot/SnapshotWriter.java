package dev.lensix.input.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lensix.api.input.Collected;
import dev.lensix.api.resource.Resource;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a collection in lensix's snapshot format: an ARM list page of every resource (sorted by id,
 * exactly as ARM returned them) with the {@link SnapshotHeader} first. Written to a file, it goes beside the
 * target and is moved into place when complete (the application's atomic file writer):
 *
 * <pre>{@code
 * ReportFiles.writeAtomically(target, out -> SnapshotWriter.write(collected, "lensix 0.1.0", collectedAt, out));
 * }</pre>
 */
public final class SnapshotWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SnapshotWriter() {
    }

    /** Sorted by id ignoring case, then by exact id, as the inventory orders them. */
    private static final Comparator<String> ID_ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    /** Writes the snapshot to {@code out}, which it closes. */
    public static void write(Collected collected, String tool, Instant collectedAt, OutputStream out) throws IOException {
        List<Resource> sorted = collected.resources().stream()
                .sorted(Comparator.comparing(Resource::id, ID_ORDER)).toList();
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeFieldName(SnapshotHeader.FIELD);
            MAPPER.writeTree(generator, SnapshotHeader.of(tool, collectedAt, collected.scope(), collected.ledger(),
                    collected.problems()));
            generator.writeArrayFieldStart("value");
            for (Resource resource : sorted) {
                MAPPER.writeTree(generator, resource.json());
            }
            generator.writeEndArray();
            generator.writeEndObject();
            generator.writeRaw('\n');
        }
    }
}
