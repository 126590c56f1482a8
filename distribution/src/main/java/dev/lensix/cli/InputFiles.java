package dev.lensix.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lensix.api.input.InputException;
import dev.lensix.input.snapshot.SnapshotInput;
import dev.lensix.input.snapshot.SnapshotReader;
import dev.lensix.input.template.TemplateInput;
import dev.lensix.input.terraform.PlanDocument;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts the files {@code --input} names by what they hold, told from their first bytes and top-level member names,
 * not their names: snapshot documents, Terraform plans, ARM templates (and {@code .bicep} files, by name), and,
 * inside folders, JSON that is none of the inputs lensix reads ({@code package.json}, editor settings, template
 * metadata), which is skipped and counted. Inside folders, parameters files are read with their templates, a
 * template compiled from a {@code .bicep} beside it is scanned from the {@code .bicep}, and a {@code .bicep} another
 * one uses as a module is scanned through it. A file named explicitly is always read, so one that is no input gets
 * the reading's own error. JSON that cannot be parsed is never skipped: it goes to the snapshot reader, which says
 * where it breaks.
 *
 * <pre>{@code
 * InputFiles.Sorted sorted = InputFiles.sort(List.of(Path.of("examples"), Path.of("plan.json")));
 * sorted.plans();   // [plan.json]
 * sorted.skipped(); // [examples/.vscode/settings.json]
 * }</pre>
 */
final class InputFiles {

    /** What a file holds. */
    enum Kind { SNAPSHOT, PLAN, TEMPLATE, PARAMETERS, STATE, OTHER }

    /** The files of each kind, in the order given, and those skipped with why. */
    record Sorted(List<Path> snapshots, List<Path> plans, List<Path> templates, List<Skipped> skipped) {
    }

    record Skipped(Path file, String why) {
    }

    /** Comments allowed: a template may carry them anywhere, before its $schema too, as Resource Manager allows. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final int HEAD_BYTES = 8;

    private InputFiles() {
    }

    static Sorted sort(List<Path> inputs) throws InputException {
        List<Path> snapshots = new ArrayList<>();
        List<Path> plans = new ArrayList<>();
        List<Path> templates = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path input : inputs) {
            boolean folder = Files.isDirectory(input);
            int before = snapshots.size() + plans.size() + templates.size();
            List<Path> files = folder ? SnapshotReader.filesOf(input, List.of(".json", ".bicep")) : SnapshotReader.jsonFilesOf(input);
            Set<Path> modules = folder ? TemplateInput.bicepModulesAmong(files) : Set.of();
            for (Path file : files) {
                if (TemplateInput.isBicep(file)) {
                    if (modules.contains(file.toAbsolutePath().normalize())) {
                        skipped.add(new Skipped(file, "a Bicep module, scanned through the file that uses it"));
                    } else {
                        templates.add(file);
                    }
                    continue;
                }
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
                        Path bicep = TemplateInput.sibling(file, ".bicep");
                        if (folder && Files.isRegularFile(bicep)) {
                            skipped.add(new Skipped(file, "compiled from " + bicep.getFileName() + ", which is scanned"));
                        } else {
                            templates.add(file);
                        }
                    }
                    case PARAMETERS -> {
                        if (folder) {
                            skipped.add(new Skipped(file, "a parameters file, read with the template it is named for"));
                        } else {
                            throw new InputException(file + ": a parameters file: give it with --parameters FILE, or keep it"
                                    + " beside its template as NAME.parameters.json");
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
            if (folder && snapshots.size() + plans.size() + templates.size() == before) {
                throw new InputException(input + ": folder holds no snapshot files, Terraform plans or templates ("
                        + skipped.size() + " other files skipped; --debug names them)");
            }
        }
        return new Sorted(List.copyOf(snapshots), List.copyOf(plans), List.copyOf(templates), List.copyOf(skipped));
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
                    String schema = parser.getText();
                    if (TemplateInput.isTemplateSchema(schema)) {
                        return Kind.TEMPLATE;
                    }
                    if (TemplateInput.isParametersSchema(schema)) {
                        return Kind.PARAMETERS;
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
