package dev.lensix.policy.language;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * The two hash functions of the template language, computed as Azure Resource Manager computes them, so that a name
 * built from {@code uniqueString(resourceGroup().id)} or {@code guid(scope, principalId, roleId)} here is the name
 * Azure gives the deployed resource. Both join their arguments with {@code '-'} and take the UTF-8 bytes of the
 * result.
 * <ul>
 * <li>{@link #uniqueString} is Microsoft's 64-bit MurmurHash variant (two 32-bit lanes, seed 0) written as 13
 * characters of {@code a-z2-7}, five bits at a time from the most significant end.</li>
 * <li>{@link #guid} is a name-based version-5 UUID (RFC 4122 §4.3, SHA-1) in the namespace
 * {@code 11fb06fb-712d-4ddd-98c7-e71bbd588830}, in the lower-case 36-character form.</li>
 * </ul>
 *
 * <pre>{@code
 * String suffix = ArmHashes.uniqueString(List.of("abc"));                     // "cgtzqvhu4i23s"
 * String name = ArmHashes.guid(List.of(scope, principalId, roleDefinitionId)); // a role assignment's name
 * }</pre>
 */
public final class ArmHashes {

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    /** {@code 11fb06fb-712d-4ddd-98c7-e71bbd588830} in RFC 4122 (big-endian) byte order. */
    private static final byte[] ARM_NAMESPACE = {
            0x11, (byte) 0xfb, 0x06, (byte) 0xfb, 0x71, 0x2d, 0x4d, (byte) 0xdd,
            (byte) 0x98, (byte) 0xc7, (byte) 0xe7, 0x1b, (byte) 0xbd, 0x58, (byte) 0x88, 0x30};

    private static final int C1 = 0x239b961b; // 597399067
    private static final int C2 = 0xab0e9789; // 2869860233

    private ArmHashes() {
    }

    /** ARM's {@code uniqueString(parts...)}: 13 characters from {@code a-z} and {@code 2-7}. */
    public static String uniqueString(List<String> parts) {
        long hash = murmur64(joined(parts));
        StringBuilder out = new StringBuilder(13);
        for (int i = 0; i < 13; i++) {
            // 13 x 5 = 65 bits: the last character has only four bits of the hash, with a zero bit after them.
            out.append(BASE32.charAt((int) (hash >>> 59)));
            hash <<= 5;
        }
        return out.toString();
    }

    /** ARM's {@code guid(parts...)}: a version-5 UUID in its lower-case 36-character form. */
    public static String guid(List<String> parts) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        sha1.update(ARM_NAMESPACE);
        byte[] digest = sha1.digest(joined(parts));
        // ARM (its GuidUtility, after RFC 4122) swaps the .NET Guid's little-endian first three fields to network
        // order before hashing and back afterwards; the net effect is the plain RFC 4122 byte order used here.
        digest[6] = (byte) ((digest[6] & 0x0f) | 0x50);
        digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
        StringBuilder hex = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                hex.append('-');
            }
            hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
        }
        return hex.toString();
    }

    private static byte[] joined(List<String> parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("at least one string is required");
        }
        return String.join("-", parts).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Microsoft's MurmurHash64 (Microsoft.PowerPlatform.ResourceStack's {@code ComputeHash.MurmurHash64}, seed 0):
     * not MurmurHash64A or MurmurHash3, but two 32-bit lanes over 8-byte little-endian blocks, mixed together at the
     * end. All arithmetic is unsigned 32-bit, which Java's wrapping {@code int} gives for +, * and shifts with >>>.
     */
    private static long murmur64(byte[] data) {
        int length = data.length;
        int h1 = 0;
        int h2 = 0;
        int i = 0;
        for (; i + 7 < length; i += 8) {
            int k1 = Integer.rotateLeft(littleEndian(data, i, 4) * C1, 15) * C2;
            h1 = (Integer.rotateLeft(h1 ^ k1, 19) + h2) * 5 + 0x561ccd1b;
            int k2 = Integer.rotateLeft(littleEndian(data, i + 4, 4) * C2, 17) * C1;
            h2 = (Integer.rotateLeft(h2 ^ k2, 13) + h1) * 5 + 0x0bcaa747;
        }
        int tail = length - i;
        if (tail > 0) {
            h1 ^= Integer.rotateLeft(littleEndian(data, i, Math.min(tail, 4)) * C1, 15) * C2;
            if (tail > 4) {
                h2 ^= Integer.rotateLeft(littleEndian(data, i + 4, tail - 4) * C2, 17) * C1;
            }
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = finalMix(h1);
        h2 = finalMix(h2);
        h1 += h2;
        h2 += h1;
        return ((long) h2 << 32) | (h1 & 0xffffffffL);
    }

    private static int littleEndian(byte[] data, int from, int count) {
        int value = 0;
        for (int b = 0; b < count; b++) {
            value |= (data[from + b] & 0xff) << (8 * b);
        }
        return value;
    }

    private static int finalMix(int h) {
        h = (h ^ (h >>> 16)) * 0x85ebca6b;
        h = (h ^ (h >>> 13)) * 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
