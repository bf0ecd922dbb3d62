//! The pieces whose printing prettyplease decides by a few rules, written from their tokens without a syn parse.
//!
//! Most printed pieces are small and of a few shapes: a struct field (`pub name: Option<Vec<T>>,`),
//! a unit variant, a type alias, `use` items, a module declaration, a block's head (`#[derive(…)]`
//! lines and `pub struct Name {`), a macro call (`crate::runtime::accessors!(value 0 a, 1 b;);`)
//! and a constant table ([`layout`]). Printing each through syn and prettyplease costs a parse and a
//! printer per piece; here they are written token by token with prettyplease's spacing: a line
//! only when it fits the margin, where prettyplease breaks nothing (every box it opens is shorter
//! than the line); a macro call's tokens filled as its inconsistent box breaks them; a table by
//! prettyplease's own sizing. Any other shape returns `None` and goes through prettyplease. Under
//! [`super::render::verify_direct_printing`] each piece written here is also printed by prettyplease
//! and must be the same; `tests/direct_printing.rs` runs that way over six products.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::layout;
use super::render::BlockKind;

/// The lines (indent and newlines included) prettyplease prints for `tokens`, one member standing
/// `depth` blocks in, the innermost of kind `within`; `None` when the shape is not one of this
/// module's or a line would not fit.
pub fn members(tokens: &[TokenTree], within: Option<BlockKind>, depth: usize) -> Option<String> {
    // A one-line member is written after its indent, in the string that is its line.
    let indent = 4 * depth;
    let mut text = String::with_capacity(indent + 64);
    super::layout::push_blanks(&mut text, indent);
    match within {
        Some(BlockKind::Struct) => field(tokens, &mut text)?,
        Some(BlockKind::Enum) => {
            unit_variant(tokens, &mut text).or_else(|| tuple_variant(tokens, &mut text))?
        }
        Some(BlockKind::Match) => return turbofish_arm(tokens, depth),
        Some(BlockKind::Fn) => return None,
        None | Some(BlockKind::Module | BlockKind::Impl) => {
            if let Some(lines) = macro_call(tokens, depth)
                .or_else(|| module_declaration(tokens, depth))
                .or_else(|| use_items(tokens, depth))
                .or_else(|| constructor(tokens, depth))
            {
                return Some(lines);
            }
            if type_alias(tokens, &mut text).is_none() {
                return const_item(tokens, depth);
            }
            if !fits(text.len() - indent, depth) {
                return broken_type_alias(&text[indent..], depth);
            }
        }
    }
    fits(text.len() - indent, depth).then(|| {
        text.push('\n');
        text
    })
}

/// The lines prettyplease prints for a block's head before an empty body: `impl Trait for Type {}`
/// without attributes, or `pub struct Name {}` (`enum`, `mod`) after attributes of words, literals
/// and parentheses (`#[derive(Clone, Default)]`, `#[cfg(feature = "a")]`), each on a line.
pub fn block_head(head: &TokenStream, kind: BlockKind, depth: usize) -> Option<String> {
    let tokens: Vec<TokenTree> = head.clone().into_iter().collect();
    let keyword = match kind {
        BlockKind::Impl => return impl_head(&tokens, depth),
        BlockKind::Struct => "struct",
        BlockKind::Enum => "enum",
        BlockKind::Module => "mod",
        BlockKind::Fn | BlockKind::Match => return None,
    };
    declaration(&tokens, keyword, " {}", depth)
}

/// `#[attribute]` lines, then `[pub] keyword name` and `end` on a line (a block head's ` {}`, a
/// module declaration's `;`).
fn declaration(tokens: &[TokenTree], keyword: &str, end: &str, depth: usize) -> Option<String> {
    let mut out = String::new();
    let rest = attribute_lines(tokens, depth, &mut out)?;
    let mut text = String::new();
    let rest = visibility(rest, &mut text);
    let [TokenTree::Ident(word), TokenTree::Ident(name)] = rest else { return None };
    if word != keyword {
        return None;
    }
    let _ = write!(text, "{keyword} {name}{end}");
    push_line(&mut out, &text, depth)?;
    Some(out)
}

/// The leading `#[attribute]` lines of `tokens`, a line each (or, too long for one, broken as
/// [`layout::attribute`] breaks it); returns the tokens after them.
fn attribute_lines<'a>(
    mut tokens: &'a [TokenTree],
    depth: usize,
    out: &mut String,
) -> Option<&'a [TokenTree]> {
    while let [TokenTree::Punct(pound), TokenTree::Group(attribute), tail @ ..] = tokens {
        if pound.as_char() != '#' || attribute.delimiter() != Delimiter::Bracket {
            return None;
        }
        let attribute: Vec<TokenTree> = attribute.stream().into_iter().collect();
        let mut text = String::from("#[");
        outer_attribute(&attribute, &mut text)?;
        text.push(']');
        if push_line(out, &text, depth).is_none() {
            // Too long for its line: prettyplease breaks the attribute's lists.
            let [TokenTree::Ident(name), TokenTree::Group(list)] = attribute.as_slice() else { return None };
            out.push_str(&layout::attribute(&name.to_string(), list.stream(), depth)?);
        }
        tokens = tail;
    }
    Some(tokens)
}

/// `#[attribute]` lines and `[pub] mod name;`.
fn module_declaration(tokens: &[TokenTree], depth: usize) -> Option<String> {
    let [head @ .., TokenTree::Punct(semi)] = tokens else { return None };
    if semi.as_char() != ';' {
        return None;
    }
    declaration(head, "mod", ";", depth)
}

/// An attribute's contents as prettyplease prints them on one line (its `attr_tokens`): a path,
/// then a parenthesised list of words, literals, `=` and `,` (a space after a comma, around `=`).
/// Doc attributes are written by the caller, never here.
fn outer_attribute(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    let [TokenTree::Ident(name), rest @ ..] = tokens else { return None };
    if name == "doc" {
        return None;
    }
    let _ = write!(out, "{name}");
    match rest {
        [] => Some(()),
        [TokenTree::Group(list)] if list.delimiter() == Delimiter::Parenthesis => {
            out.push('(');
            attribute_list(list.stream(), out)?;
            out.push(')');
            Some(())
        }
        _ => None,
    }
}

/// The inside of an attribute's parentheses, nested lists included.
fn attribute_list(stream: TokenStream, out: &mut String) -> Option<()> {
    let mut after_word = false;
    let mut tokens = stream.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                if after_word {
                    out.push(' ');
                }
                let _ = write!(out, "{token}");
                after_word = true;
            }
            TokenTree::Punct(p) if p.as_char() == ',' && p.spacing() == Spacing::Alone => {
                // A trailing comma prints only when the list breaks.
                if tokens.peek().is_some() {
                    out.push_str(", ");
                }
                after_word = false;
            }
            TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Alone => {
                out.push_str(if after_word { " = " } else { "= " });
                after_word = false;
            }
            TokenTree::Group(list) if list.delimiter() == Delimiter::Parenthesis => {
                out.push('(');
                attribute_list(list.stream(), out)?;
                out.push(')');
                after_word = false;
            }
            _ => return None,
        }
    }
    Some(())
}

/// `impl Trait for Type {}` or `impl Type {}`.
fn impl_head(tokens: &[TokenTree], depth: usize) -> Option<String> {
    let [TokenTree::Ident(keyword), rest @ ..] = tokens else { return None };
    if keyword != "impl" {
        return None;
    }
    let mut text = String::from("impl ");
    let rest = path_type(rest, &mut text)?;
    match rest {
        [] => {}
        [TokenTree::Ident(word), self_type @ ..] if word == "for" => {
            text.push_str(" for ");
            if !path_type(self_type, &mut text)?.is_empty() {
                return None;
            }
        }
        _ => return None,
    }
    text.push_str(" {}");
    line(&text, depth)
}

/// A request's constructor (`#[inline] pub fn builder(a: impl Into<String>) -> Builder {
/// crate::RequestBuilder(Self { a: Some(a.into()), ..<Self as Default>::default() }) }`): its
/// attributes a line each; the signature on a line when it fits, else an argument a line; then
/// its [`call_body`].
fn constructor(tokens: &[TokenTree], depth: usize) -> Option<String> {
    let mut out = String::new();
    let rest = attribute_lines(tokens, depth, &mut out)?;
    let mut head = String::new();
    let rest = visibility(rest, &mut head);
    let [TokenTree::Ident(keyword), TokenTree::Ident(name), TokenTree::Group(args), TokenTree::Punct(dash), TokenTree::Punct(arrow), rest @ ..] =
        rest
    else {
        return None;
    };
    if keyword != "fn"
        || args.delimiter() != Delimiter::Parenthesis
        || dash.as_char() != '-'
        || arrow.as_char() != '>'
    {
        return None;
    }
    let [output @ .., TokenTree::Group(body)] = rest else { return None };
    let mut returned = String::new();
    if !path_type(output, &mut returned)?.is_empty() || body.delimiter() != Delimiter::Brace {
        return None;
    }
    let args: Vec<TokenTree> = args.stream().into_iter().collect();
    let args = split_list(&args)
        .into_iter()
        .map(|arg| {
            let [TokenTree::Ident(arg), TokenTree::Punct(colon), ty @ ..] = arg else { return None };
            let mut text = format!("{arg}: ");
            (colon.as_char() == ':' && arg_type(ty, &mut text)?.is_empty()).then_some(text)
        })
        .collect::<Option<Vec<String>>>()?;
    let signature = format!("{head}fn {name}({}) -> {returned} {{", args.join(", "));
    match line(&signature, depth) {
        Some(signature) => out.push_str(&signature),
        // An empty argument list does not break: the line runs over the margin.
        None if args.is_empty() => return None,
        None => {
            push_line(&mut out, &format!("{head}fn {name}("), depth)?;
            for arg in &args {
                push_line(&mut out, &format!("{arg},"), depth + 1)?;
            }
            push_line(&mut out, &format!(") -> {returned} {{"), depth)?;
        }
    }
    out.push_str(&call_body(body, depth + 1)?);
    push_line(&mut out, "}", depth)?;
    Some(out)
}

/// A body that is one call (`crate::RequestBuilder(Self { … })`, `crate::RequestBuilder(<Self as
/// Default>::default())`, `<Self as Default>::default()`) or one struct literal (`Self { … }`: a
/// group struct's `new` with its required members), `depth` blocks in: on a line when it fits,
/// else the struct literal a field a line.
fn call_body(body: &proc_macro2::Group, depth: usize) -> Option<String> {
    let body: Vec<TokenTree> = body.stream().into_iter().collect();
    // `<Self as Default>::default()`: a group struct's `new`.
    if matches!(body.first(), Some(TokenTree::Punct(open)) if open.as_char() == '<') {
        let mut text = String::new();
        expression(&body, &mut text)?;
        return line(&text, depth);
    }
    if let [TokenTree::Ident(ty), TokenTree::Group(fields)] = body.as_slice() {
        return (fields.delimiter() == Delimiter::Brace).then(|| struct_literal("", ty, fields, depth))?;
    }
    let [call @ .., TokenTree::Group(init)] = body.as_slice() else { return None };
    let mut callee = String::new();
    if !path_type(call, &mut callee)?.is_empty() || init.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let init: Vec<TokenTree> = init.stream().into_iter().collect();
    match init.as_slice() {
        [TokenTree::Ident(ty), TokenTree::Group(fields)] if fields.delimiter() == Delimiter::Brace => {
            struct_literal(&callee, ty, fields, depth)
        }
        value => {
            let mut text = format!("{callee}(");
            expression(value, &mut text)?;
            text.push(')');
            line(&text, depth)
        }
    }
}

/// `ty { fields }`, or `callee(ty { fields })` when `callee` is not empty, `depth` blocks in.
fn struct_literal(
    callee: &str,
    ty: &proc_macro2::Ident,
    fields: &proc_macro2::Group,
    depth: usize,
) -> Option<String> {
    let fields: Vec<TokenTree> = fields.stream().into_iter().collect();
    let fields = split_list(&fields).into_iter().map(field_value).collect::<Option<Vec<String>>>()?;
    let (open, close) = if callee.is_empty() { (String::new(), "") } else { (format!("{callee}("), ")") };
    // prettyplease keeps a struct literal on one line only when it is at most 34 columns wide
    // before its closing brace (`end_with_max_width(34)`), and the line fits.
    let literal = format!("{ty} {{ {} }}", fields.join(", "));
    if let Some(whole) = line(&format!("{open}{literal}{close}"), depth).filter(|_| literal.len() <= 35) {
        return Some(whole);
    }
    let mut out = line(&format!("{open}{ty} {{"), depth)?;
    for field in &fields {
        // The base (`..<Self as Default>::default()`) takes no comma after it.
        let comma = if field.starts_with("..") { "" } else { "," };
        push_line(&mut out, &format!("{field}{comma}"), depth + 1)?;
    }
    push_line(&mut out, &format!("}}{close}"), depth)?;
    Some(out)
}

/// A struct literal's `name: value`, or its base (`..<Self as Default>::default()`).
fn field_value(tokens: &[TokenTree]) -> Option<String> {
    let mut text = String::new();
    let value = match tokens {
        [TokenTree::Ident(name), TokenTree::Punct(colon), value @ ..] => {
            if colon.as_char() != ':' || colon.spacing() != Spacing::Alone {
                return None;
            }
            let _ = write!(text, "{name}: ");
            value
        }
        base => base,
    };
    expression(value, &mut text)?;
    Some(text)
}

/// `tokens` split at their commas outside angle brackets (a trailing comma ends the last part).
fn split_list(tokens: &[TokenTree]) -> Vec<&[TokenTree]> {
    let mut parts = Vec::new();
    let (mut start, mut angles) = (0, 0usize);
    for (i, token) in tokens.iter().enumerate() {
        let TokenTree::Punct(p) = token else { continue };
        match p.as_char() {
            '<' => angles += 1,
            '>' => angles = angles.saturating_sub(1),
            ',' if angles == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < tokens.len() {
        parts.push(&tokens[start..]);
    }
    parts
}

/// An argument's type: a path type, or `impl Trait` (`impl IntoIterator<Item = impl Into<String>>`);
/// returns the tokens after it.
fn arg_type<'a>(tokens: &'a [TokenTree], out: &mut String) -> Option<&'a [TokenTree]> {
    match tokens {
        [TokenTree::Ident(word), rest @ ..] if word == "impl" => {
            out.push_str("impl ");
            path_type(rest, out)
        }
        _ => path_type(tokens, out),
    }
}

/// Paths, method calls and parenthesised arguments, spaced as prettyplease spaces them
/// (`Some(name.into())`, `name.into_iter().map(Into::into).collect()`, `..<Self as Default>::default()`).
fn expression(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    let mut after_word = false;
    let mut tokens = tokens;
    while let [token, rest @ ..] = tokens {
        tokens = rest;
        match token {
            TokenTree::Ident(word) => {
                if after_word {
                    out.push(' ');
                }
                let _ = write!(out, "{word}");
                after_word = true;
                continue;
            }
            TokenTree::Punct(p) => match p.as_char() {
                ':' => {
                    let [TokenTree::Punct(second), rest @ ..] = tokens else { return None };
                    if p.spacing() != Spacing::Joint || second.as_char() != ':' {
                        return None;
                    }
                    out.push_str("::");
                    tokens = rest;
                }
                '.' | '<' | '>' => out.push(p.as_char()),
                ',' => out.push_str(", "),
                _ => return None,
            },
            TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis => {
                out.push('(');
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                expression(&inner, out)?;
                out.push(')');
            }
            _ => return None,
        }
        after_word = false;
    }
    Some(())
}

/// `text` indented `depth` blocks as one line, when it fits prettyplease's margin there.
fn line(text: &str, depth: usize) -> Option<String> {
    let mut out = String::with_capacity(4 * depth + text.len() + 1);
    push_line(&mut out, text, depth)?;
    Some(out)
}

/// [`line`], written at the end of `out`.
fn push_line(out: &mut String, text: &str, depth: usize) -> Option<()> {
    if !fits(text.len(), depth) {
        return None;
    }
    let indent = 4 * depth;
    out.reserve(indent + text.len() + 1);
    super::layout::push_blanks(out, indent);
    out.push_str(text);
    out.push('\n');
    Some(())
}

/// Whether a line of `width` columns after its indent fits prettyplease's margin `depth` blocks in.
fn fits(width: usize, depth: usize) -> bool {
    width <= space(4 * depth)
}

/// The width prettyplease gives a line indented `indent` columns.
fn space(indent: usize) -> usize {
    layout::space(indent as isize) as usize
}

/// `[pub] use a::b::Name;` and `[pub] use a::b::{Name, Other};` items, a line each.
fn use_items(mut tokens: &[TokenTree], depth: usize) -> Option<String> {
    let mut out = String::new();
    while !tokens.is_empty() {
        let mut text = String::new();
        tokens = visibility(tokens, &mut text);
        let [TokenTree::Ident(keyword), tail @ ..] = tokens else { return None };
        if keyword != "use" {
            return None;
        }
        text.push_str("use ");
        tokens = tail;
        loop {
            match tokens {
                [TokenTree::Ident(name), tail @ ..] => {
                    let _ = write!(text, "{name}");
                    tokens = tail;
                }
                // prettyplease writes a group of one name without its braces.
                [TokenTree::Group(group), tail @ ..] if group.delimiter() == Delimiter::Brace => {
                    let names: Vec<TokenTree> = group.stream().into_iter().collect();
                    let names = names
                        .split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                        .filter(|name| !name.is_empty())
                        .map(|name| match name {
                            [TokenTree::Ident(name)] if name != "self" => Some(name.to_string()),
                            _ => None,
                        })
                        .collect::<Option<Vec<String>>>()?;
                    match names.as_slice() {
                        [] => return None,
                        [one] => text.push_str(one),
                        many => {
                            let _ = write!(text, "{{{}}}", many.join(", "));
                        }
                    }
                    tokens = tail;
                }
                _ => return None,
            }
            match path_separator(tokens) {
                Some(rest) => {
                    text.push_str("::");
                    tokens = rest;
                }
                None => break,
            }
        }
        let [TokenTree::Punct(semi), tail @ ..] = tokens else { return None };
        if semi.as_char() != ';' {
            return None;
        }
        text.push(';');
        push_line(&mut out, &text, depth)?;
        tokens = tail;
    }
    (!out.is_empty()).then_some(out)
}

/// `[pub] type Name = Path<Args>;`.
fn type_alias(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    let rest = visibility(tokens, out);
    let [TokenTree::Ident(keyword), TokenTree::Ident(name), TokenTree::Punct(eq), ty @ .., TokenTree::Punct(semi)] =
        rest
    else {
        return None;
    };
    if keyword != "type" || eq.as_char() != '=' || semi.as_char() != ';' {
        return None;
    }
    let _ = write!(out, "type {name} = ");
    path_type(ty, out)?.is_empty().then(|| out.push(';'))
}

/// A type alias too long for its line, of a type with one generic argument (`pub type
/// NameError = ServiceError<NameErrorCode>;`), as prettyplease breaks it: the argument on a line of
/// its own, one indent in, with a trailing comma.
fn broken_type_alias(alias: &str, depth: usize) -> Option<String> {
    let (head, rest) = alias.split_once('<')?;
    let argument = rest.strip_suffix(">;")?;
    if argument.contains(['<', '>', ',']) {
        return None;
    }
    let mut out = line(&format!("{head}<"), depth)?;
    push_line(&mut out, &format!("{argument},"), depth + 1)?;
    push_line(&mut out, ">;", depth)?;
    Some(out)
}

/// `const NAME: Type = expression;` at the head of a table (`const FIELDS: &'static [Field] = &[…]`),
/// laid out by [`layout`].
fn const_item(tokens: &[TokenTree], depth: usize) -> Option<String> {
    let [TokenTree::Ident(keyword), TokenTree::Ident(name), TokenTree::Punct(colon), rest @ ..] = tokens
    else {
        return None;
    };
    if keyword != "const" || colon.as_char() != ':' {
        return None;
    }
    let eq = rest.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '='))?;
    let [init @ .., TokenTree::Punct(semi)] = &rest[eq + 1..] else { return None };
    if semi.as_char() != ';' {
        return None;
    }
    let mut ty = String::new();
    if !reference_type(&rest[..eq], &mut ty)?.is_empty() {
        return None;
    }
    // A tuple type is a box prettyplease may break; it does not when the head fits its line.
    if ty.contains('(') && !fits(format!("const {name}: {ty} = ").len(), depth) {
        return None;
    }
    layout::const_table(&name.to_string(), &ty, init, depth)
}

/// `(A, B)` of two or more [`reference_type`]s.
fn tuple_type(tuple: &proc_macro2::Group, out: &mut String) -> Option<()> {
    let tokens: Vec<TokenTree> = tuple.stream().into_iter().collect();
    let elements = split_list(&tokens);
    if elements.len() < 2 || elements.iter().any(|e| e.is_empty()) {
        return None;
    }
    out.push('(');
    for (i, element) in elements.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if !reference_type(element, out)?.is_empty() {
            return None;
        }
    }
    out.push(')');
    Some(())
}

/// `&'a [T]` (`T` a path or a tuple of types), `&T` or a path type; returns the tokens after it.
fn reference_type<'a>(tokens: &'a [TokenTree], out: &mut String) -> Option<&'a [TokenTree]> {
    let [TokenTree::Punct(amp), rest @ ..] = tokens else { return path_type(tokens, out) };
    if amp.as_char() != '&' {
        return None;
    }
    out.push('&');
    let mut rest = rest;
    if let [TokenTree::Punct(tick), TokenTree::Ident(lifetime), tail @ ..] = rest {
        if tick.as_char() != '\'' {
            return None;
        }
        out.push('\'');
        let _ = write!(out, "{lifetime}");
        out.push(' ');
        rest = tail;
    }
    match rest {
        [TokenTree::Group(slice), tail @ ..] if slice.delimiter() == Delimiter::Bracket => {
            let inner: Vec<TokenTree> = slice.stream().into_iter().collect();
            out.push('[');
            match inner.as_slice() {
                [TokenTree::Group(tuple)] if tuple.delimiter() == Delimiter::Parenthesis => {
                    tuple_type(tuple, out)?
                }
                _ if path_type(&inner, out)?.is_empty() => {}
                _ => return None,
            }
            out.push(']');
            Some(tail)
        }
        _ => path_type(rest, out),
    }
}

/// The tokens after a leading `pub`, written to `out` when there is one.
fn visibility<'a>(tokens: &'a [TokenTree], out: &mut String) -> &'a [TokenTree] {
    match tokens {
        [TokenTree::Ident(vis), rest @ ..] if vis == "pub" => {
            out.push_str("pub ");
            rest
        }
        _ => tokens,
    }
}

/// `[pub] name: Type,`.
fn field(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    let rest = visibility(tokens, out);
    let [TokenTree::Ident(name), TokenTree::Punct(colon), ty @ .., TokenTree::Punct(comma)] = rest else {
        return None;
    };
    if colon.as_char() != ':' || colon.spacing() != Spacing::Alone || comma.as_char() != ',' {
        return None;
    }
    let _ = write!(out, "{name}");
    out.push_str(": ");
    let rest = path_type(ty, out)?;
    rest.is_empty().then(|| out.push(','))
}

/// A path type with angle-bracketed type arguments (`crate::shared::Tag`, `Option<Vec<String>>`,
/// `BTreeMap<String, String>`, `IntoIterator<Item = impl Into<String>>`); returns the tokens after it.
fn path_type<'a>(mut tokens: &'a [TokenTree], out: &mut String) -> Option<&'a [TokenTree]> {
    if let Some(rest) = path_separator(tokens) {
        out.push_str("::");
        tokens = rest;
    }
    loop {
        let [TokenTree::Ident(segment), rest @ ..] = tokens else { return None };
        let start = out.len();
        let _ = write!(out, "{segment}");
        let segment = &out[start..];
        if is_keyword(segment) && !matches!(segment, "crate" | "super" | "self") {
            return None;
        }
        tokens = rest;
        if let [TokenTree::Punct(open), rest @ ..] = tokens {
            if open.as_char() == '<' {
                tokens = type_arguments(rest, out)?;
            }
        }
        match path_separator(tokens) {
            Some(rest) => {
                out.push_str("::");
                tokens = rest;
            }
            None => return Some(tokens),
        }
    }
}

/// A path segment's type arguments after their `<`, each a type ([`arg_type`]) that may bind an
/// associated type (`Item = String`), written with the brackets; returns the tokens after the `>`.
fn type_arguments<'a>(mut tokens: &'a [TokenTree], out: &mut String) -> Option<&'a [TokenTree]> {
    out.push('<');
    loop {
        if let [TokenTree::Ident(binding), TokenTree::Punct(equals), rest @ ..] = tokens {
            if equals.as_char() == '=' && equals.spacing() == Spacing::Alone {
                let _ = write!(out, "{binding} = ");
                tokens = rest;
            }
        }
        tokens = arg_type(tokens, out)?;
        match tokens {
            [TokenTree::Punct(p), rest @ ..] if p.as_char() == ',' => {
                out.push_str(", ");
                tokens = rest;
            }
            [TokenTree::Punct(p), rest @ ..] if p.as_char() == '>' => {
                out.push('>');
                return Some(rest);
            }
            _ => return None,
        }
    }
}

/// The tokens after a leading `::`, if there is one.
fn path_separator(tokens: &[TokenTree]) -> Option<&[TokenTree]> {
    match tokens {
        [TokenTree::Punct(a), TokenTree::Punct(b), rest @ ..]
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':' =>
        {
            Some(rest)
        }
        _ => None,
    }
}

/// `Name,`.
fn unit_variant(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    let [TokenTree::Ident(name), TokenTree::Punct(comma)] = tokens else { return None };
    if comma.as_char() != ',' {
        return None;
    }
    let _ = write!(out, "{name}");
    out.push(',');
    Some(())
}

/// A match arm calling a function with one type argument, after `#[…]` lines: `"Name" =>
/// run::<path::Type>(a, &b),` (`examples/rpc.rs`' arms), laid out by [`layout::turbofish_arm`]
/// (which reads the arguments as it reads a table's expressions).
fn turbofish_arm(tokens: &[TokenTree], depth: usize) -> Option<String> {
    let mut out = String::new();
    let rest = attribute_lines(tokens, depth, &mut out)?;
    let [TokenTree::Literal(pattern), TokenTree::Punct(eq), TokenTree::Punct(arrow), TokenTree::Ident(function), rest @ ..] =
        rest
    else {
        return None;
    };
    let pattern = pattern.to_string();
    if !pattern.starts_with('"')
        || eq.as_char() != '='
        || eq.spacing() != Spacing::Joint
        || arrow.as_char() != '>'
    {
        return None;
    }
    let rest = path_separator(rest)?;
    let [TokenTree::Punct(open), rest @ ..] = rest else { return None };
    if open.as_char() != '<' {
        return None;
    }
    let mut ty = String::new();
    let [TokenTree::Punct(close), TokenTree::Group(args), TokenTree::Punct(comma)] =
        path_type(rest, &mut ty)?
    else {
        return None;
    };
    if close.as_char() != '>' || args.delimiter() != Delimiter::Parenthesis || comma.as_char() != ',' {
        return None;
    }
    out.push_str(&layout::turbofish_arm(&pattern, &function.to_string(), &ty, args.stream(), depth)?);
    Some(out)
}

/// `Name(Type),` of one path type (a value enum's `Unknown(UnknownValue<Self>),`).
fn tuple_variant(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    let [TokenTree::Ident(name), TokenTree::Group(fields), TokenTree::Punct(comma)] = tokens else {
        return None;
    };
    if fields.delimiter() != Delimiter::Parenthesis || comma.as_char() != ',' {
        return None;
    }
    let fields: Vec<TokenTree> = fields.stream().into_iter().collect();
    let _ = write!(out, "{name}(");
    path_type(&fields, out)?.is_empty().then(|| out.push_str("),"))
}

/// `path!(tokens);` whose tokens are identifiers, literals, commas, semicolons, macro calls and
/// parenthesised groups of the same: on one line when it fits; else the tokens on lines of their own, one indent
/// in, filled (prettyplease's `mac`: the tokens stand in an inconsistent box, so a space between
/// two of them breaks only when the next run of unspaced tokens does not fit the line), and `);`
/// on a line after them.
fn macro_call(tokens: &[TokenTree], depth: usize) -> Option<String> {
    let [path @ .., TokenTree::Punct(bang), TokenTree::Group(body), TokenTree::Punct(semi)] = tokens else {
        return None;
    };
    if bang.as_char() != '!' || body.delimiter() != Delimiter::Parenthesis || semi.as_char() != ';' {
        return None;
    }
    let mut head = String::new();
    if !path_type(path, &mut head)?.is_empty() || head.contains('<') {
        return None;
    }
    head.push_str("!(");
    let mut runs = Vec::new();
    macro_tokens(body.stream(), &mut runs)?;
    let body = runs.join(" ");
    if let Some(one_line) = line(&format!("{head}{body});"), depth) {
        return Some(one_line);
    }
    let mut out = line(&head, depth)?;
    let space = space(4 * (depth + 1));
    if runs.iter().any(|run| run.len() > space) {
        return None;
    }
    let mut current = String::new();
    for run in &runs {
        if current.is_empty() {
            current.push_str(run);
        } else if space - current.len() > run.len() {
            current.push(' ');
            current.push_str(run);
        } else {
            push_line(&mut out, &current, depth + 1)?;
            current.clear();
            current.push_str(run);
        }
    }
    push_line(&mut out, &current, depth + 1)?;
    push_line(&mut out, ");", depth)?;
    Some(out)
}

/// A macro's tokens with prettyplease's spacing (its `macro_rules_tokens`, for the tokens this
/// module accepts: a space before an identifier or literal, none before `,` or `;`, none between an
/// identifier and the parenthesis that follows it, nor around the `!` of a macro call in them:
/// `include_str!("a.json")`), as runs of tokens between those spaces, where
/// prettyplease may break the line.
fn macro_tokens(stream: TokenStream, runs: &mut Vec<String>) -> Option<()> {
    #[derive(PartialEq)]
    enum State {
        Start,
        Ident,
        /// After `name!`: a macro call's parentheses follow without a space.
        IdentBang,
        Other,
    }
    let mut state = State::Start;
    // A word's text, written for each token but a group into the one buffer.
    let mut word = String::new();
    for token in stream {
        word.clear();
        if !matches!(token, TokenTree::Group(_)) {
            let _ = write!(word, "{token}");
        }
        let (needs_space, next) = match &token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis => {
                (!matches!(state, State::Ident | State::IdentBang), State::Other)
            }
            TokenTree::Punct(p)
                if p.as_char() == '!' && p.spacing() == Spacing::Alone && state == State::Ident =>
            {
                (false, State::IdentBang)
            }
            _ if state == State::IdentBang => return None,
            TokenTree::Ident(_) if is_keyword(&word) => (true, State::Other),
            TokenTree::Ident(_) => (true, State::Ident),
            TokenTree::Literal(_) if !word.ends_with('.') => (true, State::Ident),
            TokenTree::Punct(p) if matches!(p.as_char(), ',' | ';') && p.spacing() == Spacing::Alone => {
                (false, State::Other)
            }
            _ => return None,
        };
        if (needs_space && state != State::Start) || runs.is_empty() {
            runs.push(String::new());
        }
        let run = runs.last_mut()?;
        match token {
            TokenTree::Group(group) => {
                run.push('(');
                let mut inner = Vec::new();
                macro_tokens(group.stream(), &mut inner)?;
                let mut inner = inner.into_iter();
                runs.last_mut()?.push_str(&inner.next().unwrap_or_default());
                runs.extend(inner);
                runs.last_mut()?.push(')');
            }
            _ => run.push_str(&word),
        }
        state = next;
    }
    Some(())
}

/// prettyplease's list of keywords, which it spaces as punctuation in a macro's tokens.
fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}
