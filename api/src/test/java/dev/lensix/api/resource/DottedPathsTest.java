package dev.lensix.api.resource;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DottedPathsTest {

    private static final Map<String, Integer> SET = Map.of("properties.encryption", 20, "properties.encryption.kekIdentity.userAssignedIdentity", 24);

    @Test
    void aPathSetItselfIsFoundAsItIs() {
        assertThat(DottedPaths.nearest(SET, "properties.encryption.kekIdentity.userAssignedIdentity")).contains(24);
    }

    @Test
    void aPathNotSetIsFoundAtTheNearestPathAboveIt() {
        assertThat(DottedPaths.nearest(SET, "properties.encryption.kekIdentity.useSystemAssignedIdentity")).contains(20);
        assertThat(DottedPaths.nearest(SET, "properties.encryption.keyVaultProperties.keyUri")).contains(20);
    }

    @Test
    void aPathWithNothingSetAboveItIsNotFound() {
        assertThat(DottedPaths.nearest(SET, "properties.encryptionSettings")).isEmpty();
        assertThat(DottedPaths.nearest(SET, "properties")).isEmpty();
        assertThat(DottedPaths.nearest(SET, "")).isEmpty();
    }
}
