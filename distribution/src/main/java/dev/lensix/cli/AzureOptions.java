package dev.lensix.cli;

import dev.lensix.engine.scan.UsageException;
import dev.lensix.input.azure.LiveSettings;
import dev.lensix.input.azure.SettingsException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.List;

/** Options of a live scan or collection: which subscriptions, which identity, which cloud, how fast. */
final class AzureOptions {

    static final List<String> NAMES = List.of("--subscription", "--tenant", "--auth", "--cloud", "--arm-endpoint",
            "--concurrency");

    @Option(names = "--subscription", paramLabel = "ID",
            description = "Live Azure: a subscription to scan (repeatable). Default: every subscription the identity can list.")
    List<String> subscriptions = new ArrayList<>();

    @Option(names = "--tenant", paramLabel = "TENANT",
            description = "Live Azure: the Entra ID tenant (id or domain) to sign in to. Default: the credential's own.")
    String tenant;

    @Option(names = "--auth", paramLabel = "MODE", defaultValue = "default",
            description = "Live Azure: how to sign in: default (DefaultAzureCredential), cli (az login), env "
                    + "(AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or a certificate), managed-identity, "
                    + "workload-identity. Default: ${DEFAULT-VALUE}.")
    String auth;

    @Option(names = "--cloud", paramLabel = "CLOUD", defaultValue = "AzureCloud",
            description = "Live Azure: AzureCloud, AzureChinaCloud or AzureUSGovernment. Default: ${DEFAULT-VALUE}.")
    String cloud;

    @Option(names = "--arm-endpoint", paramLabel = "URL",
            description = "Live Azure: another Resource Manager endpoint (Azure Stack Hub, an emulator), https only; "
                    + "its certificate is trusted through the JDK's trust store settings in JAVA_OPTS.")
    String armEndpoint;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + LiveSettings.DEFAULT_CONCURRENCY,
            description = "Live Azure: at most N requests in flight. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    /** Whether any live option was given on the command line. */
    static boolean anyGiven(CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        return NAMES.stream().anyMatch(parsed::hasMatchedOption);
    }

    LiveSettings settings() throws UsageException {
        try {
            return LiveSettings.parse(subscriptions, tenant, auth, cloud, armEndpoint, concurrency);
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
