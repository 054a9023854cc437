package org.hotline.ivr.ops;

/** Phone numbers are personal data: logs show only enough to tell calls apart. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** {@code 13800138000} becomes {@code 138****8000}; short or empty numbers are starred whole. */
    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "(no caller id)";
        }
        int digits = number.length();
        if (digits <= 4) {
            return "*".repeat(digits);
        }
        if (digits <= 7) {
            return "*".repeat(digits - 2) + number.substring(digits - 2);
        }
        return number.substring(0, 3) + "*".repeat(digits - 7) + number.substring(digits - 4);
    }
}
