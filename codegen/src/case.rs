//! heck's `snake_case` and `UpperCamelCase`, split and cased byte by byte for ASCII text.
//!
//! heck writes through a formatter, a character at a time with Unicode case mapping: a few
//! thousand instructions a name, and a first `gen` cases tens of thousands of names. Doc names are
//! almost always ASCII; other text goes to heck itself. A proptest holds the two to the same
//! output on ASCII text.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `snake_case` as heck writes it (`InstanceIds.N` → `instance_ids_n`, `VSwitchId` → `v_switch_id`).
pub fn snake(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_snake_case();
    }
    let mut out = String::with_capacity(text.len() + 4);
    words(text, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    });
    out
}

/// `UpperCamelCase` as heck writes it (`instance_ids` → `InstanceIds`, `VPC` → `Vpc`).
pub fn upper_camel(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_upper_camel_case();
    }
    let mut out = String::with_capacity(text.len());
    words(text, |word| {
        let mut bytes = word.bytes();
        if let Some(first) = bytes.next() {
            out.push(char::from(first.to_ascii_uppercase()));
        }
        out.extend(bytes.map(|b| char::from(b.to_ascii_lowercase())));
    });
    out
}

/// The words heck's `transform` splits ASCII `text` into, each non-empty, in order: runs of letters
/// and digits, split again before an upper-case letter that follows a lower-case one (`vSwitch`)
/// and before the last capital of a run followed by a lower-case letter (`VPCId` → `VPC`, `Id`).
fn words(text: &str, mut word: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        /// No cased letter since the word began.
        Boundary,
        Lower,
        Upper,
    }
    for run in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = run.as_bytes();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for (i, pair) in bytes.windows(2).enumerate() {
            let (c, next) = (pair[0], pair[1]);
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                word(&run[start..=i]);
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&run[start..i]);
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
        if start < bytes.len() {
            word(&run[start..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use heck::{ToSnakeCase, ToUpperCamelCase};
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn cases_doc_names_as_heck_does() {
        for (text, snake_case, camel_case) in [
            ("InstanceIds.N", "instance_ids_n", "InstanceIdsN"),
            ("VSwitchId", "v_switch_id", "VSwitchId"),
            ("InvalidVPC.NotFound", "invalid_vpc_not_found", "InvalidVpcNotFound"),
            ("IPv6Address", "i_pv6_address", "IPv6Address"),
            ("X-Acs-Date", "x_acs_date", "XAcsDate"),
            ("2xx", "2xx", "2xx"),
            ("", "", ""),
            ("__", "", ""),
        ] {
            assert_eq!(
                (snake(text).as_str(), upper_camel(text).as_str()),
                (snake_case, camel_case),
                "{text}"
            );
            assert_eq!((text.to_snake_case(), text.to_upper_camel_case()), (snake(text), upper_camel(text)));
        }
    }

    proptest! {
        #[test]
        fn names_are_cased_as_heck_cases_them(text in "[A-Za-z0-9 ._\\-]{0,24}") {
            prop_assert_eq!(snake(&text), text.to_snake_case());
            prop_assert_eq!(upper_camel(&text), text.to_upper_camel_case());
        }

        #[test]
        fn ascii_text_is_cased_as_heck_cases_it(text in "[\\x00-\\x7f]{0,24}") {
            prop_assert_eq!(snake(&text), text.to_snake_case());
            prop_assert_eq!(upper_camel(&text), text.to_upper_camel_case());
        }

        #[test]
        fn any_text_is_cased_as_heck_cases_it(text in any::<String>()) {
            prop_assert_eq!(snake(&text), text.to_snake_case());
            prop_assert_eq!(upper_camel(&text), text.to_upper_camel_case());
        }
    }
}
