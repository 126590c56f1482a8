package dev.lensix.input.azure;

/** Live settings that cannot be used as given (a subscription that is not an id, an unknown cloud); one line for the user. */
public final class SettingsException extends Exception {

    public SettingsException(String message) {
        super(message);
    }
}
