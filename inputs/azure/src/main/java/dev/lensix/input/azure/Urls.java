package dev.lensix.input.azure;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of the path of ARM URLs built from resource ids, which may hold spaces and other characters. */
final class Urls {

    private Urls() {
    }

    /** Encodes the path part of {@code pathAndQuery} (up to the first {@code ?}); the query is kept as given. */
    static String encodePath(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question);
        StringBuilder encoded = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isPathSafe(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded + query.replace(" ", "%20");
    }

    private static boolean isPathSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }
}
