package dev.lensix.cli;

/**
 * Library logging (pf4j, Guice) is silent unless {@code --debug}: users get lensix's own one-line
 * messages, which already say everything pf4j would have logged.
 */
final class Logging {

    private static boolean debug;

    private Logging() {
    }

    static void configure(boolean debugEnabled) {
        debug = debugEnabled;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debugEnabled ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    static boolean debug() {
        return debug;
    }
}
