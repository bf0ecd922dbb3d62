//! Numbers as the docs write them: `2,000`, `32,768`, `0.5`, `-1`, `16 KB`.

/// Parses a documented number (thousands separators allowed).
pub fn parse(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('.').replace(',', "");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses a whole non-negative count (`1`, `1,000`).
pub fn parse_count(text: &str) -> Option<u64> {
    let t = text.trim().trim_end_matches('.').replace(',', "");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Reads a size like `16 KB`, `32 KB`, `1 MB` into bytes (binary units, as the docs mean them).
pub fn parse_size(amount: &str, unit: &str) -> Option<u64> {
    let n = parse_count(amount)?;
    let factor = match unit.to_ascii_uppercase().as_str() {
        "B" | "BYTES" => 1,
        "KB" | "KIB" => 1024,
        "MB" | "MIB" => 1024 * 1024,
        _ => return None,
    };
    n.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_doc_numbers() {
        assert_eq!(parse("2,000"), Some(2000.0));
        assert_eq!(parse("32,768."), Some(32768.0));
        assert_eq!(parse("-1"), Some(-1.0));
        assert_eq!(parse("0.5"), Some(0.5));
        assert_eq!(parse("five"), None);
        assert_eq!(parse_count("1,000"), Some(1000));
        assert_eq!(parse_size("16", "KB"), Some(16384));
    }
}
