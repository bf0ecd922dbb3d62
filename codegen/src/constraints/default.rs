//! Documented defaults: "Default value: 200.", "The default value is false.", "PL1 (default value)".

use super::Found;
use crate::ir::{Param, Rule};
use crate::pattern::prose_pattern;

/// Reads a default from one sentence; "null" and "empty" defaults mean unset and give nothing.
pub fn read(sentence: &str, _param: &Param) -> Vec<Found> {
    prose_pattern!(
        DEFAULT = r"^(?:Default value ?:|Default:|The default value is|Default value is|By default, the value is) (.+?)\.?$"
    );
    let default = DEFAULT.get();
    let Some(c) = default.captures(sentence) else { return Vec::new() };
    let value = c[1].trim().trim_matches(['"', '“', '”', '\'']).to_owned();
    if means_unset(&value) {
        return Vec::new();
    }
    let doubt = if value.contains(' ') || value.contains('{') {
        Some("the default is not a literal value".to_owned())
    } else {
        None
    };
    vec![Found::new(Rule::Default { value }, sentence, doubt)]
}

/// True for the defaults that mean "not set" ("null", "empty").
fn means_unset(value: &str) -> bool {
    ["null", "empty", "an empty string", "none (empty)", ""].contains(&value.to_ascii_lowercase().as_str())
}

/// True for a sentence that documents an unset default ("Default value: null."): read, nothing to keep.
pub fn is_unset_default(sentence: &str) -> bool {
    prose_pattern!(
        DEFAULT = r"^(?:Default value ?:|Default:|The default value is|Default value is) ?(.*?)\.?$"
    );
    let default = DEFAULT.get();
    default.captures(sentence).is_some_and(|c| means_unset(c[1].trim()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::*;

    #[test]
    fn reads_defaults() {
        let p = param("Amount", "Integer");
        assert_eq!(read("Default value: 200.", &p)[0].rule, Rule::Default { value: "200".into() });
        assert_eq!(read("Default value : 1.", &p)[0].rule, Rule::Default { value: "1".into() });
        assert!(read("Default value: null", &p).is_empty());
        assert!(read("Default value: max {40, ImageSize}.", &p)[0].doubt.is_some());
    }
}
