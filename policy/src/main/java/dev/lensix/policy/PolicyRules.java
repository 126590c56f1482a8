package dev.lensix.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Azure Policy rules loaded from folders of {@code *.json} files, each run as an ordinary check. Rules are data,
 * not plug-ins: each is a {@link RuleCheck} whose source is {@code rules:FILE}; the application joins them to the
 * plug-in checks with that source as their plug-in id, so check selection, listing and every reporter treat them alike.
 *
 * <pre>{@code
 * PolicyRules rules = PolicyRules.load(List.of(appHome.resolve("plugins/rules"), Path.of("my-rules")));
 * rules.requireIdsUnused(pluginOfCheckId);   // a rule that takes a plug-in check's id is a PolicyRuleException
 * for (RuleCheck rule : rules.checks()) {
 *     run(rule.check(), rule.source());
 * }
 * }</pre>
 *
 * A folder's {@code *.json} files are read in name order (not its sub-folders). A file that is not a rule lensix
 * can run, a construct it does not support, or a check id used twice stops loading with a one-line
 * {@link PolicyRuleException} naming the file and the construct.
 */
public final class PolicyRules {

    /** The plug-in id prefix of rule checks: {@code rules:vault-cmk.json}. */
    public static final String SOURCE_PREFIX = "rules:";

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final List<RuleCheck> checks;
    private final List<RuleCheck> disabled;

    private PolicyRules(List<RuleCheck> checks, List<RuleCheck> disabled) {
        this.checks = List.copyOf(checks);
        this.disabled = List.copyOf(disabled);
    }

    public static PolicyRules none() {
        return new PolicyRules(List.of(), List.of());
    }

    /**
     * Loads every {@code *.json} file of the folders.
     *
     * @throws PolicyRuleException for a folder that cannot be read, any rule that cannot be run, or a duplicate id
     */
    public static PolicyRules load(List<Path> folders) throws PolicyRuleException {
        List<RuleCheck> enabled = new ArrayList<>();
        List<RuleCheck> disabled = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (Path folder : folders) {
            for (Path file : files(folder)) {
                for (PolicyRuleCheck check : loadFile(file)) {
                    String id = check.descriptor().id();
                    String owner = owners.putIfAbsent(id, file.toString());
                    if (owner != null) {
                        throw new PolicyRuleException(file.toString(), "check id " + id + " is already used by " + owner
                                + " (give one of them another id in its lensix header)");
                    }
                    RuleCheck loaded = new RuleCheck(check, SOURCE_PREFIX + file.getFileName());
                    (check.disabled() ? disabled : enabled).add(loaded);
                }
            }
        }
        Comparator<RuleCheck> byId = Comparator.comparing(check -> check.descriptor().id());
        enabled.sort(byId);
        disabled.sort(byId);
        return new PolicyRules(enabled, disabled);
    }

    /** The checks of one rule file: one, or one per type when the rule selects several. */
    public static List<PolicyRuleCheck> loadFile(Path file) throws PolicyRuleException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyRuleException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), file.getFileName().toString(), text);
    }

    /** The checks of one rule given as text; {@code file} names it in errors, {@code fileName} in results. */
    public static List<PolicyRuleCheck> parse(String file, String fileName, String json) throws PolicyRuleException {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            throw new PolicyRuleException(file, "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + where, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new PolicyRuleException(file, "the file is empty");
        }
        return new RuleFile(file, fileName, root).checks();
    }

    private static List<Path> files(Path folder) throws PolicyRuleException {
        if (!Files.isDirectory(folder)) {
            throw new PolicyRuleException(folder.toString(), "no such folder");
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(path -> path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new PolicyRuleException(folder.toString(), "cannot list the folder: " + e.getMessage(), e);
        }
    }

    /** The rule checks that run, sorted by id. */
    public List<RuleCheck> checks() {
        return checks;
    }

    /** The rules whose effect is {@code Disabled}: listed by {@code lensix checks list}, never run. */
    public List<RuleCheck> disabled() {
        return disabled;
    }

    /**
     * Refuses a rule, enabled or disabled, that uses the id of a plug-in's check.
     *
     * @param pluginOfCheckId the id of every plug-in check, to the id of the plug-in that provides it
     * @throws PolicyRuleException when a rule uses the id of a plug-in's check
     */
    public void requireIdsUnused(Map<String, String> pluginOfCheckId) throws PolicyRuleException {
        for (RuleCheck rule : concat(checks, disabled)) {
            String plugin = pluginOfCheckId.get(rule.descriptor().id());
            if (plugin != null) {
                throw new PolicyRuleException(rule.source().substring(SOURCE_PREFIX.length()), "check id "
                        + rule.descriptor().id() + " is already provided by plug-in " + plugin
                        + " (give the rule another id in its lensix header)");
            }
        }
    }

    private static List<RuleCheck> concat(List<RuleCheck> a, List<RuleCheck> b) {
        List<RuleCheck> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
