package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.policy.language.CoreFunctions;
import dev.lensix.policy.language.Expression;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.Values;

import java.util.List;

/** A compiled policy rule condition, evaluated on one resource. */
sealed interface Condition {

    boolean test(EvalScope scope);

    record AllOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(EvalScope scope) {
            for (Condition part : parts) {
                if (!part.test(scope)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(EvalScope scope) {
            for (Condition part : parts) {
                if (part.test(scope)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(EvalScope scope) {
            return !inner.test(scope);
        }
    }

    /**
     * {@code {"field": ..., "<operator>": ...}}. A field that selects a collection ({@code [*]}) meets the
     * condition when every selected value does; an empty collection meets it.
     */
    record FieldTest(FieldRef field, Operator operator, Expression operand) implements Condition {
        @Override
        public boolean test(EvalScope scope) {
            Subject subject = scope.subject();
            JsonNode expected = operand.eval(scope);
            if (field.isLocation()) {
                expected = normalizeLocations(expected);
            }
            if (!field.appliesTo(subject.resource().type())) {
                return operator.test(CoreFunctions.missing(), expected); // an alias of another type reads nothing
            }
            FieldRef.Selection selection = field.select(subject);
            scope.record(subject, selection);
            if (selection.collection()) {
                for (JsonNode value : selection.values()) {
                    if (!operator.test(value, expected)) {
                        return false;
                    }
                }
                return true;
            }
            return operator.test(selection.values().get(0), expected);
        }

        private static JsonNode normalizeLocations(JsonNode expected) {
            if (expected.isTextual()) {
                return Values.NODES.textNode(Values.normalizeLocation(expected.textValue()));
            }
            if (expected.isArray()) {
                ArrayNode normalized = Values.NODES.arrayNode();
                expected.forEach(element -> normalized.add(element.isTextual()
                        ? Values.NODES.textNode(Values.normalizeLocation(element.textValue())) : element));
                return normalized;
            }
            return expected;
        }
    }

    /** {@code {"value": ..., "<operator>": ...}}. */
    record ValueTest(Expression value, Operator operator, Expression operand) implements Condition {
        @Override
        public boolean test(EvalScope scope) {
            return operator.test(value.eval(scope), operand.eval(scope));
        }
    }

    /**
     * {@code {"count": {"field": "alias[*]", "where": ...}, "<operator>": n}}: each element is evaluated as if it
     * were the only one in its array.
     */
    record FieldCount(FieldRef field, Condition where, Operator operator, Expression operand) implements Condition {
        @Override
        public boolean test(EvalScope scope) {
            Subject subject = scope.subject();
            int count = 0;
            String label = "count(" + field.text() + ")";
            if (field.appliesTo(subject.resource().type())) {
                label = "count(" + field.select(subject).path() + (where == null ? ")" : " where ...)");
                for (List<Object> location : field.locations(subject.json())) {
                    if (where == null) {
                        count++;
                        continue;
                    }
                    JsonNode[] narrowed = narrow(subject.json(), location);
                    JsonNode copy = narrowed[0];
                    JsonNode element = narrowed[1];
                    if (where.test(scope.narrowed(new Subject(subject.resource(), copy, true), field, element))) {
                        count++;
                    }
                }
            }
            scope.note(subject, label, Integer.toString(count));
            return operator.test(Values.NODES.numberNode(count), operand.eval(scope));
        }

        /**
         * A copy of {@code root} in which every array along {@code location} holds only the element on the way, and
         * that element. Only the containers on the way are copied (shallowly); the rest is shared and never changed.
         */
        static JsonNode[] narrow(JsonNode root, List<Object> location) {
            JsonNode copy = shallow(root);
            JsonNode node = copy;
            JsonNode element = root;
            for (int i = 0; i < location.size(); i++) {
                Object step = location.get(i);
                boolean last = i == location.size() - 1;
                JsonNode child;
                if (step instanceof Integer index) {
                    ArrayNode array = (ArrayNode) node;
                    JsonNode original = array.get(index);
                    child = last ? original : shallow(original);
                    array.removeAll();
                    array.add(child);
                    element = original;
                } else {
                    ObjectNode object = (ObjectNode) node;
                    JsonNode original = object.get((String) step);
                    child = last ? original : shallow(original);
                    object.set((String) step, child);
                    element = original;
                }
                node = child;
            }
            return new JsonNode[] {copy, element};
        }

        private static JsonNode shallow(JsonNode node) {
            if (node instanceof ObjectNode object) {
                ObjectNode copy = Values.NODES.objectNode();
                copy.setAll(object);
                return copy;
            }
            if (node instanceof ArrayNode array) {
                ArrayNode copy = Values.NODES.arrayNode();
                copy.addAll(array);
                return copy;
            }
            return node;
        }
    }

    /** {@code {"count": {"value": [...], "name": "n", "where": ...}, "<operator>": n}}. */
    record ValueCount(Expression values, String name, Condition where, Operator operator, Expression operand) implements Condition {
        @Override
        public boolean test(EvalScope scope) {
            JsonNode array = values.eval(scope);
            if (!array.isArray()) {
                throw new ExpressionException("count.value needs an array, not " + Values.describe(array));
            }
            int count = 0;
            for (JsonNode element : array) {
                if (where == null || where.test(scope.withValue(name, element))) {
                    count++;
                }
            }
            return operator.test(Values.NODES.numberNode(count), operand.eval(scope));
        }
    }
}
