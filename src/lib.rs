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
//! - [`pipeline`]: the only module with threads, progress and per-file error collection.
//!
//! The coordinate system (1-based source lines; byte spans inside cleaned lines) is described
//! in [`doc`].

pub mod aggregate;
pub mod clean;
pub mod doc;
pub mod error;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod lex;
pub mod limits;
pub mod pipeline;
pub mod publish;
pub mod sections;
pub mod segment;
pub mod simplify;
pub mod split;
