package dev.cellmonitor.cutover.backend.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "instructor@example.com|instructor@example.com",
            "Instructor@EXAMPLE.COM|Instructor@example.com",
            "  padded@example.com |padded@example.com",
            "Taro Yamada <taro@example.co.jp>|taro@example.co.jp",
            "first.last+tag@sub.example.org|first.last+tag@sub.example.org",
            "講師@example.com|講師@example.com"})
    void normalisesLikeEmailValidator(String input, String normalised) throws Exception {
        assertThat(EmailAddresses.normalize(input)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not-an-email|An email address must have an @-sign.",
            "bad@|There must be something after the @-sign.",
            "@example.com|There must be something before the @-sign.",
            ".a@example.com|An email address cannot start with a period.",
            "a.@example.com|An email address cannot have a period immediately before the @-sign.",
            "a..b@example.com|An email address cannot have two periods in a row.",
            "a b@example.com|The email address contains invalid characters before the @-sign: SPACE.",
            "a@b@example.com|The email address contains invalid characters before the @-sign: '@'.",
            "a@example|The part after the @-sign is not valid. It should have a period.",
            "a@example.123|The part after the @-sign is not valid. It is not within a valid top-level domain.",
            "a@.example.com|An email address cannot have a period immediately after the @-sign.",
            "a@example.com.|An email address cannot end with a period.",
            "a@-example.com|An email address cannot have a hyphen immediately after the @-sign.",
            "a@exa_mple.com|The part after the @-sign contains invalid characters: '_'.",
            "a@localhost|The part after the @-sign is not valid. It should have a period.",
            "a@mail.test|The part after the @-sign is a special-use or reserved name that cannot be used with email."})
    void refusesWithEmailValidatorsReasons(String input, String reason) {
        assertThatThrownBy(() -> EmailAddresses.normalize(input)).isInstanceOf(EmailAddresses.Invalid.class).hasMessage(reason);
    }
}
