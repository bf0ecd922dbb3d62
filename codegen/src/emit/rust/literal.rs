//! String literal tokens as proc-macro2 makes them, without escaping what needs no escape.
//!
//! `Literal::string` escapes a string a character at a time through `char::escape_debug`: a few
//! microseconds for a rule's doc sentence, and a first `gen` makes 23,000 such literals. A string of
//! printable ASCII holding no `"` or `\` escapes to itself, so its literal is lexed from the text
//! between quotes instead (about a sixth of the time); the token is the same.

use proc_macro2::Literal;

/// `text` as a string literal: the token `Literal::string(text)` makes.
pub fn string(text: &str) -> Literal {
    let plain = text.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    if plain {
        let mut quoted = String::with_capacity(text.len() + 2);
        quoted.push('"');
        quoted.push_str(text);
        quoted.push('"');
        if let Ok(literal) = quoted.parse() {
            return literal;
        }
    }
    Literal::string(text)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Any text, plain or not (quotes, backslashes, controls, other scripts), makes the token
        /// proc-macro2 makes.
        #[test]
        fn makes_what_proc_macro2_makes(text in "[ -~]{0,60}|.{0,40}") {
            prop_assert_eq!(super::string(&text).to_string(), proc_macro2::Literal::string(&text).to_string());
        }
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(super::string(r#"a "b" \c 'd'"#).to_string(), r#""a \"b\" \\c 'd'""#);
    }
}
