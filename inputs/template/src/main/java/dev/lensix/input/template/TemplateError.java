package dev.lensix.input.template;

/**
 * A template that Resource Manager would reject, or that lensix cannot place resources from (a name, type, condition,
 * loop count or scope it cannot evaluate): the input error the scan stops with, said at its place in the file.
 *
 * <pre>{@code
 * throw new TemplateError("/resources/2/copy/count", "the loop count depends on a value known only at deployment");
 * }</pre>
 */
final class TemplateError extends RuntimeException {

    private final String pointer;

    TemplateError(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** Where in the file, as a JSON pointer. */
    String pointer() {
        return pointer;
    }
}
