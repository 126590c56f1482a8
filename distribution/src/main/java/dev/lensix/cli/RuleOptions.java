package dev.lensix.cli;

import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.policy.PolicyRuleException;
import dev.lensix.engine.policy.PolicyRules;
import dev.lensix.engine.scan.UsageException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --rules-dir}: folders of Azure Policy rule files run as checks, after the app's own
 * {@code plugins/rules/}. A rule that cannot be loaded is a usage error (exit code 2) naming the file and the
 * construct.
 */
final class RuleOptions {

    @Option(names = "--rules-dir", paramLabel = "DIR",
            description = "A folder of Azure Policy rule files (*.json) to run as checks, besides the app's own"
                    + " plugins/rules/ (repeatable). See docs/custom-rules.md.")
    List<Path> rulesDirs = new ArrayList<>();

    /** The app's {@code plugins/rules} when it exists, then every {@code --rules-dir}. */
    List<Path> ruleRoots() throws UsageException {
        List<Path> roots = new ArrayList<>();
        CommonOptions.appHome().map(home -> home.resolve("plugins").resolve("rules"))
                .filter(Files::isDirectory).ifPresent(roots::add);
        for (Path dir : rulesDirs) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--rules-dir " + dir + ": no such folder");
            }
            roots.add(dir);
        }
        return roots;
    }

    /** The rules of every rules folder. */
    PolicyRules load() throws UsageException {
        try {
            return PolicyRules.load(ruleRoots());
        } catch (PolicyRuleException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The plug-ins' checks and the rules' checks that run, sorted by id. */
    List<LoadedCheck> checksWith(List<LoadedCheck> pluginChecks) throws UsageException {
        try {
            return load().joinWith(pluginChecks);
        } catch (PolicyRuleException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
