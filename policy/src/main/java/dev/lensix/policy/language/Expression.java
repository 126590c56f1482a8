package dev.lensix.policy.language;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value in a policy rule or an ARM template: a JSON literal, or an expression of the template language written as
 * a string in brackets ({@code "[concat('tags[', parameters('tagName'), ']')]"}; {@code "[[x"} is the literal
 * {@code "[x"}). Azure Policy and Resource Manager share the language; what differs is the functions a
 * {@link Scope} offers.
 *
 * <pre>{@code
 * Expression name = Expression.of(new TextNode("[format('kv-{0}', parameters('env'))]"));
 * JsonNode value = name.eval(templateScope); // "kv-prod"
 * }</pre>
 */
public sealed interface Expression {

    JsonNode eval(Scope scope);

    /** A constant JSON value. */
    record Literal(JsonNode value) implements Expression {
        @Override
        public JsonNode eval(Scope scope) {
            return value;
        }
    }

    /** A function call; {@code name} in lower case. */
    record Call(String name, String spelled, List<Expression> args) implements Expression {
        @Override
        public JsonNode eval(Scope scope) {
            return CoreFunctions.call(this, scope);
        }
    }

    /** {@code target.name}. */
    record Property(Expression target, String name) implements Expression {
        @Override
        public JsonNode eval(Scope scope) {
            JsonNode value = target.eval(scope);
            if (!value.isObject()) {
                throw new ExpressionException("cannot read property '" + name + "' of " + Values.describe(value));
            }
            JsonNode property = Values.property(value, name);
            if (property.isMissingNode()) {
                throw value instanceof PartlyKnown partly ? partly.missing(name)
                        : new ExpressionException("the object has no property '" + name + "'");
            }
            return property;
        }
    }

    /** {@code target[index]}. */
    record Index(Expression target, Expression index) implements Expression {
        @Override
        public JsonNode eval(Scope scope) {
            JsonNode value = target.eval(scope);
            JsonNode key = index.eval(scope);
            if (value.isArray() && key.isIntegralNumber()) {
                int i = key.intValue();
                if (i < 0 || i >= value.size()) {
                    throw new ExpressionException("index " + i + " is outside an array of " + value.size());
                }
                return value.get(i);
            }
            if (value.isObject() && key.isTextual()) {
                JsonNode property = Values.property(value, key.textValue());
                if (property.isMissingNode()) {
                    throw value instanceof PartlyKnown partly ? partly.missing(key.textValue())
                            : new ExpressionException("the object has no property '" + key.textValue() + "'");
                }
                return property;
            }
            throw new ExpressionException("cannot index " + Values.describe(value) + " with " + Values.describe(key));
        }
    }

    /** Every call in this expression, outermost first. */
    default List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        collect(this, calls);
        return calls;
    }

    private static void collect(Expression expr, List<Call> calls) {
        if (expr instanceof Call call) {
            calls.add(call);
            call.args().forEach(arg -> collect(arg, calls));
        } else if (expr instanceof Property property) {
            collect(property.target(), calls);
        } else if (expr instanceof Index index) {
            collect(index.target(), calls);
            collect(index.index(), calls);
        }
    }

    /** True for a string that holds an expression rather than a literal. */
    public static boolean isExpression(JsonNode node) {
        if (!node.isTextual()) {
            return false;
        }
        String text = node.textValue().strip();
        return text.startsWith("[") && !text.startsWith("[[") && text.endsWith("]");
    }

    /**
     * A literal, or the parsed expression of a bracketed string.
     *
     * @throws IllegalArgumentException when the expression is malformed
     */
    public static Expression of(JsonNode node) {
        if (isExpression(node)) {
            String text = node.textValue().strip();
            return new Parser(text.substring(1, text.length() - 1)).parseAll();
        }
        if (node.isTextual() && node.textValue().startsWith("[[")) {
            return new Literal(Values.NODES.textNode(node.textValue().substring(1)));
        }
        return new Literal(node);
    }

    /** A recursive-descent parser for the template language. */
    final class Parser {
        /** Azure Policy's own limit on nested functions. */
        static final int MAX_DEPTH = 64;

        private final String text;
        private int at;
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        Expression parseAll() {
            Expression expr = parseExpression();
            skipSpace();
            if (at < text.length()) {
                throw error("unexpected '" + text.charAt(at) + "'");
            }
            return expr;
        }

        private Expression parseExpression() {
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException("expression [" + shortened(text) + "] nests deeper than " + MAX_DEPTH
                        + " levels, lensix's limit");
            }
            Expression expr = parsePrimary();
            while (true) {
                skipSpace();
                if (peek('.')) {
                    at++;
                    skipSpace();
                    expr = new Property(expr, identifier());
                } else if (peek('[')) {
                    at++;
                    Expression index = parseExpression();
                    expect(']');
                    expr = new Index(expr, index);
                } else {
                    depth--;
                    return expr;
                }
            }
        }

        private Expression parsePrimary() {
            skipSpace();
            if (at >= text.length()) {
                throw error("an expression ends too early");
            }
            char c = text.charAt(at);
            if (c == '\'') {
                return new Literal(Values.NODES.textNode(string()));
            }
            if (c == '-' || Character.isDigit(c)) {
                return new Literal(number());
            }
            if (Character.isLetter(c) || c == '_') {
                String name = identifier();
                skipSpace();
                if (!peek('(')) {
                    throw error("'" + name + "' must be a function call, as in " + name + "(...)");
                }
                at++;
                List<Expression> args = new ArrayList<>();
                skipSpace();
                if (peek(')')) {
                    at++;
                } else {
                    while (true) {
                        args.add(parseExpression());
                        skipSpace();
                        if (peek(',')) {
                            at++;
                        } else {
                            expect(')');
                            break;
                        }
                    }
                }
                return new Call(name.toLowerCase(Locale.ROOT), name, List.copyOf(args));
            }
            throw error("unexpected '" + c + "'");
        }

        private String string() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\'') {
                    if (peek('\'')) {
                        value.append('\'');
                        at++;
                    } else {
                        return value.toString();
                    }
                } else {
                    value.append(c);
                }
            }
            throw error("a string is not closed with '");
        }

        private JsonNode number() {
            int start = at;
            if (peek('-')) {
                at++;
            }
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            String digits = text.substring(start, at);
            try {
                BigDecimal value = new BigDecimal(digits);
                return value.scale() <= 0 ? Values.integer(value.toBigIntegerExact().longValueExact())
                        : Values.NODES.numberNode(value);
            } catch (NumberFormatException | ArithmeticException e) {
                throw error("'" + digits + "' is not a number");
            }
        }

        private String identifier() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (start == at) {
                throw error("a name is expected");
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            skipSpace();
            if (!peek(c)) {
                throw error("'" + c + "' is expected");
            }
            at++;
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed expression [" + shortened(text) + "]: " + what + " at position " + (at + 1));
        }
    }

    /** An expression's text as messages quote it: at most 120 characters, the rest as "…". */
    static String shortened(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

}
