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

/// Fingerprints of every report of the files under `dir` (relative to the crate root).
fn fingerprints_of(dir: &str) -> Vec<(String, Fingerprint)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let loaded = crate::pipeline::load_path(&f).expect("fixture");
        for r in crate::doc::Report::all(&loaded.doc, &loaded.layout.reports) {
            let info = ReportInfo::of(&r, &crate::meta::of(&r));
            out.push((format!("{}#{}", f.display(), r.ordinal()), info.fingerprint));
        }
    }
    out
}

fn copies_among(fps: &[(String, Fingerprint)]) -> Vec<Vec<String>> {
    let refs: Vec<(&str, &Fingerprint)> = fps.iter().map(|(i, f)| (i.as_str(), f)).collect();
    copies::near_copies(&refs)
}

#[test]
fn distinct_reports_are_not_near_copies() {
    // The seed's 17 reports fill one template with different text (13, 15 and 16 share their
    // headlines, not their sentences); the series fixture is one county's reports of four
    // years, written to one outline.
    let (_, infos) = seed_aggregate();
    assert!(infos.iter().all(|r| !r.fingerprint.0.is_empty()));
    let (agg, _) = seed_aggregate();
    assert!(agg.near_duplicates.is_empty(), "{:?}", agg.near_duplicates);
    let series = fingerprints_of("tests/fixtures/series/corpus");
    assert_eq!(series.len(), 4);
    assert!(copies_among(&series).is_empty());
}

#[test]
fn a_report_published_twice_with_small_edits_is_a_near_copy() {
    // Report 13 of the seed as published, and again with its numbers changed, every 40th line
    // cut and a line of site chrome added.
    let loaded = crate::pipeline::load_path(&crate::sections::tests::seed_path()).expect("seed");
    let span = loaded
        .layout
        .reports
        .iter()
        .find(|s| s.ordinal == 13)
        .expect("report 13");
    let report = crate::doc::Report::new(&loaded.doc, span);
    let original: Vec<String> = report.lines.iter().map(|l| l.line.text.clone()).collect();
    assert!(original.len() > 40);
    let edited: Vec<String> = original
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 40 != 7)
        .map(|(_, l)| l.replace('3', "4").replace("万元", "元"))
        .chain(["来源：本站 编辑：张三 打印本页 关闭窗口".to_string()])
        .collect();
    let text_fp = |ls: &[String]| -> Fingerprint {
        let simplified: Vec<String> = ls
            .iter()
            .map(|l| crate::simplify::to_simplified_aligned(l))
            .collect();
        Fingerprint::of_lines(simplified.iter().map(String::as_str))
    };
    let a = text_fp(&original);
    let b = text_fp(&edited);
    assert!(
        a.similarity(&b) >= copies::COPY_JACCARD,
        "{}",
        a.similarity(&b)
    );
    let mut fps = vec![("first".to_string(), a), ("again".to_string(), b)];
    fps.extend(fingerprints_of("tests/fixtures/series/corpus"));
    assert_eq!(
        copies_among(&fps),
        vec![vec!["again".to_string(), "first".to_string()]]
    );
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
        // The label is an item's headline, or a clause of a bundled item.
        assert!(
            t.items
                .iter()
                .any(|i| i.headline == t.label || i.clauses.contains(&t.label)),
            "{t:#?}"
        );
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
            ..ReportInfo::default()
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
