//! baogao (报告, "report"): a batch text-mining pipeline over corpora of Chinese reports.
//!
//! ```text
//! corpus/ ──ingest──▶ decoded lines ──clean──▶ CleanDoc ──split──▶ reports
//!                                                   │
//!          ┌────────────────────────────────────────┼──────────────────────┐
//!          ▼                                        ▼                      ▼
//!      segment (jieba)                         extract (regex)        sections (outline)
//!          │                                        │                      │
//!          ▼                                        ▼                      ▼
//!      index (tantivy)                     figures.jsonl, totals.json   sections.jsonl, aggregate.json
//! ```
//!
//! - [`ingest`]: find files, decode bytes (BOM, UTF-8, detected GBK/Big5/UTF-16), strip HTML.
//! - [`clean`]: per-line, lossless-with-offsets cleaning (pinyin glosses, anti-copy marks,
//!   GBK-shift mojibake, full-width digits) and the simplified view ([`simplify`]).
//! - [`split`]: find the reports inside a scraped page and the site chrome around them.
//! - [`segment`]: jieba with the domain dictionary, built once.
//! - [`extract`]: money, percentages and years.
//! - [`index`]: the tantivy search index.
//! - [`sections`]: problem and measure sections and their items; [`aggregate`]: themes.
//! - [`pipeline`]: the only module with threads, progress and per-file error collection;
//!   [`output`]: the JSON files of the index folder, written and read;
//!   [`publish`]: the atomic switch to a new index generation; [`limits`]: size limits.
//!
//! Every stage reads the same record: one [`doc::Report`], built once right after the split.
//! It holds the report's id, title and script (decided there and nowhere else) and its lines,
//! each a [`doc::CleanLine`] (the raw, cleaned and simplified text, char-aligned, with the map
//! back to the raw line) numbered both as a line of the text and as a source line. Stages
//! return records already in source coordinates: 1-based source lines, and for figures a char
//! span in the decoded source line. The coordinate system is described in [`doc`].
//!
//! ## Where rules live
//! - Lexical primitives, each written once: [`lex`] (Han class, width folding, numerals and
//!   ordinals, list markers, sentence and clause marks, line splitting). No stage keeps its own.
//! - Money, percent and year patterns: [`extract::patterns`] (named regexes, each tested both
//!   ways); role and measure cues: the tables in `extract::context`.
//! - Section headings and item cues: [`sections::cues`], one table per cue kind with glosses;
//!   how a section opens: the ordered strategies of `sections/open/`, one file each.
//! - Site chrome and piece titles of scraped pages: the named regexes of [`split`].
//!
//! ## Adding a genre
//! A new report genre usually needs new heading words in [`sections::cues`] (with a test on
//! a sentence of that genre) and, for figures, new cues in the tables of `extract` (simplified
//! terms only: the rules read the simplified view). When its sections open in a way no
//! strategy knows, add one file under `sections/open/` and one entry to its ordered list, with
//! a test report; the other strategies and the stages do not change.

pub mod aggregate;
pub mod clean;
pub mod doc;
pub mod error;
pub mod extract;
pub mod facts;
pub mod index;
pub mod ingest;
pub mod layout;
pub mod lex;
pub mod limits;
pub mod meta;
pub mod output;
pub mod pipeline;
pub mod publish;
pub mod sections;
pub mod segment;
pub mod semantics;
pub mod simplify;
pub mod split;
