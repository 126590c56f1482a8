package dev.lensix.cli;

import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.scan.UsageException;
import dev.lensix.policy.PolicyRuleException;
import dev.lensix.policy.PolicyRules;
import dev.lensix.policy.RuleCheck;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            return join(load(), pluginChecks);
        } catch (PolicyRuleException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The plug-in checks and the rule checks that run, sorted by id; a rule check's plug-in id is its source,
     * {@code rules:FILE}.
     *
     * @throws PolicyRuleException when a rule uses the id of a plug-in's check
     */
    static List<LoadedCheck> join(PolicyRules rules, List<LoadedCheck> pluginChecks) throws PolicyRuleException {
        Map<String, String> pluginOfCheckId = new HashMap<>();
        pluginChecks.forEach(check -> pluginOfCheckId.put(check.descriptor().id(), check.pluginId()));
        rules.requireIdsUnused(pluginOfCheckId);
        List<LoadedCheck> all = new ArrayList<>(pluginChecks);
        all.addAll(loaded(rules.checks()));
        all.sort(Comparator.comparing(check -> check.descriptor().id()));
        return List.copyOf(all);
    }

    /** Rule checks as loaded checks whose plug-in id is the rule's source. */
    static List<LoadedCheck> loaded(List<RuleCheck> rules) {
        return rules.stream().map(rule -> new LoadedCheck(rule.check(), rule.descriptor(), rule.source())).toList();
    }
}
