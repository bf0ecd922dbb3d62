//! Which operation a page documents: its `Action`, read from the request table and the sample request.
//!
//! A page names its operation up to four times: the title, the Example cell of the request table's
//! `Action` row, the value that row's description sets ("Set the value to X", "Value: X") and the
//! sample request's `Action=` pair. They disagree on about one page in twenty (copy-paste from a
//! sibling page, a case slip, a title that is prose). The rule, first match wins:
//!
//! 1. the `Action` row's Example cell: it is the literal value to send, and where the others
//!    disagree with it the Example is the one Alibaba's SDKs use (`ModifyDeploymentSetAttribute`,
//!    `DescribeUserData`, `DeleteDiskReplicaPair` in the ECS corpus);
//! 2. else the description's value and the sample's: when they disagree, the one spelled like the
//!    title, else the description's (the row is about the page's own request; samples are copied);
//! 3. else the title, when it is an identifier, with a warning (none on a ROA page: a RESTful
//!    operation has no `Action` and its pages name it by their title);
//! 4. else the page documents no operation and is not an API reference page.
//!
//! Every name that differs from the chosen one is kept as an [`OtherName`] and warned about at its
//! line; `gen` uses their count to choose between two pages that document one `Action`.

use super::inline::plain;
use crate::diag::Diagnostics;
use crate::ir::{NameSource, OtherName, Param, QueryPair};
use crate::pattern::prose_pattern;

/// The operation a page documents and what else the page calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub other_names: Vec<OtherName>,
}

/// One place where the page names its operation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Claim {
    from: NameSource,
    value: String,
    line: usize,
}

/// Reads the page's operation name by the rule above; `None` when the page documents none.
/// `title` is the `# Title` text and line, `sample` the sample request's pairs and the line of
/// its `Action=` pair.
pub fn identify(
    title: Option<(&str, usize)>,
    request: &[Param],
    sample: (&[QueryPair], usize),
    roa: bool,
    diags: &mut Diagnostics,
) -> Option<Identity> {
    let title = title.map(|(text, line)| Claim { from: NameSource::Title, value: plain(text), line });
    let row = request.iter().find(|p| p.wire_name == "Action");
    let example = row.and_then(|p| {
        let value = p.example.as_deref().map(str::trim).filter(|v| is_operation_name(v))?;
        Some(Claim { from: NameSource::ActionExample, value: value.to_owned(), line: p.line })
    });
    let description = row.and_then(|p| {
        let value = stated_value(&p.description.plain)?;
        Some(Claim { from: NameSource::ActionDescription, value, line: p.line })
    });
    let (pairs, sample_line) = sample;
    let sample = pairs.iter().find(|p| p.key.trim() == "Action").and_then(|p| {
        let value = p.value.trim();
        is_operation_name(value).then(|| Claim {
            from: NameSource::SampleRequest,
            value: value.to_owned(),
            line: sample_line,
        })
    });

    let title_value = title.as_ref().map(|t| t.value.as_str());
    let chosen = match (&example, &description, &sample) {
        (Some(example), _, _) => example.clone(),
        (None, Some(d), Some(s)) if d.value != s.value && title_value == Some(s.value.as_str()) => s.clone(),
        (None, Some(d), _) => d.clone(),
        (None, None, Some(s)) => s.clone(),
        (None, None, None) => {
            let title = title.as_ref().filter(|t| is_operation_name(&t.value))?;
            if roa {
                return Some(Identity { name: title.value.clone(), other_names: Vec::new() });
            }
            diags.warning(
                title.line,
                format!(
                    "the page gives no `Action` (no `Action` row, no `Action=` in its sample request); the operation is named by its title `{}`",
                    title.value
                ),
            );
            warn_long(&title.value, title.line, diags);
            return Some(Identity { name: title.value.clone(), other_names: Vec::new() });
        }
    };
    let claims = [title, example, description, sample];
    let other_names: Vec<OtherName> = claims
        .iter()
        .flatten()
        .filter(|c| c.value != chosen.value)
        .map(|c| OtherName { value: c.value.clone(), from: c.from, line: c.line })
        .collect();
    for other in &other_names {
        diags.warning(
            other.line,
            format!(
                "{} `{}` differs from the Action `{}` the page documents ({} on line {}); the operation is named `{}`",
                describe(other.from),
                other.value,
                chosen.value,
                describe(chosen.from),
                chosen.line,
                chosen.value
            ),
        );
    }
    warn_long(&chosen.value, chosen.line, diags);
    Some(Identity { name: chosen.value, other_names })
}

/// Warns when the operation name is longer than a file name made from it may be.
fn warn_long(name: &str, line: usize, diags: &mut Diagnostics) {
    use crate::file_names::MAX_STEM;
    if name.len() > MAX_STEM {
        diags.warning(
            line,
            format!(
                "the Action is {} characters long; the file and module names made from it are cut to {MAX_STEM} bytes, ending in a hash of the whole name",
                name.len()
            ),
        );
    }
}

/// The value a description says to send: "Set the value to X", "Set this parameter to X", "Value: X".
pub fn stated_value(description: &str) -> Option<String> {
    prose_pattern!(
        STATED = r#"(?i)(?:\bset\s+(?:the\s+value|this\s+parameter|this\s+value|the\s+parameter|it)\s+to|\bvalues?\s*:)\s*:?\s*[*`"'“]*([A-Za-z][A-Za-z0-9]*)"#
    );
    let stated = STATED.get();
    let value = stated.captures(description)?.get(1)?.as_str();
    is_operation_name(value).then(|| value.to_owned())
}

/// An operation name: an ASCII letter, then ASCII letters and digits.
pub fn is_operation_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn describe(from: NameSource) -> &'static str {
    match from {
        NameSource::Title => "the page title",
        NameSource::ActionExample => "the `Action` row's example",
        NameSource::ActionDescription => "the value the `Action` row's description sets",
        NameSource::SampleRequest => "the sample request's `Action=`",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Index, ScalarType, Segment, Text};

    fn action_row(example: Option<&str>, description: &str) -> Param {
        Param {
            wire_name: "Action".into(),
            path: vec![Segment { name: "Action".into(), index: Index::None }],
            doc_type: "String".into(),
            ty: ScalarType::String,
            required: true,
            example: example.map(Into::into),
            description: Text { markdown: description.into(), plain: description.into() },
            position: Default::default(),
            position_from: Default::default(),
            line: 13,
            constraints: Vec::new(),
            secret: None,
        }
    }

    fn sample(action: &str) -> Vec<QueryPair> {
        vec![QueryPair { key: "Action".into(), value: action.into() }]
    }

    fn run(title: &str, row: Option<Param>, pairs: &[QueryPair]) -> (Option<Identity>, Vec<String>) {
        let mut diags = Diagnostics::new("p.md");
        let request: Vec<Param> = row.into_iter().collect();
        let id = identify(Some((title, 1)), &request, (pairs, 40), false, &mut diags);
        (id, diags.into_vec().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn the_action_row_example_names_the_operation_over_a_differing_title() {
        let row = action_row(
            Some("DescribeAutoSnapshotPolicyEx"),
            "Set the value to DescribeAutoSnapshotPolicyEx.",
        );
        let (id, warnings) =
            run("DescribeAutoSnapshotPolicyEX", Some(row), &sample("DescribeAutoSnapshotPolicyEx"));
        let id = id.unwrap();
        assert_eq!(id.name, "DescribeAutoSnapshotPolicyEx");
        assert_eq!(
            id.other_names,
            [OtherName { value: "DescribeAutoSnapshotPolicyEX".into(), from: NameSource::Title, line: 1 }]
        );
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("p.md:1: warning: the page title `DescribeAutoSnapshotPolicyEX` differs")
        );
    }

    #[test]
    fn the_example_wins_over_description_and_sample() {
        let row = action_row(
            Some("ModifyDeploymentSetAttribute"),
            "Set the value to ModifyDeploymentSetAttributes.",
        );
        let (id, warnings) =
            run("ModifyDeploymentSetAttributes", Some(row), &sample("ModifyDeploymentSetAttributes"));
        let id = id.unwrap();
        assert_eq!(id.name, "ModifyDeploymentSetAttribute");
        assert_eq!(id.other_names.len(), 3);
        assert_eq!(warnings.len(), 3);
    }

    #[test]
    fn without_an_example_the_title_breaks_a_tie_between_description_and_sample() {
        let row = action_row(None, "The name of this interface. Value: attachnetworkinterface.");
        let (id, _) = run("AttachNetworkInterface", Some(row.clone()), &sample("AttachNetworkInterface"));
        assert_eq!(id.unwrap().name, "AttachNetworkInterface");
        let row = action_row(None, "The name of this interface. Value: DescribeAutoSnapshotPolicyEx.");
        let (id, _) =
            run("DescribeAutoSnapshotPolicyEx", Some(row.clone()), &sample("DescribeAutoSnapshotPolicyEX"));
        assert_eq!(id.unwrap().name, "DescribeAutoSnapshotPolicyEx");
        let (id, _) = run("Other", Some(row), &sample("DescribeAutoSnapshotPolicyEX"));
        assert_eq!(id.unwrap().name, "DescribeAutoSnapshotPolicyEx", "no tie-break: the description");
    }

    #[test]
    fn a_prose_title_is_named_by_its_action() {
        let row = action_row(None, "Set this parameter to SaveBatchTaskForUpdatingContactInfoByNewContact.");
        let (id, warnings) = run("Submit a batch task for modifying domain names", Some(row), &[]);
        assert_eq!(id.unwrap().name, "SaveBatchTaskForUpdatingContactInfoByNewContact");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn without_any_action_only_an_identifier_title_names_an_operation() {
        let (id, warnings) = run("DescribeThings", None, &[]);
        assert_eq!(id.unwrap().name, "DescribeThings");
        assert!(warnings[0].contains("gives no `Action`"), "{warnings:?}");
        let (id, warnings) = run("Common parameters", None, &[]);
        assert!(id.is_none());
        assert!(warnings.is_empty());
        let (id, _) = run("ALIYUN::CS::App", None, &[]);
        assert!(id.is_none());
    }

    #[test]
    fn stated_values_are_read_from_the_usual_phrasings() {
        for (text, value) in [
            (
                "The operation that you want to perform. Set the value to **DescribeTasks**.",
                Some("DescribeTasks"),
            ),
            ("Set this parameter to SaveRegistrantProfile.", Some("SaveRegistrantProfile")),
            ("The name of this interface. Value:\nModifyCdnDomain", Some("ModifyCdnDomain")),
            (
                "A parameter required by the system. Value: ModifyReservedInstances.",
                Some("ModifyReservedInstances"),
            ),
            ("The operation that you want to perform.", None),
        ] {
            assert_eq!(stated_value(text).as_deref(), value, "{text}");
        }
    }
}
