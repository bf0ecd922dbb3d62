//! Constraint extraction: reads each request parameter's description into rules with provenance.
//!
//! One module per kind of sentence; this module runs them over a page, resolves the parameter
//! names that cross-field rules mention, and marks anything read with doubt as unenforced.

mod alternatives;
mod chars;
pub mod check;
pub mod consistency;
pub mod coverage;
mod cross_field;
pub(crate) mod default;
pub mod evidence;
mod format;
mod length;
pub mod names;
mod number;
pub mod overrides;
mod range;
mod repeat;
pub mod text;
mod value_set;

pub use consistency::{check_examples, DocFinding};
pub use coverage::Coverage;
pub use overrides::{apply_overrides, Overrides};

use crate::diag::Diagnostics;
use crate::ir::{Api, Constraint, Enforcement, Param, RangeCase, Rule, ScalarType, ValueCase};
use crate::pattern::{prose_pattern, GateWords, Gates};
use names::{Names, Resolved};
use text::BlockKind;
use value_set::{Case, PendingCase};

/// Why a sentence under a condition is not enforced.
const CONDITIONAL: &str = "stated under a condition (if/when/for …) that the validator does not check";
/// Why a rule read from a JSON parameter's description is not enforced.
const JSON_MEMBERS: &str = "read from the description of a JSON value, whose rules are its members'";

/// Why a Boolean's "Valid values: true, false" is kept only as documentation: a value set that is
/// the type's whole domain rejects nothing, so it is no rule for validators or diff (which compare
/// enforced rules only), and coverage does not count it as a sentence left unenforced.
pub const WHOLE_DOMAIN: &str =
    "names every value of the Boolean type: documents the domain, constrains nothing";

/// A rule read from a sentence, with the doubt that keeps it unenforced.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub rule: Rule,
    pub source: String,
    pub doubt: Option<String>,
}

impl Found {
    pub fn new(rule: Rule, source: &str, doubt: Option<String>) -> Self {
        Self { rule, source: source.to_owned(), doubt }
    }

    fn into_constraint(self) -> Constraint {
        let enforcement = match self.doubt {
            None => Enforcement::Enforced,
            Some(reason) => Enforcement::Unenforced(reason),
        };
        Constraint { rule: self.rule, source: self.source, enforcement }
    }
}

/// Fills every [`Param::constraints`] from its description and [`Api::cross_field`] from all of
/// them. Replaces what was there. Never panics; unknown names in cross-field rules are warnings.
pub fn extract(api: &mut Api, diags: &mut Diagnostics) {
    let names = Names::new(api.request.iter().map(|p| p.wire_name.clone()));
    let mut cross: Vec<(usize, Found)> = Vec::new();
    let mut cases: Vec<(usize, PendingCase)> = Vec::new();
    for (i, param) in api.request.iter_mut().enumerate() {
        let read = read_param(param);
        if let Some(sentence) = read.optional.filter(|_| param.required && param.wire_name != "Action") {
            // The table says required and the description says what happens without it (ECS
            // `SendFile`'s `TargetDir`): of the page's two readings, the one that never refuses a
            // call the service takes.
            diags.warning(
                param.line,
                format!(
                    "doc finding: `{}` is marked required, but its description says \"{sentence}\"; read as optional",
                    param.wire_name
                ),
            );
            param.required = false;
        }
        param.constraints = dedup(read.single.into_iter().map(Found::into_constraint).collect());
        cross.extend(read.cross.into_iter().map(|f| (i, f)));
        cases.extend(read.cases.into_iter().map(|c| (i, c)));
    }
    let mut rules: Vec<Constraint> = Vec::new();
    rules.extend(resolve_cases(api, &names, cases, diags));
    for (i, found) in cross {
        rules.push(resolve_cross(api, &names, i, found, diags));
    }
    api.cross_field = dedup(rules);
    alternatives::widen(api, diags);
    evidence::weigh(api, diags);
}

/// What one description gave.
struct ParamRead {
    single: Vec<Found>,
    cross: Vec<Found>,
    cases: Vec<PendingCase>,
    /// The sentence that says what happens without the parameter ("If this parameter is not
    /// specified, …", "This parameter is optional when …"), if one does.
    optional: Option<String>,
}

fn read_param(param: &Param) -> ParamRead {
    let markdown = if param.description.markdown.trim().is_empty() {
        &param.description.plain
    } else {
        &param.description.markdown
    };
    let blocks = text::blocks(markdown);
    let sets = value_set::read(&blocks, param);
    let mut single = sets.single;
    single.extend(chars::read_special_alphabet(&blocks));
    let mut cross = Vec::new();
    let mut all_sentences = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if block.kind == BlockKind::Code || sets.consumed.contains(&i) {
            continue;
        }
        // Each sentence scanned once for every gate's words (the first one's scan also says
        // whether a bullet states a condition for all of its sentences).
        let sentences: Vec<(&str, GateWords)> =
            block.sentences().into_iter().map(|s| (s, SENTENCE_GATES.scan(s))).collect();
        let block_conditional = block.kind == BlockKind::Bullet
            && sentences.first().is_some_and(|&(s, words)| conditional(s, words));
        for (s, words) in sentences {
            let mut local = Vec::new();
            if words.admits(LENGTH) {
                local.extend(length::read(s, param));
            }
            local.extend(range::read(s, param));
            if words.admits(REPEAT) {
                local.extend(repeat::read(s, param));
            }
            if words.admits(CHARS) {
                local.extend(chars::read(s, param));
            }
            local.extend(default::read(s, param));
            if block_conditional || conditional(s, words) {
                for f in &mut local {
                    f.doubt.get_or_insert_with(|| CONDITIONAL.to_owned());
                }
            }
            single.extend(local);
            cross.extend(cross_field::read(s, param));
            all_sentences.push(s);
        }
    }
    single.extend(format::read(&all_sentences, param));
    let optional = all_sentences.iter().find(|s| says_optional(s)).map(|s| (*s).to_owned());
    if param.ty == ScalarType::Json {
        // A JSON value's description gives the rules of its members (ROS `OperationPreferences`:
        // "FailureToleranceCount … Valid values: 0 to 20"), which the value as sent, one JSON
        // text, neither keeps nor breaks.
        for found in single.iter_mut().filter(|f| !matches!(f.rule, Rule::Default { .. })) {
            found.doubt.get_or_insert_with(|| JSON_MEMBERS.to_owned());
        }
    }
    ParamRead { single, cross, cases: sets.cases, optional }
}

/// Whether a sentence says what happens without the parameter it describes.
fn says_optional(sentence: &str) -> bool {
    prose_pattern!(
        OPTIONAL = r"(?i)\bif (?:you do not|you don't) (?:set|specify|configure|enter) (?:this parameter|it)\b|\bif this parameter is (?:not set|not specified|left empty|empty)\b|\bthis parameter is optional\b|\byou do not need to (?:set|specify|enter) this parameter\b"
    );
    OPTIONAL.get().is_match(sentence)
}

/// The word gates of the readers tried on every sentence of a description, and of
/// [`is_conditional`], scanned for at once (groups [`LENGTH`], [`REPEAT`], [`CHARS`],
/// [`CONDITION`]).
static SENTENCE_GATES: Gates = Gates::new(&[length::WORDS, repeat::WORDS, chars::WORDS, CONDITION_WORDS]);
const LENGTH: usize = 0;
const REPEAT: usize = 1;
const CHARS: usize = 2;
const CONDITION: usize = 3;

/// Sentence starts that state a condition.
const CONDITION_STARTS: [&str; 8] = ["if ", "when ", "for ", "unless ", "in ", "after ", "before ", "only "];
/// Words that state a condition anywhere in a sentence; "Passwords of Windows instances cannot
/// start with a forward slash": the instance's operating system, which no parameter of the
/// request states. Lowercase ASCII, so ASCII case folding finds them where the lowercased sentence
/// would, without making that copy.
const CONDITION_WORDS: &[&str] =
    &[" if ", " when ", " unless ", " only for ", " only to ", "windows instance", "linux instance"];

/// True for a sentence that states its rule under a condition ("For Windows: …", "If …, …").
fn is_conditional(sentence: &str) -> bool {
    conditional(sentence, SENTENCE_GATES.scan(sentence))
}

/// [`is_conditional`], given the sentence's scan for the gates' words.
fn conditional(sentence: &str, words: GateWords) -> bool {
    let bytes = sentence.as_bytes();
    words.holds(CONDITION)
        || CONDITION_STARTS
            .iter()
            .any(|w| bytes.get(..w.len()).is_some_and(|start| start.eq_ignore_ascii_case(w.as_bytes())))
}

/// Drops repeated rules (the same exclusion stated on both parameters), keeping the first.
fn dedup(constraints: Vec<Constraint>) -> Vec<Constraint> {
    // Rules hold floats, so they are compared by their JSON (a page may state as many rules as it
    // has rows: no comparison of each with each).
    let mut seen = std::collections::HashSet::with_capacity(constraints.len());
    constraints
        .into_iter()
        .filter(|c| seen.insert(serde_json::to_string(&comparable(&c.rule)).unwrap_or_default()))
        .collect()
}

fn comparable(rule: &Rule) -> Rule {
    match rule {
        Rule::MutuallyExclusive { params } => {
            let mut params = params.clone();
            params.sort();
            Rule::MutuallyExclusive { params }
        }
        other => other.clone(),
    }
}

/// Resolves every name a cross-field rule mentions; unknown names leave the rule unenforced.
fn resolve_cross(
    api: &Api,
    names: &Names,
    owner: usize,
    found: Found,
    diags: &mut Diagnostics,
) -> Constraint {
    let line = api.request[owner].line;
    let mut found = found;
    let mut unknown = Vec::new();
    for name in rule_names(&mut found.rule) {
        match names.resolve(name) {
            Resolved::Exact(_) => {}
            Resolved::Corrected(real) => {
                diags.warning(line, misspelled(name, &real, &found.source));
                if let Some(doubt) = found.doubt.as_mut() {
                    *doubt = doubt.replace(&format!("`{name}`"), &format!("`{real}`"));
                }
                *name = real;
            }
            Resolved::Unknown => unknown.push(name.clone()),
        }
    }
    if !unknown.is_empty() {
        let list = unknown.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        diags.warning(
            line,
            format!("{list} in \"{}\" names no parameter; rule left unenforced", excerpt(&found.source, 60)),
        );
        found.doubt.get_or_insert_with(|| format!("{list} names no parameter of the page"));
    }
    // "If PasswordInherit is specified": a boolean is read conservatively as "set to true".
    if let Rule::ForbiddenWith { when, value: value @ None, .. } = &mut found.rule {
        if api.request.iter().any(|p| &p.wire_name == when && p.ty == ScalarType::Boolean) {
            *value = Some("true".to_owned());
        }
    }
    found.into_constraint()
}

/// The doc finding for a misspelled parameter name in a rule's sentence, resolved to the real one.
fn misspelled(written: &str, real: &str, source: &str) -> String {
    format!(
        "doc finding: `{written}` in \"{}\" names no parameter; read as `{real}`, the parameter it means",
        excerpt(source, 60)
    )
}

/// A doc sentence cut to its first `max` characters (marked `…`), for quoting in a finding.
fn excerpt(source: &str, max: usize) -> String {
    match source.char_indices().nth(max) {
        None => source.to_owned(),
        Some((end, _)) => format!("{}…", &source[..end]),
    }
}

/// The parameter names a cross-field rule mentions, for resolving in place.
pub(crate) fn rule_names(rule: &mut Rule) -> Vec<&mut String> {
    match rule {
        Rule::MutuallyExclusive { params } => params.iter_mut().collect(),
        Rule::ForbiddenWith { when, then, .. } | Rule::RestrictedWith { when, then, .. } => vec![when, then],
        Rule::DependsOn { param, depends_on } => vec![param, depends_on],
        Rule::RequiredUnless { param, unless } => std::iter::once(param).chain(unless.iter_mut()).collect(),
        Rule::OneOfBy { param, on, .. } | Rule::RangeBy { param, on, .. } => vec![param, on],
        _ => Vec::new(),
    }
}

/// Turns per-bullet cases into [`Rule::RangeBy`] / [`Rule::OneOfBy`], one constraint per case so
/// each quotes its own bullet. A case list that names only values is tied to the parameter whose
/// documented values include them all (preferring one in the same group: `DataDisk.N.Category`).
fn resolve_cases(
    api: &Api,
    names: &Names,
    cases: Vec<(usize, PendingCase)>,
    diags: &mut Diagnostics,
) -> Vec<Constraint> {
    let mut out = Vec::new();
    let mut by_owner: std::collections::HashMap<usize, Vec<&PendingCase>> = std::collections::HashMap::new();
    for (owner, case) in &cases {
        by_owner.entry(*owner).or_default().push(case);
    }
    for (owner, pending) in &cases {
        let param = &api.request[*owner];
        let siblings = &by_owner[owner];
        let (on, mut doubt) = match &pending.on {
            Some(written) => match names.resolve(written) {
                Resolved::Exact(n) => (n, None),
                Resolved::Corrected(n) => {
                    diags.warning(param.line, misspelled(written, &n, &pending.source));
                    (n, None)
                }
                Resolved::Unknown => {
                    diags.warning(
                        param.line,
                        format!(
                            "`{written}` in \"{}\" names no parameter; rule left unenforced",
                            excerpt(&pending.source, 60)
                        ),
                    );
                    (written.clone(), Some(format!("`{written}` names no parameter of the page")))
                }
            },
            None => match infer_on(api, param, siblings) {
                Some(n) => (n, None),
                None => (
                    String::new(),
                    Some("the cases name values, but no single parameter documents them all".to_owned()),
                ),
            },
        };
        let rule = match &pending.case {
            Case::Range { when, min, max } => {
                if matches!(param.ty, ScalarType::Boolean) {
                    doubt.get_or_insert_with(|| "a numeric range on a boolean parameter".to_owned());
                }
                Rule::RangeBy {
                    param: param.wire_name.clone(),
                    on,
                    cases: vec![RangeCase { when: when.clone(), min: *min, max: *max }],
                }
            }
            Case::Values { when, values } => {
                let numeric = matches!(
                    param.ty,
                    ScalarType::Integer | ScalarType::Long | ScalarType::Float | ScalarType::Double
                );
                if numeric && values.iter().any(|v| number::parse(v).is_none()) {
                    doubt.get_or_insert_with(|| "a non-numeric value on a numeric parameter".to_owned());
                }
                let whole_domain = values.iter().any(|v| v == "true")
                    && values.iter().any(|v| v == "false")
                    && values.iter().all(|v| v == "true" || v == "false");
                if param.ty == ScalarType::Boolean && whole_domain {
                    doubt.get_or_insert_with(|| WHOLE_DOMAIN.to_owned());
                }
                Rule::OneOfBy {
                    param: param.wire_name.clone(),
                    on,
                    cases: vec![ValueCase { when: when.clone(), values: values.clone() }],
                }
            }
        };
        out.push(Found { rule, source: pending.source.clone(), doubt }.into_constraint());
    }
    out
}

fn infer_on(api: &Api, param: &Param, cases: &[&PendingCase]) -> Option<String> {
    let whens: Vec<&str> = cases
        .iter()
        .map(|c| match &c.case {
            Case::Range { when, .. } | Case::Values { when, .. } => when.as_str(),
        })
        .collect();
    let documents_all = |p: &&Param| {
        p.wire_name != param.wire_name
            && p.constraints.iter().any(|c| match &c.rule {
                Rule::OneOf { values } => whens.iter().all(|w| values.iter().any(|v| v.value == *w)),
                _ => false,
            })
    };
    let candidates: Vec<&Param> = api.request.iter().filter(documents_all).collect();
    let group = |p: &Param| p.path[..p.path.len().saturating_sub(1)].to_vec();
    let same_group: Vec<&&Param> = candidates.iter().filter(|p| group(p) == group(param)).collect();
    match (same_group.as_slice(), candidates.as_slice()) {
        ([only], _) => Some(only.wire_name.clone()),
        ([], [only]) => Some(only.wire_name.clone()),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ir::{Index, Segment, Text};

    /// A parameter with a wire name and doc type, for extractor tests.
    pub fn param(wire: &str, ty: &str) -> Param {
        Param {
            wire_name: wire.to_owned(),
            path: path(wire),
            doc_type: ty.to_owned(),
            ty: ScalarType::from_doc(ty).unwrap_or(ScalarType::String),
            required: false,
            example: None,
            description: Text::default(),
            position: Default::default(),
            position_from: Default::default(),
            line: 1,
            constraints: Vec::new(),
            secret: None,
        }
    }

    fn path(wire: &str) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        for part in wire.split('.') {
            match (part, out.last_mut()) {
                ("N" | "n", Some(last)) => last.index = Index::Each,
                (digits, Some(last)) if digits.parse::<u32>().is_ok() => {
                    last.index = Index::Literal(digits.parse().unwrap_or(1))
                }
                (name, _) => out.push(Segment { name: name.to_owned(), index: Index::None }),
            }
        }
        out
    }

    /// A parameter whose description is `markdown`.
    pub fn described(wire: &str, ty: &str, markdown: &str) -> Param {
        let mut p = param(wire, ty);
        p.description = crate::parse::inline::text(markdown);
        p
    }

    pub fn api(request: Vec<Param>) -> Api {
        Api {
            name: "RunInstances".into(),
            source: "spec/ecs/RunInstances.md".into(),
            request,
            ..Default::default()
        }
    }

    #[test]
    fn a_required_parameter_whose_description_says_what_happens_without_it_is_optional() {
        // ECS SendFile: `TargetDir` is marked required, and "If this parameter is not specified, the
        // system automatically selects a directory on the instance."
        let mut target_dir = described(
            "TargetDir",
            "String",
            "The directory. If this parameter is not specified, the system selects one.",
        );
        target_dir.required = true;
        target_dir.line = 8;
        let mut content = described("Content", "String", "The content. It is not specified by default.");
        content.required = true;
        let mut a = api(vec![target_dir, content]);
        let mut diags = Diagnostics::new("s.md");
        extract(&mut a, &mut diags);
        let required: Vec<(&str, bool)> =
            a.request.iter().map(|p| (p.wire_name.as_str(), p.required)).collect();
        assert_eq!(required, [("TargetDir", false), ("Content", true)]);
        let shown: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        assert!(
            shown.iter().any(|d| d.contains(
                "s.md:8: warning: doc finding: `TargetDir` is marked required, but its description says \"If this parameter is not specified, the system selects one.\"; read as optional"
            )),
            "{shown:?}"
        );
    }

    #[test]
    fn a_rule_for_one_operating_system_is_conditional() {
        // RunInstances: a Linux instance's password may start with `/`; the request does not say
        // which operating system the image runs.
        for sentence in [
            "Passwords of Windows instances cannot start with a forward slash (/).",
            "The password of a Windows instance cannot start with a forward slash (/).",
        ] {
            let mut a = api(vec![described("Password", "String", sentence)]);
            extract(&mut a, &mut Diagnostics::new("spec/ecs/RunInstances.md"));
            let rule = &a.request[0].constraints[0];
            assert_eq!(rule.rule, Rule::ForbiddenPrefixes { prefixes: vec!["/".into()] }, "{sentence}");
            assert_eq!(rule.enforcement, Enforcement::Unenforced(CONDITIONAL.into()), "{sentence}");
        }
    }

    #[test]
    fn a_json_values_rules_are_its_members_and_left_unenforced() {
        let mut preferences = described(
            "OperationPreferences",
            "Json",
            "The operation settings. The following fields are supported:\n\n-   FailureToleranceCount\n\nThe maximum number of failures.\n\nValid values: 0 to 20.\n",
        );
        preferences.ty = ScalarType::Json;
        let mut a = api(vec![preferences]);
        let mut diags = Diagnostics::new("spec/ros/CreateStackInstances.md");
        extract(&mut a, &mut diags);
        let rules = &a.request[0].constraints;
        let range = rules.iter().find(|c| matches!(c.rule, Rule::Range { .. })).expect("the range is read");
        assert_eq!(range.enforcement, Enforcement::Unenforced(JSON_MEMBERS.into()));
        assert!(rules.iter().all(|c| c.enforcement != Enforcement::Enforced), "{rules:#?}");
    }

    #[test]
    fn extracts_and_resolves_a_page() {
        let mut a = api(vec![
            described("DataDisk.N.Size", "Integer", " The size of the nth data disk. n ranges from 1 to 16. Unit: GiB. Valid values:\n\n -   cloud: 5 to 2,000.\n-   cloud\\_essd: 20 to 32,768.\n\n This value must be equal to or greater than the size of `SnapshotId`.\n\n |"),
            described("DataDisk.N.Category", "String", " The category of the nth data disk. Default value: cloud. Valid values:\n\n -   cloud: basic disk.\n-   cloud\\_essd: ESSD.\n\n |"),
            described("Ipv6AddressCount", "Integer", " The number.\n\n **Note:** You cannot specify both `Ipv6Addresses.N` and `Ipv6AddressCount`.\n\n |"),
            described("Ipv6Address.N", "RepeatList", " Allocates. N can only be 1.\n\n **Note:** You cannot specify both `Ipv6Addresses.N` and `Ipv6AddressCount`.\n\n |"),
            described("HostName", "String", " The hostname.\n\n -   It cannot start or end with a period \\(.\\) or a hyphen \\(-\\).\n-   For Windows: The hostname must be 2 to 15 characters in length. It cannot only contain digits.\n\n |"),
            described("Tenancy", "String", " Whatever. The Bogus parameter and Tenancy cannot be specified at the same time.\n\n |"),
        ]);
        let mut diags = Diagnostics::new("spec/ecs/RunInstances.md");
        extract(&mut a, &mut diags);
        let size = &a.request[0].constraints;
        assert_eq!(size[0].rule, Rule::RepeatCount { min: 1, max: 16 });
        assert_eq!(a.cross_field.len(), 4, "{:#?}", a.cross_field);
        assert_eq!(
            a.cross_field[1],
            Constraint {
                rule: Rule::RangeBy {
                    param: "DataDisk.N.Size".into(),
                    on: "DataDisk.N.Category".into(),
                    cases: vec![RangeCase { when: "cloud_essd".into(), min: Some(20.0), max: Some(32768.0) }]
                },
                source: "cloud_essd: 20 to 32,768.".into(),
                enforcement: Enforcement::Enforced
            }
        );
        assert_eq!(
            a.cross_field[2].rule,
            Rule::MutuallyExclusive { params: vec!["Ipv6Address.N".into(), "Ipv6AddressCount".into()] }
        );
        assert_eq!(a.cross_field[2].enforcement, Enforcement::Enforced);
        assert!(matches!(a.cross_field[3].enforcement, Enforcement::Unenforced(_)));
        let host = &a.request[4].constraints;
        assert_eq!(host[0].enforcement, Enforcement::Enforced);
        assert_eq!(host[1].rule, Rule::Length { min: Some(2), max: Some(15) });
        assert_eq!(host[1].enforcement, Enforcement::Unenforced(CONDITIONAL.into()));
        let shown: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        assert!(
            shown.iter().any(|d| d.starts_with("spec/ecs/RunInstances.md:1: warning: `Bogus` in")),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|d| d.starts_with(
                "spec/ecs/RunInstances.md:1: warning: doc finding: `Ipv6Addresses.N` in \"Note: You cannot specify both"
            ) && d.ends_with("read as `Ipv6Address.N`, the parameter it means")),
            "{shown:?}"
        );
    }
}

#[cfg(test)]
mod conditional_tests {
    use super::is_conditional;
    use proptest::prelude::*;

    /// What `is_conditional` reads, written with a lowercased copy of the sentence.
    fn lowercased(sentence: &str) -> bool {
        let lower = sentence.to_ascii_lowercase();
        ["if ", "when ", "for ", "unless ", "in ", "after ", "before ", "only "]
            .iter()
            .any(|w| lower.starts_with(w))
            || [" if ", " when ", " unless ", " only for ", " only to "].iter().any(|w| lower.contains(w))
            || ["windows instance", "linux instance"].iter().any(|w| lower.contains(w))
    }

    #[test]
    fn conditions_are_found_in_any_ascii_case() {
        for (sentence, conditional) in [
            ("For Windows: 8 to 30 characters.", true),
            ("IF set, it must be 1.", true),
            ("It is used Only To tag.", true),
            ("Passwords of WINDOWS Instances cannot start with /.", true),
            ("Fork it.", false),
            ("ſif x", false),
            ("É if x", true),
            ("Valid values: 1 to 5.", false),
        ] {
            assert_eq!(is_conditional(sentence), conditional, "{sentence}");
            assert_eq!(lowercased(sentence), conditional, "{sentence}");
        }
    }

    proptest! {
        #[test]
        fn the_same_as_a_lowercased_search(
            sentence in "((If|iF|when|WHEN|for|unless|in|after|Before|only|to|windows|Linux|instance|x|é|K|ſ| ){0,8})"
        ) {
            prop_assert_eq!(is_conditional(&sentence), lowercased(&sentence));
        }
    }
}
