//! Where settings come from: the process environment, or a fixed map (tests, embedded use).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The region variable, read once when a [`Config`](crate::config::Config) is built from the environment.
pub const REGION_VAR: &str = "ALIBABA_CLOUD_REGION_ID";

/// A source of environment variables: the process's own, or a fixed set.
///
/// Everything the runtime reads from the environment (region, credentials, profile paths, `HOME`)
/// goes through one of these, so a test can give a temporary `HOME` without touching the process.
#[derive(Clone, Debug, Default)]
pub struct Env {
    fixed: Option<Arc<BTreeMap<String, String>>>,
}

impl Env {
    /// The process environment.
    pub fn process() -> Self {
        Env { fixed: None }
    }

    /// Exactly these variables and no others.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let map = pairs.into_iter().map(|(key, value)| (key.into(), value.into())).collect();
        Env { fixed: Some(Arc::new(map)) }
    }

    /// The variable's value; an empty value counts as unset.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.fixed {
            Some(map) => map.get(name).cloned(),
            None => std::env::var(name).ok(),
        };
        value.filter(|value| !value.is_empty())
    }

    /// Whether the variable is set to `true` (any case).
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name).is_some_and(|value| value.eq_ignore_ascii_case("true"))
    }

    /// The home folder: `HOME`, or `USERPROFILE` on Windows.
    pub fn home(&self) -> Option<PathBuf> {
        self.get("HOME").or_else(|| self.get("USERPROFILE")).map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_env_hides_the_process_and_empty_values_are_unset() {
        let env = Env::from_pairs([("HOME", "/tmp/h"), ("EMPTY", ""), ("FLAG", "TRUE")]);
        assert_eq!(env.home(), Some(PathBuf::from("/tmp/h")));
        assert_eq!(env.get("EMPTY"), None);
        assert_eq!(env.get("PATH"), None);
        assert!(env.is_true("FLAG"));
        assert!(!env.is_true("HOME"));
    }
}
