package dev.lensix.input.azure;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.input.azure.ArmTypes.ArmType;
import dev.lensix.input.azure.ArmTypes.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What to collect for a set of checks: exactly their target and related types, plus the parents that
 * children are listed from. Nothing else is requested: no keys are fetched when no check reads keys.
 *
 * @param subscriptionTypes types listed per subscription
 * @param children          for a parent type (lower-cased), the child, singleton and extension types read per resource of it
 * @param unsupported       types a check needs that lensix cannot collect, with the reason
 */
public record CollectionPlan(List<ArmType> subscriptionTypes, Map<String, List<ArmType>> children,
                             Map<String, String> unsupported) {

    public CollectionPlan {
        subscriptionTypes = List.copyOf(subscriptionTypes);
        children = Map.copyOf(children);
        unsupported = Map.copyOf(unsupported);
    }

    public static CollectionPlan of(List<CheckDescriptor> checks) {
        Set<ArmType> listed = new LinkedHashSet<>();
        Map<String, Set<ArmType>> children = new LinkedHashMap<>();
        Map<String, String> unsupported = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CheckDescriptor check : checks) {
            List<String> types = new ArrayList<>();
            types.add(check.targetType());
            types.addAll(check.relatedTypes());
            for (String name : types) {
                ArmType type = ArmTypes.of(name).orElse(null);
                if (type == null) {
                    unsupported.put(name, "lensix cannot collect " + name + " from live Azure yet");
                    continue;
                }
                switch (type.kind()) {
                    case SUBSCRIPTION -> listed.add(type);
                    case CHILD, SINGLETON -> {
                        ArmType parent = ArmTypes.of(type.parentType()).orElseThrow();
                        addParent(parent, listed, children, unsupported, name);
                        children.computeIfAbsent(ArmTypes.key(parent.type()), key -> new LinkedHashSet<>()).add(type);
                    }
                    case EXTENSION -> {
                        List<ArmType> hosts = hostsOf(check);
                        if (hosts.isEmpty()) {
                            unsupported.put(name, "lensix reads " + name + " only for the Key Vaults and Recovery"
                                    + " Services vaults a check reads, and check " + check.id() + " reads none");
                            continue;
                        }
                        for (ArmType host : hosts) {
                            addParent(host, listed, children, unsupported, name);
                            children.computeIfAbsent(ArmTypes.key(host.type()), key -> new LinkedHashSet<>()).add(type);
                        }
                    }
                    default -> throw new IllegalStateException(type.kind().name());
                }
            }
        }
        Map<String, List<ArmType>> frozen = new LinkedHashMap<>();
        children.forEach((parent, set) -> frozen.put(parent,
                set.stream().sorted(Comparator.comparing(ArmType::type)).toList()));
        return new CollectionPlan(listed.stream().sorted(Comparator.comparing(ArmType::type)).toList(), frozen, unsupported);
    }

    /** The types a check reads that can carry extension resources, its target first. */
    private static List<ArmType> hostsOf(CheckDescriptor check) {
        List<ArmType> hosts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        names.add(check.targetType());
        names.addAll(check.relatedTypes());
        for (String name : names) {
            ArmTypes.of(name).filter(ArmType::extensionHost).filter(type -> !hosts.contains(type)).ifPresent(hosts::add);
        }
        return hosts;
    }

    /** The types read per resource of {@code parentType}. */
    public List<ArmType> childrenOf(String parentType) {
        return children.getOrDefault(ArmTypes.key(parentType), List.of());
    }

    /** Every type this plan requests, for messages and tests. */
    public Set<String> requestedTypes() {
        Set<String> types = new LinkedHashSet<>();
        subscriptionTypes.forEach(type -> types.add(type.type()));
        children.values().forEach(list -> list.forEach(type -> types.add(type.type())));
        return types;
    }

    private static void addParent(ArmType parent, Set<ArmType> listed, Map<String, Set<ArmType>> children,
                                  Map<String, String> unsupported, String name) {
        if (parent.kind() == Kind.SUBSCRIPTION) {
            listed.add(parent);
        } else {
            // a grandchild (keys of a vault's child): list the chain down from a subscription-level type
            ArmType grandparent = ArmTypes.of(parent.parentType()).orElse(null);
            if (grandparent == null) {
                unsupported.put(name, "lensix cannot collect the parents of " + name);
                return;
            }
            addParent(grandparent, listed, children, unsupported, name);
            children.computeIfAbsent(ArmTypes.key(grandparent.type()), key -> new LinkedHashSet<>()).add(parent);
        }
    }
}
