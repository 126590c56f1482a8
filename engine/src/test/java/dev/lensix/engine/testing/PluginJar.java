package dev.lensix.engine.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Check;
import jakarta.inject.Inject;
import org.pf4j.Plugin;
import org.slf4j.Logger;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds real pf4j plug-ins at test time: compiles Java source strings against the api (and pf4j,
 * jakarta.inject, Jackson, slf4j) with the system compiler, and packs the classes, a {@code META-INF/extensions.idx}
 * and the plug-in descriptor into a jar (descriptor in the manifest) or a zip (pf4j's layout:
 * {@code plugin.properties} plus {@code lib/<id>.jar}). The compiled classes are never on the test class
 * path, so the engine can only reach them through pf4j.
 *
 * <pre>{@code
 * PluginJar.plugin("good").source("p.GoodCheck", "...").extension("p.GoodCheck").writeJar(pluginsDir);
 * }</pre>
 */
public final class PluginJar {

    private final String id;
    private String version = "1.0.0";
    private String requires = ">=0.1.0";
    private String pluginClass;
    private String dependencies;
    private boolean descriptor = true;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();

    private PluginJar(String id) {
        this.id = id;
    }

    public static PluginJar plugin(String id) {
        return new PluginJar(id);
    }

    public PluginJar version(String value) {
        this.version = value;
        return this;
    }

    /** {@code Plugin-Requires}; null leaves it out. */
    public PluginJar requires(String value) {
        this.requires = value;
        return this;
    }

    /** {@code Plugin-Class}: a class of this plug-in that extends {@code org.pf4j.Plugin}. */
    public PluginJar pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    /** {@code Plugin-Dependencies}, such as {@code other-plugin@>=1.0.0}. */
    public PluginJar dependencies(String value) {
        this.dependencies = value;
        return this;
    }

    /** Leaves the plug-in fields out of the manifest: a jar pf4j cannot identify. */
    public PluginJar withoutDescriptor() {
        this.descriptor = false;
        return this;
    }

    public PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists a class in {@code META-INF/extensions.idx}. */
    public PluginJar extension(String className) {
        extensions.add(className);
        return this;
    }

    /** A source and its listing as an extension in one go. */
    public PluginJar extension(String className, String code) {
        return source(className, code).extension(className);
    }

    /** Writes {@code <dir>/<id>.jar} with the descriptor in its manifest. */
    public Path writeJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (descriptor) {
            main.putValue("Plugin-Id", id);
            main.putValue("Plugin-Version", version);
            if (requires != null) {
                main.putValue("Plugin-Requires", requires);
            }
            if (pluginClass != null) {
                main.putValue("Plugin-Class", pluginClass);
            }
            if (dependencies != null) {
                main.putValue("Plugin-Dependencies", dependencies);
            }
        }
        Path jar = dir.resolve(id + ".jar");
        Files.write(jar, jarBytes(manifest));
        return jar;
    }

    /** Writes {@code <dir>/<id>.zip}: {@code plugin.properties} and {@code lib/<id>.jar} (classes and index only). */
    public Path writeZip(Path dir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("plugin.id", id);
        properties.setProperty("plugin.version", version);
        if (requires != null) {
            properties.setProperty("plugin.requires", requires);
        }
        if (pluginClass != null) {
            properties.setProperty("plugin.class", pluginClass);
        }
        ByteArrayOutputStream propertiesBytes = new ByteArrayOutputStream();
        properties.store(propertiesBytes, null);
        Path zip = dir.resolve(id + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("plugin.properties"));
            out.write(propertiesBytes.toByteArray());
            out.closeEntry();
            out.putNextEntry(new ZipEntry("lib/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("lib/" + id + ".jar"));
            out.write(jarBytes(null));
            out.closeEntry();
        }
        return zip;
    }

    private byte[] jarBytes(Manifest manifest) throws IOException {
        Map<String, byte[]> classes = compile(sources);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = manifest == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
            out.write(extensions.stream().map(name -> name + "\n").collect(Collectors.joining())
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Compiles sources in memory; class name to bytes. */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        if (sources.isEmpty()) {
            return Map.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
        JavaFileManager inMemory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return output.computeIfAbsent(className, name -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, code) -> units.add(
                new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return code;
                    }
                }));
        List<String> options = List.of("--release", "17", "-proc:none", "-classpath", compileClassPath());
        boolean ok = compiler.getTask(null, inMemory, diagnostics, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plug-in sources do not compile:\n" + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(Object::toString).collect(Collectors.joining("\n")));
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** What a plug-in compiles against: the api and what it exposes, nothing of the engine. */
    private static String compileClassPath() {
        return List.of(Check.class, Plugin.class, Inject.class, JsonNode.class, JsonParser.class, JsonProperty.class,
                        Logger.class).stream()
                .map(PluginJar::locationOf).distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes bytes that are not a zip at all, named like a plug-in jar. */
    public static Path writeCorruptJar(Path dir, String fileName) {
        try {
            return Files.write(dir.resolve(fileName), "this is not a jar".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
