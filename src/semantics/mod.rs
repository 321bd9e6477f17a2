//! Stage: what each money figure means — what it measures, whether it happened, which year
//! and period it belongs to, and the phrase that names it (GUIDELINES.md, "Money semantics").
//!
//! Two steps, because the evidence lives at two scales:
//! 1. [`read_local`], inside `extract`, reads the figure's own sentence in the simplified view:
//!    the measure, status and span cues of [`cues`], the subject phrase, a stated year, a
//!    relative year word (`今年`, `去年`) and a year stated earlier on the same line.
//! 2. [`resolve`], once the report's metadata and sections are known, turns relative years into
//!    years with the report's own year, gives a figure with no year the year of the section it
//!    stands in, and marks sums in a measures (plan) section as targets.

pub mod cues;

use serde::{Deserialize, Serialize};

use crate::extract::YearRef;
use cues::Cue;

/// What a sum measures.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Budget,
    Allocation,
    Expenditure,
    Revenue,
    Investment,
    Output,
    Trade,
    Consumption,
    Income,
    Financial,
    Other,
}

impl Measure {
    pub const ALL: [Measure; 11] = [
        Measure::Budget,
        Measure::Allocation,
        Measure::Expenditure,
        Measure::Revenue,
        Measure::Investment,
        Measure::Output,
        Measure::Trade,
        Measure::Consumption,
        Measure::Income,
        Measure::Financial,
        Measure::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Budget => "budget",
            Measure::Allocation => "allocation",
            Measure::Expenditure => "expenditure",
            Measure::Revenue => "revenue",
            Measure::Investment => "investment",
            Measure::Output => "output",
            Measure::Trade => "trade",
            Measure::Consumption => "consumption",
            Measure::Income => "income",
            Measure::Financial => "financial",
            Measure::Other => "other",
        }
    }

    /// The measure named `s` (as serialised), if any.
    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Whether a sum happened (or stands) or is a goal or forecast.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Actual,
    Target,
}

/// Where `period_year` came from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum YearBasis {
    /// The figure's own sentence states it.
    Stated,
    /// A word such as 今年 or 去年, resolved with the report's year.
    Report,
    /// The section (or the line) the figure stands in states it.
    Section,
    /// Nothing says.
    #[default]
    None,
}

/// The period a sum covers.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// One year (the default).
    Year,
    /// Part of a year: `1-10月`, `上半年`, `一季度`.
    PartYear,
    /// Several years added up: `五年累计`, `“十三五”期间`.
    MultiYear,
    /// A stock or running total at a date: `截至年底`, `余额`.
    ToDate,
}

/// The semantics of one money figure, as `figures.jsonl` nests them under `semantics`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Semantics {
    pub measure: Measure,
    pub status: Status,
    /// An integer year, `"20xx"` or null.
    pub period_year: YearRef,
    pub year_basis: YearBasis,
    pub span: SpanKind,
    /// The phrase of the sentence that names the money, original script; null when none.
    pub subject: Option<String>,
    /// True when the sum is written in old yuan (before the 1955 currency reform): totals
    /// divide it by 10,000.
    #[serde(default)]
    pub old_yuan: bool,
    /// What the sentence said, for [`resolve`] and for lists; not written out.
    #[serde(skip)]
    pub evidence: Evidence,
}

/// What a sentence said about a sum, kept for [`resolve`]. Not part of the record: two
/// semantics are equal when their written fields are.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// A relative year word before the figure (years from the report's year).
    pub relative: Option<i32>,
    /// The last year stated on the line before the figure's sentence.
    pub line_year: YearRef,
    /// Whether a status cue decided `status` (else it is the default, open to context).
    pub status_cued: bool,
    /// Whether a cue named the measure (else a list's earlier sum may lend its own).
    pub measure_cued: bool,
}

impl PartialEq for Evidence {
    fn eq(&self, _: &Evidence) -> bool {
        true
    }
}

/// The cue of `table` nearest to the end of `before` (the one ending last; at equal ends the
/// longest), with where it starts.
fn nearest<T: Copy>(before: &str, table: &[Cue<T>]) -> Option<(usize, Cue<T>)> {
    let mut best: Option<(usize, usize, Cue<T>)> = None;
    for c in table {
        if let Some(i) = before.rfind(c.text) {
            let end = i + c.text.len();
            let better = match best {
                None => true,
                Some((e, len, _)) => end > e || (end == e && c.text.len() > len),
            };
            if better {
                best = Some((end, c.text.len(), *c));
            }
        }
    }
    best.map(|(end, len, c)| (end - len, c))
}

/// The first cue of `table` in `after`.
fn first<T: Copy>(after: &str, table: &[Cue<T>]) -> Option<Cue<T>> {
    table
        .iter()
        .filter_map(|c| {
            after
                .find(c.text)
                .map(|i| (i, std::cmp::Reverse(c.text.len()), *c))
        })
        .min_by_key(|(i, len, _)| (*i, *len))
        .map(|(_, _, c)| c)
}

/// The measure a cue names, read with the words around it: a budget carried out is revenue or
/// spending, and a 收入 of persons is income.
fn refine(before: &str, at: usize, c: Cue<Measure>) -> Measure {
    let between = &before[at + c.text.len()..];
    match c.means {
        Measure::Budget if cues::EXECUTION_WORDS.iter().any(|w| between.contains(w)) => {
            if c.text.contains("收入") || before[..at].ends_with("收入") {
                Measure::Revenue
            } else {
                Measure::Expenditure
            }
        }
        Measure::Revenue if c.text.ends_with("收入") => {
            let head = crate::lex::tail_chars(&before[..at], 12);
            if cues::PERSON_WORDS.iter().any(|w| head.contains(w)) {
                Measure::Income
            } else {
                Measure::Revenue
            }
        }
        m => m,
    }
}

/// The nearest relative year word of `before` that is not a comparison base.
fn relative_year(before: &str) -> Option<i32> {
    let mut rest = before;
    while let Some((i, c)) = nearest(rest, cues::RELATIVE_YEARS) {
        let head = &rest[..i];
        if cues::COMPARISON_MARKS.iter().any(|m| head.ends_with(m)) {
            rest = head;
            continue;
        }
        return Some(c.means);
    }
    None
}

/// Chars a cue may stand before its figure and still name it.
const WINDOW_CHARS: usize = 40;

/// A part-of-year month range (`1-10月`, `1—9月份`), which is not the whole year (`1-12月`,
/// `元月至12月`).
static MONTH_RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new("(?:([0-9]{1,2})|元|一)月?(?:-|—|–|~|至|到)([0-9]{1,2})月")
        .unwrap_or_else(|e| panic!("MONTH_RANGE: {e}"))
});

/// One stated year, not the end of a range (`2021年`, `20xx年度`; not `2019-2021年`).
static SINGLE_YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new("(?:^|[^-—–~至到0-9])(?:19|20)[0-9xX]{2}年")
        .unwrap_or_else(|e| panic!("SINGLE_YEAR: {e}"))
});

/// The span of a sum from the sentence before it.
fn span_of(before: &str) -> SpanKind {
    if cues::SPANS
        .iter()
        .any(|c| c.means == SpanKind::ToDate && before.contains(c.text))
        || before.contains("底") && before.contains('至')
    {
        return SpanKind::ToDate;
    }
    let month = MONTH_RANGE.captures_iter(before).last().map(|c| {
        let end = c.get(0).map_or(0, |m| m.end());
        let whole = c.get(2).is_some_and(|m| m.as_str() == "12");
        (
            end,
            if whole {
                SpanKind::Year
            } else {
                SpanKind::PartYear
            },
        )
    });
    let nearest_span = nearest(before, cues::SPANS);
    let mut cue = nearest_span.map(|(i, c)| (i + c.text.len(), c.means));
    // `1-9月份累计完成`: a running total within the months, not over years.
    let running_in_months = nearest_span.is_some_and(|(_, c)| c.text == "累计");
    // A single year stated after a period cue starts the sum's own clause: `自2015年…以来，…，
    // 故2021年预算…10万元`, `连续七年争取资金：2019年为60万元` are sums of one year.
    if let (Some((end, _)), Some(y)) = (cue, SINGLE_YEAR.find_iter(before).last())
        && y.end() > end
    {
        cue = Some((y.end(), SpanKind::Year));
    }
    match (month, cue) {
        (Some(m), Some(c)) => {
            if m.0 >= c.0 || (running_in_months && c.1 == SpanKind::MultiYear) {
                m.1
            } else {
                c.1
            }
        }
        (Some(m), None) => m.1,
        (None, Some(c)) => c.1,
        (None, None) => SpanKind::Year,
    }
}

/// A year that dates the sum right after it, with the word that leads to it (`由2010年的`,
/// `增加到2015年的`, `2020年底的`): part of the sentence's frame, not of the subject.
static YEAR_BEFORE_SUM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        "(?:由|从|自|到|至|增加到|提高到|增长到|增至|达到)?(?:(?:19|20)[0-9xX]{2}年(?:底|末|度)?|上年|去年|上一年)的?$",
    )
    .unwrap_or_else(|e| panic!("YEAR_BEFORE_SUM: {e}"))
});

/// An earlier sum, with the verb that rises from it (`由5.24亿元增加到`, `从12亿元提高到`),
/// before a sum: the second sum has the first one's subject (a subject never ends in a sum).
static SUM_BEFORE_RISE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        "[0-9][0-9.,]*(?:万|亿|千|百)*元(?:增加到|提高到|增长到|减少到|下降到|增至|降至|到|至)?$",
    )
    .unwrap_or_else(|e| panic!("SUM_BEFORE_RISE: {e}"))
});

/// Chars a subject phrase holds at most.
const SUBJECT_CHARS: usize = 16;

/// The subject phrase: the Han run right before the figure (its verb or copula cut off), as a
/// byte span of `before` (the text before the figure).
fn subject_of(before: &str) -> Option<std::ops::Range<usize>> {
    // The clause before the figure.
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| crate::lex::sentence::is_clause_break(c) || c == '、')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut clause = &before[start..];
    loop {
        let trimmed = cues::SUBJECT_TAILS
            .iter()
            .find_map(|t| clause.strip_suffix(t))
            .or_else(|| clause.strip_suffix(|c: char| c.is_whitespace()))
            .or_else(|| {
                [&YEAR_BEFORE_SUM, &SUM_BEFORE_RISE]
                    .iter()
                    .find_map(|re| re.find(clause).map(|m| &clause[..m.start()]))
            });
        match trimmed {
            Some(t) if !t.is_empty() => clause = t,
            _ => break,
        }
    }
    // The trailing run of Han chars, in text order.
    let mut whole_run: Vec<(usize, char)> = clause
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::lex::han::is_han(c))
        .collect();
    whole_run.reverse();
    // A long run that holds a measure word is that word and what qualifies it on its left
    // (`一般公共预算收入剔除虚增空转因素后`: the revenue, not the adjustment).
    let run_start = whole_run.first().map_or(clause.len(), |&(i, _)| i);
    let mut end = clause.len();
    if whole_run.len() > SUBJECT_CHARS
        && let Some((at, c)) = nearest(&clause[run_start..], cues::MEASURES)
    {
        end = run_start + at + c.text.len();
    }
    let run: Vec<(usize, char)> = whole_run.into_iter().filter(|&(i, _)| i < end).collect();
    let run = &run[run.len().saturating_sub(SUBJECT_CHARS)..];
    // A date's 年, 月 or 日 ends the phrase on its left (`2021年投入`), but 年度, 年初 and 年末
    // are words of their own (`年初预算数`, `年度计划投资`).
    let date_end = run
        .iter()
        .enumerate()
        .rev()
        .find(|&(k, &(_, c))| {
            let period_word = c == '年'
                && run
                    .get(k + 1)
                    .is_some_and(|&(_, n)| matches!(n, '度' | '初' | '末' | '底'));
            let after_numeral = run
                .get(k.wrapping_sub(1))
                .is_some_and(|&(_, p)| crate::lex::numeral::cjk_digit(p).is_some());
            matches!(c, '年' | '月' | '日') && (!period_word || after_numeral)
        })
        .map_or(0, |(k, _)| k + 1);
    let run = &run[date_end..];
    // Words that open the run but do not name the money (`其中`, `全市`, `累计完成`, `市财政局`):
    // the subject starts after the last of them that leaves a phrase.
    let lead_end = (0..run.len())
        .filter(|&k| {
            let head: String = run[..k].iter().map(|&(_, c)| c).collect();
            cues::SUBJECT_LEADS
                .iter()
                .any(|l| head.ends_with(l.text) && run.len() - k >= l.means)
        })
        .max()
        .unwrap_or(0);
    let mut run = &run[lead_end..];
    for o in cues::SUBJECT_OPENERS {
        let n = o.text.chars().count();
        let head: String = run.iter().take(n).map(|&(_, c)| c).collect();
        if head == o.text && run.len() - n >= o.means {
            run = &run[n..];
        }
    }
    if run.len() < 2 {
        return None;
    }
    let a = start + run.first().map_or(0, |&(i, _)| i);
    let b = start + end;
    // A verb alone (`，实际完成101.2亿元`, `，达到204.6亿元`) names nothing, unless the clause
    // before gave the growth of a named sum (`地方财政总收入增长20%，达到24.8亿元`).
    if cues::VERBS_ALONE.contains(&&before[a..b]) {
        return grown_subject(&before[..start]);
    }
    Some(a..b)
}

/// A named sum and its growth rate, ending a clause (`地方财政总收入增长20%，`): the sum the
/// next clause's verb (`达到24.8亿元`) completes.
static GROWTH_CLAUSE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        "(\\p{Han}{2,16}?)(?:确保|力争|预计|计划|要|将)?(?:比上年|同比)?(?:增长|增加|下降|提高|减少|增)[0-9.]+%[，,]$",
    )
    .unwrap_or_else(|e| panic!("GROWTH_CLAUSE: {e}"))
});

/// The subject of [`GROWTH_CLAUSE`] at the end of `head`, as a byte span of it: the phrase
/// before the growth verb, read as any subject is.
fn grown_subject(head: &str) -> Option<std::ops::Range<usize>> {
    let c = GROWTH_CLAUSE.captures(head)?.get(1)?;
    subject_of(&head[..c.end()])
}

/// Chars of the sentence before a figure read at all (status, span and year words).
const SENTENCE_CHARS: usize = 150;

/// The line-local semantics of a money mention at byte `span` of the simplified line `line`,
/// whose sentence starts at byte `sentence_start`. `stated` is the year the extractor found in
/// the sentence, and `line_year` the last year stated earlier on the line. The subject comes
/// back as a byte span of `line` (for the caller to map to the original script) in the second
/// value; `subject` itself is left empty.
pub fn read_local(
    line: &str,
    span: std::ops::Range<usize>,
    sentence_start: usize,
    stated: YearRef,
    line_year: YearRef,
    role: Option<crate::extract::Role>,
) -> (Semantics, Option<std::ops::Range<usize>>) {
    let before_all = crate::lex::tail_chars(
        line.get(sentence_start.min(span.start)..span.start)
            .unwrap_or_default(),
        SENTENCE_CHARS,
    );
    let offset = span.start - before_all.len();
    let before = crate::lex::tail_chars(before_all, WINDOW_CHARS);
    let after: String = line
        .get(span.end..)
        .unwrap_or_default()
        .chars()
        .take_while(|&c| !crate::lex::sentence::is_clause_break(c))
        .take(8)
        .collect();
    // A cue followed by a word that makes the sum a quota of something else (`下达攻坚任务`)
    // does not name it.
    let named_before = nearest(before, cues::MEASURES)
        .filter(|(i, c)| {
            // Only a quota set apart from the cue (`…到位资金70.4亿元，占市下达攻坚任务`);
            // a cue inside the quota's name names it (`招商引资目标任务`, `转移支付指标`).
            let between = &before[i + c.text.len()..];
            let apart = c.text.ends_with("下达")
                || between.contains("下达")
                || between.chars().any(crate::lex::sentence::is_clause_break);
            !(apart && cues::QUOTA_WORDS.iter().any(|w| between.contains(w)))
        })
        .map(|(i, c)| refine(before, i, c))
        .or_else(|| nearest(before, cues::FUND_NOUNS).map(|(_, c)| c.means));
    let named_after = first(&after, cues::MEASURES).map(|c| c.means);
    // A threshold names a class of what follows it (`亿元以上项目`, `千万元以上的要申报`).
    let measure = if role == Some(crate::extract::Role::Threshold) {
        named_after.or(named_before)
    } else {
        named_before.or(named_after)
    };
    let measure_cued = measure.is_some();
    let measure = measure.unwrap_or(Measure::Other);
    let status_cue = if cues::FUTURE_CONDITIONS
        .iter()
        .any(|w| before_all.contains(w))
    {
        Some(Status::Target)
    } else {
        match nearest(before_all, cues::STATUSES) {
            // A bare 完成/实现 after a goal word of its own clause completes the goal
            // (`预计全年…可完成3.3亿元`, `确保…完成`), it does not report it.
            Some((i, c)) if c.means == Status::Actual && ["完成", "实现"].contains(&c.text) => {
                let clause = crate::lex::sentence::clause_tail(&before_all[..i]);
                let goal =
                    nearest(clause, cues::STATUSES).is_some_and(|(_, g)| g.means == Status::Target);
                Some(if goal { Status::Target } else { Status::Actual })
            }
            other => other.map(|(_, c)| c.means),
        }
    };
    // A relative year that names a comparison base (`比上年增加`, `比去年同期`) is not the
    // sum's own year.
    let relative = relative_year(before_all);
    let (period_year, year_basis) = if stated != YearRef::None {
        (stated, YearBasis::Stated)
    } else {
        (YearRef::None, YearBasis::None)
    };
    let status = match (status_cue, relative) {
        (Some(s), _) => s,
        (None, Some(r)) if r > 0 => Status::Target,
        _ => Status::Actual,
    };
    let subject = subject_of(before_all).map(|r| offset + r.start..offset + r.end);
    let semantics = Semantics {
        measure,
        status,
        period_year,
        year_basis,
        span: span_of(before_all),
        subject: None,
        old_yuan: false,
        evidence: Evidence {
            relative,
            line_year,
            status_cued: status_cue.is_some(),
            measure_cued,
        },
    };
    (semantics, subject)
}

/// The report-level facts [`resolve`] needs.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The report's own year.
    pub report_year: YearRef,
    /// Whether a sum with no year of its own belongs to the report's year: true for a report
    /// about one year (an evaluation, audit, budget or work summary of a year stated in its
    /// title or date line), false for a report that reviews one year and plans the next.
    pub annual: bool,
}

/// Finish the semantics of a figure with its report's context: a relative year becomes a
/// year, a figure with no year takes its line's or its section's year (`section_year`), a sum
/// in a measures (plan) section is a target unless a cue says it happened, a sum of a year
/// after the report's is a target, and money of a report before 1955 is in old yuan.
pub fn resolve(
    s: &mut Semantics,
    ctx: &Context,
    section_year: YearRef,
    in_plan_section: bool,
    currency: Option<&str>,
) {
    // A sum over several years belongs to no one year unless its sentence says so.
    if s.year_basis == YearBasis::None && s.span != SpanKind::MultiYear {
        if let (Some(r), YearRef::Year(y)) = (s.evidence.relative, ctx.report_year) {
            s.period_year = YearRef::Year(y + r);
            s.year_basis = YearBasis::Report;
        } else if s.evidence.relative.is_some() && ctx.report_year == YearRef::Anonymised {
            s.period_year = YearRef::Anonymised;
            s.year_basis = YearBasis::Report;
        } else if s.evidence.line_year != YearRef::None {
            s.period_year = s.evidence.line_year;
            s.year_basis = YearBasis::Section;
        } else if section_year != YearRef::None {
            s.period_year = section_year;
            s.year_basis = YearBasis::Section;
        } else if ctx.annual && ctx.report_year != YearRef::None {
            s.period_year = ctx.report_year;
            s.year_basis = YearBasis::Report;
        }
    }
    if in_plan_section && !s.evidence.status_cued {
        s.status = Status::Target;
    }
    if let (YearRef::Year(p), YearRef::Year(r)) = (s.period_year, ctx.report_year) {
        if p > r && s.status == Status::Actual && s.span != SpanKind::MultiYear {
            s.status = Status::Target;
        } else if p < r && s.status == Status::Target && !in_plan_section {
            // 预计2025年… in a report of 2026: the year is over.
            s.status = Status::Actual;
        }
    }
    s.old_yuan = matches!(ctx.report_year, YearRef::Year(y) if y < 1955)
        && currency.is_none_or(|c| c == "CNY");
}

#[cfg(test)]
mod tests;

/// The year each line of a report stands under: the year its latest heading states (a
/// heading is a short line without a closing stop, or a numbered line's headline), resolved
/// against the report's year for `今年`, `过去一年`. A top-level heading (`一、`) without a year
/// ends the previous heading's year. Keyed by source line.
pub fn section_years(
    report: &crate::doc::Report,
    report_year: YearRef,
) -> std::collections::HashMap<usize, YearRef> {
    use crate::lex::marker::{MarkerKind, parse_marker};
    let mut out = std::collections::HashMap::new();
    let mut current = YearRef::None;
    for l in report.lines.iter().skip(1) {
        let s = l.line.simplified.trim();
        let chars: Vec<char> = s.chars().collect();
        let marker = parse_marker(&chars);
        let headline: String = chars
            .iter()
            .skip(marker.as_ref().map_or(0, |m| m.len))
            .take_while(|&&c| !crate::lex::sentence::is_sentence_end(c))
            .collect();
        let is_heading = (marker.is_some() && headline.chars().count() <= 30)
            || crate::split::is_heading_like(s);
        if is_heading {
            let stated = crate::meta::first_year_of(&headline);
            let relative = nearest(&headline, cues::RELATIVE_YEARS).map(|(_, c)| c.means);
            let year = match (stated, relative, report_year) {
                (y, _, _) if y != YearRef::None => y,
                (_, Some(r), YearRef::Year(y)) => YearRef::Year(y + r),
                (_, Some(_), YearRef::Anonymised) => YearRef::Anonymised,
                _ => YearRef::None,
            };
            if year != YearRef::None {
                current = year;
            } else if marker
                .as_ref()
                .is_some_and(|m| m.kind == MarkerKind::CnComma)
            {
                current = YearRef::None;
            }
        }
        out.entry(l.src).or_insert(current);
    }
    out
}

/// Resolve the semantics of every money figure of `report` with its metadata and sections.
pub fn annotate(
    report: &crate::doc::Report,
    meta: &crate::meta::ReportMeta,
    figures: &mut [crate::extract::Figure],
    sections: &[crate::sections::Section],
) {
    if !figures.iter().any(|f| f.semantics.is_some()) {
        return;
    }
    use crate::meta::{Genre, YearSource};
    let ctx = Context {
        report_year: meta.year,
        // A report that reviews one year and plans the next (a government work report, a
        // party congress report) lends no year; any other report of a stated year does (an
        // evaluation, an audit, a budget, a statistical bulletin of that year).
        annual: !matches!(
            meta.genre,
            Genre::GovernmentWorkReport | Genre::PartyCongress
        ) && matches!(
            meta.year_source,
            Some(YearSource::Title | YearSource::Date | YearSource::FileName)
        ),
    };
    let years = section_years(report, meta.year);
    let plans: Vec<(usize, usize)> = sections
        .iter()
        .filter(|s| s.r#type == crate::sections::SectionType::Measures)
        .map(|s| (s.line_start, s.line_end))
        .collect();
    for f in figures.iter_mut() {
        let line = f.line;
        let currency = f.currency.clone();
        if let Some(s) = f.semantics.as_mut() {
            let in_plan = plans.iter().any(|&(a, b)| (a..=b).contains(&line));
            let section_year = years.get(&line).copied().unwrap_or_default();
            resolve(s, &ctx, section_year, in_plan, currency.as_deref());
        }
    }
}
