//! Whether an operation is safe to repeat without a client token: it only reads, as its summary
//! says with its leading verb ("Queries …", "You can call this operation to query …").
//!
//! The Action's name is never evidence: `DescribeX` pages are idempotent because their summaries
//! say they query. A summary whose verb is not one that only reads (or no summary) leaves the
//! operation not idempotent, the safe assumption; `spec/overrides.toml` can say otherwise.

use crate::ir::{Fact, FactSource};
use crate::pattern::prose_pattern;

/// Leading verbs of operations that only read.
const READ_VERBS: &[&str] = &[
    "query",
    "queries",
    "describe",
    "describes",
    "view",
    "views",
    "list",
    "lists",
    "obtain",
    "obtains",
    "get",
    "gets",
    "retrieve",
    "retrieves",
    "check",
    "checks",
];

/// Verbs that, joined by "and" to a reading verb, make the operation write too ("Obtains a URL
/// and generates the video ID"): third-person forms after a third-person verb…
const WRITE_VERBS_3RD: &[&str] = &[
    "creates",
    "modifies",
    "deletes",
    "updates",
    "releases",
    "sets",
    "adds",
    "removes",
    "starts",
    "stops",
    "changes",
    "resets",
    "enables",
    "disables",
    "generates",
    "registers",
];

/// …and base forms after a base form ("to query X and modify Y"), leaving out those that read as
/// nouns as often ("change sets", "stop time").
const WRITE_VERBS_BASE: &[&str] = &[
    "create", "modify", "delete", "update", "release", "add", "remove", "reset", "enable", "disable",
    "generate", "register",
];

/// "You can call this operation to <verb>", "You can use this operation to <verb>", "This
/// operation is used to <verb>", "The X API <verb>", "X: <verb>", or the sentence's first word.
fn leading_verb(sentence: &str) -> Option<String> {
    prose_pattern!(
        LEAD = r"(?i)^\s*(?:you can (?:call|use) (?:this|the \S+) (?:operation|api|interface) to (?:manually )?|this (?:operation|api) (?:is used to|allows you to) |the [A-Za-z]+ (?:operation|api) |[A-Za-z]+: )?([A-Za-z]+)"
    );
    let lead = LEAD.get();
    lead.captures(sentence).map(|c| c[1].to_ascii_lowercase())
}

/// The summary's first sentence, trimmed.
fn first_sentence(summary: &str) -> &str {
    let text = summary.trim();
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    text[..end].trim()
}

/// Decides from the API's summary.
pub fn decide(summary: &str) -> Fact {
    let sentence = first_sentence(summary);
    let Some(verb) = leading_verb(sentence).filter(|_| !sentence.is_empty()) else {
        return Fact {
            value: false,
            from: FactSource::Default,
            why: "no summary says the operation only reads".into(),
        };
    };
    let lower = sentence.to_ascii_lowercase();
    let writes = if verb.ends_with('s') { WRITE_VERBS_3RD } else { WRITE_VERBS_BASE };
    let also_writes = lower
        .split(" and ")
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next())
        .find(|w| writes.contains(w));
    match (READ_VERBS.contains(&verb.as_str()), also_writes) {
        (true, None) => Fact { value: true, from: FactSource::Summary, why: sentence.to_owned() },
        (true, Some(write)) => Fact {
            value: false,
            from: FactSource::Summary,
            why: format!("the summary reads (`{verb}`) and writes (`{write}`)"),
        },
        (false, _) => Fact {
            value: false,
            from: FactSource::Summary,
            why: format!("the summary's verb `{verb}` is not one that only reads"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_verb_decides() {
        let cases: &[(&str, bool)] = &[
            ("Queries the details of one or more instances.", true),
            ("You can call this operation to query the quotas of ECS resources. More.", true),
            ("Describes the user data of an instance.", true),
            ("Views the resources available in a zone.", true),
            ("You can call this operation to obtain the command output of an instance.", true),
            ("Lists the tags.", true),
            ("You can call the DescribeX operation to query things.", true),
            ("Creates one or more pay-as-you-go instances.", false),
            ("You can call this operation to create an activation code.", false),
            ("You can call this operation to manually disable a specified activation code.", false),
            ("After you purchase Pay-As-You-Go instances, you can use this operation to buy more.", false),
            ("Queries and modifies the attributes of an instance.", false),
            ("You can call this operation to query the tags and modify them.", false),
            ("Obtains a URL and a credential for uploading a video and generates the video ID.", false),
            ("Queries details of a template, including stacks and change sets.", true),
            ("QueryDnsHost: queries the DNS host.", true),
            ("The QueryTaskList API queries the list of tasks.", true),
            ("", false),
        ];
        for (summary, want) in cases {
            assert_eq!(decide(summary).value, *want, "{summary:?}: {:?}", decide(summary));
        }
        assert!(cases.len() >= 18);
    }

    #[test]
    fn the_evidence_is_the_sentence_or_the_verb() {
        let yes = decide("Queries instances. Paged.");
        assert_eq!((yes.from, yes.why.as_str()), (FactSource::Summary, "Queries instances."));
        let no = decide("Creates instances.");
        assert_eq!(no.why, "the summary's verb `creates` is not one that only reads");
        assert_eq!(decide("  ").from, FactSource::Default);
    }
}
