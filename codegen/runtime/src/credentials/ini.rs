//! The INI dialect of `~/.alibabacloud/credentials.ini`: `[section]` headers, `key = value` lines,
//! `#` and `;` comment lines; keys and section names are trimmed; a later duplicate key wins.

use std::collections::BTreeMap;

/// One file: section name → (key → value).
pub type IniFile = BTreeMap<String, BTreeMap<String, String>>;

/// Parses `text`; a line that is neither a header, a pair, a comment nor blank is an error naming its line.
pub fn parse(text: &str) -> Result<IniFile, String> {
    let mut file = IniFile::new();
    let mut section: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            let name = name.trim().to_owned();
            file.entry(name.clone()).or_default();
            section = Some(name);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected `[section]` or `key = value`", index + 1));
        };
        let Some(name) = &section else {
            return Err(format!("line {}: `key = value` before any `[section]`", index + 1));
        };
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')).unwrap_or(value);
        file.entry(name.clone()).or_default().insert(key.trim().to_owned(), value.to_owned());
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sections_pairs_and_comments() {
        let file = parse(
            "# comment\n[default]\nenable = true\ntype = access_key\naccess_key_id = \"foo\"\n\n; more\n[other]\nk=v=w\n",
        )
        .expect("valid");
        assert_eq!(file["default"]["type"], "access_key");
        assert_eq!(file["default"]["access_key_id"], "foo");
        assert_eq!(file["other"]["k"], "v=w");
        assert!(parse("k = v\n").unwrap_err().contains("line 1"));
        assert!(parse("[a]\nnonsense\n").unwrap_err().contains("line 2"));
    }
}
