package dev.lensix.engine.triage;

import dev.lensix.api.report.Suppression;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One entry of a suppressions file, validated: which checks and resources it covers and the accepted risk it stands
 * for.
 *
 * @param checks     check ids, each exact or a {@code *} glob
 * @param resources  ARM id globs ({@code *} within a segment, {@code **} any number of segments); empty when only tags
 *                   select
 * @param tags       tag key (lower case) to value; empty when only resources select
 * @param line       the line of the file the entry starts on
 */
record SuppressionEntry(Suppression suppression, List<String> checks, List<ResourceGlob> resources,
                        Map<String, String> tags, int line) {

    SuppressionEntry {
        checks = List.copyOf(checks);
        resources = List.copyOf(resources);
        tags = Map.copyOf(tags);
    }

    String name() {
        return suppression.name();
    }

    /** {@code FILE:LINE entry NAME}: how warnings name an entry. */
    String where() {
        return suppression.file() + ":" + line + " entry '" + suppression.name() + "'";
    }

    boolean activeOn(LocalDate today) {
        return !today.isAfter(suppression.expires());
    }
}
