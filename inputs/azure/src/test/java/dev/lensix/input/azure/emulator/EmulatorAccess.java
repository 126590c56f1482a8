package dev.lensix.input.azure.emulator;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import dev.lensix.input.azure.AzureCollector;
import dev.lensix.input.azure.LiveSettings;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Points lensix's live collection at an {@link ArmEmulator}: a credential that returns the emulator's fixed
 * token, trust in exactly the emulator's certificate, and retry delays short enough for tests. Only the
 * credential and the trust differ from production; the pipeline, retries and collection are the real ones.
 */
public final class EmulatorAccess {

    /** Retry delays for tests: the same number of retries as production, milliseconds instead of seconds. */
    public static final LiveSettings.Tuning FAST = new LiveSettings.Tuning(6, Duration.ofMillis(10),
            Duration.ofMillis(200), Duration.ofSeconds(20));

    private EmulatorAccess() {
    }

    /** Installs the emulator's access until the returned handle is closed. */
    public static AutoCloseable install(ArmEmulator emulator) {
        return install(new FixedToken(emulator.token()));
    }

    public static AutoCloseable install(TokenCredential credential) {
        return AzureCollector.overrideAccessForTests(credential, LoopbackCertificate.get().clientTrust(), FAST);
    }

    /** A credential that always returns one fake token, and counts how often it was asked. */
    public static final class FixedToken implements TokenCredential {
        private final String token;
        private final AtomicInteger requests = new AtomicInteger();

        public FixedToken(String token) {
            this.token = token;
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromSupplier(() -> getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            requests.incrementAndGet();
            return new AccessToken(token, OffsetDateTime.now().plusHours(1));
        }

        public int requests() {
            return requests.get();
        }
    }

    /** A credential that cannot sign in. */
    public static final class FailingCredential implements TokenCredential {
        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.error(new com.azure.core.exception.ClientAuthenticationException(
                    "AADSTS700016: Application with identifier 'x' was not found in the directory.", null));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            throw new com.azure.core.exception.ClientAuthenticationException(
                    "AADSTS700016: Application with identifier 'x' was not found in the directory.", null);
        }
    }
}
