//! Pairs old and new request parameters: same wire name, else a rename (a respelled name, or the same type and a near-identical description).

use std::collections::{BTreeSet, HashMap, VecDeque};

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

/// At most this many old parameters are compared in full with one new one: a word shared by more
/// descriptions than this is not used to find rename candidates (too common to tell them apart),
/// so pairing stays linear in the table size whatever the pages hold.
pub const CANDIDATES_PER_PARAM: usize = 64;

/// Pairs by exact wire name first (in table order, so duplicated rows pair up one to one), then
/// looks for renames among the leftovers, best evidence first. Near-linear: names are looked up in
/// maps, and descriptions are compared only with the few that share a distinctive word.
pub fn pair_params<'a>(old: &'a [Param], new: &'a [Param]) -> Pairing<'a> {
    let mut old_taken = vec![false; old.len()];
    let mut partner: Vec<Option<(usize, Option<RenameEvidence>)>> = vec![None; new.len()];
    let mut by_name: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, o) in old.iter().enumerate() {
        by_name.entry(o.wire_name.as_str()).or_default().push_back(i);
    }
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = by_name.get_mut(n.wire_name.as_str()).and_then(VecDeque::pop_front) {
            old_taken[i] = true;
            partner[j] = Some((i, None));
        }
    }

    let candidates = rename_candidates(old, new, &old_taken, &partner);
    let mut scored: Vec<(f64, usize, usize, RenameEvidence)> = candidates
        .into_iter()
        .filter_map(|(i, j)| {
            let evidence = rename_evidence(&old[i], &new[j])?;
            let score = match evidence {
                RenameEvidence::Spelling => 2.0,
                RenameEvidence::Description(s) => s,
            };
            Some((score, i, j, evidence))
        })
        .collect();
    // Highest score first; ties keep table order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j, evidence) in scored {
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

/// `(old, new)` index pairs worth comparing as a rename, among the unpaired parameters: names equal
/// ignoring case, or descriptions that share one of their rarest words (a prefix filter: two
/// descriptions similar enough must share a word among the first few of each, rarest first).
/// At most [`CANDIDATES_PER_PARAM`] old parameters per word.
fn rename_candidates(
    old: &[Param],
    new: &[Param],
    old_taken: &[bool],
    partner: &[Option<(usize, Option<RenameEvidence>)>],
) -> BTreeSet<(usize, usize)> {
    let free_old: Vec<usize> = (0..old.len()).filter(|&i| !old_taken[i]).collect();
    let free_new: Vec<usize> = (0..new.len()).filter(|&j| partner[j].is_none()).collect();
    let mut candidates = BTreeSet::new();

    let mut by_lower: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &free_old {
        by_lower.entry(old[i].wire_name.to_ascii_lowercase()).or_default().push(i);
    }
    for &j in &free_new {
        for &i in by_lower.get(&new[j].wire_name.to_ascii_lowercase()).into_iter().flatten() {
            candidates.insert((i, j));
        }
    }

    let old_words: Vec<(usize, Vec<Token>)> =
        free_old.iter().map(|&i| (i, description_words(&old[i]))).collect();
    let new_words: Vec<(usize, Vec<Token>)> =
        free_new.iter().map(|&j| (j, description_words(&new[j]))).collect();
    let mut frequency: HashMap<&Token, usize> = HashMap::new();
    for token in old_words.iter().chain(&new_words).flat_map(|(_, t)| t) {
        *frequency.entry(token).or_default() += 1;
    }
    let rarest_first = |tokens: &[Token]| -> Vec<Token> {
        let mut sorted = tokens.to_vec();
        sorted.sort_by(|a, b| frequency[a].cmp(&frequency[b]).then_with(|| a.cmp(b)));
        sorted.truncate(prefix_len(tokens.len()));
        sorted
    };
    let mut index: HashMap<Token, Vec<usize>> = HashMap::new();
    for (i, words) in &old_words {
        for token in rarest_first(words) {
            index.entry(token).or_default().push(*i);
        }
    }
    for (j, words) in &new_words {
        for token in rarest_first(words) {
            match index.get(&token) {
                Some(olds) if olds.len() <= CANDIDATES_PER_PARAM => {
                    candidates.extend(olds.iter().map(|&i| (i, *j)));
                }
                _ => {}
            }
        }
    }
    candidates
}

/// A word of a description with its occurrence number (`the#2`), so that shared tokens count a
/// word as often as both texts hold it.
type Token = (String, usize);

/// The words of a parameter's description, each numbered by its occurrence.
fn description_words(param: &Param) -> Vec<Token> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    words(&param.description.plain)
        .into_iter()
        .map(|w| {
            let n = seen.entry(w.clone()).or_default();
            *n += 1;
            (w, *n)
        })
        .collect()
}

/// How many of a description's rarest tokens must be indexed so that any description similar
/// enough ([`RENAME_SIMILARITY`]) shares one of them: `2·shared ≥ s·(a + b)` with `b ≤ a` forces
/// `shared ≥ s/(2 − s)·a`, so all but that many tokens may differ.
fn prefix_len(len: usize) -> usize {
    let must_share = (RENAME_SIMILARITY / (2.0 - RENAME_SIMILARITY) * len as f64).ceil() as usize;
    (len + 1).saturating_sub(must_share).clamp(1, len.max(1))
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

/// The generated Rust field path of a wire name (`data_disk.size`), spelled by the Rust emitter's
/// own naming ([`crate::emit::rust::names::snake`]); the emitter's request model holds the two
/// together (`emit::rust::request_model::tests::diff_field_names_are_the_emitters`).
pub fn rust_field_path(wire_name: &str) -> Vec<String> {
    wire_segments(wire_name).iter().map(|s| crate::emit::rust::names::snake(&s.name)).collect()
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

    /// How many (old, new) pairs pairing weighs as a rename when no name matches.
    fn weighed(old: &[Param], new: &[Param]) -> usize {
        rename_candidates(old, new, &vec![false; old.len()], &vec![None; new.len()]).len()
    }

    /// Every parameter renamed, all descriptions alike but for one distinctive word: each is found
    /// by that word alone, and the work grows with the table, not with its square.
    #[test]
    fn renaming_every_parameter_is_paired_in_linear_work() {
        let table = |prefix: &str, n: usize| -> Vec<Param> {
            (0..n)
                .map(|k| {
                    let desc =
                        format!("The value of setting w{k} for the instance that you create in the region");
                    param(&format!("{prefix}{k}"), ScalarType::String, &desc)
                })
                .collect()
        };
        let mut compared = Vec::new();
        for n in [500, 1000, 2000] {
            let (old, new) = (table("Old", n), table("New", n));
            let p = pair_params(&old, &new);
            assert_eq!(p.pairs.len(), n, "every rename found");
            assert!(p.pairs.iter().all(|pair| pair.old.wire_name[3..] == pair.new.wire_name[3..]));
            compared.push(weighed(&old, &new));
        }
        assert!(compared[2] <= 2 * compared[1] + 2 && compared[1] <= 2 * compared[0] + 2, "{compared:?}");
        // Identical boilerplate everywhere: too common to be evidence, and no quadratic blow-up.
        let same = |prefix: &str| -> Vec<Param> {
            (0..3000)
                .map(|k| param(&format!("{prefix}{k}"), ScalarType::String, "The same words always"))
                .collect()
        };
        let (a, b) = (same("A"), same("B"));
        assert!(weighed(&a, &b) <= 3000 * CANDIDATES_PER_PARAM, "{}", weighed(&a, &b));
    }

    /// A rename at the similarity threshold, among many parameters with the same boilerplate, is
    /// still found through the words that differ.
    #[test]
    fn a_rename_just_similar_enough_is_found_among_lookalikes() {
        let boilerplate = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";
        let mut old: Vec<Param> = (0..200)
            .map(|k| {
                param(&format!("Other{k}"), ScalarType::String, &format!("{boilerplate} x{k} y{k} z{k} q{k}"))
            })
            .collect();
        old.push(param("Before", ScalarType::String, &format!("{boilerplate} alpha beta gamma delta")));
        // 18 of 20 words shared: similarity exactly 0.9.
        let new = [param("After", ScalarType::String, &format!("{boilerplate} alpha beta omega psi"))];
        let p = pair_params(&old, &new);
        assert_eq!(p.pairs.len(), 1);
        assert_eq!(p.pairs[0].old.wire_name, "Before");
    }

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity("a b c", "a b c"), 1.0);
        assert_eq!(similarity("", "a b"), 0.0);
        assert!(similarity("the size of the disk", "the size of a disk") >= 0.79);
        assert!(same_text("a  b\nc", " a b c "));
    }
}
