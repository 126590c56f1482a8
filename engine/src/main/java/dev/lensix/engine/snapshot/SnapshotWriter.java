package dev.lensix.engine.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.collect.Collected;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.report.ReportFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a collection in lensix's snapshot format: an ARM list page of every resource (sorted by id,
 * exactly as ARM returned them) with the {@link SnapshotHeader} first. The file is written beside the
 * target and moved into place when complete.
 */
public final class SnapshotWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SnapshotWriter() {
    }

    /** Writes the snapshot to {@code target} atomically: a failed write leaves no half-written file. */
    public static void write(Collected collected, String tool, Instant collectedAt, Path target) throws IOException {
        ReportFiles.writeAtomically(target, out -> write(collected, tool, collectedAt, out));
    }

    public static void write(Collected collected, String tool, Instant collectedAt, OutputStream out) throws IOException {
        List<Resource> sorted = collected.resources().stream()
                .sorted(Comparator.comparing(Resource::id, InMemoryInventory.ID_ORDER)).toList();
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
