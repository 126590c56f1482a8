package dev.lensix.engine.testing;

/**
 * Java sources of small checks, reporters and pf4j plug-in classes for {@link PluginJar}. Every check
 * targets {@link #TYPE} unless told otherwise.
 */
public final class TestPlugins {

    /** The ARM type test checks evaluate. */
    public static final String TYPE = "Microsoft.Test/widgets";

    private TestPlugins() {
    }

    /**
     * A check {@code className} with id {@code checkId}, extra class members, and an {@code evaluate} body
     * that sees {@code resource} and {@code inventory}.
     */
    public static String check(String className, String checkId, String members, String evaluateBody) {
        return check(className, checkId, TYPE, members, evaluateBody);
    }

    public static String check(String className, String checkId, String targetType, String members,
                               String evaluateBody) {
        return """
                package %s;

                import dev.lensix.api.check.*;
                import dev.lensix.api.resource.*;

                @org.pf4j.Extension
                public final class %s implements Check {
                    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("%s")
                            .title("test check %s").severity(Severity.HIGH).service("test")
                            .targetType("%s").description("finds test problems").rationale("tests need it")
                            .remediation(Remediation.of("fix the widget")).build();

                    %s

                    @Override
                    public CheckDescriptor descriptor() {
                        return DESCRIPTOR;
                    }

                    @Override
                    public Verdict evaluate(Resource resource, Inventory inventory) {
                        %s
                    }
                }
                """.formatted(packageOf(className), simpleName(className), checkId, checkId, targetType, members,
                evaluateBody);
    }

    /** A check that passes every resource. */
    public static String passingCheck(String className, String checkId) {
        return check(className, checkId, "", "return Verdict.pass(\"fine\", Evidence.none());");
    }

    /** A reporter writing one line per result, {@code checkId status resourceId}. */
    public static String reporter(String className, String format, String fileName) {
        return """
                package %s;

                import dev.lensix.api.report.*;
                import java.io.IOException;
                import java.io.OutputStream;
                import java.nio.charset.StandardCharsets;

                @org.pf4j.Extension
                public final class %s implements Reporter {
                    public String formatName() { return "%s"; }
                    public String defaultFileName() { return "%s"; }
                    public void write(ScanReport report, dev.lensix.api.report.ReportContext context, OutputStream out) throws IOException {
                        for (Result r : report.results()) {
                            out.write((r.checkId() + " " + r.status() + " " + r.resource().id() + "\\n")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
                """.formatted(packageOf(className), simpleName(className), format, fileName);
    }

    /** A pf4j plug-in class with the given {@code start()} and {@code stop()} bodies. */
    public static String pluginClass(String className, String startBody, String stopBody) {
        return """
                package %s;

                public class %s extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        %s
                    }

                    @Override
                    public void stop() {
                        %s
                    }
                }
                """.formatted(packageOf(className), simpleName(className), startBody, stopBody);
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
