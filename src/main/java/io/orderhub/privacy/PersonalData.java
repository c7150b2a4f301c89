package io.orderhub.privacy;

import io.orderhub.canonical.Address;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.Customer;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's e-mail, phone and street lines, masked where people who need no more than the order's shape see
 * them (order lists, a viewer's order page, error listings, logs), and erased when the data is kept no longer.
 * Names, towns and countries stay: operations find an order by them, and they say little on their own.
 */
public final class PersonalData {

    /** What an erased value reads as. */
    public static final String ERASED = "(erased)";

    /** An address at a named domain (a user at an IP address, as in sftp://partner@10.0.0.1, is not one). */
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@([\\w-]+\\.)+[A-Za-z]{2,}\\b");
    /**
     * International numbers (+90 532 123 45 67) and national ones written in groups (0532 123 45 67), with at least
     * ten digits: dates, amounts and ids (order ids, zero-padded EDI control numbers) are not written so.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+.-])(\\+\\d[\\d ()-]{6,}\\d|\\(?0\\d{2,4}\\)?[ -]\\d[\\d ()-]{5,}\\d)(?![\\w-])");
    private static final int PHONE_DIGITS = 10;
    /** A JSON field or an EDI element that holds a contact or a street, as native payloads name them. */
    private static final Pattern FIELD = Pattern.compile(
            "(\"(?:email|e_mail|customerEmail|buyerEmail|BuyerEmail|contact_email|phone|phoneNumber|Phone|gsm|"
                    + "telephone|address1|address2|line1|line2|addressLine1|addressLine2|AddressLine1|AddressLine2|"
                    + "street|street1|street2|fullAddress|address)\"\\s*:\\s*\")([^\"]*)(\")");

    private PersonalData() {
    }

    /** The order as a list or a viewer shows it: contact and street masked. */
    public static CanonicalOrder masked(CanonicalOrder order) {
        return order.withParties(customer(order.customer(), PersonalData::email, PersonalData::phone),
                address(order.shipTo(), PersonalData::street, PersonalData::phone),
                address(order.billTo(), PersonalData::street, PersonalData::phone));
    }

    /** The order once its customer's data is no longer kept: no contact, no street, the name erased. */
    public static CanonicalOrder anonymised(CanonicalOrder order) {
        UnaryOperator<String> erase = v -> v == null ? null : ERASED;
        Customer customer = order.customer() == null ? null : new Customer(erase.apply(order.customer().name()),
                null, null);
        return order.withParties(customer, erasedAddress(order.shipTo()), erasedAddress(order.billTo()));
    }

    /** Free text (a log line, an error's reason) with e-mails, phone numbers and contact fields masked. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(FIELD, text, m -> m.group(1) + (m.group(2).isEmpty() ? "" : "***") + m.group(3));
        masked = replace(EMAIL, masked, m -> email(m.group()));
        return replace(PHONE, masked, m -> m.group().replaceAll("\\D", "").length() < PHONE_DIGITS ? m.group()
                : phone(m.group()));
    }

    static String email(String email) {
        if (email == null || email.isBlank()) {
            return email;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String digits = phone.replaceAll("\\D", "");
        return "***" + (digits.length() > 4 ? digits.substring(digits.length() - 2) : "");
    }

    static String street(String line) {
        return line == null || line.isBlank() ? line : line.charAt(0) + "***";
    }

    private static Customer customer(Customer c, UnaryOperator<String> email, UnaryOperator<String> phone) {
        return c == null ? null : new Customer(c.name(), email.apply(c.email()), phone.apply(c.phone()));
    }

    private static Address address(Address a, UnaryOperator<String> street, UnaryOperator<String> phone) {
        return a == null ? null : new Address(a.name(), a.company(), street.apply(a.line1()), street.apply(a.line2()),
                a.city(), a.region(), a.postalCode(), a.countryCode(), phone.apply(a.phone()));
    }

    private static Address erasedAddress(Address a) {
        return a == null ? null : new Address(a.name() == null ? null : ERASED, a.company(), null, null, a.city(),
                a.region(), a.postalCode(), a.countryCode(), null);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
