//! Each single-value rule on the values at and around its edges (the cases that once held two copies
//! of the rules together, now the one copy's own), and secret messages that never depend on the value.

use alibabacloud_runtime::rules::Rule;
use proptest::prelude::*;

/// `(rule, value, Ok or the message)`.
fn cases() -> Vec<(Rule<'static>, &'static str, Result<(), &'static str>)> {
    let name_chars =
        Rule::AllowedChars { upper: true, lower: true, digit: true, letter: false, extra: ":_-" };
    let letters = Rule::AllowedChars { upper: false, lower: false, digit: true, letter: true, extra: "." };
    let length = Rule::Length { min: Some(2), max: Some(128) };
    let range = Rule::Range { min: Some(1.0), max: Some(100.0) };
    let fraction = Rule::Range { min: Some(0.5), max: Some(99.99) };
    let charge = Rule::OneOf(&["PayByTraffic", "PayByBandwidth"]);
    let urls = Rule::ForbiddenPrefixes(&["http://", "https://"]);
    let tags = Rule::ForbiddenPrefixes(&["aliyun", "acs:"]);
    let contains = Rule::ForbiddenSubstrings(&["http://", "https://"]);
    let user_data = Rule::Base64 { max_bytes: Some(3) };
    let time = Rule::Time("yyyy-MM-ddTHH:mm:ssZ");
    let minutes = Rule::Time("yyyy-MM-ddTHH:mmZ");
    vec![
        (length, "ab", Ok(())),
        (length, "a", Err("must be 2 to 128 characters long, is 1")),
        (length, "", Err("must be 2 to 128 characters long, is 0")),
        (length, "中文名", Ok(())),
        (Rule::Length { min: None, max: Some(64) }, "", Ok(())),
        (Rule::Length { min: Some(1), max: None }, "", Err("must be at least 1 characters long, is 0")),
        (range, "1", Ok(())),
        (range, "100", Ok(())),
        (range, "100.0", Ok(())),
        (range, " 42 ", Ok(())),
        (range, "0", Err("must be 1 to 100")),
        (range, "100.5", Err("must be 1 to 100")),
        (range, "101", Err("must be 1 to 100")),
        (range, "1e3", Err("must be 1 to 100")),
        (range, "2,000", Err("must be a number 1 to 100")),
        (range, "x", Err("must be a number 1 to 100")),
        (range, "NaN", Err("must be 1 to 100")),
        (Rule::Range { min: Some(0.0), max: None }, "-1", Err("must be at least 0")),
        (Rule::Range { min: None, max: Some(32768.0) }, "32768", Ok(())),
        (fraction, "99.99", Ok(())),
        (fraction, "0.4", Err("must be 0.5 to 99.99")),
        (charge, "PayByTraffic", Ok(())),
        (charge, "paybytraffic", Err("must be one of PayByTraffic, PayByBandwidth")),
        (Rule::OneOf(&["true", "false"]), "True", Err("must be one of true, false")),
        (Rule::StartsWithLetter, "JoshuaHost", Ok(())),
        (Rule::StartsWithLetter, "中文名", Ok(())),
        (Rule::StartsWithLetter, "", Ok(())),
        (Rule::StartsWithLetter, "1abc", Err("must start with a letter")),
        (Rule::StartsWithLetter, "_x", Err("must start with a letter")),
        (name_chars, "a:b_c-d", Ok(())),
        (name_chars, "a b", Err("contains ` `, which is not allowed")),
        (name_chars, "中文名", Err("contains `中`, which is not allowed")),
        (letters, "中文名.1", Ok(())),
        (letters, "a-b", Err("contains `-`, which is not allowed")),
        (urls, "http://x", Err("cannot start with `http://`")),
        (urls, "https://x", Err("cannot start with `https://`")),
        (urls, "xhttp://", Ok(())),
        (tags, "aliyun-key", Err("cannot start with `aliyun`")),
        (tags, "acs:key", Err("cannot start with `acs:`")),
        (tags, "Aliyun", Ok(())),
        (contains, "xhttp://", Err("cannot contain `http://`")),
        (contains, "JoshuaHost", Ok(())),
        (contains, "see https://x", Err("cannot contain `https://`")),
        (contains, "FinanceDept.Joshua", Ok(())),
        (Rule::ForbiddenSubstrings(&["ab", "zz"]), "xxxxxxab", Err("cannot contain `ab`")),
        (Rule::ForbiddenSubstrings(&["zz", "ab"]), "xxxxxxxxxxxab", Err("cannot contain `ab`")),
        (Rule::ForbiddenSubstrings(&["", "ab"]), "xxxxxxxxxxxxxxxxa", Ok(())),
        (Rule::NoLeadingOrTrailing(".-"), ".ab", Err("cannot start or end with `.`")),
        (Rule::NoLeadingOrTrailing(".-"), "ab-", Err("cannot start or end with `-`")),
        (Rule::NoLeadingOrTrailing(".-"), "a.b-c", Ok(())),
        (Rule::NoConsecutive(".-"), "a..b", Err("cannot contain `..`")),
        (Rule::NoConsecutive(".-"), "a--b", Err("cannot contain `--`")),
        (Rule::NoConsecutive(".-"), "a.-b", Ok(())),
        (Rule::Base64 { max_bytes: Some(16384) }, "ZWNobyBoZWxsbyBlY3Mh", Ok(())),
        (Rule::Base64 { max_bytes: Some(16384) }, "a-_b", Ok(())),
        (user_data, "ZWNo", Ok(())),
        (user_data, "ZWNobw==", Err("must decode to at most 3 bytes, decodes to 4")),
        (user_data, "ZWNobw=", Err("must be Base64")),
        (user_data, "Z", Err("must be Base64")),
        (user_data, "not base64!", Err("must be Base64")),
        (user_data, "", Ok(())),
        (user_data, "ZWM", Ok(())),
        (user_data, "ZW==", Ok(())),
        // Bits left over in the last character: ignored, as Java's and Python's decoders do.
        (user_data, "ZX==", Ok(())),
        (user_data, "ZW=", Err("must be Base64")),
        (user_data, "ZW===", Err("must be Base64")),
        (user_data, "ZW==ZW==", Err("must be Base64")),
        (user_data, "ZW\nN", Err("must be Base64")),
        // One alphabet throughout: the hand-written check took `+` and `_` in one value, which no
        // decoder (standard or URL-safe) reads; the base64 crate's engines reject it.
        (user_data, "a+b_", Err("must be Base64")),
        (user_data, "a/b-", Err("must be Base64")),
        (user_data, "a+b/", Ok(())),
        (time, "2018-01-01T12:05:00Z", Ok(())),
        (time, "2018-13-01T12:05:00Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2018-01-01T24:00:00Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2018-01-01 12:05:00", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "２０18-01-01T12:05:00Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (minutes, "2018-01-01T12:05Z", Ok(())),
        (minutes, "2018-01-01T12:60Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mmZ")),
        // One time rule for validators, `Timestamp` and `Expiration`: no second 60 (the signer's
        // own check took it, the validators did not), February 29 only in leap years (both took
        // February 30), no trailing text.
        (time, "2016-12-31T23:59:60Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2016-12-31T23:59:59Z", Ok(())),
        (time, "2024-02-29T00:00:00Z", Ok(())),
        (time, "2000-02-29T00:00:00Z", Ok(())),
        (time, "2023-02-29T00:00:00Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2100-02-29T00:00:00Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2024-02-30T00:00:00Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2024-06-31T00:00:00Z", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2018-01-01T12:05:00Zjunk", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (time, "2018-01-01T12:05:00Z\n", Err("must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ")),
        (Rule::Ascii, "ascii only", Ok(())),
        (Rule::Ascii, "naïve", Err("must be ASCII only, contains `ï`")),
        (Rule::Index { up: 0, min: 1, max: 16 }, "anything", Ok(())),
    ]
}

#[test]
fn every_rule_on_its_edge_values() {
    let cases = cases();
    let failures: Vec<String> = cases
        .iter()
        .filter(|(rule, value, want)| rule.check(value, false) != want.map_err(str::to_owned))
        .map(|(rule, value, want)| {
            format!("{rule:?} on {value:?}: {:?}, want {want:?}", rule.check(value, false))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.iter().filter(|c| c.2.is_err()).count() >= 35, "both verdicts are exercised");
}

#[test]
fn typed_numbers_and_indexes() {
    let range = Rule::Range { min: Some(20.0), max: Some(32768.0) };
    assert_eq!(range.check_number(20.0), Ok(()));
    assert_eq!(range.check_number(19.0), Err("must be 20 to 32768".to_owned()));
    let index = Rule::Index { up: 0, min: 1, max: 16 };
    assert_eq!(index.check_index(16), Ok(()));
    assert_eq!(index.check_index(17), Err("index 17 is outside 1 to 16".to_owned()));
}

#[test]
fn one_of_tells_apart_values_differing_in_any_byte() {
    let long = "abcdefghijklmnopqrstuvwxyz";
    for n in 0..=long.len() {
        let value = &long[..n];
        assert_eq!(Rule::OneOf(&[value]).check(value, false), Ok(()), "{value:?}");
        for at in 0..n {
            let mut other = value.to_owned().into_bytes();
            other[at] = b'_';
            let other = String::from_utf8(other).unwrap();
            assert!(Rule::OneOf(&[value]).check(&other, false).is_err(), "{other:?} is not {value:?}");
        }
    }
}

/// The rules a secret (an instance password) is held to.
fn secret_rules() -> Vec<Rule<'static>> {
    vec![
        Rule::Length { min: Some(8), max: Some(30) },
        Rule::AllowedChars {
            upper: true,
            lower: true,
            digit: true,
            letter: false,
            extra: "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/",
        },
        Rule::ForbiddenPrefixes(&["/", "http"]),
        Rule::ForbiddenSubstrings(&["password", "123"]),
        Rule::NoLeadingOrTrailing(".-"),
        Rule::NoConsecutive(".-"),
        Rule::Ascii,
        Rule::Base64 { max_bytes: Some(3) },
        Rule::StartsWithLetter,
    ]
}

#[test]
fn secret_messages_state_the_rule_only() {
    let cases: &[(Rule<'static>, &str, &str)] = &[
        (secret_rules()[0], "Ecs1!", "must be 8 to 30 characters long"),
        (secret_rules()[1], "EcsV587!密码", "contains a character that is not allowed"),
        (secret_rules()[2], "/EcsV587!", "cannot start with `/` or `http`"),
        (secret_rules()[3], "my123pass", "cannot contain `password` or `123`"),
        (secret_rules()[4], "-EcsV587", "cannot start or end with `.` or `-`"),
        (secret_rules()[5], "Ecs..V587", "cannot contain `..` or `--`"),
        (secret_rules()[6], "Ecsé587!", "must be ASCII only"),
        (secret_rules()[7], "ZWNobw==", "must decode to at most 3 bytes"),
    ];
    for (rule, value, want) in cases {
        assert_eq!(rule.check(value, true), Err((*want).to_owned()), "{rule:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A secret's message is one of the few its rule can give whatever the value: it cannot carry a
    /// character, a part or the length of the value.
    #[test]
    fn secret_messages_do_not_depend_on_the_value(value in "\\PC{0,40}|[0-9a-zA-Z+/=:.\\-_ ]{0,24}") {
        let probes = ["", "a", "-", "..", "/x", "http", "password123", "naïve", "ZWNobw==", "!", "1", &"x".repeat(40)];
        for rule in secret_rules() {
            let known: Vec<String> = probes.iter().filter_map(|p| rule.check(p, true).err()).collect();
            if let Err(message) = rule.check(&value, true) {
                prop_assert!(known.contains(&message), "{:?} on a value said {:?}", rule, message);
            }
        }
    }

    /// The rules that compare, scan or look characters up on a fast path of their own mean what the
    /// plain library calls mean, at every length around the word sizes they read.
    #[test]
    fn fast_paths_mean_the_plain_calls(
        value in "[ab]{0,40}|\\PC{0,24}",
        other in "[ab]{0,20}",
        more in "[abé]{0,3}",
    ) {
        let one_of = [other.as_str()];
        prop_assert_eq!(Rule::OneOf(&one_of).check(&value, false).is_ok(), value == other);
        let needle = other.get(..other.len().min(5)).unwrap_or("");
        let substrings = [needle];
        let forbidden = !needle.is_empty() && value.contains(needle);
        prop_assert_eq!(Rule::ForbiddenSubstrings(&substrings).check(&value, false).is_ok(), !forbidden);
        let substrings = [more.as_str(), needle];
        let forbidden = substrings.iter().any(|n| !n.is_empty() && value.contains(n));
        prop_assert_eq!(Rule::ForbiddenSubstrings(&substrings).check(&value, false).is_ok(), !forbidden);
        let chars = Rule::AllowedChars { upper: false, lower: true, digit: true, letter: false, extra: "_é" };
        let allowed = value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == 'é');
        prop_assert_eq!(chars.check(&value, false).is_ok(), allowed);
    }

    /// Base64's length, worked out without decoding, is what the `base64` crate's decoders (the
    /// standard or the URL-safe alphabet, padding absent or canonical, trailing bits allowed) read.
    #[test]
    fn base64_length_is_the_decoders(value in "[A-Za-z0-9+/_=-]{0,13}|[AZaz09+/=]{0,9}|\\PC{0,6}") {
        prop_assert_eq!(alibabacloud_runtime::rules::base64_decoded_len(&value), decoded_len(&value), "{:?}", value);
    }

    #[test]
    fn rules_never_panic(value in "\\PC{0,40}|[0-9]{1,6}(\\.[0-9]{1,3})?") {
        for (rule, _, _) in cases() {
            let _ = rule.check(&value, false);
            let _ = rule.check(&value, true);
        }
    }
}

/// The decoded length by decoding with the `base64` crate: standard or URL-safe (chosen by a `-` or
/// `_` in the value), padding absent or canonical (chosen by a trailing `=`), trailing bits allowed.
fn decoded_len(value: &str) -> Option<u64> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::{alphabet, Engine as _};
    let alphabet = if value.contains(['-', '_']) { &alphabet::URL_SAFE } else { &alphabet::STANDARD };
    let padding = if value.ends_with('=') {
        DecodePaddingMode::RequireCanonical
    } else {
        DecodePaddingMode::RequireNone
    };
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(padding).with_decode_allow_trailing_bits(true);
    GeneralPurpose::new(alphabet, config).decode(value).ok().map(|bytes| bytes.len() as u64)
}
