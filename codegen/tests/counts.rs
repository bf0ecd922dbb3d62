//! Counts of request params, response field nodes and error rows for pages of every format
//! generation, counted by hand from the pages (rows read off the page; `X| | | |` marker rows and
//! headers not counted; a 2018 sub-table that only describes a list's elements is not a field).

mod common;

use std::path::Path;

/// (page under ../shared/corpus, request params, response field nodes, error rows)
const HAND_COUNTS: &[(&str, usize, usize, usize)] = &[
    // 2018: `Name|Type|Required|Description`, 2018 sub-table under `**InstanceIdSet**`, errors code-first.
    ("history/RunInstances/01_2018-06-13_5888adf4f.md", 39, 1, 107),
    // 2018 with a row named `User data transmission is not encrypted.`.
    ("history/RunInstances/02_2018-07-03_0cfd519c4.md", 39, 1, 107),
    // 2020: `Parameter|Type|Required|Example|Description`, `List` response type.
    ("history/RunInstances/20_2020-09-29_10c3f5892.md", 85, 3, 243),
    // 2021.
    ("history/RunInstances/33_2021-06-15_a7f688621.md", 90, 4, 258),
    // Flat response with `Array of X`, marker rows (non-breaking spaces), `Struct`.
    ("ecs/DescribeInstances.md", 45, 104, 10),
    // `└`-marked response fields.
    ("ecs/DescribeTags.md", 10, 18, 4),
    // `└` marks at one depth for two levels; no error table.
    ("ecs/DescribeKeyPairs.md", 9, 11, 0),
    // `Error code|Error message|HTTP status code|Note`; JSON example missing commas.
    ("ecs/DescribeUserdata.md", 3, 3, 2),
    // `Error information` column; no response table.
    ("ecs/AttachClassicLinkVpc.md", 4, 0, 10),
    // `Array` + marker rows nested twice.
    ("ecs/DescribeAutoProvisioningGroupHistory.md", 7, 12, 2),
    // `## Examples { .section}`, JSON sample without braces.
    ("ecs/Deleteimage.md", 4, 0, 5),
    // A table in the description whose header cells span lines.
    ("ecs/RedeployInstance.md", 3, 2, 8),
];

#[test]
fn seed_counts_match_the_page() {
    let api = common::seed().api.expect("seed API");
    assert_eq!((api.request.len(), common::count_fields(&api.response), api.errors.len()), (71, 2, 151));
}

#[test]
fn corpus_counts_match_hand_counts() {
    let Some(shared) = common::shared_dir() else { return };
    let mut wrong = Vec::new();
    for &(page, request, response, errors) in HAND_COUNTS {
        let parsed = common::parse_file(&shared.join("corpus").join(Path::new(page)));
        let api = parsed.api.unwrap_or_else(|| panic!("{page}: no API"));
        let got = (api.request.len(), common::count_fields(&api.response), api.errors.len());
        if got != (request, response, errors) {
            wrong.push(format!("{page}: expected {:?}, got {got:?}", (request, response, errors)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(test_report::count("corpus pages held to hand counts", HAND_COUNTS.len()) >= 5);
}
