//! Names of generated files from doc names: bounded in length, and distinct on case-insensitive file systems.
//!
//! A doc name can be as long as the page makes it (a 300-character `Action` is an operation name
//! like any other), and two names can differ only in letter case (`DescribeUserData`,
//! `DescribeUserdata`), which macOS and Windows file systems do not tell apart. A name longer than
//! the bound is cut at [`MAX_STEM`] bytes less ten and ends with `_` and eight hex digits of a hash
//! of the whole name, so that two long names sharing a prefix stay apart; every file stem of one
//! folder is claimed through one [`StemNamer`], which compares them without case and gives a
//! later twin the first free `_2`, `_3`, … suffix.

use std::collections::HashSet;

/// The longest file stem, and Rust module name, made from a doc name, in bytes (a suffix for a
/// twin may add a few more): far below the 255 bytes file systems allow, and short enough for
/// Windows paths.
pub const MAX_STEM: usize = 64;

/// `name` when it is at most `max` bytes long, else its longest prefix of at most `max - 10`
/// bytes (cut at a character boundary), then `_` and eight hex digits of a hash of the whole.
pub fn bounded(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let mut cut = max.saturating_sub(10);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let prefix = name[..cut].trim_end_matches('_');
    format!("{prefix}_{:08x}", fnv1a(name) as u32)
}

/// The 64-bit FNV-1a hash: stable across platforms and releases, unlike `std`'s hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

/// Hands out file stems unique within one folder, up to letter case.
#[derive(Debug, Default, Clone)]
pub struct StemNamer {
    taken: HashSet<String>,
}

impl StemNamer {
    /// The stem for `name`: [`bounded`] to [`MAX_STEM`], with the first free `_N` suffix when a
    /// stem equal up to case was claimed before.
    pub fn claim(&mut self, name: &str) -> String {
        let base = bounded(name, MAX_STEM);
        if self.taken.insert(base.to_lowercase()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}_{n}"))
            .find(|candidate| self.taken.insert(candidate.to_lowercase()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_with_a_hash_of_the_whole() {
        assert_eq!(bounded("RunInstances", MAX_STEM), "RunInstances");
        let a = format!("{}A", "x".repeat(300));
        let b = format!("{}B", "x".repeat(300));
        let (ca, cb) = (bounded(&a, MAX_STEM), bounded(&b, MAX_STEM));
        assert!(ca.len() <= MAX_STEM && cb.len() <= MAX_STEM, "{ca}");
        assert_ne!(ca, cb);
        assert_eq!(ca, bounded(&a, MAX_STEM), "deterministic");
        assert!(ca.starts_with(&"x".repeat(MAX_STEM - 10)));
        let wide = "中".repeat(100);
        assert!(bounded(&wide, MAX_STEM).len() <= MAX_STEM);
    }

    #[test]
    fn twins_up_to_case_get_suffixes() {
        let mut namer = StemNamer::default();
        let stems: Vec<String> =
            ["DescribeUserData", "DescribeUserdata", "describeuserdata", "DescribeUserdata_2"]
                .iter()
                .map(|n| namer.claim(n))
                .collect();
        assert_eq!(
            stems,
            ["DescribeUserData", "DescribeUserdata_2", "describeuserdata_3", "DescribeUserdata_2_2"]
        );
        let lower: HashSet<String> = stems.iter().map(|s| s.to_lowercase()).collect();
        assert_eq!(lower.len(), stems.len());
    }
}
