//! Pairs old and new request parameters: same wire name, else a rename (a respelled name, or the same type and a near-identical description).

use heck::ToSnakeCase;

use crate::ir::{Index, Param, Segment};

/// How close two descriptions must be (word-level, 0..=1) for an unexplained removed + added pair to count as a rename.
pub const RENAME_SIMILARITY: f64 = 0.9;

/// Why a removed + added pair is taken for the same parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RenameEvidence {
    /// The names are equal ignoring case (`DataDisk.n.Size` → `DataDisk.N.Size`, `KMSKeyId` → `KmsKeyId`).
    Spelling,
    /// Same type and shape, descriptions this similar.
    Description(f64),
}

/// An old parameter and the new parameter it became.
#[derive(Debug, Clone, Copy)]
pub struct Pair<'a> {
    pub old: &'a Param,
    pub new: &'a Param,
    pub renamed: Option<RenameEvidence>,
}

/// The old and new parameter lists, paired.
#[derive(Debug, Default)]
pub struct Pairing<'a> {
    /// In new-table order.
    pub pairs: Vec<Pair<'a>>,
    pub removed: Vec<&'a Param>,
    pub added: Vec<&'a Param>,
}

/// Pairs by exact wire name first (in table order, so duplicated rows pair up one to one), then
/// looks for renames among the leftovers, best evidence first.
pub fn pair_params<'a>(old: &'a [Param], new: &'a [Param]) -> Pairing<'a> {
    let mut old_taken = vec![false; old.len()];
    let mut partner: Vec<Option<(usize, Option<RenameEvidence>)>> = vec![None; new.len()];
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| !old_taken[i] && old[i].wire_name == n.wire_name) {
            old_taken[i] = true;
            partner[j] = Some((i, None));
        }
    }

    let mut candidates: Vec<(f64, usize, usize, RenameEvidence)> = Vec::new();
    for (i, o) in old.iter().enumerate().filter(|(i, _)| !old_taken[*i]) {
        for (j, n) in new.iter().enumerate().filter(|(j, _)| partner[*j].is_none()) {
            if let Some(evidence) = rename_evidence(o, n) {
                let score = match evidence {
                    RenameEvidence::Spelling => 2.0,
                    RenameEvidence::Description(s) => s,
                };
                candidates.push((score, i, j, evidence));
            }
        }
    }
    // Highest score first; ties keep table order.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j, evidence) in candidates {
        if !old_taken[i] && partner[j].is_none() {
            old_taken[i] = true;
            partner[j] = Some((i, Some(evidence)));
        }
    }

    let mut pairing = Pairing::default();
    for (j, n) in new.iter().enumerate() {
        match partner[j] {
            Some((i, renamed)) => pairing.pairs.push(Pair { old: &old[i], new: n, renamed }),
            None => pairing.added.push(n),
        }
    }
    pairing.removed = old.iter().enumerate().filter(|(i, _)| !old_taken[*i]).map(|(_, p)| p).collect();
    pairing
}

fn rename_evidence(old: &Param, new: &Param) -> Option<RenameEvidence> {
    if old.wire_name.eq_ignore_ascii_case(&new.wire_name) {
        return Some(RenameEvidence::Spelling);
    }
    let same_shape = shape(&wire_segments(&old.wire_name)) == shape(&wire_segments(&new.wire_name));
    if old.ty != new.ty || !same_shape {
        return None;
    }
    let score = similarity(&old.description.plain, &new.description.plain);
    (score >= RENAME_SIMILARITY).then_some(RenameEvidence::Description(score))
}

/// The segments of a wire name as the service sees them: `DataDisk.n.Size` and `DataDisk.N.Size`
/// both read `[DataDisk(each), Size]`.
pub fn wire_segments(wire_name: &str) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    for part in wire_name.split('.') {
        let index = match part {
            "N" | "n" => Some(Index::Each),
            _ => part.parse::<u32>().ok().map(Index::Literal),
        };
        match (index, segments.last_mut()) {
            (Some(index), Some(last)) if last.index == Index::None => last.index = index,
            _ => segments.push(Segment { name: part.to_owned(), index: Index::None }),
        }
    }
    segments
}

/// The generated Rust field path of a wire name (`data_disk.size`), as heck spells it.
pub fn rust_field_path(wire_name: &str) -> Vec<String> {
    wire_segments(wire_name).iter().map(|s| s.name.to_snake_case()).collect()
}

fn shape(segments: &[Segment]) -> Vec<Index> {
    segments.iter().map(|s| s.index).collect()
}

/// Word-level similarity of two texts in 0..=1: twice the longest common word subsequence over
/// the total word count. Empty or one-word texts are never similar (too little evidence).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for wa in &a {
        let mut diagonal = 0;
        for (j, wb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if wa == wb { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    2.0 * row[b.len()] as f64 / (a.len() + b.len()) as f64
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whitespace-insensitive equality of two texts (a reflowed paragraph is not an edit).
pub fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_ir::param;
    use crate::ir::ScalarType;

    #[test]
    fn exact_names_pair_first_and_duplicates_pair_one_to_one() {
        let old = [param("A", ScalarType::String, "x y"), param("A", ScalarType::String, "x y")];
        let new = [param("A", ScalarType::String, "x y")];
        let p = pair_params(&old, &new);
        assert_eq!(p.pairs.len(), 1);
        assert!(p.pairs[0].renamed.is_none());
        assert_eq!(p.removed.len(), 1);
    }

    #[test]
    fn respelled_index_is_a_rename() {
        let old = [param("DataDisk.n.Size", ScalarType::Integer, "size one")];
        let new = [param("DataDisk.N.Size", ScalarType::Integer, "something else entirely")];
        let p = pair_params(&old, &new);
        assert_eq!(p.pairs.len(), 1);
        assert_eq!(p.pairs[0].renamed, Some(RenameEvidence::Spelling));
    }

    #[test]
    fn near_identical_description_with_same_type_is_a_rename() {
        let desc = "The ID of the dedicated host cluster in which to create the instance after it is set";
        let old = [param("DedicatedClusterId", ScalarType::String, desc)];
        let new = [param("HostClusterId", ScalarType::String, &format!("{desc}."))];
        let p = pair_params(&old, &new);
        assert!(matches!(p.pairs[0].renamed, Some(RenameEvidence::Description(_))));
        // A different type is never a rename, however similar the text.
        let new = [param("HostClusterId", ScalarType::Integer, desc)];
        let p = pair_params(&old, &new);
        assert!(p.pairs.is_empty());
        assert_eq!((p.removed.len(), p.added.len()), (1, 1));
    }

    #[test]
    fn different_descriptions_are_not_a_rename() {
        let old = [param("Foo", ScalarType::String, "The name of the instance to create here")];
        let new = [param("Bar", ScalarType::String, "The description of the disk to attach now")];
        let p = pair_params(&old, &new);
        assert!(p.pairs.is_empty());
    }

    #[test]
    fn wire_segments_read_indices() {
        let s = wire_segments("NetworkInterface.n.SecurityGroupIds.N");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].name.as_str(), s[0].index), ("NetworkInterface", Index::Each));
        assert_eq!((s[1].name.as_str(), s[1].index), ("SecurityGroupIds", Index::Each));
        assert_eq!(wire_segments("Filter.1.Key")[0].index, Index::Literal(1));
        assert_eq!(rust_field_path("DataDisk.N.KMSKeyId"), rust_field_path("DataDisk.n.KmsKeyId"));
    }

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity("a b c", "a b c"), 1.0);
        assert_eq!(similarity("", "a b"), 0.0);
        assert!(similarity("the size of the disk", "the size of a disk") >= 0.79);
        assert!(same_text("a  b\nc", " a b c "));
    }
}
