//! Every page of the shared ECS corpus and every RunInstances history version parses without errors.

mod common;

use codegen::diag::Severity;

fn assert_dir_parses(sub: &str, expected_pages: usize) {
    let Some(shared) = common::shared_dir() else { return };
    let pages = common::pages(&shared.join(sub));
    assert_eq!(pages.len(), expected_pages, "pages in {sub}");
    test_report::count(&format!("pages of ../shared/{sub} parsed"), pages.len());
    let mut errors = Vec::new();
    for page in &pages {
        let parsed = common::parse_file(page);
        errors.extend(
            parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.to_string()),
        );
        let api = parsed.api.unwrap_or_else(|| panic!("{}: no API read", page.display()));
        assert!(!api.request.is_empty(), "{}: no request parameters", page.display());
    }
    assert!(errors.is_empty(), "errors:\n{}", errors.join("\n"));
}

#[test]
fn every_ecs_page_parses_without_errors() {
    assert_dir_parses("corpus/ecs", 224);
}

#[test]
fn every_run_instances_version_parses_without_errors() {
    assert_dir_parses("corpus/history/RunInstances", 33);
}
