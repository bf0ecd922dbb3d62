//! `gen` over five products of the shared corpus laid out as a spec dir (ECS with its guides in
//! `ecs/guides/`, no `product.toml` anywhere): it succeeds, every product gets the version and
//! endpoints Alibaba's SDKs use, every API is named by the `Action` its page documents, and the
//! pages that are not API references are skipped with a note.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::diag::{Diagnostic, Severity};
use codegen::gen::{self, Generation};
use codegen::ir::{MetaSource, NameSource, Product};
use codegen::parse::NOT_AN_API_PAGE;
use codegen::{meta, spec, write};

/// (product, API version, product code, central host, non-API pages skipped, distinct Actions)
const PRODUCTS: &[(&str, &str, &str, &str, usize, usize)] = &[
    // 224 pages; 4 pairs of pages document one Action each (see `ecs_pages_that_document_one_action`).
    ("ecs", "2014-05-26", "Ecs", "ecs.aliyuncs.com", 0, 220),
    // `Call_method.md`, `Common_request_parameters.md`.
    ("cdn", "2018-05-10", "Cdn", "cdn.aliyuncs.com", 2, 118),
    // 13 event-notification pages, `Basic_structures`, `Common_parameters`,
    // `Parameters_for_media_processing`, `Request_parameters`.
    ("vod", "2017-03-21", "vod", "vod.aliyuncs.com", 17, 109),
    // `Common_parameters.md`; the prose-titled batch-task page documents `SaveBatchTaskFor…ByNewContact`.
    ("domain", "2018-01-29", "Domain", "domain.aliyuncs.com", 1, 71),
    // 51 `ALIYUN::…` resource-type pages and `Common_parameters.md`.
    ("ros", "2019-09-10", "ROS", "ros.aliyuncs.com", 52, 47),
];

/// A spec dir of links to the corpus: `<product>/*.md` and `ecs/guides/*.md`, one per `test`.
fn spec_dir(shared: &Path, test: &str) -> PathBuf {
    let spec =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("product-family-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&spec);
    for (product, ..) in PRODUCTS {
        link_pages(&shared.join("corpus").join(product), &spec.join(product));
    }
    link_pages(&shared.join("corpus/guides/ecs"), &spec.join("ecs").join(spec::GUIDES_DIR));
    spec
}

fn link_pages(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for page in std::fs::read_dir(from).unwrap() {
        let page = page.unwrap().path();
        let target = to.join(page.file_name().unwrap());
        #[cfg(unix)]
        std::os::unix::fs::symlink(&page, &target).unwrap();
        #[cfg(not(unix))]
        std::fs::copy(&page, &target).unwrap();
    }
}

fn product<'a>(generation: &'a Generation, name: &str) -> &'a Product {
    generation.products.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no product {name}"))
}

fn warnings_at<'a>(generation: &'a Generation, file_suffix: &str, line: usize) -> Vec<&'a Diagnostic> {
    generation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.file.ends_with(file_suffix) && d.line == line)
        .collect()
}

#[test]
fn five_products_generate_with_versions_endpoints_and_action_names_from_their_docs() {
    let Some(shared) = support::shared_dir() else { return };
    let spec = spec_dir(&shared, "gen");
    let out = spec.with_extension("out");
    let _ = std::fs::remove_dir_all(&out);
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&out);
    let generation = gen::generate(&spec, &runtime).expect("the spec dir reads");
    let errors: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "gen would exit non-zero:\n{}", errors.join("\n"));

    for &(name, version, code, central, skipped, apis) in PRODUCTS {
        let p = product(&generation, name);
        assert_eq!(p.meta.version, version, "{name} version");
        assert_eq!(p.meta.code, code, "{name} code");
        assert_eq!(p.meta.endpoints.central.as_deref(), Some(central), "{name} central endpoint");
        assert_eq!(p.meta.endpoint, central, "{name} default host");
        assert!(matches!(p.meta.sources["version"], MetaSource::Docs { .. }), "{name}: {:?}", p.meta.sources);
        let notes = generation
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Note
                    && d.message.starts_with(NOT_AN_API_PAGE)
                    && Path::new(&d.file).parent() == Some(&spec.join(name))
            })
            .count();
        assert_eq!(notes, skipped, "{name}: pages skipped as not API reference pages");
        assert_eq!(p.apis.len(), apis, "{name}: distinct Actions");
        test_report::count("APIs of the five corpus products generated in one run", p.apis.len());
    }

    let ecs = &product(&generation, "ecs").meta;
    assert_eq!(ecs.endpoints.regional.len(), 17, "{:?}", ecs.endpoints.regional);
    assert_eq!(ecs.endpoints.vpc.len(), 23, "{:?}", ecs.endpoints.vpc);
    for (region, host) in [
        ("cn-zhangjiakou", "ecs.cn-zhangjiakou.aliyuncs.com"),
        ("ap-southeast-1", "ecs.ap-southeast-1.aliyuncs.com"),
        ("eu-central-1", "ecs.eu-central-1.aliyuncs.com"),
        ("us-west-1", "ecs.us-west-1.aliyuncs.com"),
    ] {
        assert_eq!(ecs.endpoints.regional.get(region).map(String::as_str), Some(host), "{region}");
    }
    for region in ["cn-hangzhou", "ap-southeast-1", "eu-west-1", "me-east-1"] {
        assert_eq!(ecs.endpoints.vpc[region], format!("ecs-vpc.{region}.aliyuncs.com"));
    }
    assert!(!ecs.endpoints.regional.contains_key("cn-hangzhou"), "no regional host the docs do not give");
    assert_eq!(
        ecs.sources["endpoints.vpc.cn-hangzhou"],
        MetaSource::Docs {
            file: "ecs/guides/Appendix--Call-API-operations-over-the-internal-network.md".into(),
            line: 21
        }
    );
    let vod = &product(&generation, "vod").meta;
    assert_eq!(
        vod.endpoints.regional.get("cn-shanghai").map(String::as_str),
        Some("vod.cn-shanghai.aliyuncs.com")
    );

    // The docs' contradictions about the version are warnings at the stale source, naming the chosen one.
    for (file, line, stale, used) in [
        ("cdn/Call_method.md", 36, "2014-11-11", "cdn/Common_request_parameters.md:16"),
        ("domain/Common_parameters.md", 25, "2017-12-18", "domain/Common_parameters.md:12"),
    ] {
        let found = warnings_at(&generation, file, line);
        assert!(
            found
                .iter()
                .any(|d| d.message.contains(&format!("API version `{stale}`")) && d.message.contains(used)),
            "{file}:{line}: {found:#?}"
        );
    }

    // product.json as written, with its keys.
    write::write_files(&out, &generation.files).expect("gen writes");
    for &(name, version, ..) in PRODUCTS {
        let json = std::fs::read_to_string(out.join("ir").join(name).join("product.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        for key in ["code", "version", "endpoints", "sources"] {
            assert!(json.get(key).is_some(), "{name}/product.json has no `{key}`");
        }
        assert_eq!(json["version"], version);
    }
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&spec);
}

/// The `Action` a page states where every mention agrees (Example cell, the description's value,
/// the sample request), read with plain string handling, independently of the parser.
fn agreed_action(page: &str) -> Option<String> {
    let mut values = Vec::new();
    let row = page.lines().find(|l| l.starts_with("|Action|"))?;
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    // |Action|String|Yes|Example|Description| → ["", "Action", "String", "Yes", "Example", "Description…"];
    // without an Example column the fifth cell is the description, which has spaces.
    if cells.len() >= 6 && !cells[4].is_empty() && cells[4].chars().all(|c| c.is_ascii_alphanumeric()) {
        values.push(cells[4].to_owned());
    }
    if let Some(at) = row.find("Set the value to ") {
        let rest = row[at + "Set the value to ".len()..].trim_start_matches('*');
        values.push(rest.chars().take_while(char::is_ascii_alphanumeric).collect());
    }
    for line in page.lines() {
        if let Some(at) = line.find("?Action=") {
            values.push(line[at + 8..].chars().take_while(char::is_ascii_alphanumeric).collect());
        }
    }
    let first = values.first()?.clone();
    (values.len() >= 2 && !first.is_empty() && values.iter().all(|v| *v == first)).then_some(first)
}

#[test]
fn every_api_is_named_by_the_action_its_page_documents() {
    let Some(shared) = support::shared_dir() else { return };
    let mut checked = 0;
    for (name, ..) in PRODUCTS {
        let dir = shared.join("corpus").join(name);
        let mut apis: BTreeMap<String, String> = BTreeMap::new();
        for page in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            let text = std::fs::read_to_string(&page).unwrap();
            let parsed = codegen::parse::parse_page(&page.display().to_string(), text.as_bytes());
            let (Some(api), Some(action)) = (parsed.api, agreed_action(&text)) else { continue };
            assert_eq!(api.name, action, "{}", page.display());
            apis.insert(action, page.display().to_string());
            checked += 1;
        }
        assert!(!apis.is_empty(), "{name}: no page states its Action");
    }
    assert!(
        test_report::count("corpus pages whose API is named by the Action they document", checked) >= 520,
        "only {checked} pages state their Action in agreeing places"
    );
}

#[test]
fn ecs_pages_that_document_one_action() {
    let Some(shared) = support::shared_dir() else { return };
    let dir = shared.join("corpus/ecs");
    let pages: Vec<PathBuf> = spec::product_dirs(&dir).unwrap().remove(0).pages;
    let parsed: Vec<_> = pages
        .iter()
        .map(|p| {
            let page = codegen::parse::parse_page(&p.display().to_string(), &std::fs::read(p).unwrap());
            let mut api = page.api;
            if let Some(api) = &mut api {
                api.source = p.file_name().unwrap().to_string_lossy().into_owned();
            }
            (api, page.diagnostics)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let apis = gen::unique_apis(parsed, &mut diagnostics);
    assert_eq!((pages.len(), apis.len()), (224, 220));

    // The title says `EX`; its Action row and sample say `Ex`, as does the other page's Action row.
    let ex = apis.iter().find(|a| a.name == "DescribeAutoSnapshotPolicyEx").expect("one API");
    assert!(!apis.iter().any(|a| a.name == "DescribeAutoSnapshotPolicyEX"));
    assert_eq!(
        ex.source, "DescribeAutoSnapshotPolicyEX.md",
        "both pages disagree once; the first by name is kept"
    );
    assert_eq!(ex.other_names.len(), 1);
    assert_eq!((ex.other_names[0].from, ex.other_names[0].line), (NameSource::Title, 1));
    assert_eq!(ex.other_names[0].value, "DescribeAutoSnapshotPolicyEX");
    let title_warning = diagnostics
        .iter()
        .find(|d| d.file.ends_with("DescribeAutoSnapshotPolicyEX.md") && d.line == 1)
        .expect("a warning at the title line");
    assert_eq!(title_warning.severity, Severity::Warning);
    assert!(title_warning.message.contains("differs from the Action `DescribeAutoSnapshotPolicyEx`"));

    // Each page left out is a warning naming the kept page.
    let left_out: BTreeMap<&str, &str> = diagnostics
        .iter()
        .filter(|d| d.message.contains("; this page is skipped"))
        .map(|d| {
            let kept = d.message.split(" like ").nth(1).unwrap().split(',').next().unwrap();
            (d.file.as_str(), kept)
        })
        .collect();
    assert_eq!(
        left_out,
        BTreeMap::from([
            ("AttachNetworkInterface\u{a0}.md", "AttachNetworkInterface.md"),
            ("DescribeAutoSnapshotPolicyEx.md", "DescribeAutoSnapshotPolicyEX.md"),
            ("Deleteimage.md", "DeleteImage.md"),
            ("ModifyDeploymentSetAttributes.md", "ModifyDeploymentSetAttribute.md"),
        ])
    );
}

#[test]
fn a_wire_name_listed_twice_is_one_parameter() {
    let Some(shared) = support::shared_dir() else { return };
    // A second table of the same name's row after the request table (its header gives no Type
    // column, `Name|Parameters|Required|Description`, so the first row's type does not lead to it).
    let (page, name) = (
        "domain/Submit_a_batch_task_for_modifying_domain_name_information_by_new_registrant.md",
        "DomainName",
    );
    let parsed = codegen::parse::parse_page(page, &std::fs::read(shared.join("corpus").join(page)).unwrap());
    let api = parsed.api.expect("an API page");
    let kept: Vec<_> = api.request.iter().filter(|p| p.wire_name == name).collect();
    assert_eq!(kept.len(), 1, "{page}: {name}");
    assert_eq!(kept[0].line, 12, "{page}: the first row is kept");
    let dropped =
        parsed.diagnostics.iter().filter(|d| d.message.contains(&format!("`{name}` is listed again")));
    assert_eq!(dropped.count(), 1, "{page}: one warning per dropped row");
    // Not parameters at all: a table of billable items whose columns are other parameters' values
    // (`Valid value of Field`: `traf`, `bps`, `acc`), which had been read as three parameters.
    let page = "cdn/DescribeDomainUsageData.md";
    let parsed = codegen::parse::parse_page(page, &std::fs::read(shared.join("corpus").join(page)).unwrap());
    let api = parsed.api.expect("an API page");
    let names: Vec<&str> = api.request.iter().map(|p| p.wire_name.as_str()).collect();
    assert!(!names.iter().any(|n| ["traf", "bps", "acc"].contains(n)), "{page}: {names:?}");
    assert!(parsed.diagnostics.iter().any(|d| d.line == 56 && d.message.contains("is not read")), "{page}");
    // Not a name listed twice: the second `DomainName` row is the member of the first's Type,
    // `DomainListType`, in the table right after: one list parameter, `DomainName.N`.
    let page = "domain/SaveBatchTaskForUpdatingContactInfoByNewContact.md";
    let parsed = codegen::parse::parse_page(page, &std::fs::read(shared.join("corpus").join(page)).unwrap());
    let api = parsed.api.expect("an API page");
    let domain: Vec<_> = api.request.iter().filter(|p| p.wire_name.starts_with("DomainName")).collect();
    assert_eq!(domain.len(), 1, "{page}");
    assert_eq!(
        (domain[0].wire_name.as_str(), domain[0].doc_type.as_str()),
        ("DomainName.N", "DomainListType")
    );
    assert!(!parsed.diagnostics.iter().any(|d| d.message.contains("is listed again")), "{page}");
}

#[test]
fn elasticsearch_gets_its_version_and_endpoint_pattern_from_its_guides() {
    let Some(shared) = support::shared_dir() else { return };
    let spec = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("product-es-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&spec);
    link_pages(&shared.join("corpus/elasticsearch"), &spec.join("elasticsearch"));
    link_pages(
        &shared.join("corpus/guides/elasticsearch"),
        &spec.join("elasticsearch").join(spec::GUIDES_DIR),
    );
    let dir = spec::product_dirs(&spec).unwrap().remove(0);
    let mut diagnostics = Vec::new();
    let meta = meta::read_product_meta(&spec, &dir, &mut diagnostics);
    assert_eq!(meta.version, "2017-06-13");
    assert_eq!(
        meta.sources["version"],
        MetaSource::Docs { file: "elasticsearch/guides/Common-parameters.md".into(), line: 18 }
    );
    assert_eq!(meta.code, "elasticsearch");
    assert_eq!(meta.endpoints.patterns, ["elasticsearch.{region}.aliyuncs.com"]);
    let _ = std::fs::remove_dir_all(&spec);
}

/// The render record (`codegen::reuse`) digests an API and its product by their JSON: that holds
/// all of them only if the JSON reads back as the same value, for every product of the corpus.
#[test]
fn every_products_ir_json_reads_back_as_the_same_product() {
    let Some(shared) = support::shared_dir() else { return };
    let spec = spec_dir(&shared, "json");
    let (products, _) = gen::read_products(&spec).expect("the spec dir reads");
    assert_eq!(products.len(), PRODUCTS.len());
    for product in &products {
        let json = serde_json::to_string(product).unwrap();
        let back: Product = serde_json::from_str(&json).unwrap();
        assert!(back == *product, "{}: the JSON does not hold the whole product", product.name);
    }
}
