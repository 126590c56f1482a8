package dev.lensix.engine.testing;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;

import java.time.Instant;
import java.util.List;

/** Builds results and scan reports directly, for tests of what consumes them. */
public final class Reports {

    public static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");
    public static final String TYPE = "Microsoft.KeyVault/vaults";

    private Reports() {
    }

    public static Result result(String checkId, String resourceName, Status status, Severity severity, String message) {
        CheckDescriptor check = LambdaCheck.descriptor(checkId, severity, TYPE);
        String id = Resources.id(TYPE, resourceName);
        ResourceRef ref = new ResourceRef(id, TYPE, resourceName, Resources.SUBSCRIPTION, "rg", "westeurope");
        return new Result(check, ref, status, severity, message, Evidence.none());
    }

    public static Result fail(String checkId, String resourceName, Severity severity) {
        return result(checkId, resourceName, Status.FAIL, severity, "failing " + resourceName);
    }

    public static Result pass(String checkId, String resourceName) {
        return result(checkId, resourceName, Status.PASS, Severity.HIGH, "fine");
    }

    public static Result error(String checkId, String resourceName) {
        return result(checkId, resourceName, Status.ERROR, Severity.HIGH, "not collected");
    }

    public static ScanReport report(List<Result> results, List<ScanProblem> problems) {
        List<CheckDescriptor> checks = results.stream().map(Result::check)
                .map(CheckDescriptor::id).distinct().sorted()
                .map(id -> results.stream().filter(r -> r.checkId().equals(id)).findFirst().orElseThrow().check())
                .toList();
        return new ScanReport("0.1.0-test", STARTED, STARTED.plusSeconds(2), List.of("snapshot.json"), checks, results,
                problems);
    }

    public static ScanReport report(Result... results) {
        return report(List.of(results), List.of());
    }
}
