//! Reads the versions `cargo xtask diff` compares (a page, a spec folder, or a folder at a git
//! revision) into the IR exactly as `gen` builds it: `overrides.toml` applied, facts decided, one
//! API per `Action`, product metadata (common error codes) read from the guides.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::constraints::Overrides;
use codegen::diag::{Diagnostic, Severity};
use codegen::gen::{constrain_page, read_products};
use codegen::ir::{Product, ProductMeta};
use codegen::parse::parse_page;

/// A page file (with the `overrides.toml` of its folder or the folder above, if any), or every
/// product of a spec folder.
pub fn read(path: &Path) -> Result<Vec<Product>, String> {
    if path.is_file() {
        return read_page(path);
    }
    if !path.is_dir() {
        return Err(format!("{}: error: no such page or folder", path.display()));
    }
    let (products, diagnostics) =
        read_products(path).map_err(|e| format!("{}: error: cannot list: {e}", path.display()))?;
    if products.iter().all(|p| p.apis.is_empty())
        && !diagnostics.iter().any(|d| d.severity == Severity::Error)
    {
        return Err(format!("{}: error: no API reference pages here", path.display()));
    }
    fatal(&diagnostics)?;
    Ok(products)
}

/// One page as a product of its own, named so that two pages compare as one product.
fn read_page(page: &Path) -> Result<Vec<Product>, String> {
    let bytes = std::fs::read(page).map_err(|e| format!("{}: error: cannot read: {e}", page.display()))?;
    let dir = page.parent().unwrap_or(Path::new("."));
    let spec_dir = [dir, dir.parent().unwrap_or(dir)]
        .into_iter()
        .find(|d| d.join("overrides.toml").is_file())
        .unwrap_or(dir);
    let overrides = Overrides::load(spec_dir).map_err(|d| d.to_string())?;
    let parsed = parse_page(&page.display().to_string(), &bytes);
    let (api, diagnostics) = constrain_page(spec_dir, page, parsed, &overrides);
    fatal(&diagnostics)?;
    let api = api.ok_or_else(|| format!("{}: error: not an API reference page", page.display()))?;
    Ok(vec![Product { name: String::new(), meta: ProductMeta::default(), apis: vec![api] }])
}

/// Errors that make a version unfit to compare (a half-read version would diff as removals).
/// A product without an API version or endpoint still compares: the crate could not send
/// requests, but its APIs are what they are.
fn fatal(diagnostics: &[Diagnostic]) -> Result<(), String> {
    let emitting_only =
        |d: &Diagnostic| d.message.starts_with("no API version") || d.message.starts_with("no endpoint");
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && !emitting_only(d))
        .map(|d| d.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// Every file under `dir` (relative to the repository root) as it is at revision `rev` (pages,
/// guides, `overrides.toml`, `product.toml`), read as [`read`] reads a folder.
pub fn read_git(repo: &Path, rev: &str, dir: &str) -> Result<Vec<Product>, String> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let root = std::env::temp_dir().join(format!("xtask-diff-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let result = extract(repo, rev, dir, &root).and_then(|files| match files {
        // `dir` did not exist yet at `rev`: nothing to compare against, every API is new.
        0 => Ok(Vec::new()),
        _ => read(&root.join(dir)).map_err(|e| e.replace(&root.display().to_string(), rev)),
    });
    let _ = std::fs::remove_dir_all(&root);
    result
}

/// Writes the files of `dir` at `rev` below `root`; how many there were.
fn extract(repo: &Path, rev: &str, dir: &str, root: &Path) -> Result<usize, String> {
    let listing = git(repo, &["ls-tree", "-r", "-z", "--name-only", rev, "--", dir])?;
    let paths: Vec<&[u8]> = listing.split(|&b| b == 0).filter(|p| !p.is_empty()).collect();
    for &path in &paths {
        let path = String::from_utf8_lossy(path).into_owned();
        let bytes = git(repo, &["show", &format!("{rev}:{path}")])?;
        let to: PathBuf = root.join(&path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: error: {e}", parent.display()))?;
        }
        std::fs::write(&to, bytes).map_err(|e| format!("{}: error: {e}", to.display()))?;
    }
    Ok(paths.len())
}

/// The update that produced `dir` as it is at `rev`: the last commit at or before `rev` that
/// changed it, and that commit's parent. `None` when that commit is the first one.
pub fn last_update(repo: &Path, rev: &str, dir: &str) -> Result<Option<(String, String)>, String> {
    let out = git(repo, &["log", "-1", "--format=%H", rev, "--", dir])?;
    let commit = String::from_utf8_lossy(&out).trim().to_owned();
    if commit.is_empty() {
        return Ok(None);
    }
    let parent = format!("{commit}^");
    Ok(git(repo, &["rev-parse", "--verify", "--quiet", &parent]).ok().map(|_| (parent, commit)))
}

/// The root of the git work tree around the current directory.
pub fn repo_root() -> Result<PathBuf, String> {
    let out = git(Path::new("."), &["rev-parse", "--show-toplevel"])?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out).trim()))
}

fn git(repo: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(|e| format!("error: cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "error: git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}
