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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use jieba_rs::{KeywordExtract, TfIdf};
use serde::{Deserialize, Serialize};

use crate::sections::{Item, ItemRole, MEASURES, PROBLEMS, Section, SectionType};
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
/// Most candidate themes an item is compared with. Candidates are the themes sharing a term with
/// the item (a theme sharing none has cosine 0), rarest terms first; a term shared by more
/// themes than the budget left is too common to single out a theme and is skipped.
const CANDIDATE_BUDGET: usize = 2_000;
/// Most headlines a headline is compared with when looking for copies: one whose rarest bigrams
/// are shared by more is boilerplate (加强组织领导), not evidence that a report was copied.
const COPY_MAX_CANDIDATES: usize = 5_000;

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
            || !w.chars().all(crate::lex::han::is_han)
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
    /// Index into the run's distinct headlines.
    head: usize,
}

fn flatten<'a>(items: &'a [Item], role: ItemRole, out: &mut Vec<&'a Item>) {
    for it in items {
        if it.role == role {
            out.push(it);
        }
        flatten(&it.children, role, out);
    }
}

/// Build the aggregate of a run.
///
/// Near-linear in the number of items: key terms are extracted once per distinct headline (in
/// parallel), themes are found with an inverted index from terms to themes, near-copies with a
/// prefix-filtered index of headline bigrams. The output depends only on the input order.
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
    let problems = themes(sections, PROBLEMS, ItemRole::Problem, seg, &rep_of);
    let measures = themes(sections, MEASURES, ItemRole::Measure, seg, &rep_of);
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

/// Cosine of `a` and `b` where `nb` is the norm of `b` (computed once for a large `b`).
fn cosine_with_norm(a: &Vector, b: &Vector, nb: f64) -> f64 {
    let dot: f64 = a.iter().filter_map(|(k, x)| b.get(k).map(|y| x * y)).sum();
    let na: f64 = a.values().map(|x| x * x).sum::<f64>().sqrt();
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

/// An item's term vector over interned term ids: `(term, weight)`, a few entries.
type Sparse = Vec<(u32, f64)>;

/// A theme centroid during grouping: the sum of its items' vectors and its squared norm.
#[derive(Default)]
struct Centroid {
    w: HashMap<u32, f64>,
    norm2: f64,
}

impl Centroid {
    fn cosine(&self, v: &Sparse, vnorm: f64) -> f64 {
        let dot: f64 = v
            .iter()
            .filter_map(|(t, x)| self.w.get(t).map(|y| x * y))
            .sum();
        if vnorm == 0.0 || self.norm2 <= 0.0 {
            0.0
        } else {
            dot / (vnorm * self.norm2.sqrt())
        }
    }
}

/// Leader clustering of item vectors with an inverted index from terms to centroids.
struct Grouping {
    centroids: Vec<Centroid>,
    /// For each term id, the centroids holding it, in creation order.
    postings: Vec<Vec<u32>>,
}

impl Grouping {
    fn new(terms: usize) -> Grouping {
        Grouping {
            centroids: Vec::new(),
            postings: vec![Vec::new(); terms],
        }
    }

    /// Centroids sharing a term with `v`, rarest terms first, within [`CANDIDATE_BUDGET`];
    /// sorted, without repeats.
    fn candidates(&self, v: &Sparse) -> Vec<u32> {
        let mut lists: Vec<&Vec<u32>> = v
            .iter()
            .map(|(t, _)| &self.postings[*t as usize])
            .filter(|l| !l.is_empty())
            .collect();
        lists.sort_by_key(|l| l.len());
        let mut out: Vec<u32> = Vec::new();
        for l in lists {
            if !out.is_empty() && out.len() + l.len() > CANDIDATE_BUDGET {
                break;
            }
            out.extend(l.iter().take(CANDIDATE_BUDGET));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The most similar centroid at or above [`JOIN_SIMILARITY`]; the earliest wins ties.
    fn best(&self, v: &Sparse, vnorm: f64) -> Option<usize> {
        self.candidates(v)
            .into_iter()
            .map(|k| (k as usize, self.centroids[k as usize].cosine(v, vnorm)))
            .filter(|(_, s)| *s >= JOIN_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(k, _)| k)
    }

    fn add(&mut self, k: usize, v: &Sparse) {
        let c = &mut self.centroids[k];
        for &(t, x) in v {
            let old = c.w.get(&t).copied();
            let new = old.unwrap_or(0.0) + x;
            c.norm2 += new * new - old.map_or(0.0, |o| o * o);
            c.w.insert(t, new);
            if old.is_none() {
                self.postings[t as usize].push(k as u32);
            }
        }
    }

    fn open(&mut self, v: &Sparse) -> usize {
        self.centroids.push(Centroid::default());
        let k = self.centroids.len() - 1;
        self.add(k, v);
        k
    }
}

fn themes(
    sections: &[Section],
    ty: SectionType,
    role: ItemRole,
    seg: &Segmenter,
    rep_of: &BTreeMap<&str, &str>,
) -> Vec<Theme> {
    // Items and their distinct headlines (first-seen order).
    let mut head_ix: HashMap<&str, usize> = HashMap::new();
    let mut heads: Vec<&str> = Vec::new();
    let mut flats: Vec<Flat> = Vec::new();
    for s in sections.iter().filter(|s| s.r#type == ty) {
        let mut items = Vec::new();
        flatten(&s.items, role, &mut items);
        for item in items {
            let head = *head_ix.entry(item.headline.as_str()).or_insert_with(|| {
                heads.push(item.headline.as_str());
                heads.len() - 1
            });
            flats.push(Flat {
                report: &s.report,
                source: &s.source,
                item,
                head,
            });
        }
    }
    // Key terms once per distinct headline, in parallel (order kept by `collect`).
    let head_terms: Vec<Vec<String>> =
        crate::pipeline::par_map_indices(heads.len(), |i| key_terms(seg, heads[i]));
    flats.retain(|f| !head_terms[f.head].is_empty());
    if flats.is_empty() {
        return Vec::new();
    }
    // Interned terms, numbered in first-seen order.
    let mut term_id: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    for f in &flats {
        for t in &head_terms[f.head] {
            term_id.entry(t.as_str()).or_insert_with(|| {
                names.push(t.as_str());
                (names.len() - 1) as u32
            });
        }
    }
    // Inverse document frequency over this run's items.
    let mut df: Vec<usize> = vec![0; names.len()];
    for f in &flats {
        for t in &head_terms[f.head] {
            df[term_id[t.as_str()] as usize] += 1;
        }
    }
    let n = flats.len() as f64;
    let weight = |t: u32| ((n + 1.0) / (df[t as usize] as f64 + 1.0)).ln() + 0.1;
    let vectors: Vec<Sparse> = flats
        .iter()
        .map(|f| {
            head_terms[f.head]
                .iter()
                .map(|t| {
                    let id = term_id[t.as_str()];
                    (id, weight(id))
                })
                .collect()
        })
        .collect();
    let norms: Vec<f64> = vectors
        .iter()
        .map(|v| v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt())
        .collect();

    // Pass 1: leader clustering. Pass 2: each item to its best centroid.
    let mut grouping = Grouping::new(names.len());
    let mut assign: Vec<usize> = Vec::with_capacity(flats.len());
    for (v, &vn) in vectors.iter().zip(&norms) {
        match grouping.best(v, vn) {
            Some(k) => {
                grouping.add(k, v);
                assign.push(k);
            }
            None => assign.push(grouping.open(v)),
        }
    }
    let second: Vec<Option<usize>> =
        crate::pipeline::par_map_indices(vectors.len(), |i| grouping.best(&vectors[i], norms[i]));
    for (a, b) in assign.iter_mut().zip(second) {
        if let Some(k) = b {
            *a = k;
        }
    }

    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, k) in assign.iter().enumerate() {
        members.entry(*k).or_default().push(i);
    }
    let as_vector = |i: usize| -> Vector {
        vectors[i]
            .iter()
            .map(|&(t, x)| (names[t as usize].to_string(), x))
            .collect()
    };
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
        let item_vectors: Vec<Vector> = idx.iter().map(|&i| as_vector(i)).collect();
        let mut centroid = Vector::new();
        let mut shared: BTreeMap<&str, usize> = BTreeMap::new();
        for (v, &i) in item_vectors.iter().zip(idx) {
            add(&mut centroid, v);
            for t in &head_terms[flats[i].head] {
                *shared.entry(t.as_str()).or_insert(0) += 1;
            }
        }
        // Key terms: shared by two items or more, heaviest first.
        let mut terms: Vec<(&String, f64)> = centroid
            .iter()
            .filter(|(t, _)| shared.get(t.as_str()).is_some_and(|&c| c >= 2))
            .map(|(t, w)| (t, *w))
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        // Label: the headline closest to the centroid, with a penalty for length (a label
        // should read as a name); shorter wins ties.
        let cnorm: f64 = centroid.values().map(|x| x * x).sum::<f64>().sqrt();
        let label_of = idx
            .iter()
            .zip(&item_vectors)
            .map(|(&i, v)| {
                let len = flats[i].item.headline.chars().count() as f64;
                (
                    i,
                    cosine_with_norm(v, &centroid, cnorm) - LABEL_LENGTH_PENALTY * len,
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
        .filter(|c| crate::lex::han::is_han(*c))
        .collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Dice similarity of two sorted id sets.
fn dice_ids(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * both as f64 / (a.len() + b.len()) as f64
}

/// Groups of reports that share most of their item headlines (copied templates, synonym-spun
/// copies). Each group is sorted; groups are sorted by their first id.
///
/// Two headlines are copies when their char-bigram Dice is at least `COPY_DICE`. Pairs are
/// found with a prefix filter: bigrams are ranked rarest first, and two sets that reach the
/// threshold must share one of the first `n - ⌈n·t/(2-t)⌉ + 1` bigrams of each, so only those
/// are indexed and probed.
pub fn near_duplicates(sections: &[Section]) -> Vec<Vec<String>> {
    fn all<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
        for it in items {
            out.push(it);
            all(&it.children, out);
        }
    }
    let mut per_report: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for s in sections {
        let entry = per_report.entry(s.report.as_str()).or_default();
        all(&s.items, entry);
    }
    // Bigram sets of every headline, as interned ids.
    let mut gram_id: HashMap<(char, char), u32> = HashMap::new();
    let ids: Vec<&str> = per_report.keys().copied().collect();
    let mut heads: Vec<Vec<Vec<u32>>> = Vec::with_capacity(ids.len());
    for items in per_report.values() {
        let mut hs = Vec::new();
        for it in items {
            let b = bigrams(&it.headline);
            if b.len() >= 3 {
                let mut v: Vec<u32> = Vec::with_capacity(b.len());
                for g in b {
                    let next = gram_id.len() as u32;
                    v.push(*gram_id.entry(g).or_insert(next));
                }
                v.sort_unstable();
                hs.push(v);
            }
        }
        heads.push(hs);
    }
    // Frequency of each bigram over headlines; rank rarest first.
    let mut freq: HashMap<u32, usize> = HashMap::new();
    for hs in &heads {
        for h in hs {
            for g in h {
                *freq.entry(*g).or_insert(0) += 1;
            }
        }
    }
    let rank = |g: &u32| (freq.get(g).copied().unwrap_or(0), *g);
    let t = COPY_DICE;
    let prefix_len = |n: usize| n + 1 - ((n as f64 * t / (2.0 - t)).ceil() as usize).clamp(1, n);
    let prefixes: Vec<Vec<Vec<u32>>> = heads
        .iter()
        .map(|hs| {
            hs.iter()
                .map(|h| {
                    let mut p = h.clone();
                    p.sort_by_key(rank);
                    p.truncate(prefix_len(h.len()));
                    p
                })
                .collect()
        })
        .collect();
    let mut index: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
    for (r, ps) in prefixes.iter().enumerate() {
        for (h, p) in ps.iter().enumerate() {
            for g in p {
                index.entry(*g).or_default().push((r as u32, h as u32));
            }
        }
    }
    // For each report a, count its headlines that have a copy in report b, and keep the pair
    // when a is the smaller report of the two (ties: the lower index) and enough of its
    // headlines are copied. Counting per report keeps memory to the edges found, not to every
    // (report, report, headline) match, which explodes on corpora full of copies.
    let is_small = |a: usize, b: usize| {
        let (la, lb) = (heads[a].len(), heads[b].len());
        la < lb || (la == lb && a < b)
    };
    let edges: Vec<Vec<u32>> = crate::pipeline::par_map_indices(ids.len(), |a| {
        let smaller = heads[a].len();
        if smaller < COPY_MIN_SHARED {
            return Vec::new();
        }
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for (h, p) in prefixes[a].iter().enumerate() {
            let total: usize = p.iter().map(|g| index.get(g).map_or(0, Vec::len)).sum();
            if total > COPY_MAX_CANDIDATES {
                continue;
            }
            let mut cands: Vec<(u32, u32)> = p
                .iter()
                .filter_map(|g| index.get(g))
                .flatten()
                .copied()
                .filter(|&(b, _)| b as usize != a && is_small(a, b as usize))
                .collect();
            cands.sort_unstable();
            cands.dedup();
            let mut last_b = None;
            for (b, hb) in cands {
                if last_b == Some(b) {
                    continue;
                }
                if dice_ids(&heads[a][h], &heads[b as usize][hb as usize]) >= COPY_DICE {
                    *shared.entry(b).or_default() += 1;
                    last_b = Some(b);
                }
            }
        }
        let mut out: Vec<u32> = shared
            .into_iter()
            .filter(|&(_, n)| n >= COPY_MIN_SHARED && n as f64 >= COPY_MIN_SHARE * smaller as f64)
            .map(|(b, _)| b)
            .collect();
        out.sort_unstable();
        out
    });
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (a, bs) in edges.iter().enumerate() {
        for &b in bs {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b as usize));
            parent[ra.max(rb)] = ra.min(rb);
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
    // Per report: (non-empty problems, non-empty measures, an empty section).
    let mut has: HashMap<&str, (bool, bool, bool)> = HashMap::new();
    for s in sections {
        let e = has.entry(s.report.as_str()).or_default();
        e.0 |= s.r#type == PROBLEMS && !s.empty;
        e.1 |= s.r#type == MEASURES && !s.empty;
        e.2 |= s.empty;
    }
    let mut c = Coverage {
        reports: reports.len(),
        ..Coverage::default()
    };
    for r in reports {
        let (p, m, e) = has.get(r.id.as_str()).copied().unwrap_or_default();
        c.reports_with_problems += usize::from(p);
        c.reports_with_measures += usize::from(m);
        c.reports_with_both += usize::from(p && m);
        if !p && !m {
            c.reports_without.push(r.id.clone());
        }
        if e {
            c.reports_with_empty_sections.push(r.id.clone());
        }
    }
    c.empty_sections = sections.iter().filter(|s| s.empty).count();
    for s in sections {
        let mut items = Vec::new();
        if s.r#type == PROBLEMS {
            flatten(&s.items, ItemRole::Problem, &mut items);
            c.problem_items += items.len();
        } else {
            flatten(&s.items, ItemRole::Measure, &mut items);
            c.measure_items += items.len();
        }
    }
    c.problem_items_in_themes = problems.iter().map(|t| t.item_count).sum();
    c.measure_items_in_themes = measures.iter().map(|t| t.item_count).sum();
    c
}

#[cfg(test)]
mod tests;
