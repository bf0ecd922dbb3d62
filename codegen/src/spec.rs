//! Finds the pages of a spec dir: one folder of `*.md` pages (one product) or product subfolders of them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::ir::{ApiStyle, ProductMeta};

/// The file holding what the pages of a product do not say.
pub const PRODUCT_META_FILE: &str = "product.toml";

/// One product folder of a spec dir, before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDir {
    /// The folder name in snake case (`ecs`): the crate's folder in the output dir and its IR folder.
    pub name: String,
    pub dir: PathBuf,
    /// `*.md` files in byte order of their names.
    pub pages: Vec<PathBuf>,
}

/// Lists the products of `spec`: the dir itself when it holds pages, else each subfolder that does.
pub fn product_dirs(spec: &Path) -> std::io::Result<Vec<ProductDir>> {
    let pages = pages_in(spec)?;
    if !pages.is_empty() {
        return Ok(vec![ProductDir { name: product_name(spec), dir: spec.to_owned(), pages }]);
    }
    let mut products = Vec::new();
    for dir in sorted_entries(spec)?.into_iter().filter(|p| p.is_dir()) {
        let pages = pages_in(&dir)?;
        if !pages.is_empty() {
            products.push(ProductDir { name: product_name(&dir), dir, pages });
        }
    }
    Ok(products)
}

/// Reads `product.toml`; without one, falls back to what the folder name gives and says so.
pub fn product_meta(product: &ProductDir, diags: &mut Diagnostics) -> ProductMeta {
    let path = product.dir.join(PRODUCT_META_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => match toml::from_str(&text) {
            Ok(meta) => return meta,
            Err(e) => diags.error(toml_line(&text, &e), format!("invalid {PRODUCT_META_FILE}: {}", e.message())),
        },
        Err(_) => diags.warning(
            0,
            format!(
                "no {PRODUCT_META_FILE} in {}: product code `{}` and endpoint `{}` taken from the folder name, API version unknown",
                product.dir.display(),
                fallback_code(&product.name),
                fallback_endpoint(&product.name)
            ),
        ),
    }
    ProductMeta {
        code: fallback_code(&product.name),
        name: product.name.clone(),
        version: String::new(),
        endpoint: fallback_endpoint(&product.name),
        style: ApiStyle::Rpc,
    }
}

fn fallback_code(name: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(name)
}

fn fallback_endpoint(name: &str) -> String {
    format!("{}.aliyuncs.com", name.replace('_', "-"))
}

fn toml_line(text: &str, e: &toml::de::Error) -> usize {
    e.span().map_or(0, |span| text[..span.start].matches('\n').count() + 1)
}

fn product_name(dir: &Path) -> String {
    let raw = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = heck::ToSnakeCase::to_snake_case(raw.as_str());
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
    fn missing_product_toml_warns_and_falls_back() {
        let dir = fresh_temp_dir("meta").join("ecs");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("A.md"), "# A").unwrap();
        let product = &product_dirs(&dir).unwrap()[0];
        let mut diags = Diagnostics::new("spec");
        let meta = product_meta(product, &mut diags);
        assert_eq!(meta.code, "Ecs");
        assert_eq!(meta.endpoint, "ecs.aliyuncs.com");
        let diags = diags.into_vec();
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("API version unknown"), "{}", diags[0]);
    }

    #[test]
    fn invalid_product_toml_is_an_error_with_a_line() {
        let dir = fresh_temp_dir("badmeta").join("ecs");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("A.md"), "# A").unwrap();
        fs::write(dir.join(PRODUCT_META_FILE), "code = \"Ecs\"\nversion = 3\n").unwrap();
        let product = &product_dirs(&dir).unwrap()[0];
        let mut diags = Diagnostics::new("product.toml");
        product_meta(product, &mut diags);
        assert!(diags.has_errors());
        assert_eq!(diags.into_vec()[0].line, 2);
    }

    #[test]
    fn the_repo_spec_dir_reads() {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let products = product_dirs(&spec).unwrap();
        assert_eq!(products.len(), 1);
        let mut diags = Diagnostics::new("spec");
        let meta = product_meta(&products[0], &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.into_vec());
        assert_eq!(meta.version, "2014-05-26");
        assert_eq!(meta.code, "Ecs");
    }
}
