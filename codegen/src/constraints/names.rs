//! Resolves parameter names written in prose (`Ipv6Addresses.N`, `Spotpricelimit`) to real wire names.

use std::collections::{HashMap, HashSet};

/// How a name from prose maps to a parameter of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Written exactly as a wire name.
    Exact(String),
    /// Misspelled (case, plural, `.n`), but only one parameter fits.
    Corrected(String),
    /// No parameter, or several, fit.
    Unknown,
}

impl Resolved {
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Exact(n) | Self::Corrected(n) => Some(n),
            Self::Unknown => None,
        }
    }
}

/// The wire names of a page, for resolving names written in prose; each lookup takes constant
/// time (a page may name as many parameters in its prose as it has rows).
#[derive(Debug, Clone)]
pub struct Names {
    wire: HashSet<String>,
    /// Wire names by their [`loose`] form.
    by_loose: HashMap<String, Vec<String>>,
}

impl Names {
    pub fn new(wire: impl IntoIterator<Item = String>) -> Self {
        let wire: HashSet<String> = wire.into_iter().collect();
        let mut by_loose: HashMap<String, Vec<String>> = HashMap::with_capacity(wire.len());
        for name in &wire {
            by_loose.entry(loose(name)).or_default().push(name.clone());
        }
        Self { wire, by_loose }
    }

    /// Resolves `written`: exact match first, then the one wire name equal under case,
    /// `.n`/`.N` and singular/plural of each segment, or a parent group (`DataDisk.N`) of some names.
    pub fn resolve(&self, written: &str) -> Resolved {
        let written = written.trim().trim_matches('`');
        if self.wire.contains(written) {
            return Resolved::Exact(written.to_owned());
        }
        match self.by_loose.get(&loose(written)).map(Vec::as_slice) {
            Some([only]) => Resolved::Corrected(only.clone()),
            _ => Resolved::Unknown,
        }
    }
}

/// A name folded for loose comparison: lower case, each segment without a plural `s`/`es`.
fn loose(name: &str) -> String {
    name.split('.')
        .map(|seg| {
            let seg = seg.to_ascii_lowercase();
            if let Some(stem) = seg.strip_suffix("es").filter(|s| s.ends_with("ss") || s.ends_with('x')) {
                stem.to_owned()
            } else if seg.len() > 3 && seg.ends_with('s') && !seg.ends_with("ss") {
                seg[..seg.len() - 1].to_owned()
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_misspellings() {
        let names = Names::new(
            ["Ipv6Address.N", "Ipv6AddressCount", "SpotPriceLimit", "SecurityGroupIds.N"].map(String::from),
        );
        assert_eq!(names.resolve("Ipv6AddressCount"), Resolved::Exact("Ipv6AddressCount".into()));
        assert_eq!(names.resolve("Ipv6Addresses.N"), Resolved::Corrected("Ipv6Address.N".into()));
        assert_eq!(names.resolve("Spotpricelimit"), Resolved::Corrected("SpotPriceLimit".into()));
        assert_eq!(names.resolve("SecurityGroupId.n"), Resolved::Corrected("SecurityGroupIds.N".into()));
        assert_eq!(names.resolve("Bogus"), Resolved::Unknown);
    }
}
