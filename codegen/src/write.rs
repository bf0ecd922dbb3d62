//! Puts generated files on disk: writes only what changed, removes what is no longer generated.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::output::OutputFile;

/// Folders of the output dir that only the generator writes: a file there that is not generated is stale.
pub const MANAGED_DIRS: [&str; 3] = ["src", "ir", "examples"];

/// What a write (or a check) found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or rewritten (or, for a check, that would be).
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    /// Stale files removed (or, for a check, that would be).
    pub removed: Vec<PathBuf>,
}

impl WriteReport {
    pub fn is_clean(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Writes `files` under `out` (on all cores), skipping files whose bytes are already there, and removes stale files.
pub fn write_files(out: &Path, files: &[OutputFile]) -> io::Result<WriteReport> {
    let report = compare(out, files)?;
    let changed: BTreeSet<&Path> = report.written.iter().map(PathBuf::as_path).collect();
    let to_write: Vec<&OutputFile> = files.iter().filter(|f| changed.contains(f.path.as_path())).collect();
    crate::parallel::map(&to_write, |file| {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &file.contents)
    })
    .into_iter()
    .collect::<io::Result<Vec<()>>>()?;
    for stale in &report.removed {
        fs::remove_file(out.join(stale))?;
    }
    Ok(report)
}

/// Says what [`write_files`] would do, touching nothing.
pub fn compare(out: &Path, files: &[OutputFile]) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for file in files {
        match fs::read(out.join(&file.path)) {
            Ok(bytes) if bytes == file.contents.as_bytes() => report.unchanged += 1,
            Ok(_) => report.written.push(file.path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => report.written.push(file.path.clone()),
            Err(e) => return Err(e),
        }
    }
    let generated: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    for dir in MANAGED_DIRS {
        for path in files_below(out, Path::new(dir))? {
            if !generated.contains(path.as_path()) {
                report.removed.push(path);
            }
        }
    }
    Ok(report)
}

/// Files below `out/rel`, as paths relative to `out`, sorted.
fn files_below(out: &Path, rel: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(out.join(rel)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let child = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            found.extend(files_below(out, &child)?);
        } else {
            found.push(child);
        }
    }
    found.sort();
    Ok(found)
}

/// A fresh, empty folder under the system temp dir for one unit test; `name` keeps tests apart.
#[cfg(test)]
pub(crate) fn fresh_temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-test-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_write_of_the_same_files_writes_nothing() {
        let out = fresh_temp_dir("noop");
        let files = vec![OutputFile::new("src/lib.rs", "a"), OutputFile::new("Cargo.toml", "b")];
        let first = write_files(&out, &files).unwrap();
        assert_eq!(first.written.len(), 2);
        let second = write_files(&out, &files).unwrap();
        assert!(second.is_clean());
        assert_eq!(second.unchanged, 2);
    }

    #[test]
    fn only_changed_files_are_rewritten() {
        let out = fresh_temp_dir("changed");
        write_files(&out, &[OutputFile::new("src/a.rs", "1"), OutputFile::new("src/b.rs", "1")]).unwrap();
        let report =
            write_files(&out, &[OutputFile::new("src/a.rs", "1"), OutputFile::new("src/b.rs", "2")]).unwrap();
        assert_eq!(report.written, [PathBuf::from("src/b.rs")]);
        assert_eq!(fs::read_to_string(out.join("src/b.rs")).unwrap(), "2");
    }

    #[test]
    fn stale_files_in_managed_dirs_are_removed_and_others_kept() {
        let out = fresh_temp_dir("stale");
        fs::create_dir_all(out.join("src/old")).unwrap();
        fs::write(out.join("src/old/gone.rs"), "").unwrap();
        fs::create_dir_all(out.join("tests")).unwrap();
        fs::write(out.join("tests/mine.rs"), "").unwrap();
        let files = [OutputFile::new("src/lib.rs", "")];
        assert_eq!(compare(&out, &files).unwrap().removed, [PathBuf::from("src/old/gone.rs")]);
        write_files(&out, &files).unwrap();
        assert!(!out.join("src/old/gone.rs").exists());
        assert!(out.join("tests/mine.rs").exists());
        assert!(compare(&out, &files).unwrap().is_clean());
    }
}
