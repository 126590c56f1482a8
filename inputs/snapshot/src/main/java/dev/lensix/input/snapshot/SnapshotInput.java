package dev.lensix.input.snapshot;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.Input;
import dev.lensix.api.input.InputException;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Snapshot files and folders as an input: {@code lensix scan --input PATH}. Only the resource types the checks
 * read are kept; every type seen counts as collected unless a lensix snapshot header says otherwise.
 *
 * <pre>{@code
 * ScanReport report = scanner.scan(new SnapshotInput(List.of(Path.of("tenant.json"))), checks, host.problems());
 * }</pre>
 */
public final class SnapshotInput implements Input {

    /**
     * The top-level members, lower-cased, that make a JSON object a snapshot document: a list page ({@code value}), a
     * Resource Graph result ({@code data}), a resource ({@code id}, {@code type}, PowerShell's {@code ResourceId} ...),
     * an {@code az rest} response ({@code content}, {@code statusCode}), a Key Vault data-plane body ({@code kid},
     * {@code key}, told apart later with its own message), a lensix snapshot header.
     */
    public static final Set<String> DOCUMENT_FIELDS = Set.of("value", "data", "id", "type", "resourceid", "resourcetype",
            "content", "statuscode", "kid", "key", SnapshotHeader.FIELD);

    private final List<Path> inputs;
    private final List<String> scope;

    /** @param inputs files and folders of {@code *.json} files, read in this order */
    public SnapshotInput(List<Path> inputs) {
        this(inputs, inputs.stream().map(Path::toString).toList());
    }

    /**
     * @param inputs files and folders, read in this order
     * @param scope  the inputs as the user gave them, for reports
     */
    public SnapshotInput(List<Path> inputs, List<String> scope) {
        this.inputs = List.copyOf(inputs);
        this.scope = List.copyOf(scope);
    }

    @Override
    public Collected read(List<CheckDescriptor> checks) throws InputException {
        Set<String> wanted = Input.typesRead(checks);
        return new SnapshotReader(wanted::contains).read(inputs).collected(scope);
    }
}
