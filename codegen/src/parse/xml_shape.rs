//! Reads the shape of an XML response example, with `quick-xml` reading the markup.
//!
//! The docs' XML samples are plain: an optional `<?xml …?>` prolog, comments, attributes,
//! self-closing elements, text, sometimes several top-level elements. An element that repeats
//! under one parent is a list; an element seen once is an object or a scalar, since a one-item
//! list looks the same in XML.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::json_shape::Shape;

/// The deepest element nesting read, as serde_json's default recursion limit for the JSON example:
/// a deeper example is an error (the reader and the shape built from it stay shallow).
pub const MAX_DEPTH: usize = 128;

/// One element: its name, child elements in order, and whether it holds non-blank text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub children: Vec<Element>,
    pub has_text: bool,
}

/// Reads the top-level elements of an XML document. Errors say what is malformed and where
/// (byte offset); the reader never panics.
pub fn elements(xml: &str) -> Result<Vec<Element>, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut roots = Vec::new();
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| format!("{e} (at byte {})", reader.error_position()))?;
        match event {
            Event::Start(_) if stack.len() == MAX_DEPTH => {
                return Err(format!("elements nest deeper than {MAX_DEPTH} levels at byte {at}"));
            }
            Event::Start(tag) => stack.push(element(&tag, at)?),
            Event::Empty(tag) => attach(&mut stack, &mut roots, element(&tag, at)?),
            Event::End(_) => {
                // quick-xml checks that the end tag names the open element.
                let open = stack.pop().ok_or_else(|| format!("end tag at byte {at} closes nothing"))?;
                attach(&mut stack, &mut roots, open);
            }
            Event::Text(text) => mark_text(&mut stack, !text.into_inner().trim().is_empty()),
            Event::CData(text) => mark_text(&mut stack, !text.into_inner().trim_ascii().is_empty()),
            Event::GeneralRef(_) => mark_text(&mut stack, true),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("`<{}>` is not closed", open.name));
    }
    if roots.is_empty() {
        return Err("no element".to_owned());
    }
    Ok(roots)
}

/// A new element from its start tag; its name must be one (letters, digits, `_-.:`).
fn element(tag: &BytesStart, at: u64) -> Result<Element, String> {
    let name = AsRef::<str>::as_ref(&tag.name()).to_owned();
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || "_-.:".contains(c)) {
        return Err(format!("tag at byte {at} has no valid element name"));
    }
    Ok(Element { name, children: Vec::new(), has_text: false })
}

fn mark_text(stack: &mut [Element], has_text: bool) {
    if let Some(open) = stack.last_mut() {
        open.has_text |= has_text;
    }
}

fn attach(stack: &mut [Element], roots: &mut Vec<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => roots.push(element),
    }
}

impl Shape {
    /// The shape of an XML response example: the content of its root element (the
    /// `…Response` wrapper), or an object of its top-level elements when there are several.
    pub fn from_xml_example(xml: &str) -> Result<Shape, String> {
        let roots = elements(super::examples::payload(xml))?;
        Ok(match roots.as_slice() {
            [root] if !root.children.is_empty() => element_shape(root),
            [root] => Shape::Object([(root.name.clone(), element_shape(root))].into_iter().collect()),
            _ => object(&roots),
        })
    }
}

fn element_shape(element: &Element) -> Shape {
    match (element.children.is_empty(), element.has_text) {
        (false, _) => object(&element.children),
        (true, true) => Shape::Scalar,
        (true, false) => Shape::Unknown,
    }
}

/// Children grouped by name in first-seen order; a name seen more than once is a list.
fn object(children: &[Element]) -> Shape {
    let mut members: Vec<(String, Vec<Shape>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for child in children {
        let shape = element_shape(child);
        match index.get(child.name.as_str()) {
            Some(&i) => members[i].1.push(shape),
            None => {
                index.insert(&child.name, members.len());
                members.push((child.name.clone(), vec![shape]));
            }
        }
    }
    Shape::Object(
        members
            .into_iter()
            .map(|(name, mut shapes)| {
                let shape = match shapes.len() {
                    1 => shapes.remove(0),
                    _ => Shape::Array(Box::new(shapes.into_iter().fold(Shape::Unknown, Shape::merge))),
                };
                (name, shape)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(members: Vec<(&str, Shape)>) -> Shape {
        Shape::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    #[test]
    fn prolog_comments_attributes_self_closing_and_text() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- sample -->
<DescribeXResponse xmlns="http://x/">
  <RequestId>r-1</RequestId>
  <Empty/>
  <Attr a="1>2" b='x'/>
  <Data><![CDATA[<not a tag>]]></Data>
  <Items>
    <Item><Id>1</Id></Item>
    <Item><Id>2</Id><Name>n</Name></Item>
  </Items>
  <One><Item><Id>1</Id></Item></One>
</DescribeXResponse>"#;
        let shape = Shape::from_xml_example(xml).expect("well-formed");
        let item = obj(vec![("Id", Shape::Scalar), ("Name", Shape::Scalar)]);
        assert_eq!(
            shape,
            obj(vec![
                ("RequestId", Shape::Scalar),
                ("Empty", Shape::Unknown),
                ("Attr", Shape::Unknown),
                ("Data", Shape::Scalar),
                ("Items", obj(vec![("Item", Shape::Array(Box::new(item)))])),
                ("One", obj(vec![("Item", obj(vec![("Id", Shape::Scalar)]))])),
            ])
        );
    }

    #[test]
    fn http_headers_and_several_roots() {
        let shape =
            Shape::from_xml_example("HTTP/1.1 200 OK\nContent-Type:application/xml\n\n<A>1</A>\n<B><C/></B>")
                .expect("well-formed");
        assert_eq!(shape, obj(vec![("A", Shape::Scalar), ("B", obj(vec![("C", Shape::Unknown)]))]));
        assert_eq!(Shape::from_xml_example("<Only>x</Only>"), Ok(obj(vec![("Only", Shape::Scalar)])));
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        for bad in [
            "",
            "just text",
            "<A>",
            "<A></B>",
            "</A>",
            "<A><B></A></B>",
            "<A attr=\"x>",
            "<!-- open",
            "<?xml",
            "<>",
            "< A/>",
            "<A>é<",
            "<A><![CDATA[x</A>",
        ] {
            assert!(Shape::from_xml_example(bad).is_err(), "{bad:?}");
        }
    }
}
