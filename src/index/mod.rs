//! Stage 5: the tantivy search index over reports (`index/tantivy/`), and keyword search.
//!
//! Input: one [`IndexDoc`] per report (lines in original script and in the char-aligned
//! simplified view). Output: the index folder, and [`Hit`]s for a [`SearchRequest`].
//!
//! - **Schema** ([`FORMAT_VERSION`]): `id`, `source`, `ordinal`, `title` (stored original) and
//!   `title_zh` (indexed), `body` (simplified view, `zh` tokenizer, positions, not stored),
//!   `text` (original lines joined with `\n`, stored for snippets), `line_nos` (source line of
//!   each body line), `line_start`, `years` (multi-valued fast field), `has_money`, `script`.
//! - **Tokenizer**: [`tokenizer::ZhTokenizer`] (jieba search mode, char positions) is
//!   registered as `zh` every time an index is created or opened: tantivy does not store
//!   custom tokenizers, and an unregistered name silently breaks indexing of the title field.
//! - **Format check**: `baogao-index.json` beside tantivy's files records the format version and
//!   a fingerprint of the tokenizer setup (HMM flag, user dictionary); [`SearchIndex::open`]
//!   refuses a mismatch with a "rebuild the index" message instead of returning wrong hits.
//! - **Atomic build**: an index is built in a staging folder and published as a new generation
//!   by [`crate::publish`], the one place that switches what readers see; a failed, dropped or
//!   killed build leaves the previous index searchable. [`SearchIndex::open`] reads the current
//!   generation through a read-only directory, so searching writes and locks nothing.

pub mod query;
pub mod readonly;
pub mod snippet;
#[cfg(test)]
mod tests;
pub mod tokenizer;

use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::merge_policy::NoMergePolicy;
use tantivy::postings::Postings;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer};
use tantivy::{
    DocAddress, DocId, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader,
    TantivyDocument, Term,
};

pub use query::{ParsedQuery, QueryError};
pub use snippet::Snippet;
pub use tokenizer::{ZhTokenizer, pre_tokenize};

use crate::doc::{Report, Script};
use crate::segment::{HMM, Segmenter, USER_DICT};

/// Folder of the tantivy index inside the `--index` folder.
pub const TANTIVY_DIR: &str = "tantivy";
/// Version of the schema and tokenization. Bump it whenever either changes.
pub const FORMAT_VERSION: u32 = 3;
/// The fast field holding [`IndexDoc::order`].
const ORDER_FIELD: &str = "order";
/// Weight of a title match relative to a body match.
pub const TITLE_BOOST: f32 = 2.0;
/// The small meta file written beside tantivy's files.
pub const META_FILE: &str = "baogao-index.json";

/// Score resolution of search results: scores are compared and reported rounded to 1/1,000.
/// The noise it hides is a few f32 ulps (≈ 1e-6 of the score); the coarser the step, the
/// rarer a noisy pair straddles a step boundary (≈ 0.2% of tied groups at this step).
const SCORE_STEPS: f64 = 1_000.0;

/// A score in [`SCORE_STEPS`], the unit in which hits are ranked.
fn rounded_score(score: Score) -> i64 {
    (f64::from(score) * SCORE_STEPS).round() as i64
}

/// The tie-break key of report `ordinal` of the file at `file_order` in the sorted corpus:
/// orders like (source, ordinal).
pub fn order_key(file_order: usize, ordinal: usize) -> u64 {
    ((file_order as u64) << 24) | (ordinal as u64).min((1 << 24) - 1)
}

/// One report, as the pipeline hands it to the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDoc {
    pub id: String,
    pub source: String,
    pub ordinal: u64,
    /// Tie-break key for equal scores, lowest first: [`order_key`] of the file's place in the
    /// corpus and the ordinal, so equal-score hits come in (source, ordinal) order and the cut
    /// at `--limit` is the same in every build, whatever the thread count.
    pub order: u64,
    /// Title in the original script.
    pub title: String,
    pub line_start: usize,
    /// Last source line of the report (as `reports.jsonl` `line_end`).
    pub line_end: usize,
    /// Lines of the report: (1-based source line, cleaned original-script text, simplified
    /// text with the SAME char count).
    pub lines: Vec<(usize, String, String)>,
    pub years: Vec<i64>,
    pub has_money: bool,
    /// The report's script ([`Report::script`]).
    pub script: Script,
    /// What the report is ([`crate::meta`]): its own year, genre and region, for filters.
    pub meta: crate::meta::ReportMeta,
}

impl IndexDoc {
    /// The lines of a report of the pipeline, with its id and title; `years` and `has_money`
    /// are left empty for the caller (extract) to fill.
    pub fn from_report(report: &Report) -> IndexDoc {
        let lines = report
            .lines
            .iter()
            .map(|l| (l.src, l.line.text.clone(), l.line.simplified.clone()))
            .collect();
        IndexDoc {
            id: report.id.clone(),
            source: report.source().to_string(),
            ordinal: report.ordinal() as u64,
            order: order_key(0, report.ordinal()),
            title: report.title.clone(),
            line_start: report.line_start(),
            line_end: report.line_end(),
            lines,
            years: Vec::new(),
            has_money: false,
            script: report.script,
            meta: crate::meta::ReportMeta::default(),
        }
    }

    /// The simplified body that is indexed: the simplified lines joined with `\n`. A line whose
    /// simplified view breaks the char-count contract is re-simplified from the original.
    pub fn simplified_body(&self) -> String {
        let mut body = String::new();
        for (i, (_, orig, simp)) in self.lines.iter().enumerate() {
            if i > 0 {
                body.push('\n');
            }
            if simp.chars().count() == orig.chars().count() {
                body.push_str(simp);
            } else {
                body.push_str(&crate::simplify::to_simplified_aligned(orig));
            }
        }
        body
    }

    /// Index in `lines` of the title line (the line `line_start`, if it holds the title).
    pub fn title_line(&self) -> Option<usize> {
        let title = self.title.trim();
        self.lines.iter().position(|(no, orig, _)| {
            *no == self.line_start && !title.is_empty() && orig.contains(title)
        })
    }

    /// Char range of the title line in the body.
    pub fn title_chars(&self) -> Option<std::ops::Range<usize>> {
        let t = self.title_line()?;
        let start: usize = self.lines[..t]
            .iter()
            .map(|(_, orig, _)| orig.chars().count() + 1)
            .sum();
        Some(start..start + self.lines[t].1.chars().count())
    }

    /// The original body that is stored: the original lines joined with `\n`.
    pub fn original_body(&self) -> String {
        let mut body = String::new();
        for (i, (_, orig, _)) in self.lines.iter().enumerate() {
            if i > 0 {
                body.push('\n');
            }
            body.push_str(orig);
        }
        body
    }
}

/// Errors while building an index. (Messages leave the cause out: it is the error's
/// `source()`, which `{:#}` in the binary prints after a colon.)
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("cannot write the search index at {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("search index")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("pre-tokenized body of report {0} does not match its lines")]
    TokensMismatch(String),
}

pub type Result<T, E = IndexError> = std::result::Result<T, E>;

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("no search index at {0}; run `baogao build` first")]
    NoIndex(PathBuf),
    #[error(
        "the search index at {path} was built by another version of baogao ({found}); \
         rebuild the index with `baogao build`"
    )]
    Outdated { path: PathBuf, found: String },
    #[error("malformed query: {0}")]
    Query(QueryError),
    #[error("bad --source glob `{glob}`: {reason}")]
    BadGlob { glob: String, reason: String },
    #[error("bad year range: --from {from} is after --to {to}")]
    BadYears { from: i64, to: i64 },
    #[error("cannot read the search index at {path}")]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
}

impl From<QueryError> for SearchError {
    fn from(e: QueryError) -> Self {
        SearchError::Query(e)
    }
}

impl SearchError {
    /// Whether the error is the user's input (query, glob, years) rather than the index.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            SearchError::Query(_) | SearchError::BadGlob { .. } | SearchError::BadYears { .. }
        )
    }
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    source: Field,
    ordinal: Field,
    order: Field,
    title: Field,
    title_zh: Field,
    body: Field,
    text: Field,
    line_nos: Field,
    line_start: Field,
    line_end: Field,
    years: Field,
    has_money: Field,
    script: Field,
    report_year: Field,
    genre: Field,
    region: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let zh = TextFieldIndexing::default()
        .set_tokenizer(tokenizer::TOKENIZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        source: b.add_text_field("source", STRING | STORED),
        ordinal: b.add_u64_field("ordinal", STORED | FAST),
        order: b.add_u64_field(ORDER_FIELD, FAST),
        title: b.add_text_field("title", STORED),
        title_zh: b.add_text_field(
            "title_zh",
            TextOptions::default().set_indexing_options(zh.clone()),
        ),
        body: b.add_text_field("body", TextOptions::default().set_indexing_options(zh)),
        text: b.add_text_field("text", STORED),
        line_nos: b.add_u64_field("line_nos", STORED),
        line_start: b.add_u64_field("line_start", STORED | FAST),
        line_end: b.add_u64_field("line_end", STORED),
        years: b.add_i64_field("years", INDEXED | STORED | FAST),
        has_money: b.add_bool_field("has_money", INDEXED | STORED | FAST),
        script: b.add_text_field("script", STRING | STORED),
        report_year: b.add_i64_field("report_year", INDEXED | STORED | FAST),
        genre: b.add_text_field("genre", STRING | STORED),
        region: b.add_text_field("region", STRING | STORED),
    };
    (b.build(), fields)
}

fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        id: f("id")?,
        source: f("source")?,
        ordinal: f("ordinal")?,
        order: f(ORDER_FIELD)?,
        title: f("title")?,
        title_zh: f("title_zh")?,
        body: f("body")?,
        text: f("text")?,
        line_nos: f("line_nos")?,
        line_start: f("line_start")?,
        line_end: f("line_end")?,
        years: f("years")?,
        has_money: f("has_money")?,
        script: f("script")?,
        report_year: f("report_year")?,
        genre: f("genre")?,
        region: f("region")?,
    })
}

/// Register the `zh` analyzer. Must run on every `Index` before indexing or searching.
fn register_tokenizer(index: &Index, seg: &Segmenter) {
    index.tokenizers().register(
        tokenizer::TOKENIZER_NAME,
        TextAnalyzer::from(ZhTokenizer::new(seg)),
    );
}

/// What `baogao-index.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Meta {
    format: u32,
    /// Fingerprint of everything that decides how text is cut.
    tokenizer: String,
}

impl Meta {
    fn current() -> Meta {
        Meta {
            format: FORMAT_VERSION,
            tokenizer: tokenizer_fingerprint(),
        }
    }
}

/// A stable fingerprint of the tokenization: mode, position scheme, HMM flag and user
/// dictionary (FNV-1a, so it does not change between Rust versions).
fn tokenizer_fingerprint() -> String {
    let h = crate::doc::fnv1a(USER_DICT.bytes());
    format!("jieba-search/char-positions/hmm={HMM}/dict={h:016x}")
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Statistics of a finished build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BuildStats {
    pub reports: u64,
    /// Bytes of the index folder.
    pub bytes: u64,
}

/// Writes a new index beside the current one; see [`open_for_build`].
pub struct Builder {
    writer: Option<IndexWriter>,
    index: Index,
    fields: Fields,
    seg: Segmenter,
    tmp: PathBuf,
    /// For [`open_for_build`]: the lock and staging folder to publish at commit; `None`: the
    /// caller publishes (the pipeline, which stages more than the index).
    publish: Option<(crate::publish::BuildLock, crate::publish::Staging)>,
}

/// Start building a search index alone (no other outputs) for the `--index` folder
/// `index_dir`, holding its build lock. Nothing visible changes until [`Builder::commit`],
/// which publishes it as the new generation.
pub fn open_for_build(index_dir: &Path, seg: &Segmenter) -> Result<Builder> {
    let to_index = |e: crate::error::Error| IndexError::Io {
        path: index_dir.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let lock = crate::publish::lock(index_dir).map_err(to_index)?;
    let staging = crate::publish::Staging::new(index_dir, &lock).map_err(to_index)?;
    start_build(staging.path(TANTIVY_DIR), Some((lock, staging)), seg)
}

/// Build an index in `dir` (e.g. `Staging::path("tantivy")`; created, emptied if it exists)
/// and leave it there at [`Builder::commit`], for a caller that publishes it with its other
/// outputs, as `pipeline::build` does. A dropped builder removes `dir`.
pub fn open_for_build_in(dir: &Path, seg: &Segmenter) -> Result<Builder> {
    start_build(dir.to_path_buf(), None, seg)
}

fn start_build(
    tmp: PathBuf,
    publish: Option<(crate::publish::BuildLock, crate::publish::Staging)>,
    seg: &Segmenter,
) -> Result<Builder> {
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    }
    std::fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
    let (schema, fields) = schema();
    let index = Index::create_in_dir(&tmp, schema)?;
    register_tokenizer(&index, seg);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let writer: IndexWriter = index.writer_with_num_threads(threads, threads * 96_000_000)?;
    // Segments are merged once, at commit: background merges would compete with the pipeline
    // for the cores, and one segment makes queries fastest.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(Builder {
        writer: Some(writer),
        index,
        fields,
        seg: seg.clone(),
        tmp,
        publish,
    })
}

impl Builder {
    /// Add a report; segments it in the calling thread (callable from rayon workers).
    pub fn add(&self, doc: IndexDoc) -> Result<()> {
        let body = pre_tokenize(&self.seg, &doc);
        self.add_pretokenized(doc, body)
    }

    /// Add a report whose body was tokenized with [`pre_tokenize`] (so the pipeline can
    /// segment each report once, in its own threads).
    pub fn add_pretokenized(&self, doc: IndexDoc, body: PreTokenizedString) -> Result<()> {
        if body.text.chars().count() != doc.original_body().chars().count() {
            return Err(IndexError::TokensMismatch(doc.id));
        }
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_text(f.id, &doc.id);
        d.add_text(f.source, &doc.source);
        d.add_u64(f.ordinal, doc.ordinal);
        d.add_u64(f.order, doc.order);
        d.add_text(f.title_zh, query::normalize(doc.title.trim()));
        d.add_text(f.title, &doc.title);
        d.add_pre_tokenized_text(f.body, body);
        d.add_text(f.text, doc.original_body());
        for (no, _, _) in &doc.lines {
            d.add_u64(f.line_nos, *no as u64);
        }
        d.add_u64(f.line_start, doc.line_start as u64);
        d.add_u64(f.line_end, doc.line_end as u64);
        let years: BTreeSet<i64> = doc.years.iter().copied().collect();
        for y in years {
            d.add_i64(f.years, y);
        }
        d.add_bool(f.has_money, doc.has_money);
        d.add_text(f.script, doc.script.as_str());
        if let crate::extract::YearRef::Year(y) = doc.meta.year {
            d.add_i64(f.report_year, i64::from(y));
        }
        d.add_text(f.genre, doc.meta.genre.as_str());
        let r = &doc.meta.region;
        for name in [&r.province, &r.prefecture, &r.county]
            .into_iter()
            .flatten()
        {
            d.add_text(f.region, name);
        }
        let Some(writer) = self.writer.as_ref() else {
            return Err(IndexError::Tantivy(tantivy::TantivyError::InternalError(
                "index writer already closed".into(),
            )));
        };
        writer.add_document(d)?;
        Ok(())
    }

    /// Finish the index (one segment), write the meta file and swap it into place (or leave
    /// it in its folder, for [`open_for_build_in`]).
    pub fn commit(mut self) -> Result<BuildStats> {
        let Some(mut writer) = self.writer.take() else {
            return Err(IndexError::Tantivy(tantivy::TantivyError::InternalError(
                "index writer already closed".into(),
            )));
        };
        writer.commit()?;
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
        let reports = self.index.reader()?.searcher().num_docs();

        let meta_path = self.tmp.join(META_FILE);
        let meta = serde_json::to_vec_pretty(&Meta::current()).map_err(|e| IndexError::Io {
            path: meta_path.clone(),
            source: std::io::Error::other(e),
        })?;
        std::fs::write(&meta_path, meta).map_err(io_err(&meta_path))?;
        if let Ok(f) = std::fs::File::open(&meta_path) {
            let _ = f.sync_all();
        }
        let bytes = dir_size(&self.tmp);
        if let Some((lock, staging)) = self.publish.take() {
            staging.publish().map_err(|e| IndexError::Io {
                path: self.tmp.clone(),
                source: std::io::Error::other(e.to_string()),
            })?;
            drop(lock);
        }
        Ok(BuildStats { reports, bytes })
    }
}

impl Drop for Builder {
    /// A build that is dropped without `commit` (an error upstream) removes its folder and
    /// leaves the previous index alone.
    fn drop(&mut self) {
        if let Some(mut writer) = self.writer.take() {
            let _ = writer.rollback();
            drop(writer);
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Total size of the files in a folder (not recursive: tantivy's folder is flat).
pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// A search request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    /// Only reports that mention a year in this inclusive range (`--year Y` is `(Y, Y)`).
    pub years: Option<(Option<i64>, Option<i64>)>,
    /// Only reports whose source path matches this glob.
    pub source_glob: Option<String>,
    /// Only reports whose own year ([`crate::meta::ReportMeta::year`]) is in this inclusive
    /// range.
    pub report_years: Option<(Option<i64>, Option<i64>)>,
    /// Only reports of this genre.
    pub genre: Option<crate::meta::Genre>,
    /// Only reports about this region (a province, prefecture or county name as in the
    /// gazetteer: `江西省`, `九江市`).
    pub region: Option<String>,
    /// Match most of a run's words, not only the run as written ([`query::ParsedQuery::any`]).
    pub any: bool,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            years: None,
            source_glob: None,
            report_years: None,
            genre: None,
            region: None,
            any: false,
        }
    }
}

/// A filter on an i64 year field, `None` when `range` leaves both ends open; an error when
/// its start is after its end.
fn year_range_clause(
    field: Field,
    range: Option<(Option<i64>, Option<i64>)>,
) -> Result<Option<Box<dyn Query>>, SearchError> {
    let Some((from, to)) = range else {
        return Ok(None);
    };
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err(SearchError::BadYears { from: a, to: b });
    }
    if from.is_none() && to.is_none() {
        return Ok(None);
    }
    let bound = |y: Option<i64>| match y {
        Some(y) => Bound::Included(Term::from_field_i64(field, y)),
        None => Bound::Unbounded,
    };
    let range = RangeQuery::new(bound(from), bound(to));
    Ok(Some(Box::new(ConstScoreQuery::new(Box::new(range), 0.0))))
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub source: String,
    pub ordinal: u64,
    pub title: String,
    /// The report's first and last source lines and its script, as in `reports.jsonl`.
    pub line_start: usize,
    pub line_end: usize,
    pub script: Script,
    /// 1-based source line of the best passage.
    pub line: usize,
    pub score: f32,
    /// The passage in the original script.
    pub snippet: String,
    /// Char ranges `[start, end)` of `snippet` that matched.
    pub highlights: Vec<(usize, usize)>,
    /// The report's own year, genre and region (province, prefecture, county), as in
    /// `reports.jsonl`.
    pub report_year: Option<i64>,
    pub genre: String,
    pub region: Vec<String>,
}

/// An opened index, ready for many searches.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    seg: Segmenter,
    path: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Open the index of `index_dir` and run one search.
pub fn search(
    index_dir: &Path,
    seg: &Segmenter,
    req: &SearchRequest,
) -> Result<Vec<Hit>, SearchError> {
    SearchIndex::open(index_dir, seg)?.search(req)
}

impl SearchIndex {
    /// Open `index_dir/tantivy`, check its format and register the tokenizer.
    pub fn open(index_dir: &Path, seg: &Segmenter) -> Result<SearchIndex, SearchError> {
        // Resolved once: every later read is of this generation, even if a build publishes
        // a new one meanwhile.
        let path = crate::publish::current_dir(index_dir).join(TANTIVY_DIR);
        if !path.is_dir() {
            return Err(SearchError::NoIndex(index_dir.to_path_buf()));
        }
        let meta_path = path.join(META_FILE);
        let meta: Option<Meta> = std::fs::read(&meta_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        match meta {
            Some(m) if m == Meta::current() => {}
            Some(m) => {
                return Err(SearchError::Outdated {
                    path,
                    found: format!("format {}, tokenizer {}", m.format, m.tokenizer),
                });
            }
            None => {
                return Err(SearchError::Outdated {
                    path,
                    found: format!("no readable {META_FILE}"),
                });
            }
        }
        let tantivy_err = |source| SearchError::Tantivy {
            path: path.clone(),
            source,
        };
        let dir = readonly::ReadOnlyDirectory::open(&path).map_err(tantivy_err)?;
        let index = Index::open(dir).map_err(tantivy_err)?;
        register_tokenizer(&index, seg);
        let Some(fields) = fields_of(&index.schema()) else {
            return Err(SearchError::Outdated {
                path,
                found: "a different schema".into(),
            });
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_err)?;
        Ok(SearchIndex {
            reader,
            fields,
            seg: seg.clone(),
            path,
        })
    }

    /// Number of reports in the index.
    pub fn num_reports(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn target(&self) -> query::Target {
        query::Target {
            body: self.fields.body,
            title: self.fields.title_zh,
            title_boost: TITLE_BOOST,
        }
    }

    fn tantivy_err(&self, source: tantivy::TantivyError) -> SearchError {
        SearchError::Tantivy {
            path: self.path.clone(),
            source,
        }
    }

    /// Run a search; hits are ordered by score, then source and ordinal.
    pub fn search(&self, req: &SearchRequest) -> Result<Vec<Hit>, SearchError> {
        let mut parsed = query::parse(self.seg.jieba(), &req.query)?;
        parsed.any = req.any;
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(parsed.to_query(self.target())))];
        for (field, range) in [(f.years, req.years), (f.report_year, req.report_years)] {
            if let Some(clause) = year_range_clause(field, range)? {
                clauses.push((Occur::Must, clause));
            }
        }
        let exact = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                )),
                0.0,
            ))
        };
        if let Some(g) = req.genre {
            clauses.push((Occur::Must, exact(f.genre, g.as_str())));
        }
        if let Some(r) = &req.region {
            let r = crate::simplify::normalize_query(r.trim());
            clauses.push((Occur::Must, exact(f.region, &r)));
        }
        if let Some(glob) = &req.source_glob {
            let terms = self.matching_sources(glob)?;
            if terms.is_empty() {
                return Ok(Vec::new());
            }
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermSetQuery::new(terms)),
                    0.0,
                )),
            ));
        }
        let q = BooleanQuery::new(clauses);

        let limit = req
            .limit
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        if limit == 0 {
            return Ok(Vec::new());
        }
        let excluded = match parsed.exclusion_query(self.target()) {
            Some(ex) => searcher
                .search(&ex, &DocSetCollector)
                .map_err(|e| self.tantivy_err(e))?,
            None => Default::default(),
        };
        // Excluded reports can take at most |excluded| places of the top list.
        let fetch = limit
            .saturating_add(excluded.len())
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        // Equal scores are cut by the order key, not by where a document landed in the
        // segments (which depends on the indexing threads). Scores are first rounded to
        // SCORE_STEPS per unit: tantivy sums a boolean query's clause scores in an order that
        // depends on the doc's place in its segment, so equal matches can differ in the last
        // bit of an f32, and that noise would decide the cut.
        let by_score_then_order = TopDocs::with_limit(fetch).tweak_score(|seg: &SegmentReader| {
            let order = seg
                .fast_fields()
                .u64(ORDER_FIELD)
                .ok()
                .map(|col| col.first_or_default_col(u64::MAX));
            move |doc: DocId, score: Score| {
                let key = order.as_ref().map_or(u64::MAX, |col| col.get_val(doc));
                (rounded_score(score), std::cmp::Reverse(key))
            }
        });
        let top = searcher
            .search(&q, &by_score_then_order)
            .map_err(|e| self.tantivy_err(e))?;
        let mut hits = Vec::with_capacity(top.len().min(limit));
        for ((steps, _), addr) in top
            .into_iter()
            .filter(|(_, addr)| !excluded.contains(addr))
            .take(limit)
        {
            let score = (steps as f64 / SCORE_STEPS) as f32;
            hits.push(self.hit(&searcher, &parsed, score, addr)?);
        }
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.source.cmp(&b.source))
                .then_with(|| a.ordinal.cmp(&b.ordinal))
        });
        Ok(hits)
    }

    /// The distinct `source` values of the index that match `glob`.
    fn matching_sources(&self, glob: &str) -> Result<Vec<Term>, SearchError> {
        let matcher = globset::GlobBuilder::new(glob)
            .literal_separator(false)
            .build()
            .map_err(|e| SearchError::BadGlob {
                glob: glob.to_string(),
                reason: e.kind().to_string(),
            })?
            .compile_matcher();
        let field = self.fields.source;
        let mut found = BTreeSet::new();
        for seg in self.reader.searcher().segment_readers() {
            let inv = seg.inverted_index(field).map_err(|e| self.tantivy_err(e))?;
            let mut stream = inv
                .terms()
                .stream()
                .map_err(|e| self.tantivy_err(e.into()))?;
            while stream.advance() {
                if let Ok(s) = std::str::from_utf8(stream.key())
                    && matcher.is_match(s)
                {
                    found.insert(s.to_string());
                }
            }
        }
        Ok(found
            .into_iter()
            .map(|s| Term::from_field_text(field, &s))
            .collect())
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        parsed: &ParsedQuery,
        score: f32,
        addr: DocAddress,
    ) -> Result<Hit, SearchError> {
        let f = self.fields;
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.tantivy_err(e))?;
        let text_of = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let line_nos: Vec<usize> = doc
            .get_all(f.line_nos)
            .filter_map(|v| v.as_u64())
            .map(|n| n as usize)
            .collect();
        let body = text_of(f.text);
        let title = text_of(f.title);
        let line_start = doc
            .get_first(f.line_start)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as usize;
        let mut matches = self.matches(searcher, parsed, addr, f.body)?;
        if matches.is_empty() {
            // Matched in the title only: mark the title line.
            let base = title_offset_in_body(&body, &line_nos, line_start, &title);
            if let Some(base) = base {
                matches = self.matches(searcher, parsed, addr, f.title_zh)?;
                for m in &mut matches {
                    m.start += base;
                    m.end += base;
                }
            }
        }
        let snip = snippet::make_snippet(&body, &line_nos, &matches);
        let line = if snip.line == 0 {
            line_start
        } else {
            snip.line
        };
        Ok(Hit {
            id: text_of(f.id),
            source: text_of(f.source),
            ordinal: doc
                .get_first(f.ordinal)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            title,
            line_start,
            line_end: doc
                .get_first(f.line_end)
                .and_then(|v| v.as_u64())
                .unwrap_or(0) as usize,
            script: if text_of(f.script) == Script::Traditional.as_str() {
                Script::Traditional
            } else {
                Script::Simplified
            },
            line,
            score,
            snippet: snip.text,
            highlights: snip.highlights,
            report_year: doc.get_first(f.report_year).and_then(|v| v.as_i64()),
            genre: text_of(f.genre),
            region: doc
                .get_all(f.region)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        })
    }

    /// Where the positive units of the query occur in one document (char ranges of the body),
    /// read back from the positions of the index.
    fn matches(
        &self,
        searcher: &tantivy::Searcher,
        parsed: &ParsedQuery,
        addr: DocAddress,
        field: Field,
    ) -> Result<Vec<snippet::Match>, SearchError> {
        let seg = searcher.segment_reader(addr.segment_ord);
        let inv = seg.inverted_index(field).map_err(|e| self.tantivy_err(e))?;
        let mut out = Vec::new();
        let patterns = parsed.positive_units().flat_map(|u| u.patterns(parsed.any));
        for (k, pattern) in patterns.enumerate() {
            let mut lists: Vec<(u32, Vec<u32>)> = Vec::with_capacity(pattern.len());
            for piece in pattern {
                let term = Term::from_field_text(field, &piece.text);
                let mut positions = Vec::new();
                let postings = inv
                    .read_postings(&term, IndexRecordOption::WithFreqsAndPositions)
                    .map_err(|e| self.tantivy_err(e.into()))?;
                // `seek` wants a target at or after the current doc.
                if let Some(mut p) = postings
                    && p.doc() <= addr.doc_id
                    && p.seek(addr.doc_id) == addr.doc_id
                {
                    p.positions(&mut positions);
                }
                lists.push((piece.offset, positions));
            }
            let Some(((first_off, first), rest)) = lists.split_first() else {
                continue;
            };
            let span = query::span_chars(pattern) as usize;
            for &p in first {
                let Some(start) = p.checked_sub(*first_off) else {
                    continue;
                };
                if rest
                    .iter()
                    .all(|(off, list)| list.binary_search(&(start + off)).is_ok())
                {
                    out.push(snippet::Match {
                        start: start as usize,
                        end: start as usize + span,
                        unit: k,
                    });
                }
            }
        }
        Ok(out)
    }
}

/// Char offset in `body` where the title starts on its line (`line_start`).
fn title_offset_in_body(
    body: &str,
    line_nos: &[usize],
    line_start: usize,
    title: &str,
) -> Option<usize> {
    let idx = line_nos.iter().position(|&n| n == line_start)?;
    let mut offset = 0;
    for (i, line) in body.split('\n').enumerate() {
        if i == idx {
            let title = title.trim();
            let in_line = line
                .find(title)
                .map(|b| line[..b].chars().count())
                .unwrap_or(0);
            return Some(offset + in_line);
        }
        offset += line.chars().count() + 1;
    }
    None
}
