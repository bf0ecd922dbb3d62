//! XML responses (`Format=XML`) read through the same lenient reader as JSON: the document becomes
//! the JSON value the service would have sent, then [`crate::json::fill`] reads it.
//!
//! The root element (`<DescribeInstancesResponse>`) is the body. An element with child elements is
//! an object whose members keep the children's order; children repeating one name are a list (the
//! Alibaba list wrapper `<Instances><Instance>…</Instance></Instances>` becomes `{"Instances":
//! {"Instance": [...]}}`, which the lenient reader unwraps as it does the JSON form); an element with
//! text only is a string (numbers and booleans are read from it as from a JSON string), and an empty
//! element `""` (absent for anything but a string). Attributes, comments and processing
//! instructions carry nothing; a DTD is refused.

use serde_json::{Map, Value};

use crate::json::{fill_xml, JsonError};
use crate::schema::{Schema, StructMut};

/// Why an XML body does not make a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlError {
    /// Not well-formed XML (the parser's message, with its line and column).
    Syntax(String),
    /// Well-formed, but not the response's shape.
    Shape(JsonError),
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlError::Syntax(message) => write!(f, "not well-formed XML: {message}"),
            XmlError::Shape(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for XmlError {}

/// The JSON value of an XML document: its root element's content.
pub fn to_json(xml: &str) -> Result<Value, XmlError> {
    let document = roxmltree::Document::parse(xml.trim_start_matches('\u{feff}'))
        .map_err(|e| XmlError::Syntax(e.to_string()))?;
    Ok(element(document.root_element()))
}

/// Reads a response of type `T` from an XML body, leniently (as [`crate::lenient_json!`] reads JSON).
pub fn from_str<T: Schema>(xml: &str) -> Result<T, XmlError> {
    let value = to_json(xml)?;
    let mut out = T::default();
    fill_xml(&mut out as &mut dyn StructMut, &value).map_err(XmlError::Shape)?;
    Ok(out)
}

fn element(node: roxmltree::Node<'_, '_>) -> Value {
    let mut children = node.children().filter(roxmltree::Node::is_element).peekable();
    if children.peek().is_none() {
        let text: String =
            node.children().filter(roxmltree::Node::is_text).filter_map(|t| t.text()).collect();
        let text = if text.trim().is_empty() { String::new() } else { text };
        return Value::String(text);
    }
    let mut members: Map<String, Value> = Map::new();
    // A name seen again makes its member a list (an element's own value is never a list).
    for child in children {
        let name = child.tag_name().name().to_owned();
        let value = element(child);
        match members.get_mut(&name) {
            None => {
                members.insert(name, value);
            }
            Some(Value::Array(items)) => items.push(value),
            Some(first) => *first = Value::Array(vec![std::mem::take(first), value]),
        }
    }
    Value::Object(members)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::to_json;

    #[test]
    fn elements_become_the_json_the_service_sends() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse>
  <RequestId>473469C7</RequestId>
  <TotalCount>2</TotalCount>
  <Instances>
    <Instance><InstanceId>i-1</InstanceId><Tags><Tag><TagKey>k</TagKey></Tag></Tags></Instance>
    <Instance><InstanceId>i-2</InstanceId><InnerIpAddress>
    </InnerIpAddress></Instance>
  </Instances>
  <Ids><Id>a</Id><Id>b</Id><Id>c</Id></Ids>
</DescribeInstancesResponse>"#;
        assert_eq!(
            to_json(xml).unwrap(),
            json!({
                "RequestId": "473469C7",
                "TotalCount": "2",
                "Instances": {"Instance": [
                    {"InstanceId": "i-1", "Tags": {"Tag": {"TagKey": "k"}}},
                    {"InstanceId": "i-2", "InnerIpAddress": ""}
                ]},
                "Ids": {"Id": ["a", "b", "c"]}
            })
        );
    }

    #[test]
    fn malformed_xml_and_dtds_are_errors() {
        assert!(to_json("<A><B></A>").is_err());
        assert!(to_json("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>").is_err());
    }
}
