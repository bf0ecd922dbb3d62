//! A region ID (`cn-hangzhou`), checked to be a plain DNS label before it can pick a host.

use std::fmt;

use crate::error::{ConfigError, Error};

/// A region ID: lower-case ASCII letters and digits in dash-separated groups (`cn-hangzhou`,
/// `ap-southeast-1`), at most 63 characters, so it is always one DNS label. Anything else
/// (`evil.example/`, `cn-hangzhou.attacker.com#`, `a@b`) is refused: a region picks the host a
/// signed request goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(String);

impl Region {
    /// Checks and wraps a region ID.
    pub fn new(id: impl Into<String>) -> Result<Self, InvalidRegion> {
        let id = id.into();
        let well_formed = !id.is_empty()
            && id.len() <= 63
            && id.split('-').all(|group| {
                !group.is_empty() && group.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if well_formed {
            Ok(Region(id))
        } else {
            Err(InvalidRegion(id))
        }
    }

    /// The ID as sent (`RegionId=cn-hangzhou`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Region {
    type Err = InvalidRegion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Region::new(s)
    }
}

/// A string that is not a region ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRegion(pub String);

impl fmt::Display for InvalidRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a region ID (lower-case letters and digits in dash-separated groups, like `cn-hangzhou`)",
            crate::error::truncated(&self.0, 80)
        )
    }
}

impl std::error::Error for InvalidRegion {}

/// An unset `RegionId` becomes the client's region (as the official SDKs add it); a set one must be
/// a region ID and, when the client has a region, that region.
pub(crate) fn fill_region<E>(
    pairs: &mut Vec<(String, String)>,
    client: Option<&Region>,
) -> Result<(), Error<E>> {
    let named =
        pairs.iter().find(|(key, value)| key == "RegionId" && !value.is_empty()).map(|(_, v)| v.clone());
    match (named, client) {
        (Some(named), client) => {
            Region::new(named.as_str())
                .map_err(|error| Error::Config(ConfigError::InvalidRequestRegion(error)))?;
            match client {
                Some(region) if region.as_str() != named => {
                    Err(Error::RegionMismatch { client: region.to_string(), request: named })
                }
                _ => Ok(()),
            }
        }
        (None, Some(region)) => {
            set_pair(pairs, "RegionId", region.to_string());
            Ok(())
        }
        (None, None) => Ok(()),
    }
}

/// Replaces every pair named `key` with one `key=value`.
pub(crate) fn set_pair(pairs: &mut Vec<(String, String)>, key: &str, value: String) {
    pairs.retain(|(name, _)| name != key);
    pairs.push((key.to_owned(), value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::ErrorBody;

    #[test]
    fn plain_labels_pass_and_anything_that_could_change_the_host_fails() {
        for good in ["cn-hangzhou", "ap-southeast-1", "us-east-1", "cn-shanghai-finance-1"] {
            assert_eq!(Region::new(good).expect(good).as_str(), good);
        }
        for bad in [
            "",
            "evil.example/",
            "cn-hangzhou.attacker.com#",
            "a@b",
            "cn-hangzhou/",
            "CN-HANGZHOU",
            "cn--hangzhou",
            "-cn",
            "cn-",
            "cn hangzhou",
            "cn-hangzhou:443",
            "xn--p1ai.",
            &"a".repeat(64),
        ] {
            assert!(Region::new(bad).is_err(), "{bad:?} accepted");
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn region_is_filled_checked_and_never_silently_changed() {
        let hangzhou = Region::new("cn-hangzhou").expect("region");
        let mut unset = pairs(&[("Action", "X")]);
        fill_region::<ErrorBody>(&mut unset, Some(&hangzhou)).expect("filled");
        assert_eq!(unset, pairs(&[("Action", "X"), ("RegionId", "cn-hangzhou")]));
        let mut empty = pairs(&[("RegionId", "")]);
        fill_region::<ErrorBody>(&mut empty, Some(&hangzhou)).expect("filled");
        assert_eq!(empty, pairs(&[("RegionId", "cn-hangzhou")]));
        let mut other = pairs(&[("RegionId", "cn-beijing")]);
        let error = fill_region::<ErrorBody>(&mut other, Some(&hangzhou)).expect_err("mismatch");
        assert!(
            matches!(&error, Error::RegionMismatch { client, request } if client == "cn-hangzhou" && request == "cn-beijing")
        );
        assert!(error.to_string().contains("names region `cn-beijing` but the client is for `cn-hangzhou`"));
        let mut evil = pairs(&[("RegionId", "evil.example/")]);
        assert!(matches!(fill_region::<ErrorBody>(&mut evil, None), Err(Error::Config(_))));
    }
}
