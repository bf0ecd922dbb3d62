//! Constant tables (`const FIELDS: &'static [Field] = &[…];`, the cross-field `CHECKS`) and `rpc.rs`' match arms laid out as prettyplease lays them out, without syn.
//!
//! prettyplease turns syntax into a stream of words, breaks and boxes and lays it out with Oppen's
//! algorithm (adapted from rustc's `pp.rs`). A consistent box breaks all its breaks or none, as
//! the box's width from its start to the first break after it fits the line or not; an
//! inconsistent one (an array of numbers, filled line by line) breaks each break whose stretch to
//! the next does not fit; a struct literal's box also breaks when it is wider than 34 columns
//! (prettyplease's `end_with_max_width`). [`Stream`] is that stream, built here from a table's
//! tokens with the boxes and breaks prettyplease's expression printer opens for the kinds a table
//! holds (paths, literals, calls, method calls, references, struct literals, tuples and arrays of
//! them); [`Stream::print`] sizes and prints it as prettyplease's printer does. Anything else in a
//! table (a closure, a generic path, `..rest` in a struct literal) returns `None`, and the table
//! goes through prettyplease. Lines written here are compared with prettyplease's under
//! [`super::render::verify_direct_printing`].

use std::fmt::Write as _;

use proc_macro2::{Delimiter, TokenTree};

/// prettyplease's `MARGIN`, `MIN_SPACE` and `INDENT`.
const MARGIN: isize = 89;
const MIN_SPACE: isize = 60;
const INDENT: isize = 4;

/// The width prettyplease gives a line that starts `indent` columns in.
pub fn space(indent: isize) -> isize {
    (MARGIN - indent).max(MIN_SPACE)
}
/// prettyplease's size of what never fits (a hard break's width).
const SIZE_INFINITY: isize = 0xffff;

/// `const NAME: Type = &[…];` (its tokens, `ty` already written as text) printed `depth` blocks in.
pub fn const_table(name: &str, ty: &str, init: &[TokenTree], depth: usize) -> Option<String> {
    let init = expr(init)?;
    let mut stream = Stream::default();
    stream.cbox(0);
    stream.word(format!("const {name}: {ty} = "));
    stream.neverbreak();
    stream.expr(&init);
    stream.word(";".to_owned());
    stream.end();
    stream.hardbreak();
    Some(stream.print(INDENT * depth as isize))
}

/// A match arm `pattern => function::<ty>(args),` printed `depth` blocks in (its `#[…]` lines
/// already written), as prettyplease's `arm` lays out a body that is not a block: on one line when
/// it fits; else in braces, the call on a line of its own one indent in, and the type argument on a
/// line of its own in turn when the call does not fit there.
pub fn turbofish_arm(
    pattern: &str,
    function: &str,
    ty: &str,
    args: proc_macro2::TokenStream,
    depth: usize,
) -> Option<String> {
    let args = list(args)?;
    let mut stream = Stream::default();
    // prettyplease's `ibox(0)`: inconsistent, but the only break directly in it never breaks.
    stream.cbox(0);
    stream.word(format!("{pattern} => "));
    stream.neverbreak();
    stream.cbox(INDENT);
    stream.push(Token::Break(Break { pre_break: Some('{'), ..Break::default() }));
    // `expr_call` of `expr_path`: the path's one segment and its angle-bracketed argument.
    stream.word(format!("{function}::<"));
    stream.cbox(INDENT);
    stream.zerobreak();
    stream.word(ty.to_owned());
    stream.trailing_comma(true);
    stream.offset(-INDENT);
    stream.end();
    stream.word(">(".to_owned());
    stream.call_args(&args);
    stream.word(")".to_owned());
    stream.push(Token::Break(Break {
        offset: -INDENT,
        post_break: Some('}'),
        no_break: Some(','),
        ..Break::default()
    }));
    stream.end();
    stream.end();
    // The `match` breaks the line after every arm.
    stream.hardbreak();
    Some(stream.print(INDENT * depth as isize))
}

/// `#[name(list)]` laid out `depth` blocks in as prettyplease's `attr_tokens` lays out a list too
/// long for its line (`#[cfg(any(feature = "a", …))]`), the line break after it included; `None`
/// unless the list holds only words, literals, `=`, commas and lists of the same.
pub fn attribute(name: &str, list: proc_macro2::TokenStream, depth: usize) -> Option<String> {
    let mut stream = Stream::default();
    stream.word(format!("#[{name}"));
    stream.attribute_list(list)?;
    stream.word("]".to_owned());
    stream.space();
    Some(stream.print(INDENT * depth as isize))
}

/// The expressions a table holds.
#[derive(Debug)]
enum Expr {
    /// A path or a literal: one word.
    Word(String),
    Call(String, Vec<Expr>),
    MethodCall(Box<Expr>, String, Vec<Expr>),
    Reference(Box<Expr>),
    Array(Vec<Expr>),
    /// An array of integers, booleans or characters (prettyplease's `simple_array`), filled line
    /// by line.
    SimpleArray(Vec<String>),
    /// Of two or more elements.
    Tuple(Vec<Expr>),
    /// `Path { field: value, … }`, without `..rest` or shorthand fields.
    Struct(String, Vec<(String, Expr)>),
}

/// One expression from all of `tokens`.
fn expr(tokens: &[TokenTree]) -> Option<Expr> {
    let (mut expr, mut rest) = match tokens {
        [TokenTree::Punct(amp), rest @ ..] if amp.as_char() == '&' => {
            return Some(Expr::Reference(Box::new(expr(rest)?)));
        }
        [TokenTree::Group(array)] if array.delimiter() == Delimiter::Bracket => {
            let tokens: Vec<TokenTree> = array.stream().into_iter().collect();
            let elements = split_elements(&tokens);
            let simple: Option<Vec<String>> = elements.iter().map(|e| simple_literal(e)).collect();
            return match simple {
                Some(words) if !words.is_empty() => Some(Expr::SimpleArray(words)),
                _ => Some(Expr::Array(elements.into_iter().map(expr).collect::<Option<_>>()?)),
            };
        }
        [TokenTree::Group(tuple)] if tuple.delimiter() == Delimiter::Parenthesis => {
            let elements = list(tuple.stream())?;
            return (elements.len() > 1).then_some(Expr::Tuple(elements));
        }
        [TokenTree::Literal(literal)] => return word_literal(&literal.to_string()),
        [TokenTree::Punct(minus), TokenTree::Literal(literal)] if minus.as_char() == '-' => {
            return word_literal(&format!("-{literal}"));
        }
        [TokenTree::Ident(first), rest @ ..] => {
            let mut path = first.to_string();
            let mut rest = rest;
            while let [TokenTree::Punct(a), TokenTree::Punct(b), TokenTree::Ident(segment), tail @ ..] = rest
            {
                if a.as_char() != ':' || b.as_char() != ':' {
                    return None;
                }
                path.push_str("::");
                let _ = write!(path, "{segment}");
                rest = tail;
            }
            match rest {
                [TokenTree::Group(args), tail @ ..] if args.delimiter() == Delimiter::Parenthesis => {
                    (Expr::Call(path, list(args.stream())?), tail)
                }
                [TokenTree::Group(fields)] if fields.delimiter() == Delimiter::Brace => {
                    return struct_literal(path, fields);
                }
                _ => (Expr::Word(path), rest),
            }
        }
        _ => return None,
    };
    while let [TokenTree::Punct(dot), TokenTree::Ident(method), TokenTree::Group(args), tail @ ..] = rest {
        if dot.as_char() != '.' || args.delimiter() != Delimiter::Parenthesis {
            return None;
        }
        expr = Expr::MethodCall(Box::new(expr), method.to_string(), list(args.stream())?);
        rest = tail;
    }
    rest.is_empty().then_some(expr)
}

/// `path { name: value, … }` with at least one field, each written `name: value`.
fn struct_literal(path: String, fields: &proc_macro2::Group) -> Option<Expr> {
    let tokens: Vec<TokenTree> = fields.stream().into_iter().collect();
    let fields = split_elements(&tokens)
        .into_iter()
        .map(|field| match field {
            [TokenTree::Ident(name), TokenTree::Punct(colon), value @ ..] if colon.as_char() == ':' => {
                Some((name.to_string(), expr(value)?))
            }
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    (!fields.is_empty()).then_some(Expr::Struct(path, fields))
}

/// An element prettyplease's `simple_array` accepts, as written: an integer, boolean, character or
/// byte literal (not a float, a string or a negative number, which is an operator and a literal).
fn simple_literal(tokens: &[TokenTree]) -> Option<String> {
    match tokens {
        [TokenTree::Ident(word)] if word == "true" || word == "false" => Some(word.to_string()),
        [TokenTree::Literal(literal)] => {
            let text = literal.to_string();
            let digits = text.find(|c: char| !(c.is_ascii_digit() || c == '_')).unwrap_or(text.len());
            let suffix = &text[digits..];
            let integer = digits > 0
                && (["0x", "0o", "0b"].iter().any(|radix| text.starts_with(radix))
                    || suffix.is_empty()
                    || [
                        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128",
                        "isize",
                    ]
                    .contains(&suffix));
            (integer || text.starts_with('\'') || text.starts_with("b'")).then_some(text)
        }
        _ => None,
    }
}

/// A literal as a word; one ending in `.` (`1.`) is left to prettyplease, which spaces a method
/// call after it.
fn word_literal(text: &str) -> Option<Expr> {
    (!text.ends_with('.')).then(|| Expr::Word(text.to_owned()))
}

/// Comma-separated expressions (a trailing comma allowed).
fn list(stream: proc_macro2::TokenStream) -> Option<Vec<Expr>> {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    list_of(&tokens)
}

fn list_of(tokens: &[TokenTree]) -> Option<Vec<Expr>> {
    split_elements(tokens).into_iter().map(expr).collect()
}

/// The comma-separated parts of `tokens`, a trailing comma dropped.
fn split_elements(tokens: &[TokenTree]) -> Vec<&[TokenTree]> {
    let mut parts: Vec<&[TokenTree]> =
        tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')).collect();
    if parts.last().is_some_and(|last| last.is_empty()) {
        parts.pop();
    }
    parts
}

/// A token of prettyplease's printer.
#[derive(Debug)]
enum Token {
    Word(String),
    Break(Break),
    /// A box: a consistent one breaks all its breaks or none; an inconsistent one (an array of
    /// numbers filled line by line) breaks each break whose next stretch does not fit.
    Begin {
        offset: isize,
        consistent: bool,
    },
    /// The end of a box; with a width, prettyplease's `end_with_max_width`: the box breaks when
    /// it is wider than that, whether or not it fits the line.
    End {
        max_width: Option<isize>,
    },
}

#[derive(Debug, Default, Clone, Copy)]
struct Break {
    offset: isize,
    blank: isize,
    /// Written before the line ends, when it breaks.
    pre_break: Option<char>,
    /// Written first on the next line, when it breaks.
    post_break: Option<char>,
    /// Written in its place, when it does not break.
    no_break: Option<char>,
    never: bool,
}

/// A box in the printing pass: fitting on its line, or broken (with the indent to go back to).
#[derive(Clone, Copy)]
enum Frame {
    Fits,
    Broken { indent: isize, consistent: bool },
}

/// Words, breaks and boxes, as prettyplease's printer is fed them.
#[derive(Debug, Default)]
struct Stream {
    tokens: Vec<Token>,
}

impl Stream {
    fn push(&mut self, token: Token) {
        self.tokens.push(token);
    }

    fn word(&mut self, word: String) {
        self.push(Token::Word(word));
    }

    fn cbox(&mut self, offset: isize) {
        self.push(Token::Begin { offset, consistent: true });
    }

    fn ibox(&mut self, offset: isize) {
        self.push(Token::Begin { offset, consistent: false });
    }

    /// Closes a box; a box holding only a break is dropped with it (prettyplease's `scan_end`).
    fn end(&mut self) {
        self.end_with(None);
    }

    fn end_with(&mut self, max_width: Option<isize>) {
        if let [.., Token::Begin { .. }, Token::Break(_)] = self.tokens.as_slice() {
            self.tokens.truncate(self.tokens.len() - 2);
            return;
        }
        self.push(Token::End { max_width });
    }

    /// A break that never breaks (it still ends the width of the box before it).
    fn neverbreak(&mut self) {
        self.push(Token::Break(Break { never: true, ..Break::default() }));
    }

    /// A break no line fits across: it always breaks.
    fn hardbreak(&mut self) {
        self.push(Token::Break(Break { blank: SIZE_INFINITY, ..Break::default() }));
    }

    fn zerobreak(&mut self) {
        self.push(Token::Break(Break::default()));
    }

    fn space(&mut self) {
        self.push(Token::Break(Break { blank: 1, ..Break::default() }));
    }

    /// prettyplease's `trailing_comma_or_space`: as [`Self::trailing_comma`], but a space after
    /// the last when it does not break.
    fn trailing_comma_or_space(&mut self, last: bool) {
        if last {
            self.push(Token::Break(Break { blank: 1, pre_break: Some(','), ..Break::default() }));
        } else {
            self.word(",".to_owned());
            self.space();
        }
    }

    /// prettyplease's `trailing_comma`: `,` and a space between items, a break that writes `,`
    /// only when it breaks after the last.
    fn trailing_comma(&mut self, last: bool) {
        if last {
            self.push(Token::Break(Break { pre_break: Some(','), ..Break::default() }));
        } else {
            self.word(",".to_owned());
            self.space();
        }
    }

    /// prettyplease's `offset`: moves the indent of the break just pushed.
    fn offset(&mut self, offset: isize) {
        if let Some(Token::Break(b)) = self.tokens.last_mut() {
            b.offset += offset;
        }
    }

    /// prettyplease's `expr` for the kinds [`Expr`] holds (its `expr_path`, `expr_lit`,
    /// `expr_reference`, `expr_array`, `expr_call`, `expr_method_call`).
    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Word(word) => self.word(word.clone()),
            Expr::Reference(inner) => {
                self.word("&".to_owned());
                self.expr(inner);
            }
            Expr::Array(elements) if elements.is_empty() => self.word("[]".to_owned()),
            Expr::Array(elements) => {
                self.word("[".to_owned());
                self.comma_list(elements);
                self.word("]".to_owned());
            }
            Expr::SimpleArray(elements) => {
                // prettyplease's `expr_array` of a `simple_array`.
                self.cbox(INDENT);
                self.word("[".to_owned());
                self.zerobreak();
                self.ibox(0);
                for (i, element) in elements.iter().enumerate() {
                    self.word(element.clone());
                    if i + 1 < elements.len() {
                        self.word(",".to_owned());
                        self.space();
                    }
                }
                self.end();
                self.trailing_comma(true);
                self.offset(-INDENT);
                self.word("]".to_owned());
                self.end();
            }
            Expr::Tuple(elements) => {
                self.word("(".to_owned());
                self.comma_list(elements);
                self.word(")".to_owned());
            }
            Expr::Struct(path, fields) => {
                // prettyplease's `expr_struct` (its `ibox` around the path holds no break) and
                // `field_value`.
                self.cbox(INDENT);
                self.word(format!("{path} {{"));
                self.space();
                for (i, (name, value)) in fields.iter().enumerate() {
                    self.word(format!("{name}: "));
                    self.ibox(0);
                    self.expr(value);
                    self.end();
                    self.trailing_comma_or_space(i + 1 == fields.len());
                }
                self.offset(-INDENT);
                self.end_with(Some(34));
                self.word("}".to_owned());
            }
            Expr::Call(function, args) => {
                self.word(function.clone());
                self.word("(".to_owned());
                self.call_args(args);
                self.word(")".to_owned());
            }
            Expr::MethodCall(..) => {
                self.cbox(INDENT);
                self.method_chain(expr);
                self.end();
            }
        }
    }

    /// prettyplease's `prefix_subexpr_method_call`: the receiver, a break, `.name(args)`.
    fn method_chain(&mut self, expr: &Expr) {
        let Expr::MethodCall(receiver, method, args) = expr else {
            self.expr(expr);
            return;
        };
        self.method_chain(receiver);
        self.zerobreak();
        self.word(format!(".{method}"));
        self.cbox(0);
        self.word("(".to_owned());
        self.call_args(args);
        self.word(")".to_owned());
        self.end();
    }

    /// prettyplease's `call_args`: a lone array argument as it is, else a consistent box one indent in.
    fn call_args(&mut self, args: &[Expr]) {
        if let [arg @ Expr::Array(_)] = args {
            self.expr(arg);
            return;
        }
        self.comma_list(args);
    }

    /// Items in a consistent box one indent in, comma-separated, a trailing comma when it breaks
    /// (how prettyplease lays out an array's elements and a call's arguments alike).
    fn comma_list(&mut self, items: &[Expr]) {
        self.cbox(INDENT);
        self.zerobreak();
        for (i, item) in items.iter().enumerate() {
            self.expr(item);
            self.trailing_comma(i + 1 == items.len());
        }
        self.offset(-INDENT);
        self.end();
    }

    /// prettyplease's `attr_tokens` for a parenthesised list: a consistent box one indent in, a
    /// space after a comma and between two words, ` = ` around `=`, the trailing comma written only
    /// when the box breaks.
    fn attribute_list(&mut self, list: proc_macro2::TokenStream) -> Option<()> {
        #[derive(PartialEq)]
        enum State {
            Word,
            Punct,
            TrailingComma,
        }
        self.word("(".to_owned());
        self.cbox(INDENT);
        self.zerobreak();
        let tokens: Vec<TokenTree> = list.into_iter().collect();
        let mut state = State::Punct;
        for (i, token) in tokens.iter().enumerate() {
            match token {
                TokenTree::Ident(_) | TokenTree::Literal(_) => {
                    if state == State::Word {
                        self.space();
                    }
                    self.word(token.to_string());
                    state = State::Word;
                }
                TokenTree::Punct(p) if p.as_char() == ',' && i + 1 == tokens.len() => {
                    self.trailing_comma(true);
                    state = State::TrailingComma;
                }
                TokenTree::Punct(p) if p.as_char() == ',' => {
                    self.word(",".to_owned());
                    self.space();
                    state = State::Punct;
                }
                TokenTree::Punct(p) if p.as_char() == '=' => {
                    self.word(if state == State::Word { " = " } else { "= " }.to_owned());
                    state = State::Punct;
                }
                TokenTree::Group(inner) if inner.delimiter() == Delimiter::Parenthesis => {
                    self.attribute_list(inner.stream())?;
                    state = State::Punct;
                }
                _ => return None,
            }
        }
        if state != State::TrailingComma {
            self.zerobreak();
        }
        self.offset(-INDENT);
        self.end();
        self.word(")".to_owned());
        Some(())
    }

    /// The sizes prettyplease's scan gives each token: a word its length; a box the width from its
    /// start to the first break after its end; a break the width to the next break at its level or
    /// an outer one (its blank included).
    fn sizes(&self) -> Vec<isize> {
        let mut sizes = vec![0; self.tokens.len()];
        let mut stack: Vec<usize> = Vec::new();
        let mut right_total: isize = 1;
        for (i, token) in self.tokens.iter().enumerate() {
            match token {
                Token::Begin { .. } => {
                    if stack.is_empty() {
                        right_total = 1;
                    }
                    sizes[i] = -right_total;
                    stack.push(i);
                }
                // An end's size is never read; it stands on the stack to count the depth.
                Token::End { max_width } => {
                    if let Some(max) = *max_width {
                        right_total += self.overflow(&stack, &sizes, right_total, max);
                    }
                    if !stack.is_empty() {
                        stack.push(i);
                    }
                }
                Token::Break(b) => {
                    if stack.is_empty() {
                        right_total = 1;
                    } else {
                        self.check_stack(&mut stack, &mut sizes, right_total);
                    }
                    sizes[i] = -right_total;
                    stack.push(i);
                    right_total += b.blank;
                }
                Token::Word(word) => {
                    sizes[i] = word.len() as isize;
                    right_total += word.len() as isize;
                }
            }
        }
        self.check_stack(&mut stack, &mut sizes, right_total);
        for size in &mut sizes {
            if *size < 0 {
                *size = SIZE_INFINITY;
            }
        }
        sizes
    }

    /// prettyplease's `end_with_max_width`: the width of an empty word it adds (infinite) when the
    /// box closing now, its size not settled yet, is wider than `max`; else 0.
    fn overflow(&self, stack: &[usize], sizes: &[isize], right_total: isize, max: isize) -> isize {
        let mut depth = 1;
        for &index in stack.iter().rev() {
            match self.tokens[index] {
                Token::Begin { .. } => {
                    depth -= 1;
                    if depth == 0 {
                        let width = sizes[index] + right_total;
                        return if sizes[index] < 0 && width > max { SIZE_INFINITY } else { 0 };
                    }
                }
                Token::End { .. } => depth += 1,
                Token::Break(_) | Token::Word(_) => {}
            }
        }
        0
    }

    /// prettyplease's `check_stack(0)`: settles the sizes a new break (or the end) decides.
    fn check_stack(&self, stack: &mut Vec<usize>, sizes: &mut [isize], right_total: isize) {
        let mut depth = 0usize;
        while let Some(&index) = stack.last() {
            match self.tokens[index] {
                Token::Begin { .. } => {
                    if depth == 0 {
                        break;
                    }
                    stack.pop();
                    sizes[index] += right_total;
                    depth -= 1;
                }
                Token::End { .. } => {
                    stack.pop();
                    depth += 1;
                }
                Token::Break(_) => {
                    stack.pop();
                    sizes[index] += right_total;
                    if depth == 0 {
                        break;
                    }
                }
                Token::Word(_) => unreachable!("words are never on the scan stack"),
            }
        }
    }

    /// The text, starting on a fresh line `indent` columns in, inside a broken consistent block
    /// (an impl's or a module's body).
    fn print(&self, indent: isize) -> String {
        let sizes = self.sizes();
        let mut out = String::new();
        let mut indent_now = indent;
        let mut space = space(indent);
        let mut pending = indent;
        let mut frames = vec![Frame::Broken { indent, consistent: true }];
        for (token, &size) in self.tokens.iter().zip(&sizes) {
            match token {
                Token::Begin { offset, consistent } => {
                    if size > space {
                        frames.push(Frame::Broken { indent: indent_now, consistent: *consistent });
                        indent_now += offset;
                    } else {
                        frames.push(Frame::Fits);
                    }
                }
                Token::End { .. } => {
                    if let Some(Frame::Broken { indent, .. }) = frames.pop() {
                        indent_now = indent;
                    }
                }
                Token::Break(b) => {
                    let fits = b.never
                        || match frames.last() {
                            Some(Frame::Fits) => true,
                            None => false,
                            Some(Frame::Broken { consistent, .. }) => !consistent && size <= space,
                        };
                    if fits {
                        pending += b.blank;
                        space -= b.blank;
                        // prettyplease writes it before the blanks still owed.
                        if let Some(no_break) = b.no_break {
                            out.push(no_break);
                            space -= 1;
                        }
                    } else {
                        if let Some(pre) = b.pre_break {
                            push_spaces(&mut out, &mut pending);
                            out.push(pre);
                        }
                        out.push('\n');
                        let indent = indent_now + b.offset;
                        pending = indent;
                        space = self::space(indent);
                        if let Some(post) = b.post_break {
                            push_spaces(&mut out, &mut pending);
                            out.push(post);
                            space -= 1;
                        }
                    }
                }
                Token::Word(word) => {
                    push_spaces(&mut out, &mut pending);
                    out.push_str(word);
                    space -= word.len() as isize;
                }
            }
        }
        out
    }
}

/// Writes the indentation and blanks still owed before a word.
fn push_spaces(out: &mut String, pending: &mut isize) {
    push_blanks(out, usize::try_from(*pending).unwrap_or(0));
    *pending = 0;
}

/// Writes `n` spaces, at once from one string of them when they fit in it.
pub(super) fn push_blanks(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                                                                                ";
    match SPACES.get(..n) {
        Some(spaces) => out.push_str(spaces),
        None => out.extend(std::iter::repeat_n(' ', n)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn blanks_of_any_count() {
        for n in [0, 1, 4, 127, 128, 129, 300] {
            let mut out = String::from("x");
            super::push_blanks(&mut out, n);
            assert_eq!(out, format!("x{}", " ".repeat(n)));
        }
    }
}
