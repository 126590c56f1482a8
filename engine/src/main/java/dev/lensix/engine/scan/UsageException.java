package dev.lensix.engine.scan;

/** A request that cannot be carried out as given (unknown check id or format); one line for the user. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
