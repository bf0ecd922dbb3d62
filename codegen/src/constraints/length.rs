//! String lengths: "It must be 2 to 128 characters in length", "no more than 64 characters", "cannot be left empty".

use super::{number, Found};
use crate::ir::{Param, Rule, ScalarType};
use crate::pattern::prose_pattern;

/// The words one of which every pattern of [`read`] needs (its gate): `BETWEEN`, `AT_MOST` and
/// `AT_LEAST` need "characters", both forms of `NOT_EMPTY` "empty".
pub(super) const WORDS: &[&str] = &["characters", "empty"];

/// Reads a length rule from one sentence (the caller skips a sentence its [`WORDS`] gate refuses).
pub fn read(sentence: &str, param: &Param) -> Vec<Found> {
    prose_pattern!(BETWEEN = r"(?i)\b(\d[\d,]*) to (\d[\d,]*) (?:[A-Za-z]+ )?characters\b");
    prose_pattern!(
        AT_MOST = r"(?i)\b(?:no more than|up to|cannot exceed|can't exceed|not exceed|not be longer than|at most|a maximum of|maximum length of|maximum length is|maximum length:) (\d[\d,]*) (?:[A-Za-z]+ )?characters\b"
    );
    prose_pattern!(
        AT_LEAST =
            r"(?i)\b(?:at least|no less than|minimum length of) (\d[\d,]*) (?:[A-Za-z]+ )?characters\b"
    );
    prose_pattern!(
        NOT_EMPTY = r"(?i)\b(?:cannot|can't|must not) be (?:left )?(?:an )?empty(?: string)?\b|\bcannot be left empty\b"
    );
    let between = BETWEEN.get();
    let at_most = AT_MOST.get();
    let at_least = AT_LEAST.get();
    let not_empty = NOT_EMPTY.get();

    let mut out = Vec::new();
    let mut min = None;
    let mut max = None;
    if let Some(c) = between.captures(sentence) {
        min = number::parse_count(&c[1]);
        max = number::parse_count(&c[2]);
    } else {
        if let Some(c) = at_most.captures(sentence) {
            max = number::parse_count(&c[1]);
        }
        if let Some(c) = at_least.captures(sentence) {
            min = number::parse_count(&c[1]);
        }
    }
    if min.is_none() && max.is_none() && not_empty.is_match(sentence) {
        min = Some(1);
    }
    if min.is_none() && max.is_none() {
        return out;
    }
    let rule = Rule::Length { min, max };
    let lower = sentence.to_ascii_lowercase();
    let doubt = if param.ty != ScalarType::String {
        Some(format!("a length rule on a {:?} parameter", param.ty).to_lowercase())
    } else if matches!((min, max), (Some(a), Some(b)) if a > b) {
        Some("minimum above maximum".to_owned())
    } else if ["each ", "total", "combined", "all of", "in all"].iter().any(|w| lower.contains(w)) {
        Some("limits several values together, not this one".to_owned())
    } else if lower.contains("exceeds") {
        Some("describes an error, not a rule".to_owned())
    } else {
        None
    };
    out.push(Found::new(rule, sentence, doubt));
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::*;

    fn rule(s: &str) -> Option<Rule> {
        read(s, &param("InstanceName", "String")).into_iter().next().map(|f| f.rule)
    }

    #[test]
    fn reads_lengths() {
        let len = |min, max| Some(Rule::Length { min, max });
        // The patterns' `(?i)` reads `ſ` as `s`: the gate's words, compared in ASCII, must not
        // turn such a sentence away.
        assert_eq!(rule("It must be 2 to 128 CHARACTERſ in length."), len(Some(2), Some(128)));
        assert_eq!(
            rule("It must be 2 to 128 characters in length and can contain letters."),
            len(Some(2), Some(128))
        );
        assert_eq!(rule("It must be no more than 64 characters in length."), len(None, Some(64)));
        assert_eq!(
            rule("It can be up to 128 characters in length and cannot start with acs:."),
            len(None, Some(128))
        );
        assert_eq!(rule("The ClientToken value can only contain ASCII characters and cannot exceed 64 characters in length."), len(None, Some(64)));
        assert_eq!(rule("It must be 1 to 1,024 characters in length."), len(Some(1), Some(1024)));
        assert_eq!(rule("This parameter cannot be left empty."), len(Some(1), None));
        assert_eq!(rule("The tag key cannot be an empty string."), len(Some(1), None));
        assert_eq!(rule("This parameter can be left empty."), None);
        assert_eq!(rule("The name of the instance."), None);
    }
}
