//! Puts generated files on disk, inside an output dir that `gen` owns: writes only what changed and
//! removes only files that an earlier run wrote and this one no longer does.
//!
//! Ownership is recorded in [`MANIFEST`], the list of files the last run wrote. A non-empty dir
//! without it is not ours and is refused, so `--out` pointed at a hand-written crate changes nothing.
//! Every path is checked to stay below the output dir, through no symbolic link.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::output::OutputFile;

/// The file, at the top of the output dir, that lists every file `gen` wrote there.
pub const MANIFEST: &str = ".generated-files";

const MANIFEST_HEADER: &str =
    "# Written by `cargo xtask gen`: the files it owns in this dir, which it may rewrite or remove.\n";

/// What a write (or a check) found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or rewritten (or, for a check, that would be).
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    /// Files an earlier run wrote that are no longer generated, removed (or, for a check, that would be).
    pub removed: Vec<PathBuf>,
    /// For a check: files in the output dir that `gen` neither writes nor lists in its manifest (left
    /// behind by a merge or a hand edit). `gen` leaves them alone; a check fails on them.
    pub strays: Vec<PathBuf>,
}

impl WriteReport {
    pub fn is_clean(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty() && self.strays.is_empty()
    }
}

/// Writes `files` under `out` (on all cores), skipping files whose bytes are already there, and
/// removes the files an earlier run wrote that are not in `files`. Refuses an `out` that is not
/// empty and was not written by `gen`.
pub fn write_files(out: &Path, files: &[OutputFile]) -> io::Result<WriteReport> {
    write_files_known(out, files, &BTreeSet::new())
}

/// [`write_files`], where the files at `unchanged` paths are known to hold their bytes in `out`
/// already (`gen` just read them there, `reuse.rs`) and are not read again to compare.
pub fn write_files_known(
    out: &Path,
    files: &[OutputFile],
    unchanged: &BTreeSet<PathBuf>,
) -> io::Result<WriteReport> {
    let manifest = manifest(files)?;
    let files: Vec<&OutputFile> = files.iter().chain([&manifest]).collect();
    let (report, changed) = compare_all(out, &files, unchanged)?;
    let to_write: Vec<&OutputFile> =
        files.into_iter().zip(changed).filter_map(|(file, changed)| changed.then_some(file)).collect();
    fs::create_dir_all(out)?;
    // Each folder once, parents first (a path sorts after its parent), checked for links before
    // anything is made in it; then each file, itself checked, on all cores.
    let folders: BTreeSet<&Path> = to_write.iter().filter_map(|f| f.path.parent()).collect();
    for folder in folders.into_iter().filter(|f| !f.as_os_str().is_empty()) {
        refuse_links(out, folder)?;
        fs::create_dir_all(out.join(folder))?;
    }
    crate::parallel::map(&to_write, |file| {
        let path = out.join(&file.path);
        refuse_link(&path)?;
        fs::write(&path, &file.contents)
    })
    .into_iter()
    .collect::<io::Result<Vec<()>>>()?;
    for stale in &report.removed {
        refuse_links(out, stale)?;
        fs::remove_file(out.join(stale))?;
        remove_empty_parents(out, stale);
    }
    Ok(report)
}

/// Says what [`write_files`] would do, touching nothing.
pub fn compare(out: &Path, files: &[OutputFile]) -> io::Result<WriteReport> {
    let manifest = manifest(files)?;
    Ok(compare_all(out, &files.iter().chain([&manifest]).collect::<Vec<_>>(), &BTreeSet::new())?.0)
}

/// The manifest listing `files`, after checking each path.
fn manifest(files: &[OutputFile]) -> io::Result<OutputFile> {
    let mut listed = String::from(MANIFEST_HEADER);
    let mut paths = BTreeSet::new();
    for file in files {
        let shown = relative_path(&file.path).ok_or_else(|| {
            invalid(format!(
                "refusing to write `{}`: not a plain path below the output dir",
                file.path.display()
            ))
        })?;
        if shown == MANIFEST || !paths.insert(shown.clone()) {
            return Err(invalid(format!("refusing to write `{shown}` twice")));
        }
    }
    for path in &paths {
        listed.push_str(path);
        listed.push('\n');
    }
    Ok(OutputFile::new(MANIFEST, listed))
}

/// What writing `files` would do, and for each of them whether it is to be written (their paths
/// are in the report's `written`, in the same order).
fn compare_all(
    out: &Path,
    files: &[&OutputFile],
    unchanged: &BTreeSet<PathBuf>,
) -> io::Result<(WriteReport, Vec<bool>)> {
    let Some(earlier) = owned_files(out)? else {
        // An empty or missing dir: every file is new, and there is nothing to remove or leave.
        let report =
            WriteReport { written: files.iter().map(|f| f.path.clone()).collect(), ..WriteReport::default() };
        return Ok((report, vec![true; files.len()]));
    };
    let mut report = WriteReport::default();
    // Read and compared on all cores; the report keeps the files' order.
    let same = crate::parallel::map(files, |file| {
        if unchanged.contains(&file.path) {
            return Ok(true);
        }
        match fs::read(out.join(&file.path)) {
            Ok(bytes) => Ok(bytes == file.contents.as_bytes()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    });
    let mut changed = Vec::with_capacity(files.len());
    for (file, same) in files.iter().zip(same) {
        let same = same?;
        if same {
            report.unchanged += 1;
        } else {
            report.written.push(file.path.clone());
        }
        changed.push(!same);
    }
    let generated: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    report.removed = earlier
        .into_iter()
        .filter(|path| !generated.contains(path.as_path()) && out.join(path).is_file())
        .collect();
    let mut present = Vec::new();
    files_below(out, Path::new(""), &mut present)?;
    report.strays = present
        .into_iter()
        .filter(|path| !generated.contains(path.as_path()) && !report.removed.contains(path))
        .collect();
    Ok((report, changed))
}

/// Every file below `dir` (links not followed), as paths relative to the output dir.
fn files_below(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries = fs::read_dir(root.join(dir))?.collect::<io::Result<Vec<_>>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            files_below(root, &path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

/// The files an earlier run wrote in `out`: `None` for a missing or empty dir; an error for a
/// non-empty dir without a manifest (not ours). Manifest lines that are not plain relative paths
/// are ignored: the manifest is on disk, where anyone may have edited it.
fn owned_files(out: &Path) -> io::Result<Option<Vec<PathBuf>>> {
    let entries = match fs::read_dir(out) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    if !entries {
        return Ok(None);
    }
    let text = match fs::read_to_string(out.join(MANIFEST)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "refusing to write into {}: it is not empty and has no {MANIFEST} (it was not written by \
                     `gen`); give an empty or new dir",
                    out.display()
                ),
            ))
        }
        Err(e) => return Err(e),
    };
    Ok(Some(
        text.lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .map(PathBuf::from)
            .filter(|path| relative_path(path).is_some_and(|p| p != MANIFEST))
            .collect(),
    ))
}

/// `path` as `/`-separated text when it is made of plain names only (no root, `..`, `.` or empty part).
pub fn relative_path(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Fails when a folder or file on the way from `out` to `out/rel` is a symbolic link: writing
/// through it could land outside the output dir.
fn refuse_links(out: &Path, rel: &Path) -> io::Result<()> {
    let mut at = out.to_owned();
    for component in rel.components() {
        at.push(component);
        if !refuse_link(&at)? {
            return Ok(());
        }
    }
    Ok(())
}

/// Fails when `path` is a symbolic link; whether it exists otherwise.
fn refuse_link(path: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(invalid(format!("refusing to write through the symbolic link {}", path.display())))
        }
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Removes the folders of `rel` that the removal left empty, up to (not including) `out`.
fn remove_empty_parents(out: &Path, rel: &Path) {
    let mut dir = rel.parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        if fs::remove_dir(out.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// `path` made absolute, through the real location of its deepest existing folder (symbolic links
/// resolved), without requiring it to exist.
pub fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return path,
        }
    }
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
        assert_eq!(first.written.len(), 3, "two files and the manifest");
        let second = write_files(&out, &files).unwrap();
        assert!(second.is_clean());
        assert_eq!(second.unchanged, 3);
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
    fn files_no_longer_generated_are_removed_and_files_of_others_kept() {
        let out = fresh_temp_dir("stale");
        write_files(&out, &[OutputFile::new("src/old/gone.rs", ""), OutputFile::new("src/lib.rs", "")])
            .unwrap();
        fs::create_dir_all(out.join("tests")).unwrap();
        fs::write(out.join("tests/mine.rs"), "").unwrap();
        fs::write(out.join("src/mine.rs"), "").unwrap();
        let files = [OutputFile::new("src/lib.rs", "")];
        let check = compare(&out, &files).unwrap();
        assert_eq!(check.removed, [PathBuf::from("src/old/gone.rs")]);
        assert_eq!(
            check.strays,
            [PathBuf::from("src/mine.rs"), PathBuf::from("tests/mine.rs")],
            "a check names them"
        );
        write_files(&out, &files).unwrap();
        assert!(!out.join("src/old").exists(), "the emptied folder goes too");
        assert!(out.join("tests/mine.rs").exists() && out.join("src/mine.rs").exists());
        let after = compare(&out, &files).unwrap();
        assert!(after.written.is_empty() && after.removed.is_empty(), "gen's own files are current");
        assert_eq!(after.strays.len(), 2, "the others' files are still named by a check");
    }

    #[test]
    fn a_dir_not_written_by_gen_is_refused_and_left_alone() {
        let out = fresh_temp_dir("foreign");
        fs::create_dir_all(out.join("src")).unwrap();
        fs::write(out.join("src/lib.rs"), "hand-written").unwrap();
        let error = write_files(&out, &[OutputFile::new("src/lib.rs", "generated")]).unwrap_err();
        assert!(error.to_string().contains("not written by `gen`"), "{error}");
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "hand-written");
    }

    #[test]
    fn paths_that_leave_the_output_dir_are_refused() {
        let out = fresh_temp_dir("escape");
        for bad in ["../x.json", "/tmp/x.json", "ir/../../x", "", "./a", ".generated-files"] {
            let error = write_files(&out, &[OutputFile::new(bad, "x")]).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput, "{bad}: {error}");
        }
        assert_eq!(fs::read_dir(&out).unwrap().count(), 0, "nothing was written");
    }

    #[test]
    fn a_manifest_naming_paths_outside_is_not_followed() {
        let out = fresh_temp_dir("manifest");
        let victim = fresh_temp_dir("manifest-victim").join("keep.txt");
        fs::write(&victim, "keep").unwrap();
        write_files(&out, &[OutputFile::new("a.rs", "")]).unwrap();
        fs::write(out.join(MANIFEST), format!("a.rs\n../manifest-victim/keep.txt\n{}\n", victim.display()))
            .unwrap();
        write_files(&out, &[]).unwrap();
        assert!(victim.exists());
        assert!(!out.join("a.rs").exists());
    }

    #[test]
    fn writing_through_a_symbolic_link_is_refused() {
        let out = fresh_temp_dir("link");
        let elsewhere = fresh_temp_dir("link-target");
        write_files(&out, &[OutputFile::new("keep.rs", "")]).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("src")).unwrap();
        assert!(
            write_files(&out, &[OutputFile::new("keep.rs", ""), OutputFile::new("src/lib.rs", "x")]).is_err()
        );
        assert!(!elsewhere.join("lib.rs").exists());
    }

    #[test]
    fn writing_a_file_that_is_a_symbolic_link_is_refused() {
        let out = fresh_temp_dir("file-link");
        let victim = fresh_temp_dir("file-link-target").join("keep.txt");
        fs::write(&victim, "keep").unwrap();
        write_files(&out, &[OutputFile::new("src/a.rs", "")]).unwrap();
        fs::remove_file(out.join("src/a.rs")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("src/a.rs")).unwrap();
        let error = write_files(&out, &[OutputFile::new("src/a.rs", "x")]).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    }

    #[test]
    fn a_first_write_into_an_empty_dir_writes_every_file() {
        let out = fresh_temp_dir("empty").join("new");
        let files =
            [OutputFile::new("a/b/c.rs", "1"), OutputFile::new("a/d.rs", "2"), OutputFile::new("e.rs", "3")];
        let report = write_files(&out, &files).unwrap();
        assert_eq!(report.written.len(), 4, "three files and the manifest");
        assert!(report.removed.is_empty() && report.strays.is_empty());
        assert_eq!(fs::read_to_string(out.join("a/b/c.rs")).unwrap(), "1");
        assert!(compare(&out, &files).unwrap().is_clean());
    }
}
