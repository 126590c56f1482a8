package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.input.InputException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Bicep CLI, which turns a {@code .bicep} file into the ARM template lensix evaluates ({@code bicep build FILE
 * --stdout}) and a {@code .bicepparam} file into parameter values ({@code bicep build-params FILE --stdout}). Without
 * it on the PATH, a Bicep file is an input error saying what to do instead.
 *
 * <pre>{@code
 * String template = Bicep.onPath().build(Path.of("infra/main.bicep"));
 * }</pre>
 */
public final class Bicep {

    private static final long TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Optional<Path> executable;

    private Bicep(Optional<Path> executable) {
        this.executable = executable;
    }

    /** The {@code bicep} found on the PATH, if any. */
    public static Bicep onPath() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                if (folder.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(folder, WINDOWS ? "bicep.exe" : "bicep");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new Bicep(Optional.of(candidate));
                }
            }
        }
        return new Bicep(Optional.empty());
    }

    /** The Bicep CLI at a known place. */
    public static Bicep at(Path executable) {
        return new Bicep(Optional.of(executable));
    }

    /** No Bicep CLI: a {@code .bicep} file is an input error saying what to do instead. */
    public static Bicep none() {
        return new Bicep(Optional.empty());
    }

    /** The JSON template {@code bicep build} writes for {@code file}. */
    String build(Path file) throws InputException {
        return run(file, "build", "the output of bicep build " + file.getFileName() + " (a .json template)");
    }

    /** The JSON {@code bicep build-params} writes for a {@code .bicepparam} file: its parameters file. */
    String buildParams(Path file) throws InputException {
        String out = run(file, "build-params", "a main.parameters.json beside the template, or --parameters FILE");
        // newer CLIs wrap the parameters file: {"parametersJson": "...", "templateJson": "..."}
        try {
            JsonNode wrapped = JSON.readTree(out);
            if (wrapped != null && wrapped.path("parametersJson").isTextual()) {
                return wrapped.get("parametersJson").textValue();
            }
        } catch (IOException e) {
            // the parameters reader says what is wrong with it
        }
        return out;
    }

    private String run(Path file, String command, String instead) throws InputException {
        if (executable.isEmpty()) {
            throw new InputException(file + ": a Bicep file: lensix compiles it with the Bicep CLI, which is not on the"
                    + " PATH; install it (https://aka.ms/bicep-install) or scan " + instead);
        }
        List<String> line = List.of(executable.get().toString(), command, file.toString(), "--stdout");
        Process process;
        try {
            process = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new InputException(file + ": cannot run " + executable.get() + ": " + e.getMessage());
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new InputException(file + ": bicep " + command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(stdout.join(), StandardCharsets.UTF_8);
            String err = new String(stderr.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || out.isBlank()) {
                throw new InputException(file + ": bicep " + command + " failed (exit " + process.exitValue() + "): "
                        + firstError(err));
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InputException(file + ": interrupted while bicep " + command + " ran");
        }
    }

    private static String firstError(String stderr) {
        for (String line : stderr.split("\\R")) {
            if (line.contains("Error") || line.contains("error")) {
                return line.strip();
            }
        }
        String first = stderr.strip().split("\\R", 2)[0];
        return first.isEmpty() ? "it wrote no template" : first;
    }

    private static byte[] drain(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File nullDevice() {
        return new File(WINDOWS ? "NUL" : "/dev/null");
    }
}
