//! The orchestrator: the only module with threads (rayon), progress (indicatif), timing and
//! per-file error collection. Every per-file step is a pure function called from
//! [`process_file`]; outputs are collected in input order, so they never depend on thread
//! scheduling.

use std::fs;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::clean;
use crate::doc::{CleanDoc, ReportRecord, ReportSpan};
use crate::error::{Error, FileError, Result};
use crate::ingest::{self, SourceFile};
use crate::segment::Segmenter;
use crate::simplify::ScriptCounts;
use crate::split::{self, Layout};

/// Options of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
}

/// A file read, cleaned and split: what every later stage starts from.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub doc: CleanDoc,
    pub layout: Layout,
}

/// Read, decode, clean and split one file. `rel` is the name used in output.
pub fn load_file(file: &SourceFile) -> Result<LoadedFile, FileError> {
    let decoded = ingest::read(file)?;
    let doc = CleanDoc {
        source: file.rel.clone(),
        encoding: decoded.encoding,
        lines: clean::clean_text(&decoded.text),
    };
    let layout = split::split(&doc.lines);
    if layout.reports.is_empty() {
        return Err(FileError {
            path: file.rel.clone(),
            reason: "no report text found (only page chrome)".into(),
        });
    }
    Ok(LoadedFile { doc, layout })
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
    })
}

/// Stable report id: FNV-1a 64 of `source`, NUL, `ordinal`, finalised, in hex. It depends only on the
/// path relative to the corpus root and the report's position in its file.
pub fn report_id(source: &str, ordinal: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in source
        .bytes()
        .chain([0u8])
        .chain(ordinal.to_string().bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // FNV alone barely changes the high bits for a change in the last byte; a splitmix64
    // finaliser spreads it so ids of neighbouring reports look unrelated.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    format!("{h:016x}")
}

/// Everything one file contributes to the build.
#[derive(Debug, Clone, Default)]
pub struct FileOutput {
    pub reports: Vec<ReportRecord>,
}

/// CPU time spent per stage, summed over threads.
#[derive(Debug, Default)]
struct StageClock {
    read_clean_split: AtomicU64,
    segment: AtomicU64,
}

impl StageClock {
    fn add(slot: &AtomicU64, d: Duration) {
        slot.fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }
    fn secs(slot: &AtomicU64) -> f64 {
        slot.load(Ordering::Relaxed) as f64 / 1e9
    }
}

/// The per-report record for `reports.jsonl`.
fn report_record(doc: &CleanDoc, span: &ReportSpan, seg: &Segmenter) -> ReportRecord {
    let mut counts = ScriptCounts::default();
    let mut chars = 0;
    let mut tokens = 0;
    for l in doc.report_lines(span) {
        counts.add(&l.line.text, &l.line.simplified);
        chars += l.line.text.chars().count();
        tokens += seg.count_words(&l.line.simplified);
    }
    let title_line = doc.line(span.title_line);
    ReportRecord {
        id: report_id(&doc.source, span.ordinal),
        source: doc.source.clone(),
        ordinal: span.ordinal,
        title: title_line
            .map(|l| l.text.trim().to_string())
            .unwrap_or_default(),
        title_simplified: title_line
            .map(|l| l.simplified.trim().to_string())
            .unwrap_or_default(),
        line_start: span.line_start,
        line_end: span.line_end,
        encoding: doc.encoding.clone(),
        script: counts.script(),
        chars,
        tokens,
    }
}

/// All per-file work: a pure function of the file (plus shared read-only resources).
fn process_file(
    file: &SourceFile,
    seg: &Segmenter,
    clock: &StageClock,
) -> Result<FileOutput, FileError> {
    let t = Instant::now();
    let loaded = load_file(file)?;
    StageClock::add(&clock.read_clean_split, t.elapsed());
    let t = Instant::now();
    let reports = loaded
        .layout
        .reports
        .iter()
        .map(|span| report_record(&loaded.doc, span, seg))
        .collect();
    StageClock::add(&clock.segment, t.elapsed());
    Ok(FileOutput { reports })
}

/// What `build_report.json` holds.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub schema_version: u32,
    pub corpus: String,
    pub files_seen: usize,
    pub files_read: usize,
    pub reports: usize,
    pub bytes: u64,
    /// Files that were skipped, each with the reason.
    pub skipped: Vec<FileError>,
    /// Number of files per encoding used.
    pub encodings: std::collections::BTreeMap<String, usize>,
    pub seconds: StageSeconds,
}

/// Seconds per stage. `read_clean_split` and `segment` are CPU seconds summed over threads;
/// the others are wall-clock.
#[derive(Debug, Clone, Serialize, Default)]
pub struct StageSeconds {
    pub discover: f64,
    pub read_clean_split: f64,
    pub segment: f64,
    pub process_wall: f64,
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
    let files = ingest::discover(&opts.corpus)?;
    let discover = started.elapsed().as_secs_f64();
    let total_bytes: u64 = files.iter().map(|f| f.bytes).sum();
    let seg = Segmenter::new();

    let bar = progress_bar(total_bytes, opts.progress);
    let clock = StageClock::default();
    let t = Instant::now();
    let results: Vec<Result<FileOutput, FileError>> = files
        .par_iter()
        .map(|file| {
            let out = process_file(file, &seg, &clock);
            bar.inc(file.bytes);
            out
        })
        .collect();
    bar.finish_and_clear();
    let process_wall = t.elapsed().as_secs_f64();

    let mut report = BuildReport {
        schema_version: 1,
        corpus: opts.corpus.display().to_string(),
        files_seen: files.len(),
        files_read: 0,
        reports: 0,
        bytes: total_bytes,
        skipped: Vec::new(),
        encodings: Default::default(),
        seconds: StageSeconds::default(),
    };
    let mut reports = Vec::new();
    for r in results {
        match r {
            Ok(out) => {
                report.files_read += 1;
                if let Some(first) = out.reports.first() {
                    *report.encodings.entry(first.encoding.clone()).or_default() += 1;
                }
                reports.extend(out.reports);
            }
            Err(e) => report.skipped.push(e),
        }
    }
    report.reports = reports.len();

    let t = Instant::now();
    let staging = Staging::new(&opts.index)?;
    staging.write_jsonl("reports.jsonl", &reports)?;
    report.seconds = StageSeconds {
        discover,
        read_clean_split: StageClock::secs(&clock.read_clean_split),
        segment: StageClock::secs(&clock.segment),
        process_wall,
        write: t.elapsed().as_secs_f64(),
        total: started.elapsed().as_secs_f64(),
    };
    staging.write_json("build_report.json", &report)?;
    staging.commit()?;
    Ok(report)
}

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

/// A staging folder inside the index folder; [`Staging::commit`] moves its files into place.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
}

impl Staging {
    /// Create `<index>/.staging-<pid>/`.
    pub fn new(index: &Path) -> Result<Staging> {
        let io = |source| Error::Io {
            path: index.to_path_buf(),
            source,
        };
        fs::create_dir_all(index).map_err(io)?;
        let dir = index.join(format!(".staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io)?;
        }
        fs::create_dir_all(&dir).map_err(io)?;
        Ok(Staging {
            dir,
            target: index.to_path_buf(),
        })
    }

    /// Path of a file inside the staging folder (for writers that make their own files).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Write records as JSON lines.
    pub fn write_jsonl<T: Serialize>(&self, name: &str, records: &[T]) -> Result<()> {
        let path = self.path(name);
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let mut w = BufWriter::new(fs::File::create(&path).map_err(io)?);
        for r in records {
            serde_json::to_writer(&mut w, r).map_err(|e| Error::Other(format!("{name}: {e}")))?;
            w.write_all(b"\n").map_err(io)?;
        }
        w.flush().map_err(io)
    }

    /// Write one pretty-printed JSON document.
    pub fn write_json<T: Serialize>(&self, name: &str, value: &T) -> Result<()> {
        let path = self.path(name);
        let mut text = serde_json::to_string_pretty(value)
            .map_err(|e| Error::Other(format!("{name}: {e}")))?;
        text.push('\n');
        fs::write(&path, text).map_err(|source| Error::Io { path, source })
    }

    /// Move every staged file into the index folder (each rename is atomic), then remove the
    /// staging folder.
    pub fn commit(self) -> Result<()> {
        let io = |path: &Path, source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut names: Vec<PathBuf> = fs::read_dir(&self.dir)
            .map_err(|e| io(&self.dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        names.sort();
        for src in names {
            if let Some(name) = src.file_name() {
                let dst = self.target.join(name);
                if src.is_dir() && dst.is_dir() {
                    // Swap folders: move the old one aside first, then drop it.
                    let old = self.target.join(format!(".old-{}", std::process::id()));
                    fs::rename(&dst, &old).map_err(|e| io(&dst, e))?;
                    fs::rename(&src, &dst).map_err(|e| io(&src, e))?;
                    let _ = fs::remove_dir_all(&old);
                } else {
                    fs::rename(&src, &dst).map_err(|e| io(&src, e))?;
                }
            }
        }
        fs::remove_dir_all(&self.dir).map_err(|e| io(&self.dir, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A build that failed half-way leaves no staging folder behind.
        let _ = fs::remove_dir_all(&self.dir);
    }
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
