//! Stage: recurring problems and measures across reports (`aggregate.json`).
//!
//! Input: every report's [`Section`]s and a [`ReportInfo`] per report. Output: [`Aggregate`] —
//! problem and measure [`Theme`]s, near-duplicate report groups and coverage. Pure and
//! deterministic: no model download, no hash-map iteration order in the output.
//!
//! How themes are found:
//! 1. **Key terms** of each item: jieba TF-IDF keywords of its headline (simplified), minus the
//!    boilerplate of [`STOPLIST`] (加强 推进 进一步 工作 完善 …), with variants folded by the
//!    [`SYNONYMS`] table (宣讲 → 宣传, 经费 → 资金).
//! 2. **Weights**: each term weighs by how rare it is among this run's items (inverse document
//!    frequency), so a word every item of the corpus shares (招商, 绩效) counts little.
//! 3. **Grouping**: items are taken in order and join the theme whose term centroid they are
//!    most similar to (cosine ≥ [`JOIN_SIMILARITY`]), else open a new one; a second pass moves
//!    each item to its best theme. A theme is kept when it spans two reports or more.
//! 4. **Near-copies**: reports sharing most of their item headlines (char-bigram Dice) are
//!    grouped; a theme's `independent_reports` counts each group once.
//! 5. **Label**: the headline of the item closest to the theme centroid — the reports' own words.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use jieba_rs::{KeywordExtract, TfIdf};
use serde::{Deserialize, Serialize};

use crate::sections::{Item, MEASURES, PROBLEMS, Section};
use crate::segment::Segmenter;

/// Boilerplate words dropped from key terms (one per line or space-separated; `#` comments).
pub const STOPLIST: &str = include_str!("stoplist.txt");
/// Synonym table: `canonical: variant variant …  # gloss`.
pub const SYNONYMS: &str = include_str!("synonyms.txt");

/// Version of the `aggregate.json` layout.
pub const SCHEMA_VERSION: u32 = 1;
/// Minimum cosine similarity between an item and a theme centroid to join the theme.
pub const JOIN_SIMILARITY: f64 = 0.3;
/// Char-bigram Dice similarity above which two headlines are copies of each other.
const COPY_DICE: f64 = 0.6;
/// Shared headlines (count and share of the smaller report) that make two reports near-copies.
const COPY_MIN_SHARED: usize = 3;
const COPY_MIN_SHARE: f64 = 0.4;
/// Label score lost per char of headline.
const LABEL_LENGTH_PENALTY: f64 = 0.015;
/// Key terms kept per item.
const TERMS_PER_ITEM: usize = 6;

/// A report as the aggregate sees it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ReportInfo {
    pub id: String,
    pub source: String,
    pub ordinal: usize,
    pub title: String,
}

impl From<&crate::doc::ReportRecord> for ReportInfo {
    fn from(r: &crate::doc::ReportRecord) -> ReportInfo {
        ReportInfo {
            id: r.id.clone(),
            source: r.source.clone(),
            ordinal: r.ordinal,
            title: r.title.clone(),
        }
    }
}

/// One item of a theme, pointing back to its line.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ThemeItem {
    pub report: String,
    pub source: String,
    pub line: usize,
    pub headline: String,
}

/// A recurring problem or measure.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Theme {
    /// A representative headline, in the reports' own words.
    pub label: String,
    /// The terms the items share, most weighty first (simplified).
    pub key_terms: Vec<String>,
    /// Number of distinct reports with an item in the theme.
    pub reports: usize,
    /// Reports counted with each group of near-copies counted once.
    pub independent_reports: usize,
    /// Number of items.
    pub item_count: usize,
    /// Report ids, sorted.
    pub report_ids: Vec<String>,
    pub items: Vec<ThemeItem>,
}

/// Which reports have which sections.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Coverage {
    pub reports: usize,
    pub reports_with_problems: usize,
    pub reports_with_measures: usize,
    pub reports_with_both: usize,
    /// Reports with neither a non-empty problems nor a non-empty measures section.
    pub reports_without: Vec<String>,
    /// Reports with a section that says only 无 ("none").
    pub reports_with_empty_sections: Vec<String>,
    pub empty_sections: usize,
    pub problem_items: usize,
    pub measure_items: usize,
    /// Items that fell into a recurring theme.
    pub problem_items_in_themes: usize,
    pub measure_items_in_themes: usize,
}

/// The content of `aggregate.json`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Aggregate {
    pub schema_version: u32,
    /// Problem themes, most independent reports first.
    pub problems: Vec<Theme>,
    pub measures: Vec<Theme>,
    pub coverage: Coverage,
    /// Groups of reports that are near-copies of each other (report ids, sorted).
    pub near_duplicates: Vec<Vec<String>>,
}

/// The folded vocabulary: stop words and synonym map.
struct Vocab {
    stop: BTreeSet<String>,
    canon: BTreeMap<String, String>,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let strip = |l: &str| l.split('#').next().unwrap_or("").trim().to_string();
    let stop = STOPLIST
        .lines()
        .map(strip)
        .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let mut canon = BTreeMap::new();
    for line in SYNONYMS.lines().map(strip) {
        let Some((head, rest)) = line.split_once(':') else {
            continue;
        };
        let head = head.trim();
        for v in rest.split_whitespace() {
            canon.insert(v.to_string(), head.to_string());
        }
    }
    Vocab { stop, canon }
});

/// jieba's TF-IDF extractor with its bundled IDF table, built once.
static TFIDF: LazyLock<TfIdf> = LazyLock::new(TfIdf::default);

/// The key terms of a headline: jieba TF-IDF keywords, stoplisted, synonyms folded.
pub fn key_terms(seg: &Segmenter, headline: &str) -> Vec<String> {
    let simplified = crate::simplify::to_simplified_aligned(headline);
    let words = TFIDF.extract_keywords(seg.jieba(), &simplified, TERMS_PER_ITEM * 3, Vec::new());
    let mut out: Vec<String> = Vec::new();
    for k in words {
        let w = k.keyword;
        if w.chars().count() < 2
            || !w.chars().all(crate::simplify::is_han)
            || VOCAB.stop.contains(&w)
        {
            continue;
        }
        let w = VOCAB.canon.get(&w).cloned().unwrap_or(w);
        if !out.contains(&w) {
            out.push(w);
        }
        if out.len() == TERMS_PER_ITEM {
            break;
        }
    }
    out
}

/// One problem or measure item, flattened out of its section.
struct Flat<'a> {
    report: &'a str,
    source: &'a str,
    item: &'a Item,
    terms: Vec<String>,
}

fn flatten<'a>(items: &'a [Item], role: &str, out: &mut Vec<&'a Item>) {
    for it in items {
        if it.role == role {
            out.push(it);
        }
        flatten(&it.children, role, out);
    }
}

/// Build the aggregate of a run.
pub fn aggregate(sections: &[Section], reports: &[ReportInfo], seg: &Segmenter) -> Aggregate {
    let groups = near_duplicates(sections);
    // Each report's representative: the first id of its copy group, else itself.
    let mut rep_of: BTreeMap<&str, &str> = BTreeMap::new();
    for g in &groups {
        if let Some(first) = g.first() {
            for id in g {
                rep_of.insert(id.as_str(), first.as_str());
            }
        }
    }
    let problems = themes(sections, PROBLEMS, "problem", seg, &rep_of);
    let measures = themes(sections, MEASURES, "measure", seg, &rep_of);
    let coverage = coverage(sections, reports, &problems, &measures);
    Aggregate {
        schema_version: SCHEMA_VERSION,
        problems,
        measures,
        coverage,
        near_duplicates: groups,
    }
}

type Vector = BTreeMap<String, f64>;

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let dot: f64 = a.iter().filter_map(|(k, x)| b.get(k).map(|y| x * y)).sum();
    let na: f64 = a.values().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.values().map(|x| x * x).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

fn add(into: &mut Vector, v: &Vector) {
    for (k, x) in v {
        *into.entry(k.clone()).or_insert(0.0) += x;
    }
}

fn themes(
    sections: &[Section],
    ty: &str,
    role: &str,
    seg: &Segmenter,
    rep_of: &BTreeMap<&str, &str>,
) -> Vec<Theme> {
    let mut flats: Vec<Flat> = Vec::new();
    for s in sections.iter().filter(|s| s.r#type == ty) {
        let mut items = Vec::new();
        flatten(&s.items, role, &mut items);
        for item in items {
            let terms = key_terms(seg, &item.headline);
            if !terms.is_empty() {
                flats.push(Flat {
                    report: &s.report,
                    source: &s.source,
                    item,
                    terms,
                });
            }
        }
    }
    if flats.is_empty() {
        return Vec::new();
    }
    // Inverse document frequency over this run's items.
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &flats {
        for t in &f.terms {
            *df.entry(t.as_str()).or_insert(0) += 1;
        }
    }
    let n = flats.len() as f64;
    let vectors: Vec<Vector> = flats
        .iter()
        .map(|f| {
            f.terms
                .iter()
                .map(|t| {
                    let d = df.get(t.as_str()).copied().unwrap_or(1) as f64;
                    (t.clone(), ((n + 1.0) / (d + 1.0)).ln() + 0.1)
                })
                .collect()
        })
        .collect();

    // Pass 1: leader clustering. Pass 2: each item to its best centroid.
    let mut centroids: Vec<Vector> = Vec::new();
    let mut assign: Vec<usize> = Vec::with_capacity(flats.len());
    for v in &vectors {
        let best = centroids
            .iter()
            .enumerate()
            .map(|(k, c)| (k, cosine(v, c)))
            .filter(|(_, s)| *s >= JOIN_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((k, _)) => {
                add(&mut centroids[k], v);
                assign.push(k);
            }
            None => {
                centroids.push(v.clone());
                assign.push(centroids.len() - 1);
            }
        }
    }
    for (i, v) in vectors.iter().enumerate() {
        let best = centroids
            .iter()
            .enumerate()
            .map(|(k, c)| (k, cosine(v, c)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((k, s)) = best
            && s >= JOIN_SIMILARITY
        {
            assign[i] = k;
        }
    }

    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, k) in assign.iter().enumerate() {
        members.entry(*k).or_default().push(i);
    }
    let mut out = Vec::new();
    for idx in members.values() {
        let report_ids: BTreeSet<&str> = idx.iter().map(|&i| flats[i].report).collect();
        if report_ids.len() < 2 {
            continue;
        }
        let independent: BTreeSet<&str> = report_ids
            .iter()
            .map(|r| rep_of.get(r).copied().unwrap_or(r))
            .collect();
        let mut centroid = Vector::new();
        for &i in idx {
            add(&mut centroid, &vectors[i]);
        }
        // Key terms: shared by two items or more, heaviest first.
        let mut terms: Vec<(&String, f64)> = centroid
            .iter()
            .filter(|(t, _)| idx.iter().filter(|&&i| flats[i].terms.contains(t)).count() >= 2)
            .map(|(t, w)| (t, *w))
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        // Label: the headline closest to the centroid, with a penalty for length (a label
        // should read as a name); shorter wins ties.
        let label_of = idx
            .iter()
            .map(|&i| {
                let len = flats[i].item.headline.chars().count() as f64;
                (
                    i,
                    cosine(&vectors[i], &centroid) - LABEL_LENGTH_PENALTY * len,
                )
            })
            .max_by(|a, b| {
                a.1.total_cmp(&b.1).then_with(|| {
                    let la = flats[a.0].item.headline.chars().count();
                    let lb = flats[b.0].item.headline.chars().count();
                    lb.cmp(&la).then(b.0.cmp(&a.0))
                })
            })
            .map(|(i, _)| i)
            .unwrap_or(idx[0]);
        let mut items: Vec<ThemeItem> = idx
            .iter()
            .map(|&i| ThemeItem {
                report: flats[i].report.to_string(),
                source: flats[i].source.to_string(),
                line: flats[i].item.line,
                headline: flats[i].item.headline.clone(),
            })
            .collect();
        items.sort_by(|a, b| (&a.source, a.line, &a.report).cmp(&(&b.source, b.line, &b.report)));
        out.push(Theme {
            label: flats[label_of].item.headline.clone(),
            key_terms: terms.iter().take(5).map(|(t, _)| (*t).clone()).collect(),
            reports: report_ids.len(),
            independent_reports: independent.len(),
            item_count: idx.len(),
            report_ids: report_ids.iter().map(|s| s.to_string()).collect(),
            items,
        });
    }
    out.sort_by(|a, b| {
        b.independent_reports
            .cmp(&a.independent_reports)
            .then(b.reports.cmp(&a.reports))
            .then(b.item_count.cmp(&a.item_count))
            .then(a.label.cmp(&b.label))
    });
    out
}

fn bigrams(s: &str) -> BTreeSet<(char, char)> {
    let cs: Vec<char> = crate::simplify::to_simplified_aligned(s)
        .chars()
        .filter(|c| crate::simplify::is_han(*c))
        .collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

fn dice(a: &BTreeSet<(char, char)>, b: &BTreeSet<(char, char)>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

/// Groups of reports that share most of their item headlines (copied templates, synonym-spun
/// copies). Each group is sorted; groups are sorted by their first id.
pub fn near_duplicates(sections: &[Section]) -> Vec<Vec<String>> {
    fn all<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
        for it in items {
            out.push(it);
            all(&it.children, out);
        }
    }
    let mut heads: BTreeMap<&str, Vec<BTreeSet<(char, char)>>> = BTreeMap::new();
    for s in sections {
        let mut items = Vec::new();
        all(&s.items, &mut items);
        let entry = heads.entry(s.report.as_str()).or_default();
        for it in items {
            let b = bigrams(&it.headline);
            if b.len() >= 3 {
                entry.push(b);
            }
        }
    }
    let ids: Vec<&str> = heads.keys().copied().collect();
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for a in 0..ids.len() {
        for b in a + 1..ids.len() {
            let (ha, hb) = (&heads[ids[a]], &heads[ids[b]]);
            let smaller = ha.len().min(hb.len());
            if smaller < COPY_MIN_SHARED {
                continue;
            }
            let (small, big) = if ha.len() <= hb.len() {
                (ha, hb)
            } else {
                (hb, ha)
            };
            let shared = small
                .iter()
                .filter(|x| big.iter().any(|y| dice(x, y) >= COPY_DICE))
                .count();
            if shared >= COPY_MIN_SHARED && shared as f64 >= COPY_MIN_SHARE * smaller as f64 {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(id.to_string());
    }
    let mut out: Vec<Vec<String>> = groups.into_values().filter(|g| g.len() >= 2).collect();
    for g in &mut out {
        g.sort();
    }
    out.sort();
    out
}

fn coverage(
    sections: &[Section],
    reports: &[ReportInfo],
    problems: &[Theme],
    measures: &[Theme],
) -> Coverage {
    let has = |id: &str, ty: &str| {
        sections
            .iter()
            .any(|s| s.report == id && s.r#type == ty && !s.empty)
    };
    let mut c = Coverage {
        reports: reports.len(),
        ..Coverage::default()
    };
    for r in reports {
        let (p, m) = (has(&r.id, PROBLEMS), has(&r.id, MEASURES));
        c.reports_with_problems += usize::from(p);
        c.reports_with_measures += usize::from(m);
        c.reports_with_both += usize::from(p && m);
        if !p && !m {
            c.reports_without.push(r.id.clone());
        }
        if sections.iter().any(|s| s.report == r.id && s.empty) {
            c.reports_with_empty_sections.push(r.id.clone());
        }
    }
    c.empty_sections = sections.iter().filter(|s| s.empty).count();
    for s in sections {
        let mut items = Vec::new();
        if s.r#type == PROBLEMS {
            flatten(&s.items, "problem", &mut items);
            c.problem_items += items.len();
        } else {
            flatten(&s.items, "measure", &mut items);
            c.measure_items += items.len();
        }
    }
    c.problem_items_in_themes = problems.iter().map(|t| t.item_count).sum();
    c.measure_items_in_themes = measures.iter().map(|t| t.item_count).sum();
    c
}

#[cfg(test)]
mod tests;
