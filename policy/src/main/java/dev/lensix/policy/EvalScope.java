package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Evidence;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.FunctionLibrary;
import dev.lensix.policy.language.Scope;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything an evaluation sees: the parameter values, the resource that {@code field} conditions read, the
 * resource that the {@code field()} function reads (the same one, except in an {@code existenceCondition},
 * where conditions read the related resource and {@code field()} the evaluated one), the values of the
 * enclosing counts, and where to record evidence.
 */
final class EvalScope implements Scope {

    /** One enclosing count: its name or counted alias, and the element of this iteration. */
    record Binding(String name, FieldRef alias, JsonNode value, Binding outer) {
    }

    private final Map<String, JsonNode> parameters;
    private final Subject subject;
    private final Subject functionSubject;
    private final Binding bindings;
    private final Recorder recorder;

    private EvalScope(Map<String, JsonNode> parameters, Subject subject, Subject functionSubject, Binding bindings,
                      Recorder recorder) {
        this.parameters = parameters;
        this.subject = subject;
        this.functionSubject = functionSubject;
        this.bindings = bindings;
        this.recorder = recorder;
    }

    /** For values that must not depend on a resource (an effect, a type, a field name). */
    static EvalScope constant(Map<String, JsonNode> parameters) {
        return new EvalScope(parameters, null, null, null, null);
    }

    static EvalScope of(Map<String, JsonNode> parameters, Subject subject, Recorder recorder) {
        return new EvalScope(parameters, subject, subject, null, recorder);
    }

    /** The related resource of an existence condition, with {@code field()} still reading {@code this} subject. */
    EvalScope forRelated(Subject related) {
        return new EvalScope(parameters, related, functionSubject, null, recorder);
    }

    /** One iteration of a field count: conditions read the narrowed copy (and so does field() when it did). */
    EvalScope narrowed(Subject narrowedSubject, FieldRef alias, JsonNode element) {
        Subject function = functionSubject == subject ? narrowedSubject : functionSubject;
        return new EvalScope(parameters, narrowedSubject, function, new Binding(null, alias, element, bindings), recorder);
    }

    /** One iteration of a value count. */
    EvalScope withValue(String name, JsonNode element) {
        return new EvalScope(parameters, subject, functionSubject, new Binding(name, null, element, bindings), recorder);
    }

    @Override
    public FunctionLibrary functions() {
        return PolicyFunctions.LIBRARY;
    }

    JsonNode parameter(String name) {
        JsonNode value = parameters.get(name.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new ExpressionException("parameter '" + name + "' has no value");
        }
        return value;
    }

    Subject subject() {
        if (subject == null) {
            throw new ExpressionException("this value cannot depend on a resource");
        }
        return subject;
    }

    Subject functionSubject() {
        if (functionSubject == null) {
            throw new ExpressionException("field() cannot be used here: the value must not depend on a resource");
        }
        return functionSubject;
    }

    Binding bindings() {
        return bindings;
    }

    void record(Subject of, FieldRef.Selection selection) {
        if (recorder != null && !of.narrowed()) {
            recorder.record(of, selection);
        }
    }

    void note(Subject of, String label, String value) {
        if (recorder != null && !of.narrowed()) {
            recorder.note(of, label, value);
        }
    }

    /** Collects what a rule read, once per resource and path, into the evidence of its verdict. */
    static final class Recorder {
        private final Evidence.Builder evidence;
        private final Set<String> seen = new HashSet<>();

        Recorder(Evidence.Builder evidence) {
            this.evidence = evidence;
        }

        void record(Subject of, FieldRef.Selection selection) {
            if (!seen.add(of.resource().id().toLowerCase(Locale.ROOT) + "|" + selection.path())) {
                return;
            }
            if (selection.pointer() != null && selection.values().size() == 1
                    && !"location".equals(selection.path())) {
                JsonNode raw = of.resource().at(selection.pointer());
                if (raw.isMissingNode() || raw.equals(selection.values().get(0))) {
                    evidence.read(of.resource(), selection.pointer());
                    return;
                }
            }
            String value;
            if (selection.collection()) {
                StringBuilder list = new StringBuilder("[");
                for (JsonNode node : selection.values()) {
                    list.append(list.length() == 1 ? "" : ",")
                            .append(node.isMissingNode() ? "(absent)" : node.toString());
                }
                value = list.append(']').toString();
            } else {
                JsonNode node = selection.values().get(0);
                value = node.isMissingNode() ? "(absent)" : node.toString();
            }
            evidence.note(of.resource(), selection.path(), value);
        }

        void note(Subject of, String label, String value) {
            if (seen.add(of.resource().id().toLowerCase(Locale.ROOT) + "|" + label)) {
                evidence.note(of.resource(), label, value);
            }
        }
    }
}
