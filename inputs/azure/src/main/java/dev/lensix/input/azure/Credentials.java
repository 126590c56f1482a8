package dev.lensix.input.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.util.Configuration;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;

/** One explicit azure-identity credential per {@code --auth} mode, signing in to the chosen cloud. */
final class Credentials {

    private Credentials() {
    }

    static TokenCredential create(LiveSettings settings, AzureEnvironment environment) {
        String authority = environment.getActiveDirectoryEndpoint();
        String tenant = settings.tenant().orElse(null);
        return switch (settings.auth()) {
            case DEFAULT -> {
                DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().authorityHost(authority);
                if (tenant != null) {
                    builder.tenantId(tenant);
                }
                yield builder.build();
            }
            case CLI -> {
                AzureCliCredentialBuilder builder = new AzureCliCredentialBuilder();
                if (tenant != null) {
                    builder.tenantId(tenant);
                }
                yield builder.build();
            }
            case ENV -> new EnvironmentCredentialBuilder().authorityHost(authority).build();
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
                String clientId = Configuration.getGlobalConfiguration().get(Configuration.PROPERTY_AZURE_CLIENT_ID);
                if (clientId != null && !clientId.isBlank()) {
                    builder.clientId(clientId);
                }
                yield builder.build();
            }
            case WORKLOAD_IDENTITY -> {
                WorkloadIdentityCredentialBuilder builder = new WorkloadIdentityCredentialBuilder().authorityHost(authority);
                if (tenant != null) {
                    builder.tenantId(tenant);
                }
                yield builder.build();
            }
        };
    }
}
