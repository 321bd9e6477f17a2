//! Report metadata (year, date, genre, region, issuer) against hand-made truth: fixtures of
//! our own (`tests/fixtures/meta`, written after real reports) and the sample page.

use crate::util::*;

fn region_of(r: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "province": r["region"]["province"],
        "prefecture": r["region"]["prefecture"],
        "county": r["region"]["county"],
    })
}

#[test]
fn fixture_reports_have_their_year_genre_region_and_issuer() {
    let (index, out) = build(&root().join("tests/fixtures/meta/corpus"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let truth = read_json(&root().join("tests/fixtures/meta/truth.json"));
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    assert!(reports.len() >= 10);
    let mut wrong = Vec::new();
    for r in &reports {
        let source = r["source"].as_str().expect("source");
        let t = &truth[source];
        assert!(t.is_object(), "no truth for {source}");
        for field in ["year", "year_source", "date", "genre", "issuer"] {
            if r[field] != t[field] {
                wrong.push(format!(
                    "{source} {field}: {} (truth {})",
                    r[field], t[field]
                ));
            }
        }
        if region_of(r) != t["region"] {
            wrong.push(format!(
                "{source} region: {} (truth {})",
                region_of(r),
                t["region"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn sample_page_reports_have_their_genre_and_region() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert!(out.status.success());
    let truth = read_json(&root().join("tests/fixtures/meta/seed_truth.json"));
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    assert_eq!(reports.len(), 17);
    let mut regions_right = 0;
    let mut misses = Vec::new();
    for r in &reports {
        let t = &truth["reports"][r["ordinal"].to_string()];
        assert_eq!(r["genre"], t["genre"], "report {}", r["ordinal"]);
        if region_of(r) == t["region"] {
            regions_right += 1;
        } else {
            misses.push(format!(
                "{}: {} (truth {})",
                r["ordinal"],
                region_of(r),
                t["region"]
            ));
        }
    }
    // One report names its county once only (五原縣), which the body rule does not take as
    // its region; every other region must be right.
    assert!(
        regions_right >= 16,
        "{regions_right}/17\n{}",
        misses.join("\n")
    );
}

#[test]
fn search_filters_on_what_a_report_is() {
    let (index, out) = build(&root().join("tests/fixtures/meta/corpus"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let idx = index.path().to_str().expect("utf-8");
    let hits = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["search", "--index", idx, "--json", "-n", "50", "资金"];
        args.extend_from_slice(extra);
        let out = baogao(&args);
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect()
    };
    let all = hits(&[]);
    assert!(all.len() >= 6, "{}", all.len());
    let gwr = hits(&["--genre", "government_work_report"]);
    assert!(!gwr.is_empty() && gwr.len() < all.len());
    assert!(gwr.iter().all(|h| h["genre"] == "government_work_report"));
    let recent = hits(&["--report-year", "2020..2024"]);
    assert!(!recent.is_empty());
    assert!(
        recent
            .iter()
            .all(|h| (2020..=2024).contains(&h["report_year"].as_i64().unwrap_or(0)))
    );
    let anhui = hits(&["--region", "安徽省"]);
    assert!(!anhui.is_empty() && anhui.len() < all.len());
    assert!(
        anhui.iter().all(|h| h["region"][0] == "安徽省"),
        "{anhui:?}"
    );
    // A bad range is an error, not an empty result.
    let out = baogao(&["search", "--index", idx, "资金", "--report-year", "2020..x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn themes_filter_on_what_a_report_is() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert!(out.status.success());
    let idx = index.path().to_str().expect("utf-8");
    let themes = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["themes", "--index", idx, "--json", "--top", "100"];
        args.extend_from_slice(extra);
        let out = baogao(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    // Every report of the page is an evaluation: the filter keeps everything.
    assert_eq!(themes(&[]), themes(&["--genre", "performance_evaluation"]));
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    let anhui: Vec<&str> = reports
        .iter()
        .filter(|r| r["region"]["province"] == "安徽省")
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(!anhui.is_empty());
    let t = themes(&["--region", "安徽省"]);
    let items: Vec<&serde_json::Value> = ["problems", "measures"]
        .iter()
        .flat_map(|k| t[k].as_array().into_iter().flatten())
        .flat_map(|theme| theme["items"].as_array().into_iter().flatten())
        .collect();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|it| anhui.contains(&it["report"].as_str().unwrap_or("")))
    );
}
