//! Reads "X is required unless …" together with the page's other rules: a parameter that cannot be
//! set with X (an exclusion, or "if W is set, X must be null") is another way to do without X.
//!
//! Read one sentence at a time, "if you do not use a launch template, you must set SecurityGroupId"
//! and "you cannot specify both SecurityGroupId and SecurityGroupIds.N" forbid SecurityGroupIds.N
//! without a launch template; read together, SecurityGroupIds.N is the alternative. A parameter that
//! is plainly X in list form (`SecurityGroupIds.N` for `SecurityGroupId`) joins the `unless` list;
//! any other one leaves the rule unenforced, since the page does not say whether it replaces X.

use std::collections::{BTreeSet, HashMap};

use crate::diag::Diagnostics;
use crate::ir::{Api, Constraint, Enforcement, Rule};

/// A parameter that excludes another: its name, the value it excludes with (if any), the sentence.
type Excluder = (String, Option<String>, String);

/// Widens or unenforces every enforced [`Rule::RequiredUnless`] of `api` by the parameters that
/// exclude its subject. The widened rule's source quotes the exclusion's sentence after its own.
pub fn widen(api: &mut Api, diags: &mut Diagnostics) {
    // Who excludes each parameter, gathered once: (other, its value, the sentence), in rule order.
    let mut excluded_by: HashMap<&str, Vec<Excluder>> = HashMap::new();
    for c in api.cross_field.iter().filter(|c| c.enforcement == Enforcement::Enforced) {
        match &c.rule {
            Rule::MutuallyExclusive { params } => {
                let distinct: BTreeSet<&String> = params.iter().collect();
                for param in distinct {
                    excluded_by.entry(param).or_default().extend(
                        params.iter().filter(|p| *p != param).map(|p| (p.clone(), None, c.source.clone())),
                    );
                }
            }
            Rule::ForbiddenWith { when, value, then } => {
                excluded_by.entry(then).or_default().push((when.clone(), value.clone(), c.source.clone()))
            }
            _ => {}
        }
    }
    let lines: HashMap<&str, usize> =
        api.request.iter().rev().map(|p| (p.wire_name.as_str(), p.line)).collect();
    let excluders = |param: &str| excluded_by.get(param).cloned().unwrap_or_default();
    let mut widened: Vec<(usize, Constraint)> = Vec::new();
    for (i, c) in api.cross_field.iter().enumerate() {
        let Rule::RequiredUnless { param, unless } = &c.rule else { continue };
        if c.enforcement != Enforcement::Enforced {
            continue;
        }
        let mut c = c.clone();
        let mut unless = unless.clone();
        for (other, value, sentence) in excluders(param) {
            if unless.contains(&other) {
                continue;
            }
            let line = lines.get(param.as_str()).copied().unwrap_or(0);
            if value.is_none() && is_list_form(&other, param) {
                diags.note(
                    line,
                    format!(
                        "`{param}` is required unless {} is set; read with \"{sentence}\", `{other}` is its alternative",
                        unless.join(" or ")
                    ),
                );
                unless.push(other);
                if !c.source.contains(&sentence) {
                    c.source = format!("{} {sentence}", c.source);
                }
            } else {
                let when = value.map_or_else(|| format!("`{other}`"), |v| format!("`{other}` = `{v}`"));
                c.enforcement = Enforcement::Unenforced(format!(
                    "`{param}` cannot be set with {when} (\"{sentence}\"): the page does not say whether {when} replaces it"
                ));
            }
        }
        if let Enforcement::Enforced = c.enforcement {
            c.rule = Rule::RequiredUnless { param: param.clone(), unless };
        }
        widened.push((i, c));
    }
    for (i, c) in widened {
        api.cross_field[i] = c;
    }
}

/// True when `list` is `one` in list form: `SecurityGroupIds.N` for `SecurityGroupId`,
/// `HostNames.N` for `HostName`, `Tag.N.Key` for `Tag.Key`.
fn is_list_form(list: &str, one: &str) -> bool {
    let (l, o) = (unindexed(list), unindexed(one));
    l == format!("{o}s") || o == format!("{l}s") || (l == o && list != one)
}

/// The wire name without its index segments (`.N`, `.n`, `.1`).
fn unindexed(name: &str) -> String {
    name.split('.')
        .filter(|s| !(*s == "N" || *s == "n" || s.chars().all(|c| c.is_ascii_digit())))
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::super::tests::{api, described};
    use super::*;

    const SG: &str = "The ID of the security group.\n\nIf you do not use the `LaunchTemplateId` or `LaunchTemplateName` parameter to specify a launch template, you must set the `SecurityGroupId` parameter.";
    const SGS: &str = "The ID of security group N.\n\n**Note:** You cannot specify both SecurityGroupId and SecurityGroupIds.N.";

    fn required_unless(a: &Api) -> Vec<(&Rule, &Enforcement, &str)> {
        a.cross_field
            .iter()
            .filter(|c| matches!(c.rule, Rule::RequiredUnless { .. }))
            .map(|c| (&c.rule, &c.enforcement, c.source.as_str()))
            .collect()
    }

    #[test]
    fn a_list_form_that_excludes_the_required_parameter_is_its_alternative() {
        let mut a = api(vec![
            described("SecurityGroupId", "String", SG),
            described("SecurityGroupIds.N", "String", SGS),
            described("LaunchTemplateId", "String", "The template."),
            described("LaunchTemplateName", "String", "The template name."),
        ]);
        let mut diags = Diagnostics::new("p.md");
        extract(&mut a, &mut diags);
        let got = required_unless(&a);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(
            got[0].0,
            &Rule::RequiredUnless {
                param: "SecurityGroupId".into(),
                unless: vec![
                    "LaunchTemplateId".into(),
                    "LaunchTemplateName".into(),
                    "SecurityGroupIds.N".into()
                ]
            }
        );
        assert_eq!(got[0].1, &Enforcement::Enforced);
        assert_eq!(got[0].2, "If you do not use the LaunchTemplateId or LaunchTemplateName parameter to specify a launch template, you must set the SecurityGroupId parameter. Note: You cannot specify both SecurityGroupId and SecurityGroupIds.N.");
        let exclusive = a.cross_field.iter().filter(|c| matches!(c.rule, Rule::MutuallyExclusive { .. }));
        assert_eq!(exclusive.filter(|c| c.enforcement == Enforcement::Enforced).count(), 1);
        let shown: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["p.md:1: note: `SecurityGroupId` is required unless LaunchTemplateId or LaunchTemplateName is set; read with \"Note: You cannot specify both SecurityGroupId and SecurityGroupIds.N.\", `SecurityGroupIds.N` is its alternative"]);
    }

    #[test]
    fn an_unrelated_exclusion_leaves_the_requirement_unenforced() {
        let mut a = api(vec![
            described("SecurityGroupId", "String", SG),
            described(
                "NetworkInterfaceId",
                "String",
                "You cannot specify both SecurityGroupId and NetworkInterfaceId.",
            ),
            described("Password", "String", SG.replace("SecurityGroupId", "Password").as_str()),
            described(
                "PasswordInherit",
                "Boolean",
                "If PasswordInherit is specified, the Password must be null.",
            ),
            described("LaunchTemplateId", "String", "The template."),
            described("LaunchTemplateName", "String", "The template name."),
        ]);
        let mut diags = Diagnostics::new("p.md");
        extract(&mut a, &mut diags);
        let got = required_unless(&a);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].1, &Enforcement::Unenforced("`SecurityGroupId` cannot be set with `NetworkInterfaceId` (\"You cannot specify both SecurityGroupId and NetworkInterfaceId.\"): the page does not say whether `NetworkInterfaceId` replaces it".into()));
        assert!(
            matches!(got[1].1, Enforcement::Unenforced(r) if r.starts_with("`Password` cannot be set with `PasswordInherit` = `true`")),
            "{:?}",
            got[1]
        );
    }

    #[test]
    fn list_forms() {
        assert!(is_list_form("SecurityGroupIds.N", "SecurityGroupId"));
        assert!(is_list_form("HostNames.N", "HostName"));
        assert!(is_list_form("DiskIds.N", "DiskId"));
        assert!(!is_list_form("Ipv6Address.N", "Ipv6AddressCount"));
        assert!(!is_list_form("NetworkInterfaceId", "SecurityGroupId"));
        assert!(!is_list_form("ZoneId", "ZoneId"));
    }
}
