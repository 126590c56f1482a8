package dev.lensix.input.azure.emulator;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} (SAN {@code IP:127.0.0.1}), made once per test JVM by the
 * JDK's {@code keytool}: the emulator serves it, and clients trust exactly it, through a Netty
 * {@link SslContext} in process or a trust store passed in {@code JAVA_OPTS} to {@code bin/lensix}.
 */
public final class LoopbackCertificate {

    private static final char[] PASSWORD = "lensix-test".toCharArray();
    private static LoopbackCertificate instance;

    private final Path keyStore;
    private final Path trustStore;
    private final KeyStore keys;
    private final X509Certificate certificate;

    private LoopbackCertificate(Path keyStore, Path trustStore) throws IOException, GeneralSecurityException {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        this.certificate = (X509Certificate) keys.getCertificate("arm");
    }

    public static synchronized LoopbackCertificate get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("lensix-loopback-tls");
                dir.toFile().deleteOnExit();
                Path keyStore = dir.resolve("arm.p12");
                Path trustStore = dir.resolve("trust.p12");
                keytool("-genkeypair", "-alias", "arm", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                        "-validity", "30", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    keys.load(in, PASSWORD);
                }
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, PASSWORD);
                trust.setCertificateEntry("arm", keys.getCertificate("arm"));
                try (java.io.OutputStream out = Files.newOutputStream(trustStore)) {
                    trust.store(out, PASSWORD);
                }
                for (Path file : List.of(keyStore, trustStore)) {
                    file.toFile().deleteOnExit();
                }
                instance = new LoopbackCertificate(keyStore, trustStore);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the loopback test certificate: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + new String(output, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The server side: serves the certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client side, for one HTTP client: trusts this certificate and nothing else. */
    public SslContext clientTrust() {
        try {
            return SslContextBuilder.forClient().trustManager(certificate).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 trust store holding only this certificate, for {@code -Djavax.net.ssl.trustStore}. */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return new String(PASSWORD);
    }

    Path keyStore() {
        return keyStore;
    }
}
