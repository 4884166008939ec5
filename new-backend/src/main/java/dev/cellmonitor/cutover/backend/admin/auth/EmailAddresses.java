package dev.cellmonitor.cutover.backend.admin.auth;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/**
 * Pydantic's {@code EmailStr} (email-validator 2.1 without deliverability checks), which the legacy uses for
 * login and instructor e-mails: the same syntax rules, the same error texts, and the same normalisation
 * (domain lower-cased) so that the address we look up is the one the legacy would look up.
 */
public final class EmailAddresses {

    private static final String ATEXT = "a-zA-Z0-9_!#$%&'*+\\-/=?^`{|}~";
    private static final Pattern DOT_ATOM = Pattern.compile("[" + ATEXT + "]+(?:\\.[" + ATEXT + "]+)*");
    private static final Pattern DOT_ATOM_INTL =
            Pattern.compile("[" + ATEXT + "\\x{80}-\\x{10FFFF}]+(?:\\.[" + ATEXT + "\\x{80}-\\x{10FFFF}]+)*");
    private static final Pattern ATEXT_INTL_CHAR = Pattern.compile("[" + ATEXT + ".\\x{80}-\\x{10FFFF}]");
    private static final Pattern HOSTNAME_INTL_CHAR = Pattern.compile("[a-zA-Z0-9\\-.\\x{80}-\\x{10FFFF}]");
    private static final Pattern HOSTNAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9])?"
            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9])?)*");
    private static final Pattern R_LDH = Pattern.compile("(?i)(?!xn)..--.*");
    private static final Pattern PRETTY = Pattern.compile(
            "\\s*(?:((?:[\\w!#$%&'*+\\-/=?^_`{|}~]+\\s+)*[\\w!#$%&'*+\\-/=?^_`{|}~]+)|\"((?:[^\"]|\\\")+)\")?\\s*<\\s*(.+)\\s*>\\s*",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final List<String> SPECIAL_USE = List.of("arpa", "invalid", "local", "localhost", "onion", "test");

    private EmailAddresses() {
    }

    /** A syntactically invalid address, with email-validator's reason. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Validates the e-mail field of a body: records the legacy's error and returns null when it is not a string
     * or not an address, else the normalised address.
     */
    public static String field(JsonBody.Fields fields, String name, ValidationErrors errors, Object... locPrefix) {
        String raw = fields.str(name, true);
        if (raw == null) {
            return null;
        }
        try {
            return normalize(raw);
        } catch (Invalid e) {
            List<Object> loc = new ArrayList<>(List.of(locPrefix));
            loc.add(name);
            errors.add("value_error", loc, "value is not a valid email address: " + e.getMessage(), raw,
                    Map.of("reason", e.getMessage()));
            return null;
        }
    }

    /** The normalised address. */
    static String normalize(String value) throws Invalid {
        Matcher pretty = PRETTY.matcher(value);
        String email = (pretty.matches() ? pretty.group(3) : value).strip();
        int at = email.lastIndexOf('@');
        if (at < 0) {
            throw new Invalid("An email address must have an @-sign.");
        }
        String local = localPart(email.substring(0, at));
        String domain = domainPart(email.substring(at + 1));
        String normalized = local + "@" + domain;
        if (normalized.length() > 254) {
            throw new Invalid("The email address is too long " + tooMany(normalized.length() - 254) + ".");
        }
        return normalized;
    }

    private static String localPart(String local) throws Invalid {
        if (local.isEmpty()) {
            throw new Invalid("There must be something before the @-sign.");
        }
        if (local.codePointCount(0, local.length()) > 64) {
            throw new Invalid("The email address is too long before the @-sign "
                    + tooMany(local.codePointCount(0, local.length()) - 64) + ".");
        }
        if (DOT_ATOM.matcher(local).matches() || DOT_ATOM_INTL.matcher(local).matches()) {
            return local;
        }
        badCharacters(local, ATEXT_INTL_CHAR, "The email address contains invalid characters before the @-sign: ");
        dotAtom(local, "An email address cannot start with a %s.", "An email address cannot have a %s immediately before the @-sign.", false);
        throw new Invalid("The email address contains invalid characters before the @-sign.");
    }

    private static String domainPart(String domain) throws Invalid {
        if (domain.isEmpty()) {
            throw new Invalid("There must be something after the @-sign.");
        }
        if (domain.startsWith("[") && domain.endsWith("]")) {
            throw new Invalid("A bracketed IP address after the @-sign is not allowed here.");
        }
        badCharacters(domain, HOSTNAME_INTL_CHAR, "The part after the @-sign contains invalid characters: ");
        domain = domain.toLowerCase(Locale.ROOT);
        dotAtom(domain, "An email address cannot have a %s immediately after the @-sign.", "An email address cannot end with a %s.", true);
        for (String label : domain.split("\\.")) {
            if (R_LDH.matcher(label).matches()) {
                throw new Invalid("An email address cannot have two letters followed by two dashes immediately after the @-sign or after a period, except Punycode.");
            }
        }
        String ascii;
        try {
            ascii = HOSTNAME.matcher(domain).matches() ? domain : IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Invalid("The part after the @-sign contains invalid characters (" + e.getMessage() + ").");
        }
        if (ascii.length() > 255) {
            throw new Invalid("The email address is too long after the @-sign.");
        }
        for (String label : ascii.split("\\.")) {
            if (label.length() > 63) {
                throw new Invalid("After the @-sign, periods cannot be separated by so many characters " + tooMany(label.length() - 63) + ".");
            }
        }
        if (!ascii.contains(".")) {
            throw new Invalid("The part after the @-sign is not valid. It should have a period.");
        }
        char last = ascii.charAt(ascii.length() - 1);
        if (!(last >= 'a' && last <= 'z') && !(last >= 'A' && last <= 'Z')) {
            throw new Invalid("The part after the @-sign is not valid. It is not within a valid top-level domain.");
        }
        for (String special : SPECIAL_USE) {
            if (ascii.equals(special) || ascii.endsWith("." + special)) {
                throw new Invalid("The part after the @-sign is a special-use or reserved name that cannot be used with email.");
            }
        }
        return ascii.equals(domain) ? domain : IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
    }

    private static void badCharacters(String text, Pattern allowed, String message) throws Invalid {
        TreeSet<String> bad = new TreeSet<>();
        text.codePoints().filter(cp -> !allowed.matcher(Character.toString(cp)).matches()).forEach(cp -> bad.add(display(cp)));
        if (!bad.isEmpty()) {
            throw new Invalid(message + String.join(", ", bad) + ".");
        }
    }

    private static void dotAtom(String label, String start, String end, boolean hostname) throws Invalid {
        if (label.endsWith(".")) {
            throw new Invalid(end.formatted("period"));
        }
        if (label.startsWith(".")) {
            throw new Invalid(start.formatted("period"));
        }
        if (label.contains("..")) {
            throw new Invalid("An email address cannot have two periods in a row.");
        }
        if (hostname) {
            if (label.endsWith("-")) {
                throw new Invalid(end.formatted("hyphen"));
            }
            if (label.startsWith("-")) {
                throw new Invalid(start.formatted("hyphen"));
            }
            if (label.contains(".-") || label.contains("-.")) {
                throw new Invalid("An email address cannot have a period and a hyphen next to each other.");
            }
        }
    }

    /** email-validator's safe_character_display: printable characters quoted like Python's repr, others by name. */
    private static String display(int cp) {
        if (cp == '\\') {
            return "\"\\\"";
        }
        int type = Character.getType(cp);
        boolean letterNumberPunctSymbol = Character.isLetterOrDigit(cp) || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || (type >= Character.DASH_PUNCTUATION && type <= Character.OTHER_PUNCTUATION)
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || (type >= Character.MATH_SYMBOL && type <= Character.OTHER_SYMBOL) || type == Character.CONNECTOR_PUNCTUATION;
        if (letterNumberPunctSymbol) {
            String c = Character.toString(cp);
            return cp == '\'' ? "\"'\"" : "'" + c + "'";
        }
        String name = Character.getName(cp);
        return name != null ? name : String.format(cp < 0xFFFF ? "U+%04X" : "U+%08X", cp);
    }

    private static String tooMany(int diff) {
        return "(" + diff + " character" + (diff > 1 ? "s" : "") + " too many)";
    }
}
