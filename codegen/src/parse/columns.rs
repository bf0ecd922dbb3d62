//! Maps a table's header cells to column roles by their words, never by position.

use super::inline::plain;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Name,
    Type,
    Required,
    Example,
    Position,
    Description,
    Status,
    Code,
    Message,
}

/// Column indexes by role; `None` when the table has no such column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub name: Option<usize>,
    pub ty: Option<usize>,
    pub required: Option<usize>,
    pub example: Option<usize>,
    pub position: Option<usize>,
    pub description: Option<usize>,
    pub status: Option<usize>,
    pub code: Option<usize>,
    pub message: Option<usize>,
    /// Header cells no role matched, with their index.
    pub unknown: Vec<(usize, String)>,
    /// The number of header cells.
    pub width: usize,
}

/// What kind of table a header describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Name plus type, required flag or description: request or response parameters.
    Params,
    /// An error code plus a status or message.
    Errors,
    Unknown,
}

/// Reads one header cell's role.
pub fn role_of(header: &str) -> Option<Role> {
    let words: String = plain(header).to_ascii_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    // A header is a few words: a window compare costs less than `str::contains`'s searcher set-up.
    let has = |w: &str| words.as_bytes().windows(w.len()).any(|window| window == w.as_bytes());
    if words.starts_with("validvalue") {
        // `Valid value of Field`: a column of some parameter's values (CDN
        // `DescribeDomainUsageData`'s table of billable items), not of names or types.
        return None;
    }
    Some(if has("http") || has("status") {
        Role::Status
    } else if has("mess") || has("mesa") || has("msg") || (has("err") && has("info")) {
        Role::Message
    } else if has("code") || words == "error" {
        Role::Code
    } else if has("desc")
        || has("mean")
        || has("semantic")
        || has("remark")
        || has("comment")
        || has("detail")
        || has("note")
    {
        Role::Description
    } else if has("requir") || has("mandatory") || has("optional") {
        Role::Required
    } else if has("exam") || has("sample") {
        Role::Example
    } else if has("position") || has("location") || words == "in" {
        Role::Position
    } else if has("type") {
        Role::Type
    } else if has("name") || has("param") || has("field") || has("key") {
        Role::Name
    } else {
        return None;
    })
}

impl Columns {
    /// Maps every header cell; the first cell of a role wins, later ones count as unknown. One
    /// exception: an error table with no message column and two description columns
    /// (`Error code|Description|HTTP status code|Semantics`, the domain product's pages, whose
    /// `Description` cells read `Parameter illegal.` and `Semantics` cells `Parameter error.`)
    /// gives the error's message in the first and what it means in the second.
    pub fn from_header(header: &[String]) -> Self {
        let mut c = Columns { width: header.len(), ..Self::default() };
        for (i, cell) in header.iter().enumerate() {
            let slot = match role_of(cell) {
                Some(Role::Name) => &mut c.name,
                Some(Role::Type) => &mut c.ty,
                Some(Role::Required) => &mut c.required,
                Some(Role::Example) => &mut c.example,
                Some(Role::Position) => &mut c.position,
                Some(Role::Description) => &mut c.description,
                Some(Role::Status) => &mut c.status,
                Some(Role::Code) => &mut c.code,
                Some(Role::Message) => &mut c.message,
                None => {
                    c.unknown.push((i, cell.clone()));
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(i);
            } else {
                c.unknown.push((i, cell.clone()));
            }
        }
        if c.code.is_some() && c.message.is_none() {
            let second_description =
                c.unknown.iter().position(|(_, cell)| role_of(cell) == Some(Role::Description));
            if let Some(at) = second_description {
                c.message = c.description;
                c.description = Some(c.unknown.remove(at).0);
            }
        }
        c
    }

    pub fn kind(&self) -> TableKind {
        if self.code.is_some() && (self.status.is_some() || self.message.is_some()) {
            TableKind::Errors
        } else if self.name.is_some()
            && (self.ty.is_some() || self.required.is_some() || self.description.is_some())
        {
            TableKind::Params
        } else {
            TableKind::Unknown
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(header: &[&str]) -> Columns {
        Columns::from_header(&header.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn request_headers_in_every_variant() {
        for h in [
            &["Name", "Type", "Required?", "Example", "Description"][..],
            &["Parameter", "Type", "Required", "Example value", "Description"],
            &["Parameter name", "Position", "Type", "Required", "Example", "Meaning"],
        ] {
            let c = cols(h);
            assert_eq!(c.kind(), TableKind::Params, "{h:?}");
            assert_eq!(c.name, Some(0));
            assert!(c.ty.is_some() && c.required.is_some() && c.example.is_some());
            assert!(c.unknown.is_empty(), "{h:?}: {:?}", c.unknown);
        }
        assert_eq!(cols(&["Parameter name", "Position"]).position, Some(1));
        // A table of values, each column some parameter's: no parameter table.
        let c = cols(&[
            "Billable item",
            "Valid value of DataProtocol",
            "Valid value of Type",
            "Valid value of Field",
        ]);
        assert_eq!((c.name, c.ty, c.kind()), (None, None, TableKind::Unknown));
    }

    #[test]
    fn error_headers_in_any_order() {
        let c = cols(&["Error code", "Error message", "HTTP status code ", "Description"]);
        assert_eq!(c.kind(), TableKind::Errors);
        assert_eq!((c.code, c.message, c.status, c.description), (Some(0), Some(1), Some(2), Some(3)));
        let c = cols(&["HttpCode", "Eror code", "Error mesage", "Meaning"]);
        assert_eq!((c.status, c.code, c.message, c.description), (Some(0), Some(1), Some(2), Some(3)));
        assert_eq!(cols(&["HTTP", "Error code", "Error message"]).kind(), TableKind::Errors);
        // Two description columns and no message column: the first is the message.
        let c = cols(&["Error code", "Description", " HTTP status code", "Semantics"]);
        assert_eq!((c.code, c.message, c.status, c.description), (Some(0), Some(1), Some(2), Some(3)));
        assert!(c.unknown.is_empty(), "{:?}", c.unknown);
        // Not in a parameter table, nor when a message column is there.
        let c = cols(&["Name", "Type", "Description", "Remarks"]);
        assert_eq!((c.description, c.message, c.unknown.len()), (Some(2), None, 1));
        let c = cols(&["Error code", "Error message", "Description", "Semantics"]);
        assert_eq!((c.message, c.description, c.unknown.len()), (Some(1), Some(2), 1));
    }
}
