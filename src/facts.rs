//! Stage: fund facts and fund totals.
//!
//! A *fact* is one sum of money with one meaning: its measure, subject, year, span, status and
//! currency. The same fact restated — in another sentence of the report, in the summary of
//! another report — is one fact whichever mentions state it: same measure, subject (simplified),
//! period year, span, status and currency, and a value within [`RESTATED_TOLERANCE`].
//!
//! Which mentions are statements at all is decided first, sentence by sentence, by
//! [`crate::extract::totals_with_mask`]: only amounts (not changes, rates or thresholds), a
//! repeat in the same sentence once, a `其中` breakdown never as a sum beside its whole (it
//! becomes a fact marked `part`, which no total adds).
//!
//! A *total* adds facts of one measure, one currency and one year only, with span `year`,
//! status `actual` (targets are totalled apart) and no `part`. Money of reports before 1955 is
//! in old yuan and is divided by 10,000 ([`OLD_YUAN_PER_YUAN`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::doc::ReportRecord;
use crate::extract::{Counted, Figure, Kind, YearRef};
use crate::semantics::{Measure, SpanKind, Status};

/// Relative difference within which two values are the same fact restated.
pub const RESTATED_TOLERANCE: f64 = 0.005;
/// Old yuan per new yuan (the 1955 currency reform).
pub const OLD_YUAN_PER_YUAN: f64 = 10_000.0;
/// Version of the `facts.jsonl` and `totals.json` records.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a fact is stated.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub report: String,
    pub source: String,
    pub line: usize,
    /// Char offsets `[start, end)` of the mention in the decoded source line.
    pub char_span: [usize; 2],
    /// The mention as written.
    pub text: String,
}

/// One line of `facts.jsonl`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Fact {
    /// Stable id: a hash of the first statement's report, line and char span.
    pub id: String,
    pub measure: Measure,
    /// The phrase that names the money, as first stated (original script).
    pub subject: Option<String>,
    pub period_year: YearRef,
    pub span: SpanKind,
    pub status: Status,
    pub currency: String,
    /// In yuan (new yuan for money written in old yuan) or the currency's unit.
    pub value: f64,
    /// The value was written in old yuan (÷ 10,000 applied).
    pub old_yuan: bool,
    /// A `其中` breakdown of a larger sum: listed, never totalled.
    pub part: bool,
    /// The statements of the fact, in corpus order.
    pub mentions: Vec<Statement>,
}

impl Fact {
    /// Whether a fund total adds this fact: an actual sum of one year, not a breakdown.
    pub fn in_fund_scope(&self) -> bool {
        self.span == SpanKind::Year && self.status == Status::Actual && !self.part
    }
}

/// The key facts are merged under, subject and value aside: a statement that names no subject
/// is the same fact as one of the same key and value that does (`由2010年的5.24亿元增加到2015年的
/// 15.07亿元` restates `公共财政预算收入达到15.07亿元`).
type Key = (Measure, YearRef, SpanKind, Status, String, bool);

/// The form of a subject that two statements of one fact share: simplified, without the
/// whole-area word that opens it (`全县`, `全市`), and with the current name of a renamed
/// account (`公共财政预算收入` has been `一般公共预算收入` since the 2014 budget law).
pub fn subject_key(subject: &str) -> String {
    let s = crate::simplify::normalize_query(subject);
    let s = crate::semantics::cues::AREA_WORDS
        .iter()
        .find_map(|w| s.strip_prefix(w).filter(|rest| rest.chars().count() >= 2))
        .unwrap_or(&s)
        .to_string();
    crate::semantics::cues::RENAMED_SUBJECTS
        .iter()
        .fold(s, |acc, c| acc.replace(c.text, c.means))
}

/// The facts of `figures` (in corpus order, as the build collects them).
pub fn facts(figures: &[Figure]) -> Vec<Fact> {
    let (_, mask) = crate::extract::totals_with_mask(figures);
    facts_of_statements(figures.iter().zip(mask))
}

/// The statements of a file's figures (amounts counted, and breakdowns) given the file's
/// `mask` from [`crate::extract::totals_with_mask`], for [`facts_of_statements`]: what a build
/// keeps of each file.
pub fn statements(figures: &[Figure], mask: &[Counted]) -> Vec<(Figure, Counted)> {
    figures
        .iter()
        .zip(mask)
        .filter(|(f, c)| f.kind == Kind::Money && matches!(c, Counted::Yes | Counted::Part))
        .map(|(f, c)| (f.clone(), *c))
        .collect()
}

/// The facts of figures already judged sentence by sentence (`Counted` from
/// [`crate::extract::totals_with_mask`]), in corpus order.
pub fn facts_of_statements<'a>(
    figures: impl IntoIterator<Item = (&'a Figure, Counted)>,
) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    let mut by_key: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    // The subject key of each fact of `out`.
    let mut subjects: Vec<Option<String>> = Vec::new();
    for (f, counted) in figures {
        if f.kind != Kind::Money || !matches!(counted, Counted::Yes | Counted::Part) {
            continue;
        }
        let (Some(s), Some(value), Some(currency)) = (&f.semantics, f.value, &f.currency) else {
            continue;
        };
        let value = if s.old_yuan {
            value / OLD_YUAN_PER_YUAN
        } else {
            value
        };
        let part = counted == Counted::Part;
        let subject = s.subject.as_deref().map(subject_key);
        let key = (
            s.measure,
            s.period_year,
            s.span,
            s.status,
            currency.clone(),
            part,
        );
        let statement = Statement {
            report: f.report.clone(),
            source: f.source.clone(),
            line: f.line,
            char_span: f.char_span,
            text: f.text.clone(),
        };
        let restates = |i: &usize| {
            let v = out[*i].value;
            (v - value).abs() <= RESTATED_TOLERANCE * v.abs().max(value.abs())
        };
        let candidates = by_key.get(&key).map(Vec::as_slice).unwrap_or_default();
        // The same subject first; then one that ends the other (`地方公共财政预算收入` and
        // `公共财政预算收入` of one value and year), or a fact or statement that names none.
        let same = candidates
            .iter()
            .find(|i| restates(i) && subjects[**i] == subject)
            .or_else(|| {
                candidates.iter().find(|i| {
                    restates(i)
                        && match (&subject, &subjects[**i]) {
                            (Some(a), Some(b)) => {
                                a.ends_with(b.as_str()) || b.ends_with(a.as_str())
                            }
                            _ => true,
                        }
                })
            })
            .copied();
        match same {
            Some(i) => {
                if subjects[i].is_none() && subject.is_some() {
                    subjects[i] = subject;
                    out[i].subject = s.subject.clone();
                }
                out[i].mentions.push(statement);
            }
            None => {
                by_key.entry(key).or_default().push(out.len());
                subjects.push(subject);
                out.push(Fact {
                    id: fact_id(&statement),
                    measure: s.measure,
                    subject: s.subject.clone(),
                    period_year: s.period_year,
                    span: s.span,
                    status: s.status,
                    currency: currency.clone(),
                    value,
                    old_yuan: s.old_yuan,
                    part,
                    mentions: vec![statement],
                });
            }
        }
    }
    out
}

fn fact_id(s: &Statement) -> String {
    let h = crate::doc::fnv1a(
        format!(
            "{}\0{}\0{}\0{}",
            s.report, s.line, s.char_span[0], s.char_span[1]
        )
        .into_bytes(),
    );
    format!("{h:016x}")
}

/// How facts are grouped in a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Year,
    Measure,
    Report,
    Region,
    Genre,
}

/// What a total is restricted to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub measure: Option<Measure>,
    /// A fact whose subject contains this text (either script).
    pub subject: Option<String>,
    /// A region name (`江西省`, `九江市`) the fact's first report is about.
    pub region: Option<String>,
    pub genre: Option<crate::meta::Genre>,
    /// `actual` (the default) or `target`.
    pub status: Option<Status>,
    pub currency: Option<String>,
}

impl Filter {
    /// Whether `fact`, first stated in `report`, passes the measure, subject, region, genre
    /// and currency conditions (status and span are the caller's).
    pub fn keeps(&self, fact: &Fact, report: Option<&ReportRecord>) -> bool {
        let subject = self.subject.as_deref().map(subject_key);
        self.measure.is_none_or(|m| m == fact.measure)
            && self
                .currency
                .as_deref()
                .is_none_or(|c| c.eq_ignore_ascii_case(&fact.currency))
            && subject.as_deref().is_none_or(|q| {
                fact.subject
                    .as_deref()
                    .is_some_and(|s| subject_key(s).contains(q))
            })
            && self
                .region
                .as_deref()
                .is_none_or(|r| report.is_some_and(|rep| rep.meta.region.names(r)))
            && self
                .genre
                .is_none_or(|g| report.is_some_and(|rep| rep.meta.genre == g))
    }
}

/// One total: a group of facts of one measure, year and currency.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Total {
    /// The group's key (a year, a measure, a report id, a region or a genre).
    pub key: String,
    pub measure: Measure,
    pub period_year: YearRef,
    pub currency: String,
    pub facts: usize,
    pub reports: usize,
    pub sum: f64,
    /// The largest three facts: (fact id, value, subject), so an outlier shows.
    pub largest: Vec<(String, f64, Option<String>)>,
}

/// Totals of `facts` restricted by `filter` and grouped by `by`; `reports` gives each report's
/// region and genre. Every total holds one measure, one year and one currency.
pub fn totals(
    facts: &[Fact],
    reports: &[ReportRecord],
    by: GroupBy,
    filter: &Filter,
) -> Vec<Total> {
    let meta: BTreeMap<&str, &ReportRecord> = reports.iter().map(|r| (r.id.as_str(), r)).collect();
    let status = filter.status.unwrap_or(Status::Actual);
    let mut groups: BTreeMap<(String, Measure, YearRef, String), Vec<&Fact>> = BTreeMap::new();
    for f in facts {
        if f.span != SpanKind::Year || f.status != status || f.part {
            continue;
        }
        let first = f.mentions.first();
        let report = first.and_then(|m| meta.get(m.report.as_str())).copied();
        if !filter.keeps(f, report) {
            continue;
        }
        let key = match by {
            GroupBy::Year => f.period_year.key(),
            GroupBy::Measure => f.measure.as_str().to_string(),
            GroupBy::Report => first.map(|m| m.report.clone()).unwrap_or_default(),
            GroupBy::Region => report
                .and_then(|r| {
                    let g = &r.meta.region;
                    g.county
                        .clone()
                        .or(g.prefecture.clone())
                        .or(g.province.clone())
                })
                .unwrap_or_else(|| "unknown".to_string()),
            GroupBy::Genre => report
                .map_or("unknown", |r| r.meta.genre.as_str())
                .to_string(),
        };
        groups
            .entry((key, f.measure, f.period_year, f.currency.clone()))
            .or_default()
            .push(f);
    }
    groups
        .into_iter()
        .map(|((key, measure, period_year, currency), fs)| {
            let mut reports: Vec<&str> = fs
                .iter()
                .flat_map(|f| f.mentions.iter().map(|m| m.report.as_str()))
                .collect();
            reports.sort_unstable();
            reports.dedup();
            let mut largest: Vec<&&Fact> = fs.iter().collect();
            largest.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.id.cmp(&b.id)));
            Total {
                key,
                measure,
                period_year,
                currency,
                facts: fs.len(),
                reports: reports.len(),
                sum: fs.iter().map(|f| f.value).sum(),
                largest: largest
                    .into_iter()
                    .take(3)
                    .map(|f| (f.id.clone(), f.value, f.subject.clone()))
                    .collect(),
            }
        })
        .collect()
}

/// `totals.json`: the fund totals by measure and year (actual sums), and by measure and year
/// for targets, with the counts behind them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FundTotals {
    pub schema_version: u32,
    /// Facts in `facts.jsonl`.
    pub facts: usize,
    /// Facts a total adds (actual, one year, not a breakdown).
    pub facts_in_scope: usize,
    /// Money mentions that are statements (amounts), repeats within a sentence and
    /// breakdowns.
    pub statements: usize,
    pub repeats_skipped: usize,
    pub parts_skipped: usize,
    /// Actual sums, grouped by year (each total one measure, year and currency).
    pub actual: Vec<Total>,
    /// Targets, apart.
    pub target: Vec<Total>,
}

/// `totals.json` of a corpus; `t` holds the statement counts.
pub fn fund_totals(
    t: &crate::extract::Totals,
    facts: &[Fact],
    reports: &[ReportRecord],
) -> FundTotals {
    let target = Filter {
        status: Some(Status::Target),
        ..Filter::default()
    };
    FundTotals {
        schema_version: SCHEMA_VERSION,
        facts: facts.len(),
        facts_in_scope: facts.iter().filter(|f| f.in_fund_scope()).count(),
        statements: t.counted,
        repeats_skipped: t.repeats_skipped,
        parts_skipped: t.parts_skipped,
        actual: totals(facts, reports, GroupBy::Year, &Filter::default()),
        target: totals(facts, reports, GroupBy::Year, &target),
    }
}

#[cfg(test)]
mod tests;
