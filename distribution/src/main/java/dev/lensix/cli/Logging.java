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
        // live Azure: lensix's own request lines (Authorization redacted) and the SDK's retries are at debug;
        // the network stack's and the token library's internals are not
        for (String chatty : new String[] {"io.netty", "reactor", "com.microsoft.aad.msal4j"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + chatty, "info");
        }
    }

    static boolean debug() {
        return debug;
    }
}
