//! Reads the shape of a request parameter from its wire name (`DataDisk.N.Size`, `Filter.1.Key`).

use crate::ir::{Index, Segment};

/// Splits a wire name into segments: `N`/`n` after a name marks it repeated, a number marks a
/// literal index. Returns `None` when a part is empty or an index has no name before it.
pub fn path(wire_name: &str) -> Option<Vec<Segment>> {
    let mut path: Vec<Segment> = Vec::new();
    for part in wire_name.split('.') {
        let index = if part == "N" || part == "n" {
            Some(Index::Each)
        } else if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
            Some(Index::Literal(part.parse().ok()?))
        } else {
            None
        };
        match index {
            Some(index) => {
                let last = path.last_mut()?;
                if last.index != Index::None {
                    return None;
                }
                last.index = index;
            }
            None if part.is_empty() => return None,
            None => path.push(Segment { name: part.to_owned(), index: Index::None }),
        }
    }
    (!path.is_empty()).then_some(path)
}

/// True when every segment of `wire_name` is an identifier (ASCII letters, digits, `_`, `-`,
/// not starting with a digit) or an index.
pub fn is_identifier_path(wire_name: &str) -> bool {
    path(wire_name).is_some_and(|p| {
        p.iter().all(|s| {
            s.name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && s.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(name: &str, index: Index) -> Segment {
        Segment { name: name.into(), index }
    }

    #[test]
    fn shapes_from_names() {
        assert_eq!(path("RegionId"), Some(vec![seg("RegionId", Index::None)]));
        assert_eq!(
            path("SystemDisk.Size"),
            Some(vec![seg("SystemDisk", Index::None), seg("Size", Index::None)])
        );
        assert_eq!(
            path("DataDisk.n.Size"),
            Some(vec![seg("DataDisk", Index::Each), seg("Size", Index::None)])
        );
        assert_eq!(path("SecurityGroupIds.N"), Some(vec![seg("SecurityGroupIds", Index::Each)]));
        assert_eq!(
            path("NetworkInterface.N.SecurityGroupIds.N"),
            Some(vec![seg("NetworkInterface", Index::Each), seg("SecurityGroupIds", Index::Each)])
        );
        assert_eq!(
            path("Filter.1.Key"),
            Some(vec![seg("Filter", Index::Literal(1)), seg("Key", Index::None)])
        );
        assert_eq!(path("N.Size"), None);
        assert_eq!(path("A..B"), None);
        assert_eq!(path("A.N.N"), None);
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier_path("Tag.N.Key"));
        assert!(!is_identifier_path("User data transmission is not encrypted."));
        assert!(!is_identifier_path("Two words"));
    }
}
