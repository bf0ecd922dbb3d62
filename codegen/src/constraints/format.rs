//! Formats: Base64 (with its size limit), ISO 8601 times (`yyyy-MM-ddTHH:mm:ssZ`), ASCII only.

use super::{number, Found};
use crate::ir::{Format, Param, Rule, ScalarType};
use crate::pattern::prose_pattern;

/// Reads format rules from all sentences of one description (a Base64 sentence and its size
/// limit are often two sentences).
pub fn read(sentences: &[&str], param: &Param) -> Vec<Found> {
    prose_pattern!(
        BASE64 = r"(?i)\b(?:encoded in base64|base64-encoded|base64 encoded|encode(?:d)? (?:it |the \w+ )?(?:in|with|by using) base64|in base64 format)\b"
    );
    prose_pattern!(SIZE = r"(?i)\b(?:size|exceed|up to|maximum)\b.*?\b(\d[\d,]*) ?(KB|KiB|MB|bytes)\b");
    prose_pattern!(ISO = r"yyyy-MM-ddTHH:mm(?::ss)?Z");
    prose_pattern!(
        ASCII = r"(?i)\bonly ASCII characters\b|\bASCII characters only\b|\bcontain only ASCII\b|\bASCII characters in length\b"
    );
    let base64 = BASE64.get();
    let size = SIZE.get();
    let iso = ISO.get();
    let ascii = ASCII.get();

    let mut out = Vec::new();
    let not_string = param.ty != ScalarType::String;
    let type_doubt = || not_string.then(|| "a format rule on a non-string parameter".to_owned());
    let states_base64 = |s: &&&str| base64.is_match(s) && !s.to_ascii_lowercase().contains("after");
    if let Some(b64) = sentences.iter().find(states_base64) {
        let conditional = super::is_conditional(b64);
        let limit = sentences.iter().find_map(|s| size.captures(s).map(|c| (s, c)));
        let (max_bytes, source, doubt) = match limit {
            Some((s, c)) => {
                let lower = s.to_ascii_lowercase();
                let source = if s == b64 { (*b64).to_owned() } else { format!("{b64} {s}") };
                if lower.contains("after") || lower.contains("encoded") && s != b64 {
                    // The limit is on the encoded text: a decoded limit of 3/4 of it is exact for padded Base64.
                    (number::parse_size(&c[1], &c[2]).map(|n| n / 4 * 3), source, type_doubt())
                } else {
                    (number::parse_size(&c[1], &c[2]), source, type_doubt())
                }
            }
            None => (None, (*b64).to_owned(), type_doubt()),
        };
        // "encoded in Base64 and then encoded by encodeURIComponent" (CDN certificates): the value
        // holds `%2B`, `%2F` and `%3D`, which are no Base64.
        let encoded_again = sentences.iter().any(|s| {
            let lower = s.to_ascii_lowercase();
            lower.contains("encodeuricomponent")
                || lower.contains("url-encode")
                || lower.contains("url encode")
        });
        let doubt = doubt.or_else(|| conditional.then(|| super::CONDITIONAL.to_owned())).or_else(|| {
            encoded_again.then(|| "Base64 encoded again (URL encoding) before it is sent".to_owned())
        });
        out.push(Found::new(Rule::Format { format: Format::Base64 { max_bytes } }, &source, doubt));
    }
    for s in sentences {
        if let Some(m) = iso.find(s) {
            let utc =
                sentences.iter().find(|u| *u != s && u.contains("must be in UTC") && !u.contains("UTC+"));
            let source = utc.map_or_else(|| (*s).to_owned(), |u| format!("{s} {u}"));
            let format = Format::Iso8601 { pattern: m.as_str().to_owned() };
            out.push(Found::new(Rule::Format { format }, &source, type_doubt()));
            break;
        }
    }
    if let Some(s) = sentences.iter().find(|s| ascii.is_match(s)) {
        out.push(Found::new(Rule::Format { format: Format::Ascii }, s, type_doubt()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::*;

    fn rules(s: &[&str]) -> Vec<Rule> {
        read(s, &param("UserData", "String")).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn base64_encoded_again_for_the_url_is_not_checked_as_base64() {
        let sentences = ["Make sure that the content of the certificate is encoded in Base64 and then encoded by encodeURIComponent."];
        let found = read(&sentences, &param("ServerCertificate", "String"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::Format { format: Format::Base64 { max_bytes: None } });
        assert_eq!(found[0].doubt.as_deref(), Some("Base64 encoded again (URL encoding) before it is sent"));
    }

    #[test]
    fn reads_formats() {
        assert_eq!(
            rules(&[
                "The user data of the instance.",
                "It must be encoded in Base64.",
                "The maximum size of the user data is 16 KB."
            ]),
            [Rule::Format { format: Format::Base64 { max_bytes: Some(16384) } }]
        );
        assert_eq!(
            rules(&["Format: yyyy-MM-ddTHH:mm:ssZ."]),
            [Rule::Format { format: Format::Iso8601 { pattern: "yyyy-MM-ddTHH:mm:ssZ".into() } }]
        );
        assert_eq!(
            rules(&["The ClientToken value can only contain ASCII characters and cannot exceed 64 characters in length."]),
            []
        );
        assert_eq!(
            rules(&["ClientToken can contain only ASCII characters."]),
            [Rule::Format { format: Format::Ascii }]
        );
    }
}
