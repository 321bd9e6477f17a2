//! Stage: recurring problems and measures across reports (`aggregate.json`).
//!
//! Input: every report's [`Section`]s and a [`ReportInfo`] per report (its year, genre, region
//! and text fingerprint). Output: [`Aggregate`] — problem and measure [`Theme`]s, near-copy
//! report groups and coverage. Pure and deterministic: no model download, no hash-map iteration
//! order in the output.
//!
//! How themes are found:
//! 1. **Units** ([`units`]): a measure item is one unit, read from its headline and the start of
//!    its body; a problem item that bundles several problems in its headline (or lists them with
//!    `一是…二是`) gives one unit per problem clause, each keeping its parent item. Topic headings
//!    and achievement headings that sat in a problems section give none (counted in coverage).
//! 2. **Category** ([`taxonomy`], a table): each unit gets the category whose cue words it
//!    holds most, in the scheme of its report's genre (evaluation-type or government reports).
//! 3. **Key terms**: jieba TF-IDF keywords of the unit, minus the boilerplate of [`STOPLIST`],
//!    variants folded by [`SYNONYMS`]; each term weighs by how rare it is among this run's units.
//! 4. **Grouping**, within one category: units are taken in order and join the theme whose term
//!    centroid they are most similar to (cosine ≥ [`JOIN_SIMILARITY`]), else open a new one; a
//!    second pass moves each unit to its best theme. An item whose clauses fall in different
//!    themes is an item of each. A theme is kept when it spans two reports or more.
//! 5. **Near-copies** ([`copies`]): reports sharing most of their full text (MinHash over
//!    character 8-grams) are grouped; a theme's `independent_reports` counts each group once.
//! 6. **Label**: the unit closest to the theme centroid — the reports' own words.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use jieba_rs::{KeywordExtract, TfIdf};
use serde::{Deserialize, Serialize};

use crate::meta::Genre;
use crate::sections::{Item, ItemRole, MEASURES, PROBLEMS, Section, SectionType};
use crate::segment::Segmenter;

pub mod copies;
pub mod cues;
pub mod taxonomy;
pub mod units;

pub use copies::Fingerprint;
pub use cues::Rectification;

/// Boilerplate words dropped from key terms (one per line or space-separated; `#` comments).
pub const STOPLIST: &str = include_str!("stoplist.txt");
/// Synonym table: `canonical: variant variant …  # gloss`.
pub const SYNONYMS: &str = include_str!("synonyms.txt");

/// Version of the `aggregate.json` layout.
pub const SCHEMA_VERSION: u32 = 2;
/// Minimum cosine similarity between a unit and a theme centroid to join the theme.
pub const JOIN_SIMILARITY: f64 = 0.3;
/// Label score lost per char of headline.
const LABEL_LENGTH_PENALTY: f64 = 0.015;
/// Key terms kept per unit.
const TERMS_PER_ITEM: usize = 6;
/// Terms of an item's body added to its headline's, and their weight against a headline
/// term: enough to place a terse headline (资金使用与管理方面), too little to outvote it.
const BODY_TERMS: usize = 3;
const BODY_WEIGHT: f64 = 0.4;
/// Most candidate themes a unit is compared with. Candidates are the themes sharing a term with
/// the unit (a theme sharing none has cosine 0), rarest terms first; a term shared by more
/// themes than the budget left is too common to single out a theme and is skipped.
const CANDIDATE_BUDGET: usize = 2_000;

/// A report as the aggregate sees it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReportInfo {
    pub id: String,
    pub source: String,
    pub ordinal: usize,
    pub title: String,
    /// The report's own year, when known.
    pub year: Option<i32>,
    pub genre: Genre,
    /// The province the report is about (the level trends are drawn by).
    pub region: Option<String>,
    /// MinHash of its text, for near-copies.
    pub fingerprint: Fingerprint,
}

impl ReportInfo {
    /// The aggregate's view of `report`, with its metadata.
    pub fn of(report: &crate::doc::Report, meta: &crate::meta::ReportMeta) -> ReportInfo {
        ReportInfo {
            id: report.id.clone(),
            source: report.source().to_string(),
            ordinal: report.ordinal(),
            title: report.title.clone(),
            year: match meta.year {
                crate::extract::YearRef::Year(y) => Some(y),
                _ => None,
            },
            genre: meta.genre,
            region: meta.region.province.clone(),
            fingerprint: Fingerprint::of_lines(
                report.lines.iter().map(|l| l.line.simplified.as_str()),
            ),
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
    /// The clauses of a bundled item that fall in this theme (simplified); empty when the
    /// theme holds the whole item.
    pub clauses: Vec<String>,
    /// The item's category in the taxonomy (`taxonomy.tsv`).
    pub category: String,
    /// The report's own year, genre and province.
    pub year: Option<i32>,
    pub genre: Genre,
    pub region: Option<String>,
    /// In rectification reports: 已整改, 整改中 or 未整改 where the item says; else null.
    pub status: Option<Rectification>,
}

/// Reports and items of a theme in one year.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct YearCount {
    pub year: i32,
    pub reports: usize,
    pub items: usize,
}

/// A recurring problem or measure.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Theme {
    /// A representative headline (or clause, simplified), in the reports' own words.
    pub label: String,
    /// The taxonomy category all its units share.
    pub category: String,
    /// The terms the units share, most weighty first (simplified).
    pub key_terms: Vec<String>,
    /// Number of distinct reports with an item in the theme.
    pub reports: usize,
    /// Reports counted with each group of near-copies counted once.
    pub independent_reports: usize,
    /// Number of items.
    pub item_count: usize,
    /// Report ids, sorted.
    pub report_ids: Vec<String>,
    /// Per report year (reports of unknown year are not counted here), oldest first: the
    /// theme's trend line.
    pub by_year: Vec<YearCount>,
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
    /// Problem items split into clause-level problems, and the clauses they gave.
    pub bundled_problem_items: usize,
    pub problem_clauses: usize,
    /// Items left out of themes: topic headings (关于…问题, 教育助学方面; problems and measures)
    /// and achievement headings (problems).
    pub topic_headings_dropped: usize,
    pub achievement_headings_dropped: usize,
    /// Items of rectification reports per status (已整改, 整改中, 未整改, `unknown`).
    pub rectification: BTreeMap<String, usize>,
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

/// One unit of one item, flattened out of its section.
struct Flat<'a> {
    report: &'a ReportInfo,
    item: &'a Item,
    /// Index of the item among the run's items of this role (items of one bundle share it).
    item_no: usize,
    /// Index into the run's distinct unit texts.
    unit: usize,
    clause: bool,
    category: &'static str,
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
/// Near-linear in the number of items: key terms are extracted once per distinct unit (in
/// parallel), themes are found with an inverted index from terms to themes, near-copies with
/// locality-sensitive hashing of report fingerprints. The output depends only on the input
/// order.
pub fn aggregate(sections: &[Section], reports: &[ReportInfo], seg: &Segmenter) -> Aggregate {
    let fps: Vec<(&str, &Fingerprint)> = reports
        .iter()
        .map(|r| (r.id.as_str(), &r.fingerprint))
        .collect();
    let groups = copies::near_copies(&fps);
    // Each report's representative: the first id of its copy group, else itself.
    let mut rep_of: BTreeMap<&str, &str> = BTreeMap::new();
    for g in &groups {
        if let Some(first) = g.first() {
            for id in g {
                rep_of.insert(id.as_str(), first.as_str());
            }
        }
    }
    let info: HashMap<&str, &ReportInfo> = reports.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut coverage = coverage(sections, reports);
    let ctx = Context {
        seg,
        rep_of: &rep_of,
        info: &info,
    };
    let problems = themes(sections, PROBLEMS, ItemRole::Problem, &ctx, &mut coverage);
    let measures = themes(sections, MEASURES, ItemRole::Measure, &ctx, &mut coverage);
    coverage.problem_items_in_themes = items_in(&problems);
    coverage.measure_items_in_themes = items_in(&measures);
    Aggregate {
        schema_version: SCHEMA_VERSION,
        problems,
        measures,
        coverage,
        near_duplicates: groups,
    }
}

/// Distinct items over `themes` (an item in two themes counts once).
fn items_in(themes: &[Theme]) -> usize {
    themes
        .iter()
        .flat_map(|t| t.items.iter().map(|i| (&i.report, i.line, &i.headline)))
        .collect::<BTreeSet<_>>()
        .len()
}

/// What the grouping of one role reads besides the sections.
struct Context<'a> {
    seg: &'a Segmenter,
    rep_of: &'a BTreeMap<&'a str, &'a str>,
    info: &'a HashMap<&'a str, &'a ReportInfo>,
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
    ctx: &Context,
    cov: &mut Coverage,
) -> Vec<Theme> {
    static UNKNOWN: LazyLock<ReportInfo> = LazyLock::new(ReportInfo::default);
    // Units and their distinct texts (first-seen order).
    let mut unit_ix: HashMap<String, usize> = HashMap::new();
    let mut texts: Vec<String> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    let mut flats: Vec<Flat> = Vec::new();
    let mut item_no = 0usize;
    for s in sections.iter().filter(|s| s.r#type == ty) {
        let report: &ReportInfo = ctx.info.get(s.report.as_str()).copied().unwrap_or(&UNKNOWN);
        let scheme = taxonomy::Scheme::of(report.genre);
        let mut items = Vec::new();
        flatten(&s.items, role, &mut items);
        for item in items {
            let list = if role == ItemRole::Problem {
                match units::problem_units(item) {
                    units::Units::Kept(v) => v,
                    units::Units::Topic => {
                        cov.topic_headings_dropped += 1;
                        continue;
                    }
                    units::Units::Achievement => {
                        cov.achievement_headings_dropped += 1;
                        continue;
                    }
                }
            } else {
                match units::measure_units(item) {
                    units::Units::Kept(v) => v,
                    _ => {
                        cov.topic_headings_dropped += 1;
                        continue;
                    }
                }
            };
            if list.iter().any(|u| u.clause) {
                cov.bundled_problem_items += 1;
                cov.problem_clauses += list.len();
            }
            for u in list {
                let category = taxonomy::categorise(scheme, &u.head, &u.body);
                let next = texts.len();
                let unit = *unit_ix.entry(u.text()).or_insert_with(|| {
                    texts.push(u.head.clone());
                    bodies.push(u.body.clone());
                    next
                });
                flats.push(Flat {
                    report,
                    item,
                    item_no,
                    unit,
                    clause: u.clause,
                    category,
                });
            }
            item_no += 1;
        }
    }
    // Key terms once per distinct unit, in parallel (order kept by `collect`): the headline's,
    // then a few of the body's that the headline lacks, each with its weight factor.
    let unit_terms: Vec<Vec<(String, f64)>> = crate::pipeline::par_map_indices(texts.len(), |i| {
        let mut terms: Vec<(String, f64)> = key_terms(ctx.seg, &texts[i])
            .into_iter()
            .map(|t| (t, 1.0))
            .collect();
        if !bodies[i].is_empty() {
            let extra: Vec<String> = key_terms(ctx.seg, &bodies[i])
                .into_iter()
                .filter(|t| !terms.iter().any(|(h, _)| h == t))
                .take(BODY_TERMS)
                .collect();
            terms.extend(extra.into_iter().map(|t| (t, BODY_WEIGHT)));
        }
        terms
    });
    flats.retain(|f| !unit_terms[f.unit].is_empty());
    if flats.is_empty() {
        return Vec::new();
    }
    // Interned terms, numbered in first-seen order.
    let mut term_id: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    for f in &flats {
        for (t, _) in &unit_terms[f.unit] {
            term_id.entry(t.as_str()).or_insert_with(|| {
                names.push(t.as_str());
                (names.len() - 1) as u32
            });
        }
    }
    // Inverse document frequency over this run's units.
    let mut df: Vec<usize> = vec![0; names.len()];
    for f in &flats {
        for (t, _) in &unit_terms[f.unit] {
            df[term_id[t.as_str()] as usize] += 1;
        }
    }
    let n = flats.len() as f64;
    let weight = |t: u32| ((n + 1.0) / (df[t as usize] as f64 + 1.0)).ln() + 0.1;
    let vectors: Vec<Sparse> = flats
        .iter()
        .map(|f| {
            unit_terms[f.unit]
                .iter()
                .map(|(t, factor)| {
                    let id = term_id[t.as_str()];
                    (id, weight(id) * factor)
                })
                .collect()
        })
        .collect();
    let norms: Vec<f64> = vectors
        .iter()
        .map(|v| v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt())
        .collect();

    // Units are grouped within their category, in the order of the table's first appearance.
    let mut by_category: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in flats.iter().enumerate() {
        by_category.entry(f.category).or_default().push(i);
    }
    let mut out = Vec::new();
    for (category, members_of) in &by_category {
        // Pass 1: leader clustering. Pass 2: each unit to its best centroid.
        let mut grouping = Grouping::new(names.len());
        let mut assign: Vec<usize> = Vec::with_capacity(members_of.len());
        for &i in members_of {
            match grouping.best(&vectors[i], norms[i]) {
                Some(k) => {
                    grouping.add(k, &vectors[i]);
                    assign.push(k);
                }
                None => assign.push(grouping.open(&vectors[i])),
            }
        }
        let second: Vec<Option<usize>> = crate::pipeline::par_map_indices(members_of.len(), |j| {
            let i = members_of[j];
            grouping.best(&vectors[i], norms[i])
        });
        for (a, b) in assign.iter_mut().zip(second) {
            if let Some(k) = b {
                *a = k;
            }
        }
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (j, k) in assign.iter().enumerate() {
            members.entry(*k).or_default().push(members_of[j]);
        }
        for idx in members.values() {
            if let Some(t) = theme_of(
                idx,
                category,
                &flats,
                &vectors,
                &names,
                &unit_terms,
                &texts,
                ctx,
            ) {
                out.push(t);
            }
        }
    }
    count_rectification(&flats, cov);
    out.sort_by(|a, b| {
        b.independent_reports
            .cmp(&a.independent_reports)
            .then(b.reports.cmp(&a.reports))
            .then(b.item_count.cmp(&a.item_count))
            .then(a.label.cmp(&b.label))
    });
    out
}

/// The status of an item of a rectification report.
fn status_of(f: &Flat) -> Option<Rectification> {
    (f.report.genre == Genre::Rectification)
        .then(|| cues::rectification(&crate::simplify::to_simplified_aligned(&f.item.text)))
        .flatten()
}

/// Items of rectification reports per status, each item once.
fn count_rectification(flats: &[Flat], cov: &mut Coverage) {
    let mut seen = BTreeSet::new();
    for f in flats {
        if f.report.genre != Genre::Rectification || !seen.insert(f.item_no) {
            continue;
        }
        let key = status_of(f).map_or("unknown", Rectification::as_str);
        *cov.rectification.entry(key.to_string()).or_default() += 1;
    }
}

/// The theme of the units `idx` (one category), if it spans two reports or more.
#[allow(clippy::too_many_arguments)]
fn theme_of(
    idx: &[usize],
    category: &str,
    flats: &[Flat],
    vectors: &[Sparse],
    names: &[&str],
    unit_terms: &[Vec<(String, f64)>],
    texts: &[String],
    ctx: &Context,
) -> Option<Theme> {
    let report_ids: BTreeSet<&str> = idx.iter().map(|&i| flats[i].report.id.as_str()).collect();
    if report_ids.len() < 2 {
        return None;
    }
    let independent: BTreeSet<&str> = report_ids
        .iter()
        .map(|r| ctx.rep_of.get(r).copied().unwrap_or(r))
        .collect();
    let as_vector = |i: usize| -> Vector {
        vectors[i]
            .iter()
            .map(|&(t, x)| (names[t as usize].to_string(), x))
            .collect()
    };
    let item_vectors: Vec<Vector> = idx.iter().map(|&i| as_vector(i)).collect();
    let mut centroid = Vector::new();
    let mut shared: BTreeMap<&str, usize> = BTreeMap::new();
    for (v, &i) in item_vectors.iter().zip(idx) {
        add(&mut centroid, v);
        for (t, _) in &unit_terms[flats[i].unit] {
            *shared.entry(t.as_str()).or_insert(0) += 1;
        }
    }
    // Key terms: shared by two units or more, heaviest first.
    let mut terms: Vec<(&String, f64)> = centroid
        .iter()
        .filter(|(t, _)| shared.get(t.as_str()).is_some_and(|&c| c >= 2))
        .map(|(t, w)| (t, *w))
        .collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    // Label: the unit closest to the centroid, with a penalty for length (a label should read
    // as a name); shorter wins ties. A whole item is named by its headline, a clause by itself.
    let label_text = |i: usize| -> &str {
        if flats[i].clause {
            &texts[flats[i].unit]
        } else {
            &flats[i].item.headline
        }
    };
    let cnorm: f64 = centroid.values().map(|x| x * x).sum::<f64>().sqrt();
    let label_of = idx
        .iter()
        .zip(&item_vectors)
        .map(|(&i, v)| {
            let len = label_text(i).chars().count() as f64;
            (
                i,
                cosine_with_norm(v, &centroid, cnorm) - LABEL_LENGTH_PENALTY * len,
            )
        })
        .max_by(|a, b| {
            a.1.total_cmp(&b.1).then_with(|| {
                let la = label_text(a.0).chars().count();
                let lb = label_text(b.0).chars().count();
                lb.cmp(&la).then(b.0.cmp(&a.0))
            })
        })
        .map(|(i, _)| i)
        .unwrap_or(idx[0]);
    // One theme item per item; a bundled item lists its clauses that fell here.
    let mut by_item: BTreeMap<usize, ThemeItem> = BTreeMap::new();
    for &i in idx {
        let f = &flats[i];
        let entry = by_item.entry(f.item_no).or_insert_with(|| ThemeItem {
            report: f.report.id.clone(),
            source: f.report.source.clone(),
            line: f.item.line,
            headline: f.item.headline.clone(),
            clauses: Vec::new(),
            category: category.to_string(),
            year: f.report.year,
            genre: f.report.genre,
            region: f.report.region.clone(),
            status: status_of(f),
        });
        if f.clause {
            entry.clauses.push(texts[f.unit].clone());
        }
    }
    let mut items: Vec<ThemeItem> = by_item.into_values().collect();
    items.sort_by(|a, b| (&a.source, a.line, &a.report).cmp(&(&b.source, b.line, &b.report)));
    Some(Theme {
        label: label_text(label_of).to_string(),
        category: category.to_string(),
        key_terms: terms.iter().take(5).map(|(t, _)| (*t).clone()).collect(),
        reports: report_ids.len(),
        independent_reports: independent.len(),
        item_count: items.len(),
        report_ids: report_ids.iter().map(|s| s.to_string()).collect(),
        by_year: by_year(&items),
        items,
    })
}

/// Reports and items per report year, oldest first.
pub fn by_year(items: &[ThemeItem]) -> Vec<YearCount> {
    let mut per: BTreeMap<i32, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for it in items {
        if let Some(y) = it.year {
            let e = per.entry(y).or_default();
            e.0.insert(it.report.as_str());
            e.1 += 1;
        }
    }
    per.into_iter()
        .map(|(year, (r, items))| YearCount {
            year,
            reports: r.len(),
            items,
        })
        .collect()
}

fn coverage(sections: &[Section], reports: &[ReportInfo]) -> Coverage {
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
    c
}

#[cfg(test)]
mod tests;
