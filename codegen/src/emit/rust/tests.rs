//! Emitter tests on the hand-made fixture: layout, determinism, and the generated module's snapshot.

use super::{emit_crate, fixture};

fn file<'a>(files: &'a [crate::output::OutputFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path.to_str() == Some(path)).unwrap_or_else(|| panic!("no {path}")).contents
}

#[test]
fn fixture_module_snapshot() {
    let files = emit_crate(&[fixture::product()]);
    insta::assert_snapshot!(file(&files, "src/ecs/create_thing.rs"));
}

#[test]
fn emitting_twice_gives_identical_bytes() {
    assert_eq!(emit_crate(&[fixture::product()]), emit_crate(&[fixture::product()]));
}

/// Writes the fixture crate to `$EMIT_FIXTURE_OUT` for compiling by hand (`cargo test -- --ignored`).
#[test]
#[ignore = "writes files; set EMIT_FIXTURE_OUT"]
fn write_fixture_crate() {
    let Ok(out) = std::env::var("EMIT_FIXTURE_OUT") else { return };
    for f in emit_crate(&[fixture::product()]) {
        let path = std::path::Path::new(&out).join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.contents).unwrap();
    }
}

/// The common error table matches the guide page it was transcribed from.
#[test]
fn common_errors_match_the_guide_page() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/guides/ecs/Getting-started--Response-results.md"
    );
    let Ok(text) = std::fs::read_to_string(page) else {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "{page} is missing");
        eprintln!("skipping: {page} not found");
        return;
    };
    let section =
        text.split("## Common error codes").nth(1).expect("the page has a common error codes section");
    let rows: Vec<(u16, String, String)> = section
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|Error code") && !l.starts_with("|:"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').collect();
            (cells[1].parse().unwrap(), cells[0].to_owned(), cells[2].to_owned())
        })
        .collect();
    let table: Vec<(u16, String, String)> = super::common_errors::COMMON_ERRORS
        .iter()
        .map(|(s, c, m)| (*s, (*c).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(table, rows);
}
