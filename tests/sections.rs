//! Problem and measure sections and themes, through the binary.

use std::process::Command;

use crate::util::*;

#[test]
fn build_writes_sections_that_score_above_the_floor() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pred = index.path().join("sections.jsonl");
    let score = Command::new("python3")
        .arg(root().join("tests/gold/score_sections.py"))
        .arg(root().join("tests/gold/seed_sections.json"))
        .arg(&pred)
        .args(["--min-section-f1", "0.95", "--min-item-f1", "0.90"])
        .output()
        .expect("python3 runs the scorer");
    let report = String::from_utf8_lossy(&score.stdout);
    println!("{report}");
    assert!(score.status.success(), "below the floor:\n{report}");

    // Every section points into a report of reports.jsonl, with lines inside the report.
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    for s in read_jsonl(&pred) {
        let r = reports
            .iter()
            .find(|r| r["id"] == s["report"])
            .unwrap_or_else(|| panic!("section of unknown report: {s}"));
        let (start, end) = (r["line_start"].as_u64(), r["line_end"].as_u64());
        let h = s["heading_line"].as_u64();
        assert!(start <= h && h <= end, "{s}");
    }
}

#[test]
fn themes_point_to_real_lines_and_count_copies_once() {
    // The seed page, and the same page re-posted with small edits (a unit changed, a word
    // dropped throughout): each report then has one near-copy. (Its bodies are flattened onto
    // few lines, so cutting lines would cut whole reports.)
    let corpus = tempfile::tempdir().expect("temp dir");
    let seed =
        std::fs::read_to_string(seed_corpus().join("000_8704a95fd81a1589.txt")).expect("seed");
    std::fs::write(corpus.path().join("000_8704a95fd81a1589.txt"), &seed).expect("write");
    let edited: Vec<String> = seed
        .lines()
        .map(|l| l.replace("萬元", "元").replace("進一步", ""))
        .collect();
    std::fs::write(corpus.path().join("reposted.txt"), edited.join("\n")).expect("write");
    let (index, out) = build(corpus.path(), &[]);
    assert!(out.status.success());
    let idx = index.path().to_str().expect("utf-8");
    let out = baogao(&[
        "themes",
        "--index",
        idx,
        "--problems",
        "--top",
        "5",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let agg: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problems = agg["problems"].as_array().expect("problems");
    assert!(!problems.is_empty() && problems.len() <= 5);
    assert!(agg["measures"].as_array().expect("measures").is_empty());
    // Each of the 17 reports and its re-post are one group of two; the 17 are distinct.
    let groups = agg["near_duplicates"].as_array().expect("groups");
    assert_eq!(groups.len(), 17, "{groups:?}");
    assert!(groups.iter().all(|g| g.as_array().map(Vec::len) == Some(2)));
    let lines: Vec<&str> = seed.lines().collect();
    for t in problems {
        // Copies count once.
        assert!(
            t["independent_reports"].as_u64() < t["reports"].as_u64(),
            "{t}"
        );
        assert!(t["reports"].as_u64() >= Some(2), "a theme recurs: {t}");
        for item in t["items"].as_array().expect("items") {
            if item["source"] != "000_8704a95fd81a1589.txt" {
                continue;
            }
            let n = item["line"].as_u64().expect("line") as usize;
            let headline = item["headline"].as_str().expect("headline");
            // The headline is the cleaned text of that line: its first chars are on the line
            // once glosses are dropped.
            let raw = lines[n - 1];
            let probe: String = headline.chars().take(2).collect();
            assert!(
                baogao::clean::clean_line(raw).text.contains(&probe),
                "{n}: {headline} / {raw}"
            );
        }
    }
    // The readable form names the lines too.
    let text = baogao(&["themes", "--index", idx, "--top", "2"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Problems") && text.contains("000_8704a95fd81a1589.txt:"),
        "{text}"
    );
}

#[test]
fn themes_without_an_index_says_to_build_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = baogao(&["themes", "--index", dir.path().to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("baogao build"), "{}", stderr(&out));
}
