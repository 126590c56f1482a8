package dev.lensix.reporters.sarif;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceLocationsTest {

    @Test
    void aRelativePathIsARelativeUriEachSegmentPercentEncoded() {
        assertThat(ResourceLocations.fileUri("infra/main.tf")).isEqualTo("infra/main.tf");
        assertThat(ResourceLocations.fileUri("env:prod/back up#1.json")).isEqualTo("env%3Aprod/back%20up%231.json");
    }

    @Test
    void aNameWithAColonAfterItsFirstLetterIsNoWindowsDrive() {
        assertThat(ResourceLocations.fileUri("a:b.json")).isEqualTo("a%3Ab.json");
        assertThat(ResourceLocations.fileUri("c:/main.tf")).as("a folder named c: on Linux").isEqualTo("c%3A/main.tf");
    }

    @Test
    void anAbsolutePathIsAFileUri() {
        assertThat(ResourceLocations.fileUri("/home/ci/infra/main.tf")).isEqualTo("file:///home/ci/infra/main.tf");
        assertThat(ResourceLocations.fileUri("C:\\work\\infra\\main.tf")).isEqualTo("file:///C:/work/infra/main.tf");
    }
}
