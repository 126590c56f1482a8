package dev.lensix.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lensix.api.input.InputException;
import dev.lensix.input.snapshot.SnapshotInput;
import dev.lensix.input.snapshot.SnapshotReader;
import dev.lensix.input.terraform.PlanDocument;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sorts the files {@code --input} names by what they hold, told from their first bytes and top-level member names,
 * not their names: snapshot documents, Terraform plans, and, inside folders, JSON that is none of the inputs lensix
 * reads ({@code package.json}, editor settings, template metadata), which is skipped and counted. A file named
 * explicitly is always read, so one that is no input gets the reading's own error. JSON that cannot be parsed is
 * never skipped: it goes to the snapshot reader, which says where it breaks.
 *
 * <pre>{@code
 * InputFiles.Sorted sorted = InputFiles.sort(List.of(Path.of("examples"), Path.of("plan.json")));
 * sorted.plans();   // [plan.json]
 * sorted.skipped(); // [examples/.vscode/settings.json]
 * }</pre>
 */
final class InputFiles {

    /** What a file holds. */
    enum Kind { SNAPSHOT, PLAN, TEMPLATE, STATE, OTHER }

    /** The files of each kind, in the order given, and those skipped with why. */
    record Sorted(List<Path> snapshots, List<Path> plans, List<Skipped> skipped) {
    }

    record Skipped(Path file, String why) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int HEAD_BYTES = 8;

    private InputFiles() {
    }

    static Sorted sort(List<Path> inputs) throws InputException {
        List<Path> snapshots = new ArrayList<>();
        List<Path> plans = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path input : inputs) {
            boolean folder = Files.isDirectory(input);
            int before = snapshots.size() + plans.size();
            for (Path file : SnapshotReader.jsonFilesOf(input)) {
                Kind kind = kindOf(file);
                switch (kind) {
                    case PLAN -> plans.add(file);
                    case STATE -> {
                        if (folder) {
                            skipped.add(new Skipped(file, "a Terraform state, not a plan"));
                        } else {
                            plans.add(file); // the plan reader says what to run instead
                        }
                    }
                    case TEMPLATE -> {
                        if (folder) {
                            skipped.add(new Skipped(file, "an ARM template or parameters file: not read yet"));
                        } else {
                            throw new InputException(file + ": an ARM template or parameters file: lensix does not read"
                                    + " templates yet; scan the deployed resources, or a Terraform plan");
                        }
                    }
                    case OTHER -> {
                        if (folder) {
                            skipped.add(new Skipped(file, "none of the inputs lensix reads"));
                        } else {
                            snapshots.add(file); // the snapshot reader says what is wrong with it
                        }
                    }
                    case SNAPSHOT -> snapshots.add(file);
                }
            }
            if (folder && snapshots.size() + plans.size() == before) {
                throw new InputException(input + ": folder holds no snapshot files or Terraform plans ("
                        + skipped.size() + " other JSON files skipped; --debug names them)");
            }
        }
        return new Sorted(List.copyOf(snapshots), List.copyOf(plans), List.copyOf(skipped));
    }

    /** What a file holds, from its start: a binary plan is an error with what to run instead. */
    static Kind kindOf(Path file) throws InputException {
        // one read of the file: its first bytes looked at, then handed back to the parser
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(HEAD_BYTES);
            if (PlanDocument.isBinaryPlan(in.readNBytes(HEAD_BYTES))) {
                throw new InputException(PlanDocument.binaryPlanAdvice(file));
            }
            in.reset();
            JsonParser parser = JSON.createParser(in);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return Kind.SNAPSHOT; // an array, or something the snapshot reader will name
            }
            boolean values = false;
            boolean terraform = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName().toLowerCase(Locale.ROOT);
                JsonToken value = parser.nextToken();
                if (PlanDocument.isPlanField(name) && !name.equals("terraform_version")) {
                    return Kind.PLAN;
                }
                if (name.equals("terraform_version")) {
                    terraform = true;
                } else if (name.equals("values")) {
                    values = true;
                } else if (name.equals("$schema") && value == JsonToken.VALUE_STRING) {
                    String schema = parser.getText().toLowerCase(Locale.ROOT);
                    if (schema.contains("deploymenttemplate") || schema.contains("deploymentparameters")) {
                        return Kind.TEMPLATE;
                    }
                } else if (SnapshotInput.DOCUMENT_FIELDS.contains(name) && !terraform) {
                    return Kind.SNAPSHOT;
                }
                parser.skipChildren();
            }
            if (terraform) {
                return values ? Kind.STATE : Kind.PLAN;
            }
            // an object that ends cleanly and nothing after it: JSON of another kind; anything else is the reader's to name
            return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null ? Kind.OTHER : Kind.SNAPSHOT;
        } catch (IOException e) {
            return Kind.SNAPSHOT; // not JSON, or broken: the snapshot reader says where
        }
    }
}
