package dev.lensix.engine.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The entries that cover a check on a resource, found without trying every entry: entries are grouped by check id,
 * their ARM id patterns are a tree of segments walked along the resource's id, and entries that select by tags alone
 * are found through one of their tags. A lookup costs about the id's segments times the wildcards on its way, however
 * many entries there are.
 */
final class SuppressionIndex {

    private final List<SuppressionEntry> entries;
    private final Map<String, ForCheck> byCheck = new ConcurrentHashMap<>();

    SuppressionIndex(List<SuppressionEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Every entry whose checks, resources and tags all cover this result, in file order. */
    List<SuppressionEntry> matching(String checkId, String resourceId, Supplier<Map<String, String>> lowerCaseTags) {
        return byCheck.computeIfAbsent(checkId, this::forCheck).matching(resourceId, lowerCaseTags);
    }

    private ForCheck forCheck(String checkId) {
        ForCheck index = new ForCheck();
        for (int order = 0; order < entries.size(); order++) {
            SuppressionEntry entry = entries.get(order);
            if (entry.checks().stream().anyMatch(glob -> glob.equals(checkId) || glob.contains("*")
                    && Globs.star(glob).matcher(checkId).matches())) {
                index.add(entry, order);
            }
        }
        return index;
    }

    /** The entries of one check id. */
    private static final class ForCheck {
        private final Node root = new Node();
        private final Map<String, List<Ordered>> byTag = new HashMap<>();

        void add(SuppressionEntry entry, int order) {
            empty = false;
            anyTags |= entry.resources().isEmpty();
            Ordered ordered = new Ordered(entry, order);
            if (entry.resources().isEmpty()) {
                Map.Entry<String, String> first = entry.tags().entrySet().iterator().next();
                byTag.computeIfAbsent(first.getKey() + "=" + first.getValue(), key -> new ArrayList<>()).add(ordered);
                return;
            }
            for (ResourceGlob glob : entry.resources()) {
                Node node = root;
                for (String segment : glob.segments()) {
                    node = node.child(segment);
                }
                node.entries.add(ordered);
            }
        }

        private boolean empty = true;
        private boolean anyTags;

        List<SuppressionEntry> matching(String resourceId, Supplier<Map<String, String>> tagSource) {
            if (empty) {
                return List.of(); // most checks have no entries: nothing to split, look up or allocate
            }
            Set<Ordered> found = new LinkedHashSet<>();
            root.collect(segmentsOf(resourceId), 0, found);
            Map<String, String> tags = anyTags || found.stream().anyMatch(ordered -> !ordered.entry().tags().isEmpty())
                    ? tagSource.get() : Map.of();
            if (!byTag.isEmpty()) {
                for (Map.Entry<String, String> tag : tags.entrySet()) {
                    found.addAll(byTag.getOrDefault(tag.getKey() + "=" + tag.getValue(), List.of()));
                }
            }
            if (found.isEmpty()) {
                return List.of();
            }
            return found.stream()
                    .filter(ordered -> tagsMatch(ordered.entry(), tags))
                    .sorted((a, b) -> Integer.compare(a.order(), b.order()))
                    .map(Ordered::entry)
                    .distinct()
                    .toList();
        }

        private static boolean tagsMatch(SuppressionEntry entry, Map<String, String> tags) {
            for (Map.Entry<String, String> wanted : entry.tags().entrySet()) {
                if (!wanted.getValue().equals(tags.get(wanted.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        private static String[] segmentsOf(String resourceId) {
            String lower = resourceId.strip().toLowerCase(Locale.ROOT);
            while (lower.startsWith("/")) {
                lower = lower.substring(1);
            }
            while (lower.endsWith("/")) {
                lower = lower.substring(0, lower.length() - 1);
            }
            // split on one character takes String's fast path; "//" leaves empty segments, which no pattern has
            return lower.isEmpty() ? new String[0] : lower.split("/");
        }
    }

    private record Ordered(SuppressionEntry entry, int order) {
    }

    /** One step of the pattern tree: literal segments by name, wildcard segments, and {@code **}. */
    private static final class Node {
        private final Map<String, Node> literal = new HashMap<>();
        private final Map<String, Wild> wild = new HashMap<>();
        private Node anySegments;
        private final List<Ordered> entries = new ArrayList<>();

        Node child(String segment) {
            if (segment.equals(ResourceGlob.ANY_SEGMENTS)) {
                if (anySegments == null) {
                    anySegments = new Node();
                }
                return anySegments;
            }
            return ResourceGlob.segmentPattern(segment)
                    .map(pattern -> wild.computeIfAbsent(segment, key -> new Wild(pattern, new Node())).node())
                    .orElseGet(() -> literal.computeIfAbsent(segment, key -> new Node()));
        }

        void collect(String[] segments, int at, Set<Ordered> found) {
            if (anySegments != null) {
                for (int rest = at; rest <= segments.length; rest++) {
                    anySegments.collect(segments, rest, found);
                }
            }
            if (at == segments.length) {
                found.addAll(entries);
                return;
            }
            Node next = literal.get(segments[at]);
            if (next != null) {
                next.collect(segments, at + 1, found);
            }
            for (Wild candidate : wild.values()) {
                if (candidate.pattern().matcher(segments[at]).matches()) {
                    candidate.node().collect(segments, at + 1, found);
                }
            }
        }
    }

    private record Wild(Pattern pattern, Node node) {
    }
}
