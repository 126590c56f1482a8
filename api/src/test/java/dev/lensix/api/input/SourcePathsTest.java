package dev.lensix.api.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SourcePathsTest {

    @TempDir
    Path work;

    @Test
    void aFileBeneathTheRootIsNamedRelativeToIt() throws Exception {
        Path file = Files.createDirectories(work.resolve("repo/infra")).resolve("main.tf");
        Files.writeString(file, "");
        assertThat(SourcePaths.shown(work.resolve("repo"), file)).isEqualTo("infra/main.tf");
        assertThat(SourcePaths.shown(work.resolve("repo/infra/.."), work.resolve("repo/./infra/main.tf"))).isEqualTo("infra/main.tf");
    }

    @Test
    void aRootOrFileReachedThroughASymbolicLinkIsStillBeneath() throws Exception {
        Path file = Files.createDirectories(work.resolve("repo/infra")).resolve("main.tf");
        Files.writeString(file, "");
        Path link = Files.createSymbolicLink(work.resolve("workspace"), work.resolve("repo"));
        assertThat(SourcePaths.shown(link, file)).isEqualTo("infra/main.tf");
        assertThat(SourcePaths.shown(work.resolve("repo"), link.resolve("infra/main.tf"))).isEqualTo("infra/main.tf");
    }

    @Test
    void aFileOutsideTheRootIsNamedAbsolute() throws Exception {
        Path file = Files.writeString(Files.createDirectories(work.resolve("elsewhere")).resolve("main.tf"), "");
        Files.createDirectories(work.resolve("repo"));
        assertThat(SourcePaths.shown(work.resolve("repo"), file)).isEqualTo(file.toAbsolutePath().toString());
    }
}
