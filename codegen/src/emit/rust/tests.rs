//! Emitter unit tests that need no IR fixture; crate-level tests live in `codegen/tests/emit_rust.rs`.

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

/// Every file of `codegen/runtime/` is copied into the generated crate.
#[test]
fn runtime_file_list_matches_the_runtime_dir() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = super::crate_files::RUNTIME_FILES.iter().map(|(n, _)| *n).collect();
    assert_eq!(on_disk, listed);
}
