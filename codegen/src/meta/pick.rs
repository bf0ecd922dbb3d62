//! Chooses one value among the docs' claims: the most authoritative kind of source decides, then a
//! rule within it; every other value is kept with its first mention so it can be reported.

use std::collections::HashMap;

use crate::ir::MetaSource;

/// Where a claim is written: the page as shown in diagnostics, as recorded in the IR (below the
/// spec dir), and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub shown: String,
    pub rel: String,
    pub line: usize,
}

impl At {
    /// `file:line` as diagnostics show it.
    pub fn display(&self) -> String {
        format!("{}:{}", self.shown, self.line)
    }

    pub fn source(&self) -> MetaSource {
        MetaSource::Docs { file: self.rel.clone(), line: self.line }
    }
}

/// One claim: a value, how authoritative its kind of source is (lower is stronger) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence<T> {
    pub value: String,
    pub tier: T,
    pub at: At,
}

/// How to choose among the values of the strongest tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// The greatest value (dates: the most recent).
    Greatest,
    /// The value written most often; on a tie, the one written first.
    MostFrequent,
}

/// The chosen claim (its first mention in the strongest tier) and, for every other value, its
/// first mention and how often it is written.
#[derive(Debug)]
pub struct Picked<'a, T> {
    pub chosen: &'a Evidence<T>,
    pub others: Vec<(&'a Evidence<T>, usize)>,
}

/// Picks among `claims` (in the docs' order); `None` when there are none.
pub fn pick<T: Ord + Copy>(claims: &[Evidence<T>], within: Within) -> Option<Picked<'_, T>> {
    let best = claims.iter().map(|c| c.tier).min()?;
    // value → (first mention in the best tier, count there)
    let mut in_best: Vec<(&Evidence<T>, usize)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for c in claims.iter().filter(|c| c.tier == best) {
        match index.get(c.value.as_str()) {
            Some(&i) => in_best[i].1 += 1,
            None => {
                index.insert(&c.value, in_best.len());
                in_best.push((c, 1));
            }
        }
    }
    let chosen = match within {
        Within::Greatest => in_best.iter().max_by(|a, b| a.0.value.cmp(&b.0.value)),
        // `max_by_key` keeps the last of equals; reversed, the first written wins a tie.
        Within::MostFrequent => in_best.iter().rev().max_by_key(|(_, n)| *n),
    }
    .map(|(c, _)| *c)?;
    let mut others: Vec<(&Evidence<T>, usize)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in claims.iter().filter(|c| c.value != chosen.value) {
        match seen.get(c.value.as_str()) {
            Some(&i) => others[i].1 += 1,
            None => {
                seen.insert(&c.value, others.len());
                others.push((c, 1));
            }
        }
    }
    Some(Picked { chosen, others })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(value: &str, tier: u8, line: usize) -> Evidence<u8> {
        Evidence { value: value.into(), tier, at: At { shown: "p.md".into(), rel: "p.md".into(), line } }
    }

    #[test]
    fn the_strongest_tier_decides_and_every_other_value_is_kept_once() {
        let claims = [ev("b", 1, 1), ev("a", 0, 2), ev("b", 1, 3), ev("c", 0, 4), ev("a", 0, 5)];
        let greatest = pick(&claims, Within::Greatest).unwrap();
        assert_eq!((greatest.chosen.value.as_str(), greatest.chosen.at.line), ("c", 4));
        let others: Vec<(&str, usize, usize)> =
            greatest.others.iter().map(|(c, n)| (c.value.as_str(), c.at.line, *n)).collect();
        assert_eq!(others, [("b", 1, 2), ("a", 2, 2)]);
        let frequent = pick(&claims, Within::MostFrequent).unwrap();
        assert_eq!((frequent.chosen.value.as_str(), frequent.chosen.at.line), ("a", 2));
    }

    #[test]
    fn a_frequency_tie_goes_to_the_first_written() {
        let claims = [ev("x", 0, 1), ev("y", 0, 2)];
        assert_eq!(pick(&claims, Within::MostFrequent).unwrap().chosen.value, "x");
        assert!(pick::<u8>(&[], Within::MostFrequent).is_none());
    }
}
