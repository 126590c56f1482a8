package dev.lensix.cli;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A one-check pf4j plug-in jar built at test time: the check's source compiled against the assembled app's
 * {@code lib/} jars, with the descriptor in the manifest and the class in {@code META-INF/extensions.idx}.
 */
final class CheckPluginJar {

    private CheckPluginJar() {
    }

    /**
     * @param evaluateBody the body of {@code evaluate(Resource resource, Inventory inventory)}
     */
    static Path write(Path pluginsDir, String pluginId, String checkId, String targetType, String evaluateBody)
            throws IOException {
        String className = "it." + pluginId.replace('-', '_') + ".TestCheck";
        String source = """
                package %s;

                import dev.lensix.api.check.*;
                import dev.lensix.api.resource.*;

                @org.pf4j.Extension
                public final class TestCheck implements Check {
                    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("%s")
                            .title("misbehaving test check").severity(Severity.LOW).service("test")
                            .targetType("%s").description("misbehaves on purpose").rationale("robustness tests")
                            .remediation(Remediation.of("none")).build();

                    @Override
                    public CheckDescriptor descriptor() {
                        return DESCRIPTOR;
                    }

                    @Override
                    public Verdict evaluate(Resource resource, Inventory inventory) {
                        %s
                    }
                }
                """.formatted(className.substring(0, className.lastIndexOf('.')), checkId, targetType, evaluateBody);
        Path build = Files.createTempDirectory("lensix-plugin-build");
        Path sourceFile = build.resolve("src/" + className.replace('.', '/') + ".java");
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source);
        Path classes = Files.createDirectories(build.resolve("classes"));
        String classPath;
        try (Stream<Path> jars = Files.list(AppProcess.app().resolve("lib"))) {
            classPath = jars.map(Path::toString).filter(name -> name.endsWith(".jar")).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int result = compiler.run(null, diagnostics, diagnostics, "-proc:none", "--release", "17", "-cp", classPath,
                "-d", classes.toString(), sourceFile.toString());
        if (result != 0) {
            throw new IllegalStateException("test check does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", pluginId);
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Requires", ">=0.1.0");
        Path jar = Files.createDirectories(pluginsDir).resolve(pluginId + ".jar");
        List<Path> classFiles = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(Files::isRegularFile).forEach(classFiles::add);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path classFile : classFiles) {
                out.putNextEntry(new ZipEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
