//! Closed value sets ("Valid values:" and its bullet forms, inline lists, "Set the value to X")
//! and the sets or ranges that depend on another parameter (one case per bullet).

use super::text::{Block, BlockKind};
use super::{number, Found};
use crate::ir::{EnumValue, Param, Rule, ScalarType};
use crate::pattern::prose_pattern;

/// One case of a rule that depends on another parameter, before that parameter is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingCase {
    /// The other parameter as the docs name it; `None` when the bullets only name its values.
    pub on: Option<String>,
    pub case: Case,
    pub source: String,
}

/// What one case allows.
#[derive(Debug, Clone, PartialEq)]
pub enum Case {
    Range { when: String, min: Option<f64>, max: Option<f64> },
    Values { when: String, values: Vec<String> },
}

/// What the value-set reader found in one description.
#[derive(Debug, Default)]
pub struct ValueSets {
    pub single: Vec<Found>,
    pub cases: Vec<PendingCase>,
    /// Blocks read here (bullets of a list), which the sentence readers skip.
    pub consumed: Vec<usize>,
}

const NUM: &str = r"(-?\d[\d,]*(?:\.\d+)?)";

/// Reads value sets from a description's blocks.
pub fn read(blocks: &[Block], param: &Param) -> ValueSets {
    prose_pattern!(
        INTRO = r"(?i)\b(?:valid|optional|available|supported|allowed|possible) values?(?: of this parameter)?(?: include| are)? ?:$"
    );
    let intro = INTRO.get();
    let mut found = ValueSets::default();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if block.kind == BlockKind::Code {
            i += 1;
            continue;
        }
        let sentences = block.sentences();
        for s in &sentences {
            inline(s, param, &mut found);
        }
        let last = sentences.last().copied().unwrap_or("");
        if !intro.is_match(last) {
            i += 1;
            continue;
        }
        let bullets = list_items(blocks, i + 1);
        if bullets.is_empty() {
            i += 1;
            continue;
        }
        let items: Vec<&str> = bullets.iter().map(|&j| blocks[j].text.as_str()).collect();
        list(last, &items, param, &mut found);
        found.consumed.extend(&bullets);
        i = bullets[bullets.len() - 1] + 1;
    }
    found
}

/// The bullets that follow an intro, skipping the paragraphs set between them ("Note: …", or what
/// one value does: "If the dedicated host is attached with cloud disks, the default value is
/// Migrate.", then the next value's bullet). A paragraph that introduces a list of its own (ends
/// with `:`) or is not followed by a bullet ends the list.
fn list_items(blocks: &[Block], start: usize) -> Vec<usize> {
    let mut items = Vec::new();
    let mut j = start;
    while j < blocks.len() {
        match blocks[j].kind {
            BlockKind::Bullet => items.push(j),
            BlockKind::Paragraph
                if blocks[j].text.starts_with("Note:")
                    || !items.is_empty() && !blocks[j].text.trim_end().ends_with(':') =>
            {
                if blocks.get(j + 1).is_none_or(|b| b.kind != BlockKind::Bullet) {
                    break;
                }
            }
            _ => break,
        }
        j += 1;
    }
    items
}

/// A bulleted list after an intro sentence.
fn list(intro: &str, items: &[&str], param: &Param, found: &mut ValueSets) {
    let ranges: Vec<Option<PendingCase>> = items.iter().map(|t| range_case(t)).collect();
    if ranges.iter().all(Option::is_some) {
        found.cases.extend(ranges.into_iter().flatten());
        return;
    }
    let sets: Vec<Option<PendingCase>> =
        items.iter().map(|t| value_case(t).or_else(|| when_case(t))).collect();
    if sets.iter().all(Option::is_some) {
        found.cases.extend(sets.into_iter().flatten());
        return;
    }
    let mut values = Vec::new();
    let mut unread = Vec::new();
    for item in items {
        match bullet_value(item) {
            Some((value, meaning, is_default)) => {
                if is_default {
                    found.single.push(Found::new(Rule::Default { value: value.clone() }, item, None));
                }
                values.push(EnumValue { value, meaning });
            }
            None => unread.push(*item),
        }
    }
    if values.is_empty() {
        return;
    }
    let source = std::iter::once(intro).chain(items.iter().copied()).collect::<Vec<_>>().join(" ");
    let doubt = if !unread.is_empty() {
        Some(format!("{} of {} bullets do not start with a value", unread.len(), items.len()))
    } else {
        type_doubt(param, values.iter().map(|v| v.value.as_str()))
    };
    found.single.push(Found::new(Rule::OneOf { values }, &source, doubt));
}

/// Sentences that state a set in line: "Valid values: 0, 1, 2, and 6.", "Set the value to RunInstances.",
/// "Valid values when PeriodUnit is set to Month: 1, 2, 3.".
fn inline(sentence: &str, param: &Param, found: &mut ValueSets) {
    prose_pattern!(LIST = r"^(?:Valid|Optional) values?(?: of this parameter)?(?::| are| include) (.+?)\.?$");
    prose_pattern!(SET_TO = r"^Set the value to ([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])\.?$");
    let list = LIST.get();
    let set_to = SET_TO.get();
    if let Some(case) = when_case(sentence) {
        found.cases.push(case);
        return;
    }
    let values = if let Some(c) = set_to.captures(sentence) {
        vec![c[1].to_owned()]
    } else if let Some(c) = list.captures(sentence) {
        match token_list(&c[1]) {
            Some(v) if v.len() > 1 => v,
            _ => return,
        }
    } else {
        return;
    };
    let doubt = type_doubt(param, values.iter().map(String::as_str));
    let values = values.into_iter().map(|value| EnumValue { value, meaning: String::new() }).collect();
    found.single.push(Found::new(Rule::OneOf { values }, sentence, doubt));
}

/// "Valid values when PeriodUnit is set to Month: 1, 2, 3." / "When the PeriodUnit parameter is set
/// to Week, the valid values of the Period parameter are 1, 2, 3, and 4."
fn when_case(sentence: &str) -> Option<PendingCase> {
    prose_pattern!(WHEN = r"^Valid values when (?:the )?(\S+?)(?: parameter)? is set to (\S+?): (.+?)\.?$");
    prose_pattern!(
        WHEN_FIRST = r"^When (?:the )?(\S+?)(?: parameter)? is set to (\S+?), (?:the )?valid values(?: of (?:the )?\S+?(?: parameter)?)? are (.+?)\.?$"
    );
    let when = WHEN.get();
    let when_first = WHEN_FIRST.get();
    let c = when.captures(sentence).or_else(|| when_first.captures(sentence))?;
    let values = token_list(&c[3])?;
    Some(PendingCase {
        on: Some(c[1].to_owned()),
        case: Case::Values { when: c[2].to_owned(), values },
        source: sentence.to_owned(),
    })
}

fn type_doubt<'a>(param: &Param, mut values: impl Iterator<Item = &'a str>) -> Option<String> {
    match param.ty {
        ScalarType::Integer | ScalarType::Long | ScalarType::Float | ScalarType::Double => (!values
            .all(|v| number::parse(v).is_some()))
        .then(|| "a non-numeric value on a numeric parameter".to_owned()),
        ScalarType::Boolean => {
            let values: Vec<&str> = values.collect();
            if !values.iter().all(|v| *v == "true" || *v == "false") {
                Some("a value other than true or false on a boolean parameter".to_owned())
            } else if !(values.contains(&"true") && values.contains(&"false")) {
                Some("a boolean set that names only one value".to_owned())
            } else {
                Some(super::WHOLE_DOMAIN.to_owned())
            }
        }
        ScalarType::String => None,
        ScalarType::Json => Some("a value set on a JSON value".to_owned()),
    }
}

/// "0, 1, 2, 3, and 6" / "Accept | Drop" → tokens; `None` if any item is not a single token.
fn token_list(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for part in text.split([',', '|']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" or ")) {
        let part = part.trim().trim_start_matches("and ").trim_start_matches("or ").trim();
        let part = part.trim_matches(['"', '“', '”', '\'', '{', '}']).trim();
        if part.is_empty() {
            continue;
        }
        if !is_token(part) {
            return None;
        }
        out.push(part.to_owned());
    }
    (!out.is_empty()).then_some(out)
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "_.-/+*@:".contains(c))
        && s.chars().any(|c| c.is_ascii_alphanumeric())
}

/// "cloud: 5 to 2,000." / "Valid values when DiskCategory is set to cloud: 5 to 2000".
fn range_case(item: &str) -> Option<PendingCase> {
    prose_pattern!(
        RANGE = || {
            format!(
                r"^(?:Valid values when (?:the )?(\S+?)(?: parameter)? is set to )?(\S+?): {NUM} to {NUM}\.?$"
            )
        }
    );
    let range = RANGE.get();
    let c = range.captures(item)?;
    let when = c[2].to_owned();
    if !is_token(&when) {
        return None;
    }
    Some(PendingCase {
        on: c.get(1).map(|m| m.as_str().to_owned()),
        case: Case::Range { when, min: number::parse(&c[3]), max: number::parse(&c[4]) },
        source: item.to_owned(),
    })
}

/// `{"1", "2", "3"} if PeriodUnit is set to Week.`
fn value_case(item: &str) -> Option<PendingCase> {
    prose_pattern!(SET = r"^\{(.*)\} if (?:the )?(\S+?)(?: parameter)? is set to (\S+?)\.?$");
    let set = SET.get();
    let c = set.captures(item)?;
    let values = token_list(&c[1])?;
    Some(PendingCase {
        on: Some(c[2].to_owned()),
        case: Case::Values { when: c[3].to_owned(), values },
        source: item.to_owned(),
    })
}

/// The value a bullet starts with: `cloud: basic disk.`, `none.`, `PL1 (default value): …`,
/// `Week`, `value (meaning)`. Returns the value, its meaning and whether it is marked default.
fn bullet_value(item: &str) -> Option<(String, String, bool)> {
    let item = item.trim();
    let (head, meaning) = match item.find(": ").or_else(|| item.strip_suffix(':').map(|s| s.len())) {
        Some(i) => (&item[..i], item[i + 1..].trim()),
        None => (item, ""),
    };
    let (head, paren) = match head.find(" (") {
        Some(i) => (&head[..i], head[i..].trim()),
        None => (head, ""),
    };
    let head = head.trim().trim_end_matches('.').trim_matches(['"', '“', '”', '\'']);
    if !is_token(head) {
        return None;
    }
    let is_default = paren.to_ascii_lowercase().contains("default");
    let meaning =
        if meaning.is_empty() { paren.trim_matches(['(', ')']).to_owned() } else { meaning.to_owned() };
    Some((head.to_owned(), meaning, is_default))
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::super::text::blocks;
    use super::*;

    fn values(rule: &Rule) -> Vec<String> {
        match rule {
            Rule::OneOf { values } => values.iter().map(|v| v.value.clone()).collect(),
            _ => panic!("not one_of: {rule:?}"),
        }
    }

    #[test]
    fn reads_bullet_forms() {
        let md = "The category. Valid values:\n\n -   cloud: basic disk.\n-   cloud\\_efficiency: ultra disk.\n-   **cloud\\_ssd**: SSD.\n-   PL1 \\(default value\\): fast.\n-   none.\n-   Week\n";
        let found = read(&blocks(md), &param("Category", "String"));
        assert_eq!(found.single.len(), 2);
        assert_eq!(found.single[0].rule, Rule::Default { value: "PL1".into() });
        assert_eq!(
            values(&found.single[1].rule),
            ["cloud", "cloud_efficiency", "cloud_ssd", "PL1", "none", "Week"]
        );
        assert!(found.single[1].doubt.is_none());
        assert_eq!(found.consumed, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn a_paragraph_between_two_values_does_not_end_the_list() {
        // ECS AllocateDedicatedHosts `ActionOnMaintenance`: a paragraph about each value's default.
        let md = "The policy. Valid values:\n\n-   Migrate: The instances are migrated.\n\nIf the host has cloud disks, the default value is Migrate.\n\n-   Stop: The instances are stopped.\n\nIf the host has local disks, the default value is Stop.";
        let found = read(&blocks(md), &param("ActionOnMaintenance", "String"));
        let values: Vec<&str> = match &found.single[..] {
            [Found { rule: Rule::OneOf { values }, doubt: None, .. }] => {
                values.iter().map(|v| v.value.as_str()).collect()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(values, ["Migrate", "Stop"]);
        // A paragraph that opens a list of its own ends the values.
        let md = "Valid values:\n\n-   a: one.\n\nNote the following:\n\n-   You cannot change it.";
        let found = read(&blocks(md), &param("X", "String"));
        assert!(
            matches!(&found.single[..], [Found { rule: Rule::OneOf { values }, doubt: None, .. }] if values.len() == 1)
        );
    }

    #[test]
    fn reads_glued_and_inline_sets() {
        let found = read(
            &blocks("Scope of the RI. Optional values:-   Region: region-level\n-   Zone: zone-level"),
            &param("Scope", "String"),
        );
        assert_eq!(values(&found.single[0].rule), ["Region", "Zone"]);
        let found =
            read(&blocks("The day. Valid values: 0, 1, 2, 3, 4, 5, and 6."), &param("Day", "Integer"));
        assert_eq!(values(&found.single[0].rule), ["0", "1", "2", "3", "4", "5", "6"]);
        let found =
            read(&blocks("The operation. Set the value to RunInstances."), &param("Action", "String"));
        assert_eq!(values(&found.single[0].rule), ["RunInstances"]);
    }

    #[test]
    fn reads_dependent_cases() {
        let md = "The size. Valid values:\n\n -   cloud: 5 to 2,000.\n-   cloud\\_essd: 20 to 32,768.\n";
        let found = read(&blocks(md), &param("DataDisk.N.Size", "Integer"));
        assert_eq!(
            found.cases[1],
            PendingCase {
                on: None,
                case: Case::Range { when: "cloud_essd".into(), min: Some(20.0), max: Some(32768.0) },
                source: "cloud_essd: 20 to 32,768.".into()
            }
        );
        let md = "Valid values:\n\n -   ``\\{“1”, “2”, “3”, “4”\\} if PeriodUnit is set to Week.\n-   ``\\{ “1”, “2”,”48”\\} if PeriodUnit is set to Month.";
        let found = read(&blocks(md), &param("Period", "Integer"));
        assert_eq!(
            found.cases[1].case,
            Case::Values { when: "Month".into(), values: vec!["1".into(), "2".into(), "48".into()] }
        );
        assert_eq!(found.cases[1].on.as_deref(), Some("PeriodUnit"));
    }

    #[test]
    fn a_boolean_set_of_true_and_false_checks_nothing() {
        let md = "Whether to dry run. Valid values:\n\n -   true: check only.\n-   false: run.\n";
        let found = read(&blocks(md), &param("DryRun", "Boolean"));
        assert_eq!(values(&found.single[0].rule), ["true", "false"]);
        assert_eq!(found.single[0].doubt.as_deref(), Some(super::super::WHOLE_DOMAIN));
        let found = read(&blocks("Valid values: true and false."), &param("UniqueSuffix", "Boolean"));
        assert_eq!(found.single[0].doubt.as_deref(), Some(super::super::WHOLE_DOMAIN));
        let found = read(&blocks("Valid values: true and false."), &param("Flag", "String"));
        assert_eq!(found.single[0].doubt, None, "on a string, true and false are a real value set");
        let found = read(&blocks("Set the value to true."), &param("Confirm", "Boolean"));
        assert_eq!(found.single[0].doubt.as_deref(), Some("a boolean set that names only one value"));
    }

    #[test]
    fn doubts_unreadable_bullets() {
        let md =
            "Valid values:\n\n -   true: yes.\n-   When IpProtocol is set to tcp, the range is 1 to 65535.\n";
        let found = read(&blocks(md), &param("X", "String"));
        assert!(found.single[0].doubt.is_some());
    }
}
