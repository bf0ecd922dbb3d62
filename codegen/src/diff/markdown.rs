//! Renders a diff as Markdown for a pull request: revert warning, summary line, one table per API (breaking first), wording-only edits.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::change::{Change, Wording};
use super::{Diff, Step};

/// The report of one update.
pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    if let Some(revert) = &diff.revert {
        let _ = writeln!(
            out,
            "> **Warning: this looks like a revert.** It takes back {} of the {} changes made by the previous update ({}).\n",
            revert.undone,
            revert.previous_changes,
            code(&revert.previous)
        );
    }
    let _ = writeln!(out, "{}\n", summary_line(diff));

    let mut by_api: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in &diff.changes {
        by_api.entry(&change.api).or_default().push(change);
    }
    for (api, mut changes) in by_api {
        // Breaking first; the sort is stable, so each group keeps the diff's order.
        changes.sort_by_key(|c| !c.is_breaking());
        let _ = writeln!(out, "## {} — {}\n", code(api), counts(&changes));
        out.push_str("| kind | name | wire | semver | detail |\n|---|---|---|---|---|\n");
        for c in changes {
            let name = match &c.old_name {
                Some(old) => format!("{} → {}", code(old), code(&c.name)),
                None => code(&c.name),
            };
            let _ = writeln!(
                out,
                "| {} | {name} | {} | {} | {} |",
                c.kind.label(),
                verdict(c.breaking_wire),
                verdict(c.breaking_semver),
                if c.detail.is_empty() { String::new() } else { code(&c.detail) }
            );
        }
        out.push('\n');
    }

    if !diff.wording.is_empty() {
        // Folded: long, and never what a reviewer must act on.
        let _ = writeln!(
            out,
            "<details><summary>Wording only (not API changes): {}</summary>\n",
            plural(diff.wording.len(), "edit")
        );
        render_wording(&diff.wording, &mut out);
        out.push_str("\n</details>\n");
    }
    out
}

/// The reports of a sequence of updates, each under a heading naming its two versions.
pub fn render_steps(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        let _ = writeln!(out, "# {} → {}\n", code(&step.old), code(&step.new));
        out.push_str(&render(&step.diff));
    }
    out
}

/// `**3 changes in 1 API: 1 breaking on the wire, 2 breaking for semver, 1 other.** 12 wording-only edits.`
pub fn summary_line(diff: &Diff) -> String {
    let mut line = if diff.changes.is_empty() {
        "**No API changes.**".to_owned()
    } else {
        let apis =
            diff.changes.iter().map(|c| c.api.as_str()).collect::<std::collections::BTreeSet<_>>().len();
        format!(
            "**{} in {}: {} breaking on the wire, {} breaking for semver, {} other.**",
            plural(diff.changes.len(), "change"),
            plural(apis, "API"),
            diff.breaking_wire(),
            diff.breaking_semver(),
            diff.other()
        )
    };
    if !diff.wording.is_empty() {
        let _ = write!(line, " {} (folded at the end).", plural(diff.wording.len(), "wording-only edit"));
    }
    line
}

fn counts(changes: &[&Change]) -> String {
    let wire = changes.iter().filter(|c| c.breaking_wire).count();
    let semver = changes.iter().filter(|c| c.breaking_semver).count();
    let other = changes.iter().filter(|c| !c.is_breaking()).count();
    format!("{wire} breaking (wire), {semver} breaking (semver), {other} other")
}

/// One line per API and kind of edit, naming what was edited.
fn render_wording(wording: &[Wording], out: &mut String) {
    let mut groups: Vec<((&str, &str), Vec<&str>)> = Vec::new();
    for w in wording {
        let key = (w.api.as_str(), w.what.describe());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, names)) => names.push(&w.name),
            None => groups.push((key, vec![&w.name])),
        }
    }
    for ((api, what), names) in groups {
        let names: Vec<String> = names.iter().map(|n| code(n)).collect();
        let _ = writeln!(out, "- {}, {what}: {}", code(api), names.join(", "));
    }
}

fn verdict(breaking: bool) -> &'static str {
    if breaking {
        "**breaking**"
    } else {
        "no"
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Doc text (names, values, labels) as a code span: never read as Markdown, HTML or a mention.
fn code(text: &str) -> String {
    crate::escape::markdown_code(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::change::{ChangeKind, WordingKind};
    use crate::diff::Revert;

    fn change(api: &str, kind: ChangeKind, name: &str) -> Change {
        Change::new(api, kind, name, "a | b")
    }

    #[test]
    fn breaking_changes_come_first_in_a_table_per_api() {
        let diff = Diff {
            changes: vec![
                change("B", ChangeKind::ErrorAdded, "X"),
                change("A", ChangeKind::ParamAdded { required: false }, "Opt"),
                change("A", ChangeKind::ParamRemoved, "Gone"),
                change("A", ChangeKind::ParamRenamed { same_on_wire: true, same_rust_name: true }, "T.N.K")
                    .renamed_from("T.n.K"),
            ],
            wording: vec![
                Wording { api: "A".into(), name: "P".into(), what: WordingKind::ParamDescription },
                Wording { api: "A".into(), name: "Q".into(), what: WordingKind::ParamDescription },
            ],
            revert: Some(Revert { undone: 4, previous_changes: 5, previous: "v1 → v2".into() }),
        };
        let md = render(&diff);
        let expected = "\
> **Warning: this looks like a revert.** It takes back 4 of the 5 changes made by the previous update (`v1 → v2`).

**4 changes in 2 APIs: 1 breaking on the wire, 1 breaking for semver, 3 other.** 2 wording-only edits (folded at the end).

## `A` — 1 breaking (wire), 1 breaking (semver), 2 other

| kind | name | wire | semver | detail |
|---|---|---|---|---|
| param-removed | `Gone` | **breaking** | **breaking** | `a \\| b` |
| param-added (optional) | `Opt` | no | no | `a \\| b` |
| param-renamed | `T.n.K` → `T.N.K` | no | no | `a \\| b` |

## `B` — 0 breaking (wire), 0 breaking (semver), 1 other

| kind | name | wire | semver | detail |
|---|---|---|---|---|
| error-added | `X` | no | no | `a \\| b` |

<details><summary>Wording only (not API changes): 2 edits</summary>

- `A`, parameter description reworded: `P`, `Q`

</details>
";
        assert_eq!(md, expected);
    }

    /// A hostile page's names and values reach the pull request as inert code spans.
    #[test]
    fn doc_text_cannot_inject_markdown_html_or_mentions() {
        let hostile = "x` <img src=x onerror=alert(1)> @octocat | ![t](http://e/t.png)\n## Fake";
        let diff = Diff {
            changes: vec![Change::new(hostile, ChangeKind::ParamRemoved, hostile, hostile)],
            wording: vec![Wording {
                api: hostile.into(),
                name: hostile.into(),
                what: WordingKind::ParamDescription,
            }],
            revert: None,
        };
        let md = render(&diff);
        let events: Vec<pulldown_cmark::Event> =
            pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES).collect();
        for event in &events {
            match event {
                pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                    assert!(
                        h.starts_with("<details>")
                            || h.starts_with("</details>")
                            || h.starts_with("<summary>")
                            || h.contains("</summary>"),
                        "HTML from the page: {h}"
                    )
                }
                pulldown_cmark::Event::Text(t) => {
                    assert!(!t.contains('@') && !t.contains("<img"), "doc text outside code: {t}")
                }
                pulldown_cmark::Event::Start(
                    pulldown_cmark::Tag::Image { .. } | pulldown_cmark::Tag::Link { .. },
                ) => {
                    panic!("a link or image from the page: {md}")
                }
                _ => {}
            }
        }
        assert_eq!(md.matches("\n## ").count(), 1, "one heading, the API's: {md}");
    }

    #[test]
    fn no_changes() {
        assert_eq!(render(&Diff::default()), "**No API changes.**\n\n");
    }
}
