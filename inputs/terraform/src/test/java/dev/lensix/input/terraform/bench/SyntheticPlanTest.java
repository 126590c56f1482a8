package dev.lensix.input.terraform.bench;

import dev.lensix.api.input.Collected;
import dev.lensix.api.resource.Resource;
import dev.lensix.input.terraform.TerraformPlanInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's plan reads as a real one: every reference resolved, every resource on its .tf block. */
class SyntheticPlanTest {

    @Test
    void everyGroupReadsWholeWithItsSourceLines(@TempDir Path folder) throws Exception {
        Path plan = SyntheticPlan.write(100, folder);
        Collected collected = new TerraformPlanInput(List.of(plan), folder).read(List.of());
        // 20 groups: Key Vault, key, vault, setting (18 of them); the access policy is part of its Key Vault
        assertThat(collected.resources()).hasSize(20 * 3 + 18);
        assertThat(collected.problems()).isEmpty();
        Resource vault = collected.resources().stream().filter(resource -> resource.name().equals("rsv-bench-3")).findFirst().orElseThrow();
        assertThat(vault.at("/properties/encryption/keyVaultProperties/keyUri").asText()).isEqualTo("https://kv-bench-3.vault.azure.net/keys/cmk");
        assertThat(vault.origin().orElseThrow().declaration().file()).isEqualTo("main.tf");
        Resource keyVault = collected.resources().stream().filter(resource -> resource.name().equals("kv-bench-3")).findFirst().orElseThrow();
        assertThat(keyVault.at("/properties/accessPolicies/0/objectId").asText()).isEqualTo(vault.at("/identity/principalId").asText());
    }
}
