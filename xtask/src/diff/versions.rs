//! Reads the versions `cargo xtask diff` compares (a page, a spec folder, or a folder at a git revision) and parses them.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::constraints;
use codegen::diag::{Diagnostics, Severity};
use codegen::ir::Api;
use codegen::parse::parse_page;
use codegen::spec::product_dirs;

/// One page's bytes, named as diagnostics and reports show it.
pub struct Page {
    pub label: String,
    pub bytes: Vec<u8>,
}

/// A page file, or every page of a spec folder (one product, or product subfolders).
pub fn from_path(path: &Path) -> Result<Vec<Page>, String> {
    let read = |path: &Path| {
        std::fs::read(path)
            .map(|bytes| Page { label: path.display().to_string(), bytes })
            .map_err(|e| format!("{}: error: cannot read: {e}", path.display()))
    };
    if path.is_file() {
        return Ok(vec![read(path)?]);
    }
    let products = product_dirs(path).map_err(|e| format!("{}: error: cannot list: {e}", path.display()))?;
    let pages: Vec<&PathBuf> = products.iter().flat_map(|p| &p.pages).collect();
    if pages.is_empty() {
        return Err(format!("{}: error: no `*.md` pages here", path.display()));
    }
    pages.into_iter().map(|p| read(p)).collect()
}

/// Every `*.md` page under `dir` (relative to the repository root) as it is at revision `rev`.
pub fn from_git(repo: &Path, rev: &str, dir: &str) -> Result<Vec<Page>, String> {
    let listing = git(repo, &["ls-tree", "-r", "-z", "--name-only", rev, "--", dir])?;
    let mut pages = Vec::new();
    for path in listing.split(|&b| b == 0).filter(|p| p.ends_with(b".md")) {
        let path = String::from_utf8_lossy(path);
        let bytes = git(repo, &["show", &format!("{rev}:{path}")])?;
        pages.push(Page { label: format!("{rev}:{path}"), bytes });
    }
    Ok(pages)
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

/// Parses pages into APIs, with the constraints read from their descriptions (overrides are not
/// applied: the diff is of the docs). Pages that are not API reference pages are skipped; any error
/// diagnostic fails the whole version (a half-read version would diff as removals).
pub fn parse(pages: &[Page]) -> Result<Vec<Api>, String> {
    let mut apis = Vec::new();
    let mut errors = Vec::new();
    for page in pages {
        let parsed = parse_page(&page.label, &page.bytes);
        let mut diags = Diagnostics::new(&page.label);
        if let Some(mut api) = parsed.api {
            constraints::extract(&mut api, &mut diags);
            apis.push(api);
        }
        let found = parsed.diagnostics.into_iter().chain(diags.into_vec());
        errors.extend(found.filter(|d| d.severity == Severity::Error).map(|d| d.to_string()));
    }
    if errors.is_empty() {
        Ok(apis)
    } else {
        Err(errors.join("\n"))
    }
}
