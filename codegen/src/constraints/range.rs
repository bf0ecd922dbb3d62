//! Numeric ranges: "Valid values: 1 to 200", "Valid values are 0 to 23, which …", "Maximum value: 100".

use super::{number, Found};
use crate::ir::{Param, Rule, ScalarType};
use crate::pattern::prose_pattern;

const NUM: &str = r"(-?\d[\d,]*(?:\.\d+)?)";

/// Reads a numeric range from one sentence.
pub fn read(sentence: &str, param: &Param) -> Vec<Found> {
    prose_pattern!(
        BETWEEN = || {
            format!(
                r"^(?:Valid values?|Value range|Valid range|Range of values|The value range)(?: are| is)?:? {NUM} to (?:{NUM}|∞)(?:\.|,? which .*|)$"
            )
        }
    );
    prose_pattern!(
        RANGES = || {
            format!(
                r"^(?:It|The value|The value of this parameter|This parameter|The parameter value|The valid value) (?:ranges|can range|must range|must be in the range|must be) from {NUM} to {NUM}\.?$"
            )
        }
    );
    prose_pattern!(AT_LEAST = || format!(r"^Valid values?: (?:greater than or equal to|at least) {NUM}\.?$"));
    prose_pattern!(
        MAX = || { format!(r"^(?:The )?(?i:maximum|max) value(?: is|:| of this parameter is) {NUM}\.?$") }
    );
    prose_pattern!(
        MIN = || { format!(r"^(?:The )?(?i:minimum|min) value(?: is|:| of this parameter is) {NUM}\.?$") }
    );
    let between = BETWEEN.get();
    let ranges = RANGES.get();
    let at_least = AT_LEAST.get();
    let max = MAX.get();
    let min = MIN.get();

    prose_pattern!(
        ABOVE = || {
            format!(
                r"^(?:This parameter value|The value(?: of this parameter)?|The parameter value|It) must be greater than {NUM}\.?$"
            )
        }
    );
    let above = ABOVE.get();
    if let Some(c) = above.captures(sentence) {
        let Some(n) = number::parse(&c[1]) else { return Vec::new() };
        let integral = matches!(param.ty, ScalarType::Integer | ScalarType::Long) && n.fract() == 0.0;
        let doubt = (!integral).then(|| "an exclusive bound on a non-integer parameter".to_owned());
        return vec![Found::new(Rule::Range { min: Some(n + 1.0), max: None }, sentence, doubt)];
    }
    let (lo, hi) = if let Some(c) = between.captures(sentence) {
        (c.get(1).and_then(|m| number::parse(m.as_str())), c.get(2).and_then(|m| number::parse(m.as_str())))
    } else if let Some(c) = ranges.captures(sentence) {
        (number::parse(&c[1]), number::parse(&c[2]))
    } else if let Some(c) = at_least.captures(sentence) {
        (number::parse(&c[1]), None)
    } else if let Some(c) = max.captures(sentence) {
        (None, number::parse(&c[1]))
    } else if let Some(c) = min.captures(sentence) {
        (number::parse(&c[1]), None)
    } else {
        return Vec::new();
    };
    if lo.is_none() && hi.is_none() {
        return Vec::new();
    }
    let doubt = match param.ty {
        ScalarType::Boolean => Some("a numeric range on a boolean parameter".to_owned()),
        ScalarType::String if param.example.as_deref().is_some_and(|e| number::parse(e).is_none()) => {
            Some("a numeric range on a string whose example is not a number".to_owned())
        }
        _ if matches!((lo, hi), (Some(a), Some(b)) if a > b) => Some("minimum above maximum".to_owned()),
        _ => None,
    };
    vec![Found::new(Rule::Range { min: lo, max: hi }, sentence, doubt)]
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::*;

    fn rule(s: &str) -> Option<Rule> {
        read(s, &param("Amount", "Integer")).into_iter().next().map(|f| f.rule)
    }

    #[test]
    fn reads_ranges() {
        let range = |min, max| Some(Rule::Range { min, max });
        assert_eq!(rule("Valid values: 1 to 200."), range(Some(1.0), Some(200.0)));
        assert_eq!(rule("Valid values: 0 to 100"), range(Some(0.0), Some(100.0)));
        assert_eq!(
            rule("Valid values are 0 to 23, which correspond to the 24 points in time on the clock."),
            range(Some(0.0), Some(23.0))
        );
        assert_eq!(rule("Valid values: 0 to ∞."), range(Some(0.0), None));
        assert_eq!(rule("Valid values: greater than or equal to 2."), range(Some(2.0), None));
        assert_eq!(rule("Maximum value: 100."), range(None, Some(100.0)));
        assert_eq!(rule("Valid values: 1 to 12, 24, 36."), None);
        assert_eq!(rule("The sequential suffix ranges from 001 to 999."), None);
        assert_eq!(rule("Valid values of N: 1 to 20."), None);
    }
}
