package dev.lensix.engine.plugin;

import dev.lensix.api.report.Reporter;

/** A reporter built from a plug-in, with its format name read once and the plug-in that provides it. */
public record LoadedReporter(Reporter reporter, String formatName, String defaultFileName, String pluginId) {
}
