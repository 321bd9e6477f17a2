//! The orchestrator: the only module with threads (rayon), progress (indicatif), timing and
//! per-file error collection. Every per-file step is a pure function called from
//! `process_file`; outputs are collected in input order, so they never depend on thread
//! scheduling.

use std::cell::Cell;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::aggregate::{self, Aggregate, ReportInfo};
use crate::clean;
use crate::doc::{CleanDoc, Report, ReportRecord};
use crate::error::{FileError, FileWarning, Result, Stage};
use crate::extract::{self, Figure};
use crate::facts;
use crate::index::{self, IndexDoc};
use crate::ingest::{self, SourceFile};
use crate::limits::{self, Limits};
use crate::meta;
use crate::output;
use crate::publish::{self, Staging};
use crate::sections::{self, Section};
use crate::segment::Segmenter;
use crate::semantics;
use crate::split::{self, Layout};

/// Options of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// File, line and report size limits.
    pub limits: Limits,
    /// How the corpus folder is walked (symlinks).
    pub walk: ingest::WalkOptions,
}

/// A file read, cleaned and split: what every later stage starts from.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub doc: CleanDoc,
    pub layout: Layout,
    /// What loading changed without failing the file (lines broken, reports split, a big
    /// trailer left out).
    pub warnings: Vec<FileWarning>,
}

/// Read, decode, clean and split one file with the default [`Limits`]. `rel` is the name used
/// in output.
pub fn load_file(file: &SourceFile) -> Result<LoadedFile, FileError> {
    load_file_with(file, &Limits::default())
}

/// Read, decode, clean and split one file, holding it to `limits`.
pub fn load_file_with(file: &SourceFile, limits: &Limits) -> Result<LoadedFile, FileError> {
    load_file_tracked(file, limits, &Cell::new(Stage::Read))
}

/// [`load_file_with`], keeping `stage` up to date for the panic guard.
fn load_file_tracked(
    file: &SourceFile,
    limits: &Limits,
    stage: &Cell<Stage>,
) -> Result<LoadedFile, FileError> {
    stage.set(Stage::Decode);
    let mut decoded = ingest::read(file, limits.max_file_bytes)?;
    stage.set(Stage::Clean);
    let mut warnings: Vec<FileWarning> = std::mem::take(&mut decoded.warnings)
        .into_iter()
        .map(|w| FileWarning::new(file.rel.clone(), Stage::Decode, w))
        .collect();
    if let Some((text, map, broken)) =
        limits::break_long_lines(&decoded.text, limits.max_line_chars)
    {
        // The pieces of a broken line keep its source line (composed with the HTML map).
        let source_lines = match &decoded.source_lines {
            Some(html) => map
                .iter()
                .map(|&n| html.get(n - 1).copied().unwrap_or(n))
                .collect(),
            None => map,
        };
        for b in &broken {
            let line = match &decoded.source_lines {
                Some(html) => html.get(b.line - 1).copied().unwrap_or(b.line),
                None => b.line,
            };
            warnings.push(FileWarning::new(
                file.rel.clone(),
                Stage::Clean,
                format!(
                    "line {line} has {} chars (limit {}): read as {} pieces broken at sentence ends",
                    b.chars, limits.max_line_chars, b.pieces
                ),
            ));
        }
        decoded.text = text;
        decoded.source_lines = Some(source_lines);
    }
    let doc = CleanDoc {
        source: file.rel.clone(),
        encoding: decoded.encoding,
        lines: clean::clean_text(&decoded.text),
        source_lines: decoded.source_lines,
    };
    stage.set(Stage::Split);
    let mut layout = split::split(&doc.lines);
    if layout.reports.is_empty() {
        return Err(FileError::new(
            file.rel.clone(),
            Stage::Split,
            "no report text found (only page chrome)",
        ));
    }
    if let Some(t) = layout.trailer_start {
        let (after, total, share) = limits::share_from(&doc.lines, t);
        if share > limits::TRAILER_WARN_SHARE && after > limits::TRAILER_WARN_CHARS {
            warnings.push(FileWarning::new(
                file.rel.clone(),
                Stage::Split,
                format!(
                    "page trailer from line {} on is left out: {after} of {total} chars ({:.0}%)",
                    doc.source_line(t),
                    share * 100.0
                ),
            ));
        }
    }
    let (reports, splits) = limits::split_giant_reports(
        &doc.lines,
        std::mem::take(&mut layout.reports),
        limits.max_report_chars,
    );
    layout.reports = reports;
    for sp in splits {
        warnings.push(FileWarning::new(
            file.rel.clone(),
            Stage::Split,
            format!(
                "report at lines {}-{} has {} chars (limit {}): indexed as {} parts split at paragraph ends",
                doc.source_line(sp.line_start),
                doc.source_line(sp.line_end),
                sp.chars,
                limits.max_report_chars,
                sp.parts
            ),
        ));
    }
    Ok(LoadedFile {
        doc,
        layout,
        warnings,
    })
}

/// Load a file given by path on the command line (its `source` is the path as given).
pub fn load_path(path: &Path) -> Result<LoadedFile, FileError> {
    let rel = path.to_string_lossy().into_owned();
    let format = ingest::format_of(path).unwrap_or(ingest::Format::Text);
    let bytes = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    load_file(&SourceFile {
        path: path.to_path_buf(),
        rel,
        format,
        bytes,
        order: 0,
    })
}

/// The figures of a file given by path (what `baogao extract` prints), contained like a build:
/// a panic becomes a [`FileError`] for this file.
pub fn extract_path(path: &Path) -> Result<Vec<Figure>, FileError> {
    let run = std::panic::AssertUnwindSafe(|| load_path(path).map(|l| figures_of_file(&l)));
    std::panic::catch_unwind(run).unwrap_or_else(|payload| {
        Err(FileError::new(
            path.to_string_lossy(),
            Stage::Extract,
            format!(
                "internal error (panic: {}); please report it",
                panic_message(payload.as_ref())
            ),
        ))
    })
}

pub use crate::doc::report_id;

/// Everything one file contributes to the build.
#[derive(Debug, Clone, Default)]
pub struct FileOutput {
    pub reports: Vec<ReportRecord>,
    pub figures: Vec<Figure>,
    pub sections: Vec<Section>,
    /// The themes stage's view of each report (metadata and text fingerprint).
    pub infos: Vec<ReportInfo>,
    /// What was changed or dropped without failing the file.
    pub warnings: Vec<FileWarning>,
}

/// Time spent per stage inside worker threads, summed over threads.
#[derive(Debug, Default)]
struct StageClock {
    read_clean_split: AtomicU64,
    segment: AtomicU64,
    sections: AtomicU64,
    index: AtomicU64,
    extract: AtomicU64,
}

impl StageClock {
    fn add(slot: &AtomicU64, d: Duration) {
        slot.fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }
    fn secs(slot: &AtomicU64) -> f64 {
        slot.load(Ordering::Relaxed) as f64 / 1e9
    }
}

/// All per-file work, contained: a panic in any stage becomes a [`FileError`] naming the
/// stage, so one file can never take the batch down with it.
fn process_file(
    file: &SourceFile,
    seg: &Segmenter,
    builder: &index::Builder,
    clock: &StageClock,
    limits: &Limits,
) -> Result<FileOutput, FileError> {
    let stage = Cell::new(Stage::Read);
    let run = std::panic::AssertUnwindSafe(|| {
        process_file_inner(file, seg, builder, clock, limits, &stage)
    });
    match std::panic::catch_unwind(run) {
        Ok(out) => out,
        Err(payload) => Err(FileError::new(
            file.rel.clone(),
            stage.get(),
            format!(
                "internal error (panic: {}); the file was skipped, please report it",
                panic_message(payload.as_ref())
            ),
        )),
    }
}

/// The text of a panic payload (`panic!` with a literal or a formatted message).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown payload".to_string()
    }
}

/// All per-file work: a pure function of the file (plus shared read-only resources). `stage`
/// is kept up to date so a panic can say where it happened.
fn process_file_inner(
    file: &SourceFile,
    seg: &Segmenter,
    builder: &index::Builder,
    clock: &StageClock,
    limits: &Limits,
    stage: &Cell<Stage>,
) -> Result<FileOutput, FileError> {
    let t = Instant::now();
    if test_hook_panics(&file.rel) {
        panic!("test hook: BAOGAO_TEST_PANIC_ON names this file");
    }
    let loaded = load_file_tracked(file, limits, stage)?;
    StageClock::add(&clock.read_clean_split, t.elapsed());
    let doc = &loaded.doc;
    let mut out = FileOutput {
        warnings: loaded.warnings.clone(),
        ..FileOutput::default()
    };
    let mut to_index = Vec::with_capacity(loaded.layout.reports.len());
    for report in Report::all(doc, &loaded.layout.reports) {
        let t = Instant::now();
        stage.set(Stage::Extract);
        let mut figures = extract::figures_in_report(&report);
        let meta = meta::of(&report);
        StageClock::add(&clock.extract, t.elapsed());

        let t = Instant::now();
        stage.set(Stage::Segment);
        let mut index_doc = index_doc(&report, &figures);
        index_doc.meta = meta.clone();
        index_doc.order = index::order_key(file.order, report.ordinal());
        let tokens = index::pre_tokenize(seg, &index_doc);
        out.reports
            .push(ReportRecord::of(&report, &meta, count_words(&tokens)));
        StageClock::add(&clock.segment, t.elapsed());

        let t = Instant::now();
        stage.set(Stage::Sections);
        let report_sections = sections::sections_in_report(&report);
        out.infos.push(ReportInfo::of(&report, &meta));
        StageClock::add(&clock.sections, t.elapsed());

        let t = Instant::now();
        stage.set(Stage::Extract);
        semantics::annotate(&report, &meta, &mut figures, &report_sections);
        StageClock::add(&clock.extract, t.elapsed());
        out.sections.extend(report_sections);

        out.figures.extend(figures);
        to_index.push((index_doc, tokens));
    }
    // Index the file's reports only once all of them are processed, so a file that fails
    // leaves nothing half-indexed.
    let t = Instant::now();
    stage.set(Stage::Index);
    for (index_doc, tokens) in to_index {
        let ordinal = index_doc.ordinal;
        builder.add_pretokenized(index_doc, tokens).map_err(|e| {
            FileError::new(
                file.rel.clone(),
                Stage::Index,
                format!("could not index report {ordinal}: {e}"),
            )
        })?;
    }
    StageClock::add(&clock.index, t.elapsed());
    Ok(out)
}

/// The figures of every report of a loaded file, numbered by source line (what
/// `baogao extract` prints).
pub fn figures_of_file(loaded: &LoadedFile) -> Vec<Figure> {
    Report::all(&loaded.doc, &loaded.layout.reports)
        .iter()
        .flat_map(report_figures)
        .collect()
}

/// The figures of one report with their semantics resolved (its metadata and sections read
/// for it), as a build makes them.
pub fn report_figures(report: &Report) -> Vec<Figure> {
    let mut figures = extract::figures_in_report(report);
    let meta = meta::of(report);
    let sections = sections::sections_in_report(report);
    semantics::annotate(report, &meta, &mut figures, &sections);
    figures
}

/// Size the worker pool (rayon's global pool) once, before any parallel work. Later calls
/// change nothing: the pool exists already, which only happens in tests.
pub fn set_threads(n: usize) {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n.max(1))
        .build_global();
}

/// `f` over `0..n` on the worker pool, results in index order. The one way other modules run
/// work in parallel (aggregation, the `extract` command), so that the pool, and the thread
/// count that `--threads` sets, stay owned here.
pub fn par_map_indices<O: Send>(n: usize, f: impl Fn(usize) -> O + Sync + Send) -> Vec<O> {
    use rayon::prelude::*;
    (0..n).into_par_iter().map(f).collect()
}

/// The index document of one report, with the years and money flag its figures give.
pub fn index_doc(report: &Report, figures: &[Figure]) -> IndexDoc {
    let mut d = IndexDoc::from_report(report);
    d.years = index_years(figures);
    d.has_money = figures.iter().any(|f| f.kind == extract::Kind::Money);
    d
}

/// The index documents of a loaded file, made as `build` makes them (no segmenting): what
/// tests and benchmarks index, so they search the real pipeline's records.
pub fn index_docs(loaded: &LoadedFile) -> Vec<IndexDoc> {
    Report::all(&loaded.doc, &loaded.layout.reports)
        .iter()
        .map(|report| index_doc(report, &extract::figures_in_report(report)))
        .collect()
}

/// The years a report mentions, for the index's year filter: every year figure with a value,
/// and every year of a plan period or year range of up to 20 years (`“十一五”` → 2006 … 2010).
pub fn index_years(figures: &[Figure]) -> Vec<i64> {
    let mut years = std::collections::BTreeSet::new();
    for f in figures.iter().filter(|f| f.kind == extract::Kind::Year) {
        match (f.range, f.value) {
            (Some([a, b]), _) if b >= a && b - a <= 20.0 => {
                years.extend((a as i64)..=(b as i64));
            }
            (_, Some(v)) => {
                years.insert(v as i64);
            }
            _ => {}
        }
    }
    years.into_iter().collect()
}

/// Words in a token stream: tokens with a letter or digit (punctuation is not a word).
fn count_words(tokens: &tantivy::tokenizer::PreTokenizedString) -> usize {
    tokens
        .tokens
        .iter()
        .filter(|t| t.text.chars().any(char::is_alphanumeric))
        .count()
}

/// What `build_report.json` holds.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub schema_version: u32,
    pub corpus: String,
    pub files_seen: usize,
    pub files_read: usize,
    pub reports: usize,
    pub figures: usize,
    pub bytes: u64,
    /// Files that were skipped, each with the stage and the reason.
    pub skipped: Vec<FileError>,
    /// Files that were read, but with something changed or dropped (each with the reason).
    pub warnings: Vec<FileWarning>,
    /// Number of files per encoding used.
    pub encodings: std::collections::BTreeMap<String, usize>,
    pub seconds: StageSeconds,
}

/// Seconds per stage. `read_clean_split`, `segment` (the one jieba cut per report, for the
/// index and the token count), `extract`, `sections` and `index_add` are thread-seconds: wall
/// time inside the worker threads, summed over threads (on a loaded machine this includes time
/// spent waiting for a core). The others are wall-clock.
#[derive(Debug, Clone, Serialize, Default)]
pub struct StageSeconds {
    pub discover: f64,
    pub read_clean_split: f64,
    pub segment: f64,
    pub extract: f64,
    pub sections: f64,
    pub index_add: f64,
    pub process_wall: f64,
    pub index_commit: f64,
    pub aggregate: f64,
    pub write: f64,
    pub total: f64,
}

impl BuildReport {
    /// Megabytes per second over the whole build.
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.total.max(1e-9)
    }
}

/// Build the index folder from the corpus folder.
///
/// Files that fail are collected in the report (and printed as warnings by the caller); the
/// build goes on. Output files are written into a staging folder first and moved into place
/// only when everything is written, so an interrupted build leaves the previous output intact.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let ingest::Discovery {
        files,
        skipped: walk_skipped,
    } = ingest::discover(&opts.corpus, &opts.walk)?;
    let discover = started.elapsed().as_secs_f64();
    let total_bytes: u64 = files.iter().map(|f| f.bytes).sum();
    let seg = Segmenter::new();
    // Everything is written into a staging folder; it replaces the previous output only at the
    // end (and is removed if the build fails).
    let lock = publish::lock(&opts.index)?;
    let staging = Staging::new(&opts.index, &lock)?;
    let builder = index::open_for_build_in(&staging.path("tantivy"), &seg)?;

    let bar = progress_bar(total_bytes, opts.progress);
    let clock = StageClock::default();
    let mut report = BuildReport {
        schema_version: 1,
        corpus: opts.corpus.display().to_string(),
        files_seen: files.len() + walk_skipped.len(),
        files_read: 0,
        reports: 0,
        figures: 0,
        bytes: total_bytes,
        skipped: walk_skipped,
        warnings: Vec::new(),
        encodings: Default::default(),
        seconds: StageSeconds::default(),
    };
    let mut reports_out = output::JsonlWriter::create(&staging, "reports.jsonl")?;
    let mut figures_out = output::JsonlWriter::create(&staging, "figures.jsonl")?;
    let mut infos: Vec<ReportInfo> = Vec::new();
    let mut all_sections = Vec::new();
    let mut totals = extract::Totals::default();
    let mut statements: Vec<(Figure, extract::Counted)> = Vec::new();
    let mut all_reports: Vec<ReportRecord> = Vec::new();

    // Files go through in chunks: each chunk is processed in parallel, then its records are
    // written in file order. Memory holds one chunk's figures, not the corpus's; the order (and
    // so the output bytes) does not depend on the thread count.
    let t = Instant::now();
    for chunk in files.chunks(FILES_PER_CHUNK) {
        let results: Vec<Result<FileOutput, FileError>> = chunk
            .par_iter()
            .map(|file| {
                let out = process_file(file, &seg, &builder, &clock, &opts.limits);
                bar.inc(file.bytes);
                out
            })
            .collect();
        for r in results {
            match r {
                Ok(out) => {
                    report.files_read += 1;
                    if let Some(first) = out.reports.first() {
                        *report.encodings.entry(first.encoding.clone()).or_default() += 1;
                    }
                    report.reports += out.reports.len();
                    report.figures += out.figures.len();
                    reports_out.write_all(&out.reports)?;
                    figures_out.write_all(&out.figures)?;
                    // Double counting is judged within a sentence, so per-file totals add up.
                    let (file_totals, mask) = extract::totals_with_mask(&out.figures);
                    totals.merge(file_totals);
                    statements.extend(facts::statements(&out.figures, &mask));
                    all_reports.extend(out.reports.iter().cloned());
                    infos.extend(out.infos);
                    all_sections.extend(out.sections);
                    report.warnings.extend(out.warnings);
                }
                Err(e) => report.skipped.push(e),
            }
        }
    }
    reports_out.finish()?;
    figures_out.finish()?;
    publish::test_pause("files");
    let process_wall = t.elapsed().as_secs_f64();

    // The corpus-wide steps after the files: a spinner says which one runs.
    if !bar.is_hidden() {
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
    }
    bar.set_message(format!(
        "grouping {} sections into themes",
        all_sections.len()
    ));
    let t = Instant::now();
    let themes: Aggregate = aggregate::aggregate(&all_sections, &infos, &seg);
    let aggregate_secs = t.elapsed().as_secs_f64();

    bar.set_message("committing the search index");
    let t = Instant::now();
    builder.commit()?;
    let index_commit = t.elapsed().as_secs_f64();
    bar.finish_and_clear();

    let t = Instant::now();
    staging.write_jsonl("sections.jsonl", &all_sections)?;
    let corpus_facts = facts::facts_of_statements(statements.iter().map(|(f, c)| (f, *c)));
    staging.write_jsonl("facts.jsonl", &corpus_facts)?;
    staging.write_json(
        "totals.json",
        &facts::fund_totals(&totals, &corpus_facts, &all_reports),
    )?;
    staging.write_json("aggregate.json", &themes)?;
    report.seconds = StageSeconds {
        discover,
        read_clean_split: StageClock::secs(&clock.read_clean_split),
        segment: StageClock::secs(&clock.segment),
        extract: StageClock::secs(&clock.extract),
        sections: StageClock::secs(&clock.sections),
        index_add: StageClock::secs(&clock.index),
        process_wall,
        index_commit,
        aggregate: aggregate_secs,
        write: t.elapsed().as_secs_f64(),
        total: started.elapsed().as_secs_f64(),
    };
    // Walk and file errors in one list, in path order (stable: the sort keeps a path's order).
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    staging.write_json("build_report.json", &report)?;
    publish::test_pause("staged");
    staging.publish()?;
    drop(lock);
    Ok(report)
}

/// A hidden hook for the integration tests: `BAOGAO_TEST_PANIC_ON=<rel path>` makes that
/// file's processing panic, to show that a panic costs one file, not the batch. Read once.
fn test_hook_panics(rel: &str) -> bool {
    static NAME: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    NAME.get_or_init(|| std::env::var("BAOGAO_TEST_PANIC_ON").ok())
        .as_deref()
        == Some(rel)
}

/// Files processed in parallel between two writes of their records.
const FILES_PER_CHUNK: usize = 256;

fn progress_bar(total: u64, enabled: bool) -> ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_ids_are_stable_and_distinct() {
        assert_eq!(report_id("a.txt", 1), report_id("a.txt", 1));
        assert_ne!(report_id("a.txt", 1), report_id("a.txt", 2));
        assert_ne!(report_id("a.txt", 1), report_id("b.txt", 1));
        assert_eq!(report_id("a.txt", 1).len(), 16);
    }
}
