package dev.lensix.input.template.bench;

import dev.lensix.api.input.Collected;
import dev.lensix.api.resource.Resource;
import dev.lensix.input.template.Bicep;
import dev.lensix.input.template.TemplateInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's template is one lensix evaluates whole: every group's five resources, every reference resolved. */
class SyntheticTemplateTest {

    @TempDir
    Path work;

    @Test
    void everyGroupDeploysItsFiveResourcesWithTheReferencesResolved() throws Exception {
        Path template = work.resolve("main.json");
        SyntheticTemplate.write(10, template);
        Collected collected = new TemplateInput(List.of(template), TemplateInput.Options.of(Optional.empty(), List.of(),
                Optional.empty(), work, Bicep.none())).read(List.of());
        // the access policies are merged into their Key Vaults: four resources of each group remain
        assertThat(collected.resources()).hasSize(8);
        Resource vault = collected.resources().stream().filter(r -> r.name().equals("rsv-bench-1")).findFirst().orElseThrow();
        assertThat(vault.text("/properties/encryption/keyVaultProperties/keyUri")).hasValue("https://kv-bench-1.vault.azure.net/keys/cmk");
        Resource keyVault = collected.resources().stream().filter(r -> r.name().equals("kv-bench-1")).findFirst().orElseThrow();
        assertThat(keyVault.text("/properties/accessPolicies/0/objectId")).isEqualTo(vault.text("/identity/principalId"));
        assertThat(keyVault.at("/properties/enablePurgeProtection").isMissingNode()).isTrue();
    }
}
