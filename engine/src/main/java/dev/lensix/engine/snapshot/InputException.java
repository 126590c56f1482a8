package dev.lensix.engine.snapshot;

/** Input that cannot be read as the snapshot contract describes; the message is one line for the user. */
public final class InputException extends Exception {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
