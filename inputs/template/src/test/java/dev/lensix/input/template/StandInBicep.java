package dev.lensix.input.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for the Bicep CLI, which cannot be installed here: a shell script that takes the same arguments
 * ({@code build FILE --stdout}, {@code build-params FILE --stdout}) and writes the compiled JSON kept beside the
 * {@code .bicep} file ({@code NAME.compiled.json}, {@code NAME.compiled-params.json}), or fails as the CLI does for a
 * file with an error ({@code NAME.error.txt} on stderr, exit 1).
 */
final class StandInBicep {

    private static final String SCRIPT = """
            #!/bin/sh
            # stand-in for the Bicep CLI: bicep build FILE --stdout | bicep build-params FILE --stdout
            [ "$3" = "--stdout" ] || { echo "usage: bicep build FILE --stdout" >&2; exit 2; }
            case "$1" in
              build) stem="${2%.bicep}"; out="$stem.compiled.json" ;;
              build-params) stem="${2%.bicepparam}"; out="$stem.compiled-params.json" ;;
              *) echo "unknown command $1" >&2; exit 2 ;;
            esac
            if [ -f "$stem.error.txt" ]; then cat "$stem.error.txt" >&2; exit 1; fi
            cat "$out"
            """;

    private static Path script;

    private StandInBicep() {
    }

    /** The stand-in, written once per test run. */
    static synchronized Path executable() {
        if (script == null) {
            try {
                Path folder = Files.createTempDirectory("stand-in-bicep");
                script = folder.resolve("bicep");
                Files.writeString(script, SCRIPT);
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                folder.toFile().deleteOnExit();
                script.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    static Bicep compiledBeside() {
        return Bicep.at(executable());
    }
}
