package dev.lensix.engine.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.engine.plugin.LoadedCheck;

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
 * not plug-ins: they join the plug-in checks as {@link LoadedCheck}s whose plug-in id is {@code rules:FILE}, so
 * check selection, listing and every reporter treat them alike.
 *
 * <pre>{@code
 * PolicyRules rules = PolicyRules.load(List.of(appHome.resolve("plugins/rules"), Path.of("my-rules")));
 * List<LoadedCheck> all = rules.joinWith(host.checks());   // a duplicate id is a PolicyRuleException
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

    private final List<LoadedCheck> checks;
    private final List<LoadedCheck> disabled;

    private PolicyRules(List<LoadedCheck> checks, List<LoadedCheck> disabled) {
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
        List<LoadedCheck> enabled = new ArrayList<>();
        List<LoadedCheck> disabled = new ArrayList<>();
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
                    LoadedCheck loaded = new LoadedCheck(check, check.descriptor(), SOURCE_PREFIX + file.getFileName());
                    (check.disabled() ? disabled : enabled).add(loaded);
                }
            }
        }
        Comparator<LoadedCheck> byId = Comparator.comparing(check -> check.descriptor().id());
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
    public List<LoadedCheck> checks() {
        return checks;
    }

    /** The rules whose effect is {@code Disabled}: listed by {@code lensix checks list}, never run. */
    public List<LoadedCheck> disabled() {
        return disabled;
    }

    /**
     * The plug-in checks and the rule checks that run, sorted by id.
     *
     * @throws PolicyRuleException when a rule uses the id of a plug-in's check
     */
    public List<LoadedCheck> joinWith(List<LoadedCheck> pluginChecks) throws PolicyRuleException {
        Map<String, LoadedCheck> byId = new HashMap<>();
        pluginChecks.forEach(check -> byId.put(check.descriptor().id(), check));
        for (LoadedCheck rule : concat(checks, disabled)) {
            LoadedCheck plugin = byId.get(rule.descriptor().id());
            if (plugin != null) {
                throw new PolicyRuleException(rule.pluginId().substring(SOURCE_PREFIX.length()), "check id "
                        + rule.descriptor().id() + " is already provided by plug-in " + plugin.pluginId()
                        + " (give the rule another id in its lensix header)");
            }
        }
        List<LoadedCheck> all = new ArrayList<>(pluginChecks);
        all.addAll(checks);
        all.sort(Comparator.comparing(check -> check.descriptor().id()));
        return List.copyOf(all);
    }

    private static List<LoadedCheck> concat(List<LoadedCheck> a, List<LoadedCheck> b) {
        List<LoadedCheck> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
