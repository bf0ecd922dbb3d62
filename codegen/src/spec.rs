//! Finds the pages of a spec dir: one folder of `*.md` pages (one product) or product subfolders of
//! them, each with its guide pages in `guides/*.md`.

use std::fs;
use std::path::{Path, PathBuf};

/// The file overriding what the docs say about a product (see `meta::overrides`).
pub const PRODUCT_META_FILE: &str = "product.toml";

/// The subfolder of a product folder holding its guide pages (read for product metadata only).
pub const GUIDES_DIR: &str = "guides";

/// One product folder of a spec dir, before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDir {
    /// The folder name in snake case (`ecs`): the crate's folder in the output dir and its IR folder.
    pub name: String,
    pub dir: PathBuf,
    /// `*.md` files in byte order of their names: API reference pages, and the other pages of
    /// the product's reference (common parameters, …), which `parse` skips.
    pub pages: Vec<PathBuf>,
    /// `guides/*.md` in byte order of their names: read for product metadata only.
    pub guides: Vec<PathBuf>,
}

/// Lists the products of `spec`: the dir itself when it holds pages, else each subfolder that does.
pub fn product_dirs(spec: &Path) -> std::io::Result<Vec<ProductDir>> {
    let pages = pages_in(spec)?;
    if !pages.is_empty() {
        let guides = guides_of(spec)?;
        return Ok(vec![ProductDir { name: product_name(spec), dir: spec.to_owned(), pages, guides }]);
    }
    let mut products = Vec::new();
    for dir in sorted_entries(spec)?.into_iter().filter(|p| p.is_dir()) {
        let pages = pages_in(&dir)?;
        if !pages.is_empty() {
            let guides = guides_of(&dir)?;
            products.push(ProductDir { name: product_name(&dir), dir, pages, guides });
        }
    }
    Ok(products)
}

fn guides_of(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let guides = dir.join(GUIDES_DIR);
    if guides.is_dir() {
        pages_in(&guides)
    } else {
        Ok(Vec::new())
    }
}

fn product_name(dir: &Path) -> String {
    let raw = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = crate::case::snake(raw.as_str());
    let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    match name.chars().next() {
        None => "api".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("p{name}"),
        // `ir` is the output dir's IR folder, beside the product crates.
        Some(_) if name == "ir" => "ir_product".to_owned(),
        Some(_) => name,
    }
}

fn pages_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(sorted_entries(dir)?
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
        .collect())
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::fresh_temp_dir;

    #[test]
    fn a_folder_of_pages_is_one_product_named_after_it() {
        let dir = fresh_temp_dir("flat").join("Ecs");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("B.md"), "# B").unwrap();
        fs::write(dir.join("A.md"), "# A").unwrap();
        fs::write(dir.join("notes.txt"), "").unwrap();
        let products = product_dirs(&dir).unwrap();
        assert_eq!(products.len(), 1);
        assert_eq!(products[0].name, "ecs");
        let names: Vec<_> = products[0].pages.iter().map(|p| p.file_name().unwrap().to_owned()).collect();
        assert_eq!(names, ["A.md", "B.md"]);
    }

    #[test]
    fn subfolders_with_pages_are_products() {
        let dir = fresh_temp_dir("nested");
        for (product, page) in [("vpc", "CreateVpc.md"), ("ecs", "RunInstances.md")] {
            fs::create_dir_all(dir.join(product)).unwrap();
            fs::write(dir.join(product).join(page), "# X").unwrap();
        }
        fs::create_dir_all(dir.join("empty")).unwrap();
        let names: Vec<_> = product_dirs(&dir).unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["ecs", "vpc"]);
    }

    #[test]
    fn guides_are_listed_apart_from_pages() {
        let dir = fresh_temp_dir("guides").join("ecs");
        fs::create_dir_all(dir.join(GUIDES_DIR)).unwrap();
        fs::write(dir.join("A.md"), "# A").unwrap();
        fs::write(dir.join(GUIDES_DIR).join("Endpoints.md"), "# Endpoints").unwrap();
        let products = product_dirs(&dir).unwrap();
        assert_eq!(products.len(), 1);
        assert_eq!(products[0].pages, [dir.join("A.md")]);
        assert_eq!(products[0].guides, [dir.join(GUIDES_DIR).join("Endpoints.md")]);
    }
}
