//! The vocabulary of the pipeline: the typed records passed between stages.
//!
//! Coordinate system (read this first):
//! - A source file is decoded into text and split into **lines** (`\n`, `\r\n` or `\r`).
//!   Line numbers are **1-based lines of the source file** everywhere (JSON, search hits, gold).
//! - Cleaning works line by line and never merges or splits lines, so cleaned line *n* is source
//!   line *n*. Inside a line, [`CleanLine::raw_span`] maps a byte span of the cleaned text back to
//!   the decoded source line (glosses and all), which is what `text` fields report.
//! - The simplified view ([`CleanLine::simplified`]) has **exactly the same number of chars** as
//!   the cleaned text, char *i* converted from char *i*. Anything found in the simplified view
//!   maps back to the cleaned text by char index ([`CleanLine::simplified_to_clean`]).

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A byte span inside one string (always on char boundaries).
pub type Span = Range<usize>;

/// Whether a text is written in traditional or simplified characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Traditional,
    Simplified,
}

impl Script {
    /// The name used in every output (`traditional`, `simplified`).
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Traditional => "traditional",
            Script::Simplified => "simplified",
        }
    }
}

/// One decoded, cleaned source line.
#[derive(Debug, Clone, Default)]
pub struct CleanLine {
    /// The decoded source line, untouched (no line terminator).
    pub raw: String,
    /// Cleaned text in the original script: glosses and anti-copy marks dropped, mojibake
    /// repaired, full-width digits folded inside numbers.
    pub text: String,
    /// `text` converted to simplified characters, char-aligned with `text`.
    pub simplified: String,
    /// Sorted anchors `(clean_byte, raw_byte)`: every clean byte offset `c` maps to
    /// `raw = a.1 + (c - a.0)` for the last anchor `a` with `a.0 <= c`, clamped to the anchor's
    /// own region; see [`CleanLine::raw_offset`].
    pub(crate) anchors: Vec<(u32, u32)>,
    /// True when this line was repaired from GBK one-byte-shift mojibake.
    pub repaired: bool,
}

impl CleanLine {
    /// A line whose clean text equals its raw text.
    pub fn identity(raw: &str) -> CleanLine {
        CleanLine {
            raw: raw.to_string(),
            text: raw.to_string(),
            simplified: raw.to_string(),
            anchors: vec![(0, 0)],
            repaired: false,
        }
    }

    /// Raw byte offset for a clean byte offset. Offsets inside a replaced region map to the
    /// region's start; the end of the line maps to the end of the raw line.
    pub fn raw_offset(&self, clean: usize) -> usize {
        if clean >= self.text.len() {
            return self.raw.len();
        }
        let i = match self.anchors.binary_search_by_key(&(clean as u32), |a| a.0) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let (c0, r0) = self.anchors.get(i).copied().unwrap_or((0, 0));
        let next_raw = self
            .anchors
            .get(i + 1)
            .map(|a| a.1 as usize)
            .unwrap_or(self.raw.len());
        let r = r0 as usize + (clean - c0 as usize);
        let r = r.min(next_raw.max(r0 as usize));
        floor_char_boundary(&self.raw, r)
    }

    /// Raw byte span for a clean byte span: the text of a mention exactly as in the source.
    pub fn raw_span(&self, clean: Span) -> Span {
        let start = self.raw_offset(clean.start);
        // The end is where the span's last char ends in the raw line, so a blank or gloss
        // deleted right after the span is not part of it.
        let end = if clean.end >= self.text.len() {
            self.raw.len()
        } else if clean.end > clean.start {
            let last = floor_char_boundary(&self.text, clean.end - 1);
            let r = self.raw_offset(last);
            let len = self.raw[r..].chars().next().map_or(0, char::len_utf8);
            (r + len).min(self.raw_offset(clean.end).max(r + len))
        } else {
            self.raw_offset(clean.end)
        };
        start..end.max(start)
    }

    /// The raw text for a clean span.
    pub fn raw_text(&self, clean: Span) -> &str {
        let s = self.raw_span(clean);
        &self.raw[s]
    }

    /// Map a byte span of `simplified` to the byte span of the same chars in `text`.
    ///
    /// Counts chars from the line start: for many spans of one line use
    /// [`CleanLine::simplified_map`] once instead, which keeps long lines linear.
    pub fn simplified_to_clean(&self, span: Span) -> Span {
        map_by_chars(&self.simplified, &self.text, span)
    }

    /// Map a byte span of `text` to the byte span of the same chars in `simplified`.
    pub fn clean_to_simplified(&self, span: Span) -> Span {
        map_by_chars(&self.text, &self.simplified, span)
    }

    /// A reusable simplified → clean map for this line, built in one pass.
    pub fn simplified_map(&self) -> CharMap {
        CharMap::new(&self.simplified, &self.text)
    }
}

/// Map a byte span from `from` to `to`, two strings with the same number of chars.
///
/// One-off use only: it walks both strings from the start, so calling it once per mention on a
/// long line is quadratic; [`CharMap`] does the same mapping in `O(log n)` per span.
pub fn map_by_chars(from: &str, to: &str, span: Span) -> Span {
    let start_char = from[..span.start.min(from.len())].chars().count();
    let len_chars = from[span.start.min(from.len())..span.end.min(from.len())]
        .chars()
        .count();
    let mut it = to
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(to.len()));
    let start = it.nth(start_char).unwrap_or(to.len());
    let end = if len_chars == 0 {
        start
    } else {
        it.nth(len_chars - 1).unwrap_or(to.len())
    };
    start..end
}

/// The byte↔char correspondence of two strings with the same number of chars, built once per
/// line so that mapping each of many spans does not recount chars from the line start (which made
/// extraction quadratic in line length). Gives exactly what [`map_by_chars`] gives.
#[derive(Debug, Clone)]
pub struct CharMap {
    /// `None` when both strings have the same char boundaries: spans map to themselves.
    starts: Option<(Vec<usize>, Vec<usize>)>,
    to_len: usize,
}

impl CharMap {
    /// The map from `from` to `to`.
    pub fn new(from: &str, to: &str) -> CharMap {
        let same = from.len() == to.len()
            && from.char_indices().all(|(i, _)| to.is_char_boundary(i))
            && from.chars().count() == to.chars().count();
        let starts = (!same).then(|| {
            let ends = |s: &str| {
                s.char_indices()
                    .map(|(i, _)| i)
                    .chain(std::iter::once(s.len()))
                    .collect::<Vec<_>>()
            };
            (ends(from), ends(to))
        });
        CharMap {
            starts,
            to_len: to.len(),
        }
    }

    /// The span of `to` holding the same chars as `span` of `from`.
    pub fn map(&self, span: Span) -> Span {
        let Some((from, to)) = &self.starts else {
            let start = span.start.min(self.to_len);
            return start..span.end.min(self.to_len).max(start);
        };
        // Chars of `from` before a byte offset (offsets are on char boundaries).
        let chars_before = |b: usize| from.partition_point(|&i| i < b);
        let from_len = from.last().copied().unwrap_or(0);
        let start_char = chars_before(span.start.min(from_len));
        let end_char = chars_before(span.end.min(from_len)).max(start_char);
        let at = |c: usize| to.get(c).copied().unwrap_or(self.to_len);
        at(start_char)..at(end_char)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte offset of each char of a string, built once, so that char and byte offsets convert
/// in `O(log n)` and `O(1)` on lines of any length.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    starts: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    pub fn new(s: &str) -> CharOffsets {
        CharOffsets {
            starts: s.char_indices().map(|(i, _)| i).collect(),
            len: s.len(),
        }
    }

    /// Byte offset of char `c` (the string's length for `c` at or past its end).
    pub fn byte(&self, c: usize) -> usize {
        self.starts.get(c).copied().unwrap_or(self.len)
    }

    /// Char offsets `[start, end)` of a byte span (on char boundaries).
    pub fn char_span(&self, bytes: &Span) -> [usize; 2] {
        let at = |b: usize| self.starts.partition_point(|&i| i < b);
        [at(bytes.start), at(bytes.end)]
    }
}

impl CleanLine {
    /// Chars `[start, end)` of the decoded source line that hold chars `chars` of the cleaned
    /// text. `clean` and `raw` are [`CharOffsets`] of `text` and `raw`, built once per line.
    pub fn source_chars(
        &self,
        chars: std::ops::Range<usize>,
        clean: &CharOffsets,
        raw: &CharOffsets,
    ) -> [usize; 2] {
        let bytes = clean.byte(chars.start)..clean.byte(chars.end.max(chars.start));
        raw.char_span(&self.raw_span(bytes))
    }
}

/// One decoded and cleaned source file: the unit a rayon task works on.
#[derive(Debug, Clone)]
pub struct CleanDoc {
    /// Path relative to the corpus root, `/`-separated (or the path as given, for `extract`).
    pub source: String,
    /// Name of the encoding used to decode the bytes (`UTF-8`, `GBK`, `Big5`, `UTF-16LE`, …).
    pub encoding: String,
    /// Lines; `lines[i]` is line `i + 1` of the decoded text.
    pub lines: Vec<CleanLine>,
    /// For HTML, the source line of each text line (`source_lines[i]` for line `i + 1`); `None`
    /// when the text lines are the source lines. Stages number lines of the text; output
    /// records are mapped to source lines with [`CleanDoc::source_line`] at the end.
    pub source_lines: Option<Vec<usize>>,
}

impl CleanDoc {
    /// The 1-based source line of text line `n`.
    pub fn source_line(&self, n: usize) -> usize {
        match &self.source_lines {
            Some(map) => n
                .checked_sub(1)
                .and_then(|i| map.get(i))
                .copied()
                .unwrap_or(n),
            None => n,
        }
    }

    /// The line with 1-based number `n`.
    pub fn line(&self, n: usize) -> Option<&CleanLine> {
        n.checked_sub(1).and_then(|i| self.lines.get(i))
    }
}

/// One report found in a source file: a contiguous range of source lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSpan {
    /// 1-based position of the report inside its source file.
    pub ordinal: usize,
    /// Line of the title (1-based).
    pub title_line: usize,
    /// First line of the report (= `title_line`).
    pub line_start: usize,
    /// Last non-blank line of the report.
    pub line_end: usize,
}

/// A report record as written to `reports.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRecord {
    /// Stable id: a hash of `source` and `ordinal` (hex), independent of processing order.
    pub id: String,
    pub source: String,
    pub ordinal: usize,
    /// Title as in the text (cleaned, original script).
    pub title: String,
    pub title_simplified: String,
    pub line_start: usize,
    pub line_end: usize,
    pub encoding: String,
    pub script: Script,
    /// Characters of cleaned text in the report (newlines excluded).
    pub chars: usize,
    /// Number of jieba tokens (default mode, whitespace excluded).
    pub tokens: usize,
    /// What the report is: its year, date, genre, region and issuer ([`crate::meta`]).
    #[serde(flatten)]
    pub meta: crate::meta::ReportMeta,
}

impl ReportRecord {
    /// The `reports.jsonl` record of `report`; `tokens` comes from the one segmentation of the
    /// report (the index's token stream), so nothing is cut twice.
    pub fn of(report: &Report, meta: &crate::meta::ReportMeta, tokens: usize) -> ReportRecord {
        ReportRecord {
            id: report.id.clone(),
            source: report.source().to_string(),
            ordinal: report.ordinal(),
            title: report.title.clone(),
            title_simplified: report.title_simplified.clone(),
            line_start: report.line_start(),
            line_end: report.line_end(),
            encoding: report.doc.encoding.clone(),
            script: report.script,
            chars: report.chars(),
            tokens,
            meta: meta.clone(),
        }
    }
}

/// A view of one line of a report, handed to the line-based stages (extract, sections).
#[derive(Debug, Clone, Copy)]
pub struct LineRef<'a> {
    /// 1-based line of the decoded text: what stages compare to find neighbouring lines.
    pub no: usize,
    /// 1-based source line (for HTML, where the line's block starts; else `no`): what every
    /// output record says. Mapped once, when the [`Report`] is built.
    pub src: usize,
    pub line: &'a CleanLine,
}

impl CleanDoc {
    /// The lines of a report as [`LineRef`]s.
    pub fn report_lines(&self, span: &ReportSpan) -> Vec<LineRef<'_>> {
        (span.line_start..=span.line_end)
            .filter_map(|no| {
                self.line(no).map(|line| LineRef {
                    no,
                    src: self.source_line(no),
                    line,
                })
            })
            .collect()
    }
}

/// One report, built once right after the split and read by every stage (extract, sections,
/// index, `reports.jsonl`). Its id, title and script are decided here and nowhere else, and its
/// lines carry their source line numbers, so every record a stage makes from it is in source
/// coordinates already.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The file the report is in (its name, encoding and all its lines).
    pub doc: &'a CleanDoc,
    /// Where the splitter found it, in text lines.
    pub span: ReportSpan,
    /// [`report_id`] of the file and ordinal.
    pub id: String,
    /// Title (cleaned, original script) and its simplified view ([`crate::split::report_title`]).
    pub title: String,
    pub title_simplified: String,
    /// Traditional when enough of its Han characters change under simplification.
    pub script: Script,
    /// The report's lines, `span.line_start..=span.line_end`.
    pub lines: Vec<LineRef<'a>>,
}

impl<'a> Report<'a> {
    /// The report of `doc` at `span`.
    pub fn new(doc: &'a CleanDoc, span: &ReportSpan) -> Report<'a> {
        let lines = doc.report_lines(span);
        let mut counts = crate::simplify::ScriptCounts::default();
        for l in &lines {
            counts.add(&l.line.text, &l.line.simplified);
        }
        let (title, title_simplified) = crate::split::report_title(doc, span);
        Report {
            doc,
            span: span.clone(),
            id: report_id(&doc.source, span.ordinal),
            title,
            title_simplified,
            script: counts.script(),
            lines,
        }
    }

    /// The whole of `doc` as one report (ordinal 1): for tests and for text given without a
    /// split.
    pub fn whole(doc: &'a CleanDoc) -> Report<'a> {
        let span = ReportSpan {
            ordinal: 1,
            title_line: 1,
            line_start: 1,
            line_end: doc.lines.len(),
        };
        Report::new(doc, &span)
    }

    /// Every report of `doc`, in order.
    pub fn all(doc: &'a CleanDoc, spans: &[ReportSpan]) -> Vec<Report<'a>> {
        spans.iter().map(|s| Report::new(doc, s)).collect()
    }

    /// Path of the report's file relative to the corpus root.
    pub fn source(&self) -> &str {
        &self.doc.source
    }

    /// 1-based position of the report in its file.
    pub fn ordinal(&self) -> usize {
        self.span.ordinal
    }

    /// First source line of the report (its title line).
    pub fn line_start(&self) -> usize {
        self.doc.source_line(self.span.line_start)
    }

    /// Last non-blank source line of the report.
    pub fn line_end(&self) -> usize {
        self.doc.source_line(self.span.line_end)
    }

    /// Characters of cleaned text in the report (newlines excluded).
    pub fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.line.text.chars().count()).sum()
    }
}

/// FNV-1a 64 of a byte stream: the one stable hash of the crate (ids, fingerprints), the
/// same on every platform and Rust version, unlike `std`'s hasher.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Stable report id: FNV-1a 64 of `source`, NUL, `ordinal`, finalised, in hex. It depends only on the
/// path relative to the corpus root and the report's position in its file.
pub fn report_id(source: &str, ordinal: usize) -> String {
    let mut h = fnv1a(
        source
            .bytes()
            .chain([0u8])
            .chain(ordinal.to_string().bytes()),
    );
    // FNV alone barely changes the high bits for a change in the last byte; a splitmix64
    // finaliser spreads it so ids of neighbouring reports look unrelated.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_spans_to_themselves() {
        let l = CleanLine::identity("支出626.8萬元");
        assert_eq!(l.raw_text(6..l.text.len()), "626.8萬元");
    }

    #[test]
    fn char_mapping_between_views() {
        let from = "經費１２";
        let to = "经费12";
        // "１２" is bytes 6..12 in `from`, "12" is bytes 6..8 in `to`.
        assert_eq!(map_by_chars(from, to, 6..12), 6..8);
        assert_eq!(map_by_chars(to, from, 0..3), 0..3);
    }
}
