package dev.lensix.reporters.sarif;

import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.Result;
import dev.lensix.api.check.Severity;

/**
 * The one place where a lensix {@link Severity} becomes SARIF: the {@code level} of results and of rules'
 * {@code defaultConfiguration}, and the {@code security-severity} score GitHub code scanning ranks alerts by
 * (its bands: 9.0 and up critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low).
 *
 * <pre>{@code
 * SarifSeverity.of(Severity.HIGH).resultLevel();      // Result.Level.ERROR
 * SarifSeverity.of(Severity.MEDIUM).securitySeverity(); // "5.5"
 * }</pre>
 *
 * <table>
 *   <caption>lensix severity to SARIF</caption>
 *   <tr><th>severity</th><th>level</th><th>security-severity</th></tr>
 *   <tr><td>critical</td><td>error</td><td>9.5</td></tr>
 *   <tr><td>high</td><td>error</td><td>8.0</td></tr>
 *   <tr><td>medium</td><td>warning</td><td>5.5</td></tr>
 *   <tr><td>low</td><td>note</td><td>2.0</td></tr>
 *   <tr><td>info</td><td>note</td><td>0.0</td></tr>
 * </table>
 */
public enum SarifSeverity {
    CRITICAL(Severity.CRITICAL, "error", "9.5"),
    HIGH(Severity.HIGH, "error", "8.0"),
    MEDIUM(Severity.MEDIUM, "warning", "5.5"),
    LOW(Severity.LOW, "note", "2.0"),
    INFO(Severity.INFO, "note", "0.0");

    private final Severity severity;
    private final String level;
    private final String securitySeverity;

    SarifSeverity(Severity severity, String level, String securitySeverity) {
        this.severity = severity;
        this.level = level;
        this.securitySeverity = securitySeverity;
    }

    public static SarifSeverity of(Severity severity) {
        for (SarifSeverity mapping : values()) {
            if (mapping.severity == severity) {
                return mapping;
            }
        }
        throw new IllegalArgumentException("no SARIF mapping for severity " + severity);
    }

    /** {@code error}, {@code warning} or {@code note}. */
    public String level() {
        return level;
    }

    /** The {@code security-severity} rule property, a decimal number as a string. */
    public String securitySeverity() {
        return securitySeverity;
    }

    public Result.Level resultLevel() {
        return Result.Level.fromValue(level);
    }

    public ReportingConfiguration.Level ruleLevel() {
        return ReportingConfiguration.Level.fromValue(level);
    }
}
