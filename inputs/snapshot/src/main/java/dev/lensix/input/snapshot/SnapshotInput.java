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

    private final List<Path> inputs;

    /** @param inputs files and folders of {@code *.json} files, read in this order */
    public SnapshotInput(List<Path> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public Collected read(List<CheckDescriptor> checks) throws InputException {
        Set<String> wanted = Input.typesRead(checks);
        return new SnapshotReader(wanted::contains).read(inputs).collected(inputs.stream().map(Path::toString).toList());
    }
}
