//! Constant tables (`const FIELDS: &'static [Field] = &[…];`) and `rpc.rs`' match arms laid out as prettyplease lays them out, without syn.
//!
//! prettyplease turns syntax into a stream of words, breaks and boxes and lays it out with Oppen's
//! algorithm (adapted from rustc's `pp.rs`). The expressions here open only consistent boxes, which
//! break all their breaks or none, as the box's width from its start to the first break after it
//! fits the line or not. [`Stream`] is that stream, built here from a table's tokens with the
//! boxes and breaks prettyplease's expression printer opens for the kinds a table holds (paths, literals, calls, method calls, references,
//! tuples and arrays of them); [`Stream::print`] sizes and prints it as prettyplease's printer does. Anything
//! else in a table (a closure, a simple array of numbers, a generic path) returns `None`, and the
//! table goes through prettyplease. Lines written here are compared with prettyplease's under
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
    /// Of two or more elements.
    Tuple(Vec<Expr>),
}

/// One expression from all of `tokens`.
fn expr(tokens: &[TokenTree]) -> Option<Expr> {
    let (mut expr, mut rest) = match tokens {
        [TokenTree::Punct(amp), rest @ ..] if amp.as_char() == '&' => {
            return Some(Expr::Reference(Box::new(expr(rest)?)));
        }
        [TokenTree::Group(array)] if array.delimiter() == Delimiter::Bracket => {
            let elements = list(array.stream())?;
            // prettyplease lays out an array of numbers, booleans or characters another way.
            if elements.iter().all(|e| matches!(e, Expr::Word(w) if !w.starts_with('"')))
                && !elements.is_empty()
            {
                return None;
            }
            return Some(Expr::Array(elements));
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

/// A literal as a word; one ending in `.` (`1.`) is left to prettyplease, which spaces a method
/// call after it.
fn word_literal(text: &str) -> Option<Expr> {
    (!text.ends_with('.')).then(|| Expr::Word(text.to_owned()))
}

/// Comma-separated expressions (a trailing comma allowed).
fn list(stream: proc_macro2::TokenStream) -> Option<Vec<Expr>> {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut parts: Vec<&[TokenTree]> =
        tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')).collect();
    if parts.last().is_some_and(|last| last.is_empty()) {
        parts.pop();
    }
    parts.into_iter().map(expr).collect()
}

/// A token of prettyplease's printer.
#[derive(Debug)]
enum Token {
    Word(String),
    Break(Break),
    /// A consistent box (the only kind the expressions here open): all its breaks break or none.
    Begin {
        offset: isize,
    },
    End,
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
    Broken { indent: isize },
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
        self.push(Token::Begin { offset });
    }

    /// Closes a box; a box holding only a break is dropped with it (prettyplease's `scan_end`).
    fn end(&mut self) {
        if let [.., Token::Begin { .. }, Token::Break(_)] = self.tokens.as_slice() {
            self.tokens.truncate(self.tokens.len() - 2);
            return;
        }
        self.push(Token::End);
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
            Expr::Tuple(elements) => {
                self.word("(".to_owned());
                self.comma_list(elements);
                self.word(")".to_owned());
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
                Token::End => {
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
                Token::End => {
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
        let mut frames = vec![Frame::Broken { indent }];
        for (token, &size) in self.tokens.iter().zip(&sizes) {
            match token {
                Token::Begin { offset } => {
                    if size > space {
                        frames.push(Frame::Broken { indent: indent_now });
                        indent_now += offset;
                    } else {
                        frames.push(Frame::Fits);
                    }
                }
                Token::End => {
                    if let Some(Frame::Broken { indent }) = frames.pop() {
                        indent_now = indent;
                    }
                }
                Token::Break(b) => {
                    let fits = b.never || matches!(frames.last(), Some(Frame::Fits));
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
    for _ in 0..*pending {
        out.push(' ');
    }
    *pending = 0;
}
