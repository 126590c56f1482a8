package dev.lensix.api.input;

/**
 * Input that cannot be read as its contract describes; the message is one line for the user, naming the file or
 * the service and what is wrong.
 *
 * <pre>{@code
 * if (!Files.exists(path)) {
 *     throw new InputException(path + ": no such file or folder");
 * }
 * }</pre>
 */
public final class InputException extends Exception {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
