//! Aggregate tests on the seed page.

use super::*;
use crate::sections::tests::seed_sections;

fn seed_aggregate() -> (Aggregate, Vec<ReportInfo>) {
    let (secs, infos) = seed_sections();
    let agg = aggregate(&secs, &infos, Segmenter::shared());
    if let Ok(path) = std::env::var("BAOGAO_AGGREGATE_OUT") {
        let json = serde_json::to_string_pretty(&agg).expect("serialize");
        std::fs::write(path, json).expect("write");
    }
    (agg, infos)
}

fn id_of(infos: &[ReportInfo], n: usize) -> String {
    infos
        .iter()
        .find(|r| r.ordinal == n)
        .map(|r| r.id.clone())
        .unwrap_or_default()
}

#[test]
fn key_terms_drop_boilerplate_and_fold_synonyms() {
    let seg = Segmenter::shared();
    let t = key_terms(seg, "宣講層面不夠");
    assert!(t.contains(&"宣传".to_string()), "{t:?}");
    let t = key_terms(seg, "進一步加強招商宣傳力度");
    assert!(
        !t.iter()
            .any(|w| w == "加强" || w == "进一步" || w == "力度"),
        "{t:?}"
    );
}

#[test]
fn seed_near_copies_are_flagged() {
    let (agg, infos) = seed_aggregate();
    let copies: Vec<String> = [13, 15, 16].iter().map(|&n| id_of(&infos, n)).collect();
    let mut copies_sorted = copies.clone();
    copies_sorted.sort();
    assert!(
        agg.near_duplicates.contains(&copies_sorted),
        "{:?} not in {:?}",
        copies_sorted,
        agg.near_duplicates
    );
    assert_eq!(agg.near_duplicates.len(), 1, "{:?}", agg.near_duplicates);
}

#[test]
fn seed_themes_are_recurring_and_deterministic() {
    let (agg, _) = seed_aggregate();
    assert!(agg.problems.len() >= 3, "{:#?}", agg.problems);
    for t in agg.problems.iter().take(3) {
        assert!(t.independent_reports >= 2, "{t:#?}");
        assert!(
            t.label.chars().count() >= 4,
            "label is a bare keyword: {t:#?}"
        );
        assert!(t.items.iter().any(|i| i.headline == t.label));
    }
    let order = |ts: &[Theme]| {
        ts.windows(2)
            .all(|w| w[0].independent_reports >= w[1].independent_reports)
    };
    assert!(order(&agg.problems) && order(&agg.measures));
    // Same input, same output.
    let (again, _) = seed_aggregate();
    assert_eq!(
        serde_json::to_string(&agg).unwrap_or_default(),
        serde_json::to_string(&again).unwrap_or_default()
    );
    assert_eq!(agg.coverage.reports, 17);
    assert_eq!(agg.coverage.reports_with_empty_sections.len(), 1);
}
