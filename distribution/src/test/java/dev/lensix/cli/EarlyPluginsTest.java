package dev.lensix.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plug-ins main starts before parsing: used once, only for the folders and clock asked for. */
class EarlyPluginsTest {

    @TempDir
    Path home;

    private final String previousHome = System.getProperty("lensix.home");
    private List<Path> appPlugins;

    @BeforeEach
    void appHome() throws Exception {
        appPlugins = List.of(Files.createDirectories(home.resolve("plugins")));
        System.setProperty("lensix.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        EarlyPlugins.take(appPlugins, Clock.systemUTC()).ifPresent(host -> host.close());
        if (previousHome == null) {
            System.clearProperty("lensix.home");
        } else {
            System.setProperty("lensix.home", previousHome);
        }
    }

    @Test
    void aCommandThatStartsPluginsTakesTheEarlyOnesOnce() {
        EarlyPlugins.startFor(new String[] {"scan", "--input", "snapshots"});
        assertThat(EarlyPlugins.take(appPlugins, Clock.systemUTC())).isPresent();
        assertThat(EarlyPlugins.take(appPlugins, Clock.systemUTC())).isEmpty();
    }

    @Test
    void theCommandInProcessUsesThem() {
        EarlyPlugins.startFor(new String[] {"checks", "list"});
        StringWriter err = new StringWriter();
        int code = LensixCli.execute(new String[] {"checks", "list"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(EarlyPlugins.take(appPlugins, Clock.systemUTC())).as("taken by the command").isEmpty();
    }

    @Test
    void otherFoldersOrAnotherClockGetTheirOwn() {
        EarlyPlugins.startFor(new String[] {"checks", "list"});
        assertThat(EarlyPlugins.take(List.of(home.resolve("plugins"), home.resolve("more")), Clock.systemUTC()))
                .isEmpty();
        EarlyPlugins.startFor(new String[] {"checks", "list"});
        assertThat(EarlyPlugins.take(appPlugins, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).isEmpty();
        assertThat(EarlyPlugins.take(appPlugins, Clock.systemUTC())).as("given up, not kept for later").isEmpty();
    }

    @Test
    void nothingStartsForHelpVersionAnotherFolderOrNoCommand() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"scan", "--help"},
                new String[] {"checks", "list", "--plugins-dir", "more"}, new String[] {"checks", "list", "--plugins-dir=more"},
                new String[] {"no-such-command"}, new String[0])) {
            EarlyPlugins.startFor(args);
            assertThat(EarlyPlugins.take(appPlugins, Clock.systemUTC())).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void withoutTheAppsHomeNothingStarts() {
        System.clearProperty("lensix.home");
        EarlyPlugins.startFor(new String[] {"checks", "list"});
        assertThat(EarlyPlugins.take(appPlugins, Clock.systemUTC())).isEmpty();
    }
}
