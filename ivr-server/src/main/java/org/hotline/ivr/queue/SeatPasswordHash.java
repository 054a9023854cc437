package org.hotline.ivr.queue;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Seat console passwords as {@code pbkdf2-sha256$<iterations>$<saltBase64>$<hashBase64>}, computed with the
 * JDK's PBKDF2WithHmacSHA256 so no extra library is needed. Create one with
 * {@code java ... SeatPasswordHash <password>} and paste it into seats.yaml.
 */
public final class SeatPasswordHash {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final Pattern FORMAT = Pattern.compile("pbkdf2-sha256\\$(\\d{1,9})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private SeatPasswordHash() {
    }

    public static String create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    public static String create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BITS);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** True if {@code password} matches {@code encoded}; false for a wrong password or a malformed hash. */
    public static boolean verify(char[] password, String encoded) {
        Matcher m = FORMAT.matcher(encoded == null ? "" : encoded);
        if (!m.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(m.group(1));
        if (iterations < 1) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(2));
        byte[] expected = Base64.getDecoder().decode(m.group(3));
        byte[] actual = derive(password, salt, iterations, expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    public static boolean wellFormed(String encoded) {
        return encoded != null && FORMAT.matcher(encoded).matches();
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Prints the hash of the password given as the only argument. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SeatPasswordHash <password>");
            System.exit(2);
        }
        System.out.println(create(args[0].toCharArray()));
    }
}
