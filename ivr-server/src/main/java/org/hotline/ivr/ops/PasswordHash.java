package org.hotline.ivr.ops;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Console passwords as {@code pbkdf2-sha256$<iterations>$<saltBase64>$<hashBase64>} (PBKDF2WithHmacSHA256),
 * the format of {@code seats.yaml} and {@code supervisors.yaml}: one implementation for the queue's seat file and the
 * console's logins. {@code ivr accounts password} makes one (a password never goes on a command line).
 */
public final class PasswordHash {

    private static final Pattern FORMAT =
            Pattern.compile("pbkdf2-sha256\\$(\\d{1,9})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private PasswordHash() {
    }

    public static boolean wellFormed(String encoded) {
        return encoded != null && FORMAT.matcher(encoded).matches();
    }

    /** True only for the right password; a malformed hash matches nothing. Compares in constant time. */
    public static boolean verify(char[] password, String encoded) {
        Matcher m = FORMAT.matcher(encoded == null ? "" : encoded);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(2));
        byte[] expected = Base64.getDecoder().decode(m.group(3));
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(m.group(1)), expected.length * 8));
    }

    public static String create(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations, 256));
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
}
