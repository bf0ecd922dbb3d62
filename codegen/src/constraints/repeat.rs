//! Repeat counts of `.N` indexes: "n ranges from 1 to 16", "Valid values of N: 1 to 20", "N can only be 1".

use super::{number, Found};
use crate::ir::{Index, Param, Rule};
use crate::pattern::prose_pattern;

/// The words one of which every pattern of [`read`] needs (its gate): `BETWEEN` needs " to "
/// between its numbers, `ONLY` "can only be", `MAX` and `IN_GROUP` "value of".
pub(super) const WORDS: &[&str] = &[" to ", "can only be", "value of"];

/// Reads how many items the parameter's `.N` index may number (the caller skips a sentence its
/// [`WORDS`] gate refuses).
pub fn read(sentence: &str, param: &Param) -> Vec<Found> {
    prose_pattern!(
        BETWEEN = r"(?:^|\b(?:[Tt]he value of |[Vv]alid values of |[Tt]he valid values of |[Vv]alue range of ))[Nn] ?(?:ranges from|:|is|are|can range from) ?(\d+) to (\d+)\b"
    );
    prose_pattern!(ONLY = r"(?:^|\b[Tt]he value of )[Nn] can only be (\d+)\b");
    prose_pattern!(MAX = r"\b(?:[Tt]he )?(?:[Mm]aximum|[Mm]ax) value of [Nn](?: is|:) (\d+)\b");
    let between = BETWEEN.get();
    let only = ONLY.get();
    let max = MAX.get();
    prose_pattern!(
        IN_GROUP = r"^The value of N in ([A-Za-z0-9.]+?)\.N (?:cannot be greater than|must not exceed|cannot exceed) (\d+)\.?$"
    );
    let in_group = IN_GROUP.get();
    let (min, max) = if let Some(c) = in_group.captures(sentence) {
        if !param.wire_name.starts_with(&format!("{}.", &c[1])) {
            return Vec::new();
        }
        (Some(1), number::parse_count(&c[2]))
    } else if let Some(c) = between.captures(sentence) {
        (number::parse_count(&c[1]), number::parse_count(&c[2]))
    } else if let Some(c) = only.captures(sentence) {
        let n = number::parse_count(&c[1]);
        (n, n)
    } else if let Some(c) = max.captures(sentence) {
        (Some(1), number::parse_count(&c[1]))
    } else {
        return Vec::new();
    };
    let (Some(min), Some(max)) =
        (min.and_then(|v| u32::try_from(v).ok()), max.and_then(|v| u32::try_from(v).ok()))
    else {
        return Vec::new();
    };
    let indexes = param.path.iter().filter(|s| s.index == Index::Each).count();
    let doubt = match indexes {
        1 if min <= max && min >= 1 => None,
        1 => Some("the count range is empty or starts below 1".to_owned()),
        0 => Some("the wire name has no .N index".to_owned()),
        n => Some(format!("the wire name has {n} .N indexes; the sentence does not say which")),
    };
    vec![Found::new(Rule::RepeatCount { min, max }, sentence, doubt)]
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::*;

    fn rule(s: &str) -> Option<(Rule, bool)> {
        read(s, &param("DataDisk.N.Size", "Integer")).into_iter().next().map(|f| (f.rule, f.doubt.is_none()))
    }

    #[test]
    fn reads_repeat_counts() {
        let count = |min, max| Some((Rule::RepeatCount { min, max }, true));
        assert_eq!(rule("n ranges from 1 to 16."), count(1, 16));
        assert_eq!(rule("The key of tag N. Valid values of N: 1 to 20."), count(1, 20));
        assert_eq!(rule("Valid values of N : 1 to 20."), count(1, 20));
        assert_eq!(rule("N can only be 1."), count(1, 1));
        assert_eq!(rule("The value of N ranges from 1 to 100."), count(1, 100));
        assert_eq!(rule("Valid values: 1 to 20."), None);
        let none = read("n ranges from 1 to 16.", &param("Amount", "Integer"));
        assert!(none[0].doubt.is_some());
    }
}
