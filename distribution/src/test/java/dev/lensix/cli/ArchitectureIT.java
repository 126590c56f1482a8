package dev.lensix.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import dev.lensix.api.check.Check;
import dev.lensix.api.report.Reporter;
import org.pf4j.Extension;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering in ARCHITECTURE.md, checked on what ships: lensix's own classes from the class path and
 * the plug-in jars exactly as they sit in the assembled app's plugins/ folder.
 */
@AnalyzeClasses(locations = ArchitectureIT.ShippedClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureIT {

    @ArchTest
    static final ArchRule the_api_depends_on_nothing_of_ours = classes()
            .that().resideInAPackage("dev.lensix.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.lensix.api..", "java..", "org.pf4j..", "com.fasterxml.jackson..", "jakarta.inject..")
            .because("check and reporter authors compile against the api alone, and the host provides all it needs");

    @ArchTest
    static final ArchRule nothing_depends_on_a_plugin_or_a_reporter = noClasses()
            .that().resideOutsideOfPackages("dev.lensix.plugins..", "dev.lensix.reporters..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lensix.plugins..", "dev.lensix.reporters..")
            .because("plug-ins are found and isolated by pf4j at run time; a compile-time link would bypass both");

    @ArchTest
    static final ArchRule plugins_and_reporters_touch_only_the_api_of_lensix = noClasses()
            .that().resideInAnyPackage("dev.lensix.plugins..", "dev.lensix.reporters..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lensix.engine..", "dev.lensix.cli..", "dev.lensix.testkit..", "com.google.inject..")
            .because("a plug-in must load in any lensix that offers its api version, whatever the engine does inside");

    @ArchTest
    static final ArchRule plugins_do_not_depend_on_each_other = slices()
            .matching("dev.lensix.(plugins|reporters).(*)..")
            .should().notDependOnEachOther()
            .because("each plug-in is loaded by its own class loader and may be absent");

    @ArchTest
    static final ArchRule only_the_live_azure_input_uses_the_azure_sdk = noClasses()
            .that().resideOutsideOfPackage("dev.lensix.input.azure..")
            .should().dependOnClassesThat().resideInAPackage("com.azure..")
            .because("checks are pure functions of the inventory, and live collection stays in one replaceable place");

    // The rules below name the classes they constrain, so each also fails when none of them was imported
    // (ArchUnit's default: an empty should fails), never passing over zero classes.
    @ArchTest
    static final ArchRule inputs_never_depend_on_the_engine_a_plugin_or_a_reporter = noClasses()
            .that().resideInAPackage("dev.lensix.input..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lensix.engine..", "dev.lensix.cli..",
                    "dev.lensix.plugins..", "dev.lensix.reporters..", "dev.lensix.testkit..")
            .because("an input implements the api's input SPI alone, so any front end can read from it");

    @ArchTest
    static final ArchRule inputs_do_not_depend_on_each_other = slices()
            .matching("dev.lensix.input.(*)..")
            .should().notDependOnEachOther()
            .because("each input family reads its own source and can be left out of an application");

    @ArchTest
    static final ArchRule the_engine_never_depends_on_a_concrete_input = noClasses()
            .that().resideInAPackage("dev.lensix.engine..")
            .should().dependOnClassesThat().resideInAPackage("dev.lensix.input..")
            .because("the engine scans whatever the input SPI yields; the application chooses the input");

    @ArchTest
    static final ArchRule the_policy_language_depends_on_no_input_and_not_on_the_engine = noClasses()
            .that().resideInAPackage("dev.lensix.policy..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lensix.input..", "dev.lensix.engine..",
                    "dev.lensix.cli..")
            .because("rule checks and the template evaluator share the language, whatever reads the resources");

    @ArchTest
    static final ArchRule the_expression_language_knows_nothing_of_policy_rules = noClasses()
            .that().resideInAPackage("dev.lensix.policy.language..")
            .should().dependOnClassesThat().resideInAPackage("dev.lensix.policy")
            .because("the template evaluator uses the language without the rules that run as checks");

    @ArchTest
    static final ArchRule inputs_use_the_expression_language_not_the_policy_rules = noClasses()
            .that().resideInAPackage("dev.lensix.input..")
            .should().dependOnClassesThat().resideInAPackage("dev.lensix.policy")
            .because("a template is evaluated with the shared language; policy rules are checks, and inputs know no checks");

    @ArchTest
    static final ArchRule the_engine_does_not_know_the_command_line = noClasses()
            .that().resideInAPackage("dev.lensix.engine..")
            .should().dependOnClassesThat().resideInAPackage("dev.lensix.cli..")
            .because("the engine is also driven by tests and by other front ends");

    @ArchTest
    static final ArchRule suppressions_and_baselines_read_files_not_azure_or_plugins = noClasses()
            .that().resideInAPackage("dev.lensix.engine.triage..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lensix.input.azure..", "dev.lensix.engine.plugin..",
                    "dev.lensix.engine.run..", "org.pf4j..")
            .because("accepted risks and baselines mark finished results; they never decide or change a verdict");

    @ArchTest
    static final ArchRule only_the_suppressions_file_reader_parses_yaml = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.lensix.engine.triage.SuppressionsFile")
            .and().haveSimpleNameNotEndingWith("Test")
            .should().dependOnClassesThat().resideInAPackage("org.snakeyaml..")
            .because("one place configures the YAML parser for untrusted text (no types, alias and size limits)");

    // Both rules also fail when no plug-in class was imported at all, so the rules above cannot pass
    // vacuously on an empty plugins/ folder.
    @ArchTest
    static final ArchRule every_shipped_check_is_a_pf4j_extension = classes()
            .that().resideInAnyPackage("dev.lensix.plugins..").and().areAssignableTo(Check.class)
            .should().beAnnotatedWith(Extension.class).andShould().bePublic()
            .because("pf4j finds only @Extension classes, and a check it cannot find is a silent gap");

    @ArchTest
    static final ArchRule every_shipped_reporter_is_a_pf4j_extension = classes()
            .that().resideInAnyPackage("dev.lensix.reporters..").and().areAssignableTo(Reporter.class)
            .should().beAnnotatedWith(Extension.class).andShould().bePublic()
            .because("pf4j finds only @Extension classes, and a format it cannot find fails every scan that asks for it");

    /** lensix's classes on the class path plus every jar in the assembled app's plugins/ folder. */
    static final class ShippedClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            Set<Location> locations = new HashSet<>(Locations.ofPackage("dev.lensix"));
            Path plugins = AppProcess.app().resolve("plugins");
            try (Stream<Path> jars = Files.list(plugins)) {
                jars.filter(jar -> jar.toString().endsWith(".jar"))
                        .forEach(jar -> locations.add(Location.of(java.net.URI.create("jar:" + jar.toUri() + "!/"))));
            } catch (IOException e) {
                throw new UncheckedIOException("the assembled app has no plugins folder: " + plugins, e);
            }
            return locations;
        }
    }
}
