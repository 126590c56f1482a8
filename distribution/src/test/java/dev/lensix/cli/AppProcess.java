package dev.lensix.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the assembled {@code bin/lensix} as a separate process, as a user would. */
final class AppProcess {

    static Path app() {
        return Path.of(System.getProperty("lensix.app", "target/lensix")).toAbsolutePath();
    }

    static Path examples() {
        return Path.of(System.getProperty("lensix.examples", "../examples")).toAbsolutePath().normalize();
    }

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    static Outcome run(Path workingDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return runLauncher(app().resolve("bin/lensix"), workingDir, environment, args);
    }

    static Outcome runLauncher(Path launcher, Path workingDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("lensix-out", ".txt");
        Path stderr = Files.createTempFile("lensix-err", ".txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/lensix did not finish within 120 s: " + command);
        }
        try {
            return new Outcome(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
