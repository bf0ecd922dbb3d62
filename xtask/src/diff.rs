//! `cargo xtask diff`: what a doc update changes in the API, and whether it breaks callers (wire) or the generated crate (semver).
//!
//! `diff OLD NEW` compares two pages or spec folders; `diff V1 V2 V3…` compares each version with
//! the next and flags an update that takes back most of the one before; `diff --base REV` compares
//! `spec/` at git revision REV with the working tree, and checks it against the commit that last
//! changed `spec/` before REV. Exit 0, 1 when `--fail-on` matches, 2 on bad usage or input.

mod versions;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::diff::{diff_products, json, markdown, revert, FailOn, Step};

const USAGE: &str = "\
usage: cargo xtask diff [--format markdown|json] [--fail-on breaking-wire|breaking-semver|any] OLD NEW [NEWER…]
       cargo xtask diff [--format markdown|json] [--fail-on …] --base REV
OLD, NEW: a page (`*.md`) or a spec folder. With more than two versions each is compared with the next.
--base REV: `spec/` at git revision REV against the working tree.";

/// The spec folder, relative to the repository root.
const SPEC_DIR: &str = "spec";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
}

#[derive(Debug, PartialEq, Eq)]
enum Versions {
    /// Pages or folders, oldest first.
    Paths(Vec<PathBuf>),
    /// A git revision of `spec/`, compared with the working tree.
    Base(String),
}

#[derive(Debug, PartialEq, Eq)]
struct Options {
    format: Format,
    fail_on: Option<FailOn>,
    versions: Versions,
}

pub fn run(args: &[String]) -> ExitCode {
    let options = match parse_args(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let steps = match &options.versions {
        Versions::Paths(paths) => compare_paths(paths),
        Versions::Base(rev) => versions::repo_root().and_then(|repo| compare_base(&repo, rev)),
    };
    let steps = match steps {
        Ok(steps) => steps,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let report = match (options.format, steps.as_slice()) {
        (Format::Markdown, [one]) => markdown::render(&one.diff),
        (Format::Json, [one]) => json::render(&one.diff),
        (Format::Markdown, many) => markdown::render_steps(many),
        (Format::Json, many) => json::render_steps(many),
    };
    print!("{report}");
    match options.fail_on {
        Some(gate) if steps.iter().any(|s| gate.matches(&s.diff)) => {
            eprintln!("diff: --fail-on {gate}: matched");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut format = Format::Markdown;
    let mut fail_on = None;
    let mut base = None;
    let mut paths = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value =
            || inline.clone().or_else(|| args.next().cloned()).ok_or(format!("{flag} needs a value"));
        match flag {
            "--format" => {
                format = match value()?.as_str() {
                    "markdown" => Format::Markdown,
                    "json" => Format::Json,
                    other => return Err(format!("unknown --format `{other}`")),
                }
            }
            "--fail-on" => fail_on = Some(value()?.parse()?),
            "--base" => base = Some(value()?),
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with("--") => return Err(format!("unknown option `{other}`")),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let versions = match (base, paths.len()) {
        (Some(rev), 0) => Versions::Base(rev),
        (Some(_), _) => return Err("--base compares with the working tree: give no OLD/NEW".to_owned()),
        (None, 0 | 1) => return Err("give OLD and NEW (or --base REV)".to_owned()),
        (None, _) => Versions::Paths(paths),
    };
    Ok(Options { format, fail_on, versions })
}

/// Each version against the next; with three or more, each update is checked against the one before.
fn compare_paths(paths: &[PathBuf]) -> Result<Vec<Step>, String> {
    let mut versions = Vec::new();
    for path in paths {
        let label =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        versions.push((label, versions::read(path)?));
    }
    let mut steps: Vec<Step> = versions
        .windows(2)
        .map(|pair| Step {
            old: pair[0].0.clone(),
            new: pair[1].0.clone(),
            diff: diff_products(&pair[0].1, &pair[1].1),
        })
        .collect();
    revert::flag_sequence(&mut steps);
    Ok(steps)
}

/// `spec/` at `rev` against the working tree, checked against the update that produced `rev`'s spec.
fn compare_base(repo: &Path, rev: &str) -> Result<Vec<Step>, String> {
    let base = versions::read_git(repo, rev, SPEC_DIR)?;
    let work = versions::read(&repo.join(SPEC_DIR))?;
    let mut diff = diff_products(&base, &work);
    if let Some((parent, commit)) = versions::last_update(repo, rev, SPEC_DIR)? {
        match versions::read_git(repo, &parent, SPEC_DIR) {
            Ok(before) => {
                let short: String = commit.chars().take(10).collect();
                revert::check(&diff_products(&before, &base), &format!("commit {short}"), &mut diff);
            }
            Err(e) => {
                eprintln!("diff: warning: no revert check, the spec before {commit} does not parse:\n{e}")
            }
        }
    }
    Ok(vec![Step { old: rev.to_owned(), new: "working tree".to_owned(), diff }])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn defaults_to_markdown_without_a_gate() {
        let o = parse_args(&args(&["a.md", "b.md"])).unwrap();
        assert_eq!(
            o,
            Options {
                format: Format::Markdown,
                fail_on: None,
                versions: Versions::Paths(vec!["a.md".into(), "b.md".into()])
            }
        );
    }

    #[test]
    fn options_take_a_separate_or_inline_value() {
        let o =
            parse_args(&args(&["--format", "json", "--fail-on=breaking-wire", "--base", "HEAD~1"])).unwrap();
        assert_eq!(
            o,
            Options {
                format: Format::Json,
                fail_on: Some(FailOn::BreakingWire),
                versions: Versions::Base("HEAD~1".into())
            }
        );
    }

    #[test]
    fn bad_usage_is_an_error() {
        assert!(parse_args(&args(&["a.md"])).is_err());
        assert!(parse_args(&args(&["--base", "HEAD", "a.md"])).is_err());
        assert!(parse_args(&args(&["--fail-on", "breaking", "a", "b"])).is_err());
        assert!(parse_args(&args(&["--format", "html", "a", "b"])).is_err());
        assert!(parse_args(&args(&["--format"])).is_err());
        assert!(parse_args(&args(&["--verbose", "a", "b"])).is_err());
    }

    /// A page with the given optional String parameters.
    fn page(params: &[&str]) -> String {
        let mut page = String::from(
            "# RunThings\n\nRuns things.\n\n## Request parameters\n\n\
             |Parameter|Type|Required|Example|Description|\n|---------|----|--------|-------|-----------|\n\
             |Action|String|Yes|RunThings|The operation.|\n",
        );
        for p in params {
            page.push_str(&format!("|{p}|String|No|x|The {p} of the thing.|\n"));
        }
        page
    }

    fn git(repo: &Path, args: &[&str]) {
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    }

    fn commit_page(repo: &Path, params: &[&str], message: &str) {
        std::fs::write(repo.join("spec/things/RunThings.md"), page(params)).unwrap();
        git(repo, &["add", "-A"]);
        git(repo, &["commit", "-q", "-m", message]);
    }

    #[test]
    fn base_compares_a_revision_with_the_working_tree_and_checks_the_update_before_it() {
        let repo = std::env::temp_dir().join(format!("xtask-diff-base-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&repo);
        std::fs::create_dir_all(repo.join("spec/things")).unwrap();
        git(&repo, &["init", "-q"]);
        commit_page(&repo, &["A"], "first");
        commit_page(&repo, &["A", "B", "C", "D"], "add B, C, D");
        std::fs::write(repo.join("README"), "not spec").unwrap();
        git(&repo, &["add", "-A"]);
        git(&repo, &["commit", "-q", "-m", "unrelated"]);
        // The working tree takes B, C and D back out.
        std::fs::write(repo.join("spec/things/RunThings.md"), page(&["A"])).unwrap();

        let steps = compare_base(&repo, "HEAD").unwrap();
        let diff = &steps[0].diff;
        let removed: Vec<&str> = diff.changes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(removed, ["B", "C", "D"]);
        assert!(diff.changes.iter().all(|c| c.kind.slug() == "param-removed"));
        // The update that produced HEAD's spec is "add B, C, D" (the unrelated commit is skipped).
        let revert = diff.revert.as_ref().expect("flagged as a revert");
        assert_eq!((revert.undone, revert.previous_changes), (3, 3));
        assert!(markdown::render(diff).starts_with("> **Warning: this looks like a revert.**"));

        // Against the first commit there is no earlier update, so no check.
        let steps = compare_base(&repo, "HEAD~2").unwrap();
        assert!(steps[0].diff.changes.is_empty() && steps[0].diff.revert.is_none());
        assert!(compare_base(&repo, "no-such-rev").is_err());
        std::fs::remove_dir_all(&repo).unwrap();
    }

    fn temp_repo(name: &str) -> PathBuf {
        let repo = std::env::temp_dir().join(format!("xtask-diff-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&repo);
        std::fs::create_dir_all(repo.join("spec/things/guides")).unwrap();
        git(&repo, &["init", "-q"]);
        repo
    }

    fn commit_all(repo: &Path, message: &str) {
        git(repo, &["add", "-A"]);
        git(repo, &["commit", "-q", "-m", message]);
    }

    fn kinds(steps: &[Step]) -> Vec<(String, String, String)> {
        steps[0].diff.changes.iter().map(|c| (c.api.clone(), c.kind.label(), c.name.clone())).collect()
    }

    /// What the crate enforces changes when `spec/overrides.toml` does, though no page changed;
    /// each side is read with its own revision's overrides.
    #[test]
    fn base_applies_each_revisions_overrides() {
        let repo = temp_repo("overrides");
        std::fs::write(repo.join("spec/things/RunThings.md"), page(&["A"])).unwrap();
        let disable_nothing = "# no overrides yet\n";
        std::fs::write(repo.join("spec/overrides.toml"), disable_nothing).unwrap();
        commit_all(&repo, "first");
        std::fs::write(
            repo.join("spec/overrides.toml"),
            "[[override]]\ntarget = \"RunThings.A\"\naction = \"add\"\nrule = { kind = \"length\", max = 8 }\nreason = \"The service rejects longer values.\"\n\n\
             [[fact]]\ntarget = \"RunThings\"\nparam = \"A\"\nfact = \"secret\"\nvalue = true\nreason = \"A is a key.\"\n",
        )
        .unwrap();
        let steps = compare_base(&repo, "HEAD").unwrap();
        assert_eq!(
            kinds(&steps),
            [
                ("RunThings".into(), "constraint-tightened".into(), "A".into()),
                ("RunThings".into(), "secret-changed (now secret)".into(), "A".into()),
            ]
        );
        // Committed, the base is read with the new overrides too: nothing changes.
        commit_all(&repo, "override");
        assert!(compare_base(&repo, "HEAD").unwrap()[0].diff.changes.is_empty());
        std::fs::remove_dir_all(&repo).unwrap();
    }

    /// A page renamed and retitled that documents the same `Action` is the same API; two pages
    /// documenting one `Action` are one API, as `gen` keeps them.
    #[test]
    fn apis_are_keyed_by_action_not_by_page_or_title() {
        let repo = temp_repo("action");
        std::fs::write(repo.join("spec/things/RunThings.md"), page(&["A"])).unwrap();
        commit_all(&repo, "first");
        std::fs::remove_file(repo.join("spec/things/RunThings.md")).unwrap();
        let retitled = page(&["A", "B"]).replacen("# RunThings", "# Run things", 1);
        std::fs::write(repo.join("spec/things/Run-some-things.md"), &retitled).unwrap();
        std::fs::write(repo.join("spec/things/Run-things-again.md"), &retitled).unwrap();
        let steps = compare_base(&repo, "HEAD").unwrap();
        assert_eq!(kinds(&steps), [("RunThings".into(), "param-added (optional)".into(), "B".into())]);
        std::fs::remove_dir_all(&repo).unwrap();
    }

    /// The product's common error codes (read from its guides) are compared too.
    #[test]
    fn common_errors_from_the_guides_are_compared() {
        let repo = temp_repo("common");
        std::fs::write(repo.join("spec/things/RunThings.md"), page(&["A"])).unwrap();
        let guide = |rows: &str| {
            format!("# Response results\n\n## Common error codes\n\n|Error code|HTTP status code|Error message|\n|--|--|--|\n{rows}")
        };
        std::fs::write(
            repo.join("spec/things/guides/Response-results.md"),
            guide("|Throttling|400|Too many requests.|\n|InternalError|500|Unknown error.|\n"),
        )
        .unwrap();
        commit_all(&repo, "first");
        std::fs::write(
            repo.join("spec/things/guides/Response-results.md"),
            guide("|InternalError|503|Unknown error.|\n"),
        )
        .unwrap();
        let steps = compare_base(&repo, "HEAD").unwrap();
        let got: Vec<_> = steps[0]
            .diff
            .changes
            .iter()
            .map(|c| (c.api.as_str(), c.kind.slug(), c.name.as_str(), c.breaking_semver))
            .collect();
        assert_eq!(
            got,
            [
                ("(common errors)", "error-removed", "Throttling", true),
                ("(common errors)", "error-status-changed", "InternalError", false),
            ]
        );
        std::fs::remove_dir_all(&repo).unwrap();
    }

    #[test]
    fn a_sequence_of_pages_is_compared_pairwise() {
        let dir = std::env::temp_dir().join(format!("xtask-diff-seq-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let versions = [vec!["A"], vec!["A", "B", "C", "D"], vec!["A", "B", "C", "D"], vec!["A", "D"]];
        let paths: Vec<PathBuf> = versions
            .iter()
            .enumerate()
            .map(|(i, params)| {
                let path = dir.join(format!("{i}.md"));
                std::fs::write(&path, page(params)).unwrap();
                path
            })
            .collect();
        let steps = compare_paths(&paths).unwrap();
        assert_eq!(steps.len(), 3);
        assert_eq!((steps[2].old.as_str(), steps[2].new.as_str()), ("2.md", "3.md"));
        let revert = steps[2].diff.revert.as_ref().expect("takes back 2 of 3");
        assert_eq!(revert.previous, "0.md → 1.md");
        assert!(compare_paths(&[dir.join("0.md"), dir.join("missing.md")]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
