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

/// Synthetic corpus: `reports` reports, each with a problems and a measures section of
/// `per_section` items whose headlines recombine clauses of the seed's headlines
/// (deterministic: a fixed linear congruential sequence).
pub(crate) fn synthetic(reports: usize, per_section: usize) -> (Vec<Section>, Vec<ReportInfo>) {
    let (seed, _) = seed_sections();
    let mut frags: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    fn walk(items: &[Item], out: &mut Vec<String>) {
        for it in items {
            for part in it.headline.split(['，', ',', '、']) {
                let part = part.trim();
                if part.chars().count() >= 3 {
                    out.push(part.to_string());
                }
            }
            walk(&it.children, out);
        }
    }
    for s in &seed {
        let k = usize::from(s.r#type == MEASURES);
        walk(&s.items, &mut frags[k]);
    }
    for f in &mut frags {
        f.sort();
        f.dedup();
    }
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n.max(1)
    };
    let mut secs = Vec::new();
    let mut infos = Vec::new();
    for r in 0..reports {
        let id = format!("syn{r:06}");
        for (k, ty) in [(0, PROBLEMS), (1, MEASURES)] {
            let role = ty.item_role();
            let items = (0..per_section)
                .map(|j| {
                    let f = &frags[k];
                    let headline = format!("{}，{}", f[next(f.len())], f[next(f.len())]);
                    Item {
                        line: 10 + k * 100 + j,
                        char_span: [0, 0],
                        marker: format!("{}、", j + 1),
                        text: headline.clone(),
                        headline,
                        role,
                        children: Vec::new(),
                    }
                })
                .collect();
            secs.push(Section {
                source: format!("syn/{}.txt", r / 100),
                report: id.clone(),
                r#type: ty,
                heading: String::new(),
                heading_line: 9 + k * 100,
                line_start: 9 + k * 100,
                line_end: 9 + k * 100 + per_section,
                empty: false,
                items,
            });
        }
        infos.push(ReportInfo {
            id,
            source: format!("syn/{}.txt", r / 100),
            ordinal: r % 100 + 1,
            title: String::new(),
        });
    }
    (secs, infos)
}

/// The aggregate at scale: `BAOGAO_AGG_REPORTS` reports (default 10,000) × 10 items = 100k items.
/// Run in release: `cargo test --release --lib aggregate::tests::aggregate_at_scale -- --ignored --nocapture`.
#[test]
#[ignore]
fn aggregate_at_scale() {
    let reports: usize = std::env::var("BAOGAO_AGG_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let (secs, infos) = synthetic(reports, 5);
    let items: usize = secs.iter().map(|s| s.items.len()).sum();
    let seg = Segmenter::shared();
    let t = std::time::Instant::now();
    let agg = aggregate(&secs, &infos, seg);
    let took = t.elapsed();
    println!(
        "aggregate: {reports} reports, {items} items: {:.2?} ({} problem themes, {} measure themes, {} copy groups)",
        took,
        agg.problems.len(),
        agg.measures.len(),
        agg.near_duplicates.len()
    );
    assert_eq!(agg.coverage.reports, reports);
}
