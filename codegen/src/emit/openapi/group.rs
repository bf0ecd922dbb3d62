//! Repeated groups: the `.N` parameters of one prefix (`DataDisk.N.Size`, `DataDisk.N.Category`) as one tree.

use crate::ir::{Index, Param, Segment};

/// One node of a repeated group: a value, an object of members, or a `.N` list.
#[derive(Debug, PartialEq)]
pub enum Node<'a> {
    /// Not filled yet (only while building).
    Empty,
    Value(&'a Param),
    Object(Vec<(String, Node<'a>)>),
    List(Box<Node<'a>>),
}

/// The query parameter name of a repeated parameter: its wire name up to the first `.N`
/// (`DataDisk` for `DataDisk.N.Size`), and the path below that list.
pub fn split(param: &Param) -> Option<(String, &[Segment])> {
    let first = param.path.iter().position(|s| s.index == Index::Each)?;
    let name = param.path[..=first].iter().map(key).collect::<Vec<_>>().join(".");
    Some((name, &param.path[first + 1..]))
}

/// A member key: the segment's name, with a literal index kept (`Filter.1`).
fn key(segment: &Segment) -> String {
    match segment.index {
        Index::Literal(n) => format!("{}.{n}", segment.name),
        Index::None | Index::Each => segment.name.clone(),
    }
}

impl<'a> Node<'a> {
    /// A `.N` list with nothing in it yet.
    pub fn list() -> Self {
        Node::List(Box::new(Node::Empty))
    }

    /// Adds `param` at `rest` below this node (an object being built); `false` (and no change) when
    /// it clashes with what is there.
    pub fn insert_member(&mut self, rest: &[Segment], param: &'a Param) -> bool {
        if !self.fits(rest) {
            return false;
        }
        self.insert(rest, param);
        true
    }

    /// Adds `param` at `rest` below this list; `false` (and no change) when it clashes with what is there
    /// (`Tag.N` as a value and `Tag.N.Key` as a member of the same item).
    pub fn insert_into_list(&mut self, rest: &[Segment], param: &'a Param) -> bool {
        let Node::List(item) = self else { return false };
        if !item.fits(rest) {
            return false;
        }
        item.insert(rest, param);
        true
    }

    fn fits(&self, rest: &[Segment]) -> bool {
        let Some((segment, tail)) = rest.split_first() else {
            return matches!(self, Node::Empty);
        };
        let members = match self {
            Node::Empty => return true,
            Node::Object(members) => members,
            Node::Value(_) | Node::List(_) => return false,
        };
        let Some((_, child)) = members.iter().find(|(k, _)| *k == key(segment)) else { return true };
        match (segment.index, child) {
            (Index::Each, Node::List(item)) => item.fits(tail),
            (Index::Each, _) | (_, Node::List(_)) => false,
            _ => child.fits(tail),
        }
    }

    fn insert(&mut self, rest: &[Segment], param: &'a Param) {
        let Some((segment, tail)) = rest.split_first() else {
            *self = Node::Value(param);
            return;
        };
        if matches!(self, Node::Empty) {
            *self = Node::Object(Vec::new());
        }
        let Node::Object(members) = self else { return };
        let k = key(segment);
        let at = match members.iter().position(|(existing, _)| *existing == k) {
            Some(at) => at,
            None => {
                let fresh = if segment.index == Index::Each { Node::list() } else { Node::Empty };
                members.push((k, fresh));
                members.len() - 1
            }
        };
        match &mut members[at].1 {
            Node::List(item) => item.insert(tail, param),
            child => child.insert(tail, param),
        }
    }

    /// Required when every value below is required: a group is mandatory only if all of it is.
    pub fn required(&self) -> bool {
        match self {
            Node::Empty => false,
            Node::Value(param) => param.required,
            Node::Object(members) => !members.is_empty() && members.iter().all(|(_, child)| child.required()),
            Node::List(item) => item.required(),
        }
    }

    /// The values whose innermost list is this one's item (not below a nested list).
    pub fn direct_values(&self) -> Vec<&'a Param> {
        match self {
            Node::Empty | Node::List(_) => Vec::new(),
            Node::Value(param) => vec![param],
            Node::Object(members) => members.iter().flat_map(|(_, child)| child.direct_values()).collect(),
        }
    }

    /// Every value below, in insertion order.
    pub fn values(&self) -> Vec<&'a Param> {
        match self {
            Node::Empty => Vec::new(),
            Node::Value(param) => vec![param],
            Node::Object(members) => members.iter().flat_map(|(_, child)| child.values()).collect(),
            Node::List(item) => item.values(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::fixtures::param;

    #[test]
    fn members_of_one_prefix_share_a_list_of_objects() {
        let (size, category, ids) =
            (param("DataDisk.N.Size"), param("DataDisk.N.Category"), param("DataDisk.N.Ids.N"));
        let (name, rest) = split(&size).unwrap();
        assert_eq!(name, "DataDisk");
        let mut group = Node::list();
        assert!(group.insert_into_list(rest, &size));
        assert!(group.insert_into_list(split(&category).unwrap().1, &category));
        assert!(group.insert_into_list(split(&ids).unwrap().1, &ids));
        let Node::List(item) = &group else { panic!("not a list") };
        let Node::Object(members) = item.as_ref() else { panic!("not an object") };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["Size", "Category", "Ids"]);
        assert!(matches!(members[2].1, Node::List(_)));
        assert_eq!(item.direct_values().len(), 2);
        assert_eq!(group.values().len(), 3);
    }

    #[test]
    fn a_value_and_members_at_one_place_clash_without_changing_the_tree() {
        let (tag, key) = (param("Tag.N"), param("Tag.N.Key"));
        let mut group = Node::list();
        assert!(group.insert_into_list(split(&tag).unwrap().1, &tag));
        assert!(!group.insert_into_list(split(&key).unwrap().1, &key));
        assert_eq!(group, Node::List(Box::new(Node::Value(&tag))));
    }

    #[test]
    fn literal_indexes_stay_in_names() {
        let p = param("Filter.1.Values.N");
        assert_eq!(split(&p).unwrap().0, "Filter.1.Values");
        assert_eq!(split(&param("Filter.1.Key")), None);
    }
}
