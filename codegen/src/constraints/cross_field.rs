//! Cross-field rules stated in one sentence: exclusion, "must be null", "can only be set to",
//! "depends on", required-unless, and (kept unenforced) "valid only when" and "is ignored".

use std::borrow::Cow;

use super::Found;
use crate::ir::{Param, Rule};
use crate::pattern::{prose_pattern, Gate};

/// A parameter name as prose writes it (`DataDisk.N.Size`, `Ipv6Addresses.N`, `Spotpricelimit`).
const NAME: &str = r"([A-Z][A-Za-z0-9]*(?:\.(?:N|n|\d+|[A-Z][A-Za-z0-9]*))*)";

/// Reads cross-field rules from one sentence of `param`'s description. Names are as written;
/// the caller resolves them.
pub fn read(sentence: &str, param: &Param) -> Vec<Found> {
    // Of the sentence as normalized: `BOTH` needs "both", `SAME_TIME` "at the same time" or
    // "mutually exclusive", `NULL` and `ONLY` "is specified" or "is set", `DEPENDS` "depends on",
    // `NOT_USE` "If you do not", `NOT_SPECIFIED` "not specified", `ONLY_WHEN` "only when" and
    // `IGNORED` "ignored".
    static WORDS: Gate = Gate::new(&[
        "both",
        "at the same time",
        "mutually exclusive",
        "is specified",
        "is set",
        "depends on",
        "if you do not",
        "not specified",
        "only when",
        "ignored",
    ]);
    let s = normalize(sentence, &param.wire_name);
    let mut out = Vec::new();
    if !WORDS.admits(&s) {
        return out;
    }
    exclusive(&s, sentence, &mut out);
    must_be_null(&s, sentence, &mut out);
    only_set_to(&s, sentence, &mut out);
    depends_on(&s, sentence, &mut out);
    required_unless(&s, sentence, &mut out);
    valid_only_when(&s, sentence, param, &mut out);
    ignored(&s, sentence, &mut out);
    out
}

/// "the InstanceId parameter" → "InstanceId"; "the value of X" kept.
fn normalize<'s>(sentence: &'s str, owner: &str) -> Cow<'s, str> {
    prose_pattern!(THE_PARAM = || format!(r"\b(?:the )?{NAME} parameter\b"));
    prose_pattern!(
        DISJOINT =
            || { format!(r"^You can specify {NAME} or {NAME}, but you cannot specify both(?: of them)?") }
    );
    prose_pattern!(NOTE = r"^(?:Note|Notice|Warning|Important): ");
    let the_param = THE_PARAM.get();
    // "You can specify DiskId or DiskIds.N, but you cannot specify both of them."
    let disjoint = DISJOINT.get();
    let note = NOTE.get();
    // Each step copies the sentence only when it changes it (most sentences pass unchanged).
    let s = note.replace(sentence, "");
    let s = rewrite(s, |s| disjoint.replace(s, "You cannot specify both $1 and $2"));
    // "This parameter and the InstantAccess parameter cannot be specified at the same time."
    let s = rewrite(s, |s| {
        if s.contains("This parameter and ") {
            Cow::Owned(s.replacen("This parameter and ", &format!("{owner} and "), 1))
        } else {
            Cow::Borrowed(s)
        }
    });
    // `THE_PARAM` needs " parameter" (most sentences have none: no scan by the pattern then).
    rewrite(s, |s| if s.contains(" parameter") { the_param.replace_all(s, "$1") } else { Cow::Borrowed(s) })
}

/// `s` after `step`, which borrows what it leaves unchanged: `s` itself then.
fn rewrite<'s>(s: Cow<'s, str>, step: impl for<'a> FnOnce(&'a str) -> Cow<'a, str>) -> Cow<'s, str> {
    let changed = match step(&s) {
        Cow::Borrowed(_) => None,
        Cow::Owned(changed) => Some(changed),
    };
    changed.map_or(s, Cow::Owned)
}

fn exclusive(s: &str, source: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        BOTH = || {
            format!(
                r"(?i:you cannot specify both|you can't specify both|you cannot set both) (?:the )?{NAME} and (?:the )?{NAME}(?: parameters)?\b"
            )
        }
    );
    prose_pattern!(
        SAME_TIME = || {
            format!(
                r"(?:(?i:you cannot specify|you cannot set|you can't specify) {NAME} and {NAME} at the same time|\b{NAME} and {NAME} (?:cannot|can't|must not) be (?:specified|set|used) at the same time|\b{NAME} and {NAME} are mutually exclusive)"
            )
        }
    );
    let both = BOTH.get();
    let same_time = SAME_TIME.get();
    let names: Option<Vec<String>> = if let Some(c) = both.captures(s) {
        Some(vec![c[1].to_owned(), c[2].to_owned()])
    } else {
        same_time.captures(s).map(|c| c.iter().skip(1).flatten().map(|m| m.as_str().to_owned()).collect())
    };
    if let Some(params) = names {
        out.push(Found::new(Rule::MutuallyExclusive { params }, source, None));
    }
}

fn must_be_null(s: &str, source: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        NULL = || {
            format!(
                r"^(?:If|When) {NAME} is (?:specified|set)(?: to (\S+?))?, (?:the )?{NAME} (?:must be (?:null|empty|left empty)|cannot be specified|must not be specified)\b"
            )
        }
    );
    let null = NULL.get();
    let Some(c) = null.captures(s) else { return };
    let when = c[1].to_owned();
    let value = c.get(2).map(|m| m.as_str().trim_matches(['`', '.']).to_owned());
    out.push(Found::new(Rule::ForbiddenWith { when, value, then: c[3].to_owned() }, source, None));
}

fn only_set_to(s: &str, source: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        ONLY = || {
            format!(
                r"^(?:If|When) {NAME} is (?:specified|set)(?: to (\S+?))?, (?:the value of )?{NAME} can only be(?: set to)? ([A-Za-z0-9_.\-]+?)\.?$"
            )
        }
    );
    let only = ONLY.get();
    let Some(c) = only.captures(s) else { return };
    out.push(Found::new(
        Rule::RestrictedWith {
            when: c[1].to_owned(),
            when_value: c.get(2).map(|m| m.as_str().to_owned()),
            then: c[3].to_owned(),
            values: vec![c[4].to_owned()],
        },
        source,
        None,
    ));
}

fn depends_on(s: &str, source: &str, out: &mut Vec<Found>) {
    prose_pattern!(DEPENDS = || format!(r"^{NAME} depends on {NAME}\b"));
    let depends = DEPENDS.get();
    let Some(c) = depends.captures(s) else { return };
    out.push(Found::new(
        Rule::DependsOn { param: c[1].to_owned(), depends_on: c[2].to_owned() },
        source,
        None,
    ));
}

/// "If you do not use A or B to …, X is required" / "…, you must set X" / "If A is not specified,
/// X is required"; "…, or if you do not set C to …, you must specify X" adds C: every way the
/// sentence names to do without X counts (the permissive reading of its "or").
fn required_unless(s: &str, source: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        NOT_USE = || {
            format!(
                r"^If you do not (?:use|specify|set) (?:the )?{NAME}(?: or {NAME})?(?: [^,]*)?(?:, or if you do not (?:use|specify|set) (?:the )?{NAME}(?: [^,]*)?)?, (?:you must (?:use|specify|set) (?:the )?{NAME}|(?:the )?{NAME} (?:is|must be) required)\.?$"
            )
        }
    );
    prose_pattern!(
        NOT_SPECIFIED = || {
            format!(
                r"^If {NAME}(?: or {NAME})? (?:is|are) not specified, (?:the )?{NAME} (?:is|must be) required\.?$"
            )
        }
    );
    let not_use = NOT_USE.get();
    let not_specified = NOT_SPECIFIED.get();
    let (unless, param) = if let Some(c) = not_use.captures(s) {
        let unless = [c.get(1), c.get(2), c.get(3)].into_iter().flatten();
        (unless.map(|m| m.as_str().to_owned()).collect(), c.get(4).or(c.get(5)))
    } else if let Some(c) = not_specified.captures(s) {
        let unless = [c.get(1), c.get(2)].into_iter().flatten();
        (unless.map(|m| m.as_str().to_owned()).collect(), c.get(3))
    } else {
        return;
    };
    let Some(param) = param else { return };
    out.push(Found::new(Rule::RequiredUnless { param: param.as_str().to_owned(), unless }, source, None));
}

fn valid_only_when(s: &str, source: &str, param: &Param, out: &mut Vec<Found>) {
    prose_pattern!(
        ONLY_WHEN =
            || { format!(r"\b(?:is |are )?valid(?: and required)? only when {NAME} is set to (\S+?)\.?$") }
    );
    let only_when = ONLY_WHEN.get();
    let Some(c) = only_when.captures(s) else { return };
    out.push(Found::new(
        Rule::DependsOn { param: param.wire_name.clone(), depends_on: c[1].to_owned() },
        source,
        Some(format!(
            "valid only when `{}` is `{}`: the service ignores the value otherwise, it does not reject it",
            &c[1], &c[2]
        )),
    ));
}

fn ignored(s: &str, source: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        IGNORED = || {
            format!(
                r"(?:^|, )(?i:if you specify|when you specify|if|when) {NAME}(?: is specified)?, the values? of {NAME}(?: and {NAME})? (?:will be|is|are) ignored"
            )
        }
    );
    let ignored = IGNORED.get();
    let Some(c) = ignored.captures(s) else { return };
    let when = c[1].to_owned();
    for then in [c.get(2), c.get(3)].into_iter().flatten() {
        out.push(Found::new(
            Rule::ForbiddenWith { when: when.clone(), value: None, then: then.as_str().to_owned() },
            source,
            Some(format!(
                "the service ignores `{}` when `{when}` is set; it does not reject it",
                then.as_str()
            )),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::*;

    fn rules(s: &str, p: &str, ty: &str) -> Vec<(Rule, bool)> {
        read(s, &param(p, ty)).into_iter().map(|f| (f.rule, f.doubt.is_none())).collect()
    }

    #[test]
    fn reads_seed_cross_field_sentences() {
        assert_eq!(
            rules(
                "You cannot specify both Ipv6Addresses.N and Ipv6AddressCount.",
                "Ipv6AddressCount",
                "Integer"
            ),
            [(
                Rule::MutuallyExclusive { params: vec!["Ipv6Addresses.N".into(), "Ipv6AddressCount".into()] },
                true
            )]
        );
        assert_eq!(
            rules(
                "If PasswordInherit is specified, the Password must be null.",
                "PasswordInherit",
                "Boolean"
            ),
            [(
                Rule::ForbiddenWith { when: "PasswordInherit".into(), value: None, then: "Password".into() },
                true
            )]
        );
        assert_eq!(
            rules(
                "When PrivateIpAddress is specified, Amount can only be set to 1.",
                "PrivateIpAddress",
                "String"
            ),
            [(
                Rule::RestrictedWith {
                    when: "PrivateIpAddress".into(),
                    when_value: None,
                    then: "Amount".into(),
                    values: vec!["1".into()]
                },
                true
            )]
        );
        assert_eq!(
            rules(
                "PrivateIpAddress depends on VSwitchId and cannot be specified separately.",
                "PrivateIpAddress",
                "String"
            ),
            [(Rule::DependsOn { param: "PrivateIpAddress".into(), depends_on: "VSwitchId".into() }, true)]
        );
        assert_eq!(
            rules("If you do not use LaunchTemplateId or LaunchTemplateName to specify an instance launch template, ImageId is required.", "ImageId", "String"),
            [(Rule::RequiredUnless { param: "ImageId".into(), unless: vec!["LaunchTemplateId".into(), "LaunchTemplateName".into()] }, true)]
        );
        assert_eq!(
            rules("If you do not use the LaunchTemplateId or LaunchTemplateName parameter to specify a launch template, you must set the SecurityGroupId parameter.", "SecurityGroupId", "String"),
            [(Rule::RequiredUnless { param: "SecurityGroupId".into(), unless: vec!["LaunchTemplateId".into(), "LaunchTemplateName".into()] }, true)]
        );
        assert_eq!(
            rules("If you do not use the LaunchTemplateId or LaunchTemplateName parameter to specify a launch template, or if you do not set the ImageFamily parameter to obtain the latest available custom image within the specified image family, you must specify the ImageId parameter.", "ImageId", "String"),
            [(Rule::RequiredUnless { param: "ImageId".into(), unless: vec!["LaunchTemplateId".into(), "LaunchTemplateName".into(), "ImageFamily".into()] }, true)]
        );
        assert_eq!(
            rules(
                "If the InstanceId parameter is not specified, the ZoneId parameter is required.",
                "ZoneId",
                "String"
            ),
            [(Rule::RequiredUnless { param: "ZoneId".into(), unless: vec!["InstanceId".into()] }, true)]
        );
        assert_eq!(
            rules("You cannot specify ZoneId and InstanceId at the same time.", "ZoneId", "String"),
            [(Rule::MutuallyExclusive { params: vec!["ZoneId".into(), "InstanceId".into()] }, true)]
        );
    }

    #[test]
    fn keeps_soft_rules_unenforced() {
        let got = rules(
            "It is valid only when SpotStrategy is set to SpotWithPriceLimit.",
            "SpotPriceLimit",
            "Float",
        );
        assert_eq!(
            got,
            [(Rule::DependsOn { param: "SpotPriceLimit".into(), depends_on: "SpotStrategy".into() }, false)]
        );
        let got = rules(
            "Therefore, if you specify DedicatedHostId, the values of SpotStrategy and Spotpricelimit will be ignored.",
            "DedicatedHostId",
            "String",
        );
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|(_, enforced)| !enforced));
    }
}
