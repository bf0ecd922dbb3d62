//! Compares error tables by code: codes added, removed, or returned with other HTTP statuses.

use std::collections::{BTreeSet, HashMap};

use super::change::{Change, ChangeKind, Wording, WordingKind};
use super::matching::same_text;
use crate::ir::ErrorRow;

/// All rows of one code (the tables list a code once per status and message).
struct Code<'a> {
    code: &'a str,
    statuses: BTreeSet<u16>,
    rows: Vec<&'a ErrorRow>,
}

fn by_code(rows: &[ErrorRow]) -> Vec<Code<'_>> {
    let mut codes: Vec<Code<'_>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        let i = *index.entry(&row.code).or_insert_with(|| {
            codes.push(Code { code: &row.code, statuses: BTreeSet::new(), rows: Vec::new() });
            codes.len() - 1
        });
        codes[i].statuses.extend(row.status);
        codes[i].rows.push(row);
    }
    codes
}

/// Compares the error tables of one API.
pub fn compare_errors(
    api: &str,
    old: &[ErrorRow],
    new: &[ErrorRow],
    changes: &mut Vec<Change>,
    wording: &mut Vec<Wording>,
) {
    let (old, new) = (by_code(old), by_code(new));
    let old_by_code: HashMap<&str, &Code> = old.iter().map(|c| (c.code, c)).collect();
    let new_codes: BTreeSet<&str> = new.iter().map(|c| c.code).collect();
    for o in old.iter().filter(|o| !new_codes.contains(o.code)) {
        changes.push(Change::new(api, ChangeKind::ErrorRemoved, o.code, statuses(&o.statuses)));
    }
    for n in &new {
        let Some(o) = old_by_code.get(n.code) else {
            changes.push(Change::new(api, ChangeKind::ErrorAdded, n.code, statuses(&n.statuses)));
            continue;
        };
        // An empty status cell says nothing, so it cannot change a status.
        if o.statuses != n.statuses && !o.statuses.is_empty() && !n.statuses.is_empty() {
            let kind = ChangeKind::ErrorStatusChanged { status_dropped: !o.statuses.is_subset(&n.statuses) };
            changes.push(
                Change::new(api, kind, n.code, "").values(statuses(&o.statuses), statuses(&n.statuses)),
            );
        }
        let same_words = o.rows.len() == n.rows.len()
            && o.rows
                .iter()
                .zip(&n.rows)
                .all(|(a, b)| same_text(&a.message, &b.message) && same_text(&a.description, &b.description));
        if !same_words {
            wording.push(Wording {
                api: api.to_owned(),
                name: n.code.to_owned(),
                what: WordingKind::ErrorMessage,
            });
        }
    }
}

fn statuses(set: &BTreeSet<u16>) -> String {
    if set.is_empty() {
        return "no status".to_owned();
    }
    set.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_ir::error_row;

    fn run(old: &[ErrorRow], new: &[ErrorRow]) -> (Vec<Change>, Vec<Wording>) {
        let (mut changes, mut wording) = (Vec::new(), Vec::new());
        compare_errors("Api", old, new, &mut changes, &mut wording);
        (changes, wording)
    }

    fn summary(changes: &[Change]) -> Vec<(&'static str, &str, bool, bool)> {
        changes.iter().map(|c| (c.kind.slug(), c.name.as_str(), c.breaking_wire, c.breaking_semver)).collect()
    }

    #[test]
    fn added_and_removed_codes() {
        let (c, _) = run(&[error_row(Some(400), "InvalidA", "m")], &[error_row(Some(403), "InvalidB", "m")]);
        assert_eq!(
            summary(&c),
            [("error-removed", "InvalidA", false, true), ("error-added", "InvalidB", false, false)]
        );
        assert_eq!(c[1].detail, "403");
    }

    #[test]
    fn status_changes_compare_the_set_of_statuses() {
        let old = [error_row(Some(400), "X", "a"), error_row(Some(403), "X", "b")];
        let (c, _) = run(&old, &[error_row(Some(403), "X", "b"), error_row(Some(400), "X", "a")]);
        assert!(c.is_empty(), "row order is not a change");
        let (c, _) = run(&old, &[error_row(Some(404), "X", "a")]);
        assert_eq!(summary(&c), [("error-status-changed", "X", true, false)]);
        assert_eq!(c[0].detail, "400, 403 → 404");
        // One more status is listed, none dropped: documentation, not a break.
        let more =
            [error_row(Some(400), "X", "a"), error_row(Some(403), "X", "b"), error_row(Some(404), "X", "c")];
        let (c, _) = run(&old, &more);
        assert_eq!(summary(&c), [("error-status-changed", "X", false, false)]);
        let (c, _) = run(&old, &[error_row(None, "X", "a"), error_row(None, "X", "b")]);
        assert!(c.is_empty(), "an emptied status cell is not a status");
    }

    #[test]
    fn reworded_message_is_wording() {
        let (c, w) = run(
            &[error_row(Some(400), "X", "The thing is bad.")],
            &[error_row(Some(400), "X", "The thing is invalid.")],
        );
        assert!(c.is_empty());
        assert_eq!(w[0].what, WordingKind::ErrorMessage);
    }
}
