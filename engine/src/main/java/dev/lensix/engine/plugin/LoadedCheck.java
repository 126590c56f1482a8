package dev.lensix.engine.plugin;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;

/** A check built from a plug-in, with its descriptor read once and the plug-in that provides it. */
public record LoadedCheck(Check check, CheckDescriptor descriptor, String pluginId) {
}
