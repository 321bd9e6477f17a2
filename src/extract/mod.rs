//! Stage 4: money figures, percentages and years, found with regular expressions in the text
//! (not in jieba tokens), normalised as `tests/gold/GUIDELINES.md` says.
//!
//! - [`mentions_in_line`] is pure: one line in, its mentions out, spans as byte ranges of that line.
//!   It runs on the simplified view of a cleaned line, but tolerates raw text too: full-width
//!   digits are folded (`fold`) and traditional forms (萬 億 個 約 餘) are matched.
//! - [`figures_in_report`] turns the mentions of a report's lines into [`Figure`] records
//!   (`figures.jsonl`), with the text exactly as in the source.
//! - [`totals()`] sums the money with role `amount` (see [`mod@totals`] for the double-counting policy).
//!
//! Module map: [`patterns`] (the regexes), [`crate::lex::numeral`] (numeral parsing), `context` (qualifiers
//! and roles), `scan` and `years` (the detectors), `figure` (the output record), [`mod@totals`].

mod context;
mod figure;
pub(crate) mod fold;

pub mod patterns;
mod scan;
pub mod totals;
mod years;

#[cfg(test)]
mod fixtures_tests;
#[cfg(test)]
mod seed_tests;

use serde::{Deserialize, Serialize};

use crate::doc::Span;

pub use figure::{Figure, figures_in_report};
pub use totals::{Bucket, ByCurrency, Counted, Totals, totals, totals_with_mask};

/// What a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Money,
    Percent,
    Year,
}

/// How exact a money figure is (GUIDELINES: 约/左右 about, 近 nearly, 多/余/以上/突破 over,
/// 不到/以下 under).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    Exact,
    About,
    Nearly,
    Over,
    Under,
}

/// The role of a money figure (amount, change, per_unit, threshold) or of a year (date,
/// placeholder, doc_number, plan_period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A stated sum (the only role [`totals()`] adds up).
    Amount,
    /// A difference: `增加560.43萬元`.
    Change,
    /// A rate per person, student, year, item: `每生每年3000元`, `人均1萬元`.
    PerUnit,
    /// A bound that names a class: `億元以上項目18個`.
    Threshold,
    /// An ordinary year: `2021年`, `一九五四年`, `09年`.
    Date,
    /// An anonymised year: `20xx年` (value null).
    Placeholder,
    /// The year of a document number: `〔2017〕`.
    DocNumber,
    /// A five-year plan: `“十一五”期間` (range [2006, 2010]).
    PlanPeriod,
}

/// The year a money figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum YearRef {
    /// A year stated in the sentence (`2021年`).
    Year(i32),
    /// An anonymised year (`20xx年`), serialized as `"20xx"`.
    Anonymised,
    /// No year known, serialized as `null`.
    #[default]
    None,
}

impl YearRef {
    /// The bucket key used by [`totals()`]: `"2021"`, `"20xx"` or `"unknown"`.
    pub fn key(&self) -> String {
        match self {
            YearRef::Year(y) => y.to_string(),
            YearRef::Anonymised => "20xx".to_string(),
            YearRef::None => "unknown".to_string(),
        }
    }
}

impl Serialize for YearRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            YearRef::Year(y) => s.serialize_i32(*y),
            YearRef::Anonymised => s.serialize_str("20xx"),
            YearRef::None => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for YearRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(match v {
            serde_json::Value::Number(n) => n
                .as_i64()
                .map_or(YearRef::None, |y| YearRef::Year(y as i32)),
            serde_json::Value::String(s) if s.contains(['x', 'X']) => YearRef::Anonymised,
            serde_json::Value::String(s) => s.parse().map_or(YearRef::None, YearRef::Year),
            _ => YearRef::None,
        })
    }
}

/// One mention found in a line; spans are byte ranges of the string passed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: Kind,
    /// Money: the amount in the currency's unit (a range's lower bound); percent: the number
    /// before `%`; year: the year (null for `20xx`, the plan's first year, or last for `末`).
    pub value: Option<f64>,
    /// Money only: `CNY`, `USD`, `HKD`, `EUR`, `JPY`, `GBP`.
    pub currency: Option<&'static str>,
    pub range: Option<[f64; 2]>,
    /// Money only.
    pub approx: Option<Approx>,
    /// Money and years.
    pub role: Option<Role>,
    /// Money only: the year the sentence gives the figure.
    pub year: YearRef,
    /// Percent only: percentage points (`个百分点`).
    pub points: Option<bool>,
    /// The sentence holding the mention (from one `。！？` to the next, terminator included,
    /// leading blanks left out).
    pub sentence: Span,
}

pub use crate::lex::sentence::sentences;

/// All money, percent and year mentions of one line, in text order.
///
/// ```
/// use baogao::extract::{mentions_in_line, Kind, Role, YearRef};
/// let line = "故20xx年預算公務接待費為10萬元,比上年5萬元增加5萬元,增加100%。";
/// let m = mentions_in_line(line);
/// let money: Vec<_> = m.iter().filter(|m| m.kind == Kind::Money).collect();
/// assert_eq!(money.len(), 3);
/// assert_eq!(money[0].value, Some(100000.0));
/// assert_eq!(money[1].year, YearRef::None); // 上年: the year before an anonymised year
/// assert_eq!(money[2].role, Some(Role::Change));
/// assert_eq!(money[2].year, YearRef::Anonymised);
/// ```
pub fn mentions_in_line(line: &str) -> Vec<Mention> {
    mentions_in_folded(fold::Folded::simplified(line))
}

/// [`mentions_in_line`] for a line that is simplified already (the pipeline's view): it skips
/// the conversion.
pub fn mentions_in_simplified(line: &str) -> Vec<Mention> {
    mentions_in_folded(fold::Folded::new(line))
}

fn mentions_in_folded(folded: fold::Folded) -> Vec<Mention> {
    let t: &str = &folded.text;
    let mut taken = scan::Taken::default();
    years::years(t, &mut taken);
    years::roc_years(t, &mut taken);
    scan::money(t, &mut taken);
    scan::percents(t, &mut taken);
    years::short_years(t, &mut taken);
    let mut found = taken.into_sorted();
    carry_qualifiers(t, &mut found);
    let sents = sentences(t);
    found
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // Sentences are sorted and disjoint: the candidate is the last one starting at or
            // before the mention (binary search, not a scan per mention).
            let sentence = sents
                .partition_point(|s| s.start <= f.span.start)
                .checked_sub(1)
                .and_then(|k| sents.get(k))
                .filter(|s| f.span.start < s.end)
                .cloned()
                .unwrap_or(0..t.len());
            let year = if f.kind == Kind::Money {
                money_year(t, i, &sentence, &found)
            } else {
                YearRef::None
            };
            Mention {
                span: folded.orig_span(f.span.clone()),
                year,
                sentence: folded.orig_span(sentence),
                ..f.mention.clone()
            }
        })
        .collect()
}

/// The year of a money figure: the nearest year before it in its sentence (else the first
/// after it), counting dates, placeholders, year ranges and plan periods, but not document
/// numbers. A range or a plan period is no single year, so a sum it frames gets none
/// (`从1979到1984年…缴纳税金277亿元,仅1984年就达90亿元` → 277亿元 null, 90亿元 1984).
/// Beyond that mechanical rule, four sure exceptions:
/// - a sum right after `上年`/`去年` belongs to the year before (`2021年…比上年5亿元` → 2020;
///   null when the sentence's year is anonymised);
/// - a price base (`按1952年不变价格`) is no sum's year;
/// - a year that is a comparison base (`比2020年增加5亿元`, `由2020年的…增加到`, `是2020年的2倍`)
///   gives its year only to its own value (`比2020年的80亿元`);
/// - a sum after `以来`/`年来` that follows the year is cumulative since then (`成立于20xx年8月,
///   三年来,…共引进资金40.3亿元`) → null.
///
/// `all` is sorted and disjoint and `fi` is the index of the figure in it: the nearest year is
/// searched outwards from the figure, so a line with many figures stays near-linear.
/// A bound written once before a list of sums holds for each (`接连突破8万亿元、9万亿元`:
/// both are `over`): a money mention with no qualifier of its own, right after a qualified one
/// with only `、` or `和` between them, takes its qualifier.
fn carry_qualifiers(t: &str, found: &mut [scan::Found]) {
    for i in 1..found.len() {
        let (head, rest) = found.split_at_mut(i);
        let (prev, this) = (&head[i - 1], &mut rest[0]);
        if prev.kind != Kind::Money
            || this.kind != Kind::Money
            || this.approx != Some(Approx::Exact)
        {
            continue;
        }
        let carried = matches!(prev.approx, Some(Approx::Over | Approx::Under))
            && prev.role == this.role
            && t.get(prev.span.end..this.span.start)
                .is_some_and(|between| matches!(between.trim(), "、" | "和" | "及"));
        if carried {
            this.approx = prev.approx;
        }
    }
}

/// Whether year `y` closes a pair of years each with its own 年 (`1953年至1957年`,
/// `2016年到2020年`): two date mentions that together name a period, which is no sum's year.
fn ends_a_year_pair(t: &str, y: &scan::Found) -> bool {
    let before = context::tail_chars(&t[..y.span.start], 3).trim_end();
    ["年至", "年到", "年-", "年—", "年–", "年~"]
        .iter()
        .any(|sep| before.ends_with(sep))
}

fn money_year(t: &str, fi: usize, sentence: &Span, all: &[scan::Found]) -> YearRef {
    let Some(f) = all.get(fi) else {
        return YearRef::None;
    };
    let is_year = |y: &&scan::Found| {
        y.kind == Kind::Year
            && y.role != Some(Role::DocNumber)
            && sentence.start <= y.span.start
            && y.span.end <= sentence.end
            && gives_its_year(t, y, f)
    };
    let before = all
        .get(..fi)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|y| y.span.start >= sentence.start)
        .find(|y| is_year(y) && y.span.end <= f.span.start);
    let chosen = before.or_else(|| {
        all.get(fi + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|y| y.span.start < sentence.end)
            .find(|y| is_year(y) && y.span.start >= f.span.end)
    });
    let Some(y) = chosen else {
        return YearRef::None;
    };
    if y.range.is_some() || y.role == Some(Role::PlanPeriod) || ends_a_year_pair(t, y) {
        return YearRef::None;
    }
    if y.span.end <= f.span.start {
        let between = &t[y.span.end..f.span.start];
        if between.contains("以来")
            || between.contains("以來")
            || between.contains("年来")
            || between.contains("年來")
            || MULTI_YEAR.is_match(context::clause_tail(between))
        {
            return YearRef::None;
        }
    }
    let r = match y.value {
        Some(v) => YearRef::Year(v as i32),
        None => YearRef::Anonymised,
    };
    if f.previous_year {
        return match r {
            YearRef::Year(v) => YearRef::Year(v - 1),
            _ => YearRef::None,
        };
    }
    r
}

/// A clause about several years, not the year named in an earlier clause: `预计2012年…;
/// 固定资产投资五年累计完成9091亿元,年均增加349亿元` → both null.
static MULTI_YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        "(?:[两兩二三四五六七八九十]|[0-9]{1,2})年(?:累计|累計|合计|合計|共计|共計|间|間)|年均",
    )
    .unwrap_or_else(|e| panic!("MULTI_YEAR: {e}"))
});

/// Whether year `y` may be the year of figure `f`: not a price base (`按1952年不变价格`), and not a
/// comparison base (`比2020年增长`) unless `f` is the base's own value (`比2020年的80亿元`).
fn gives_its_year(t: &str, y: &scan::Found, f: &scan::Found) -> bool {
    let before = &t[..y.span.start];
    let after = &t[y.span.end..];
    let price_base = before.ends_with('按')
        || ["不变价", "不變價", "可比价", "可比價", "价格", "價格"]
            .iter()
            .any(|w| after.starts_with(w));
    let comparison_base = ["比", "较", "較", "相比", "同比"]
        .iter()
        .any(|w| before.ends_with(w))
        // `与1966年持平`, `同1955年相比`, `与1996年比`: the year is what the figure is set against.
        || (before.ends_with(['与', '與', '同', '跟'])
            && ["相比", "比较", "比較", "持平", "对比", "對比", "比"]
                .iter()
                .any(|w| after.trim_start_matches(['的', ' ']).starts_with(w)))
        // `由2022年的45%提高到65%`: the start of a change (but `从2019年起` starts a period).
        // A range's own `从` (`从1979到1984年`) opens the range, not a change.
        || (before.ends_with(['由', '从', '從'])
            && y.range.is_none()
            && !["起", "开始", "開始", "以来", "以來", "至今", "到", "至"]
                .iter()
                .any(|w| after.starts_with(w)))
        // `是2022年的2.4倍`: a multiple of the base.
        || (before.ends_with(['是', '为', '為', '于', '於'])
            && after.starts_with('的')
            && context::head_chars(after, 10).contains('倍'));
    let own_value = y.span.end <= f.span.start
        && matches!(
            &t[y.span.end..f.span.start],
            "" | "的" | "为" | "為" | "同期" | "同期的"
        );
    !price_base && (!comparison_base || own_value) && !aside(t, y, f)
}

/// Whether year `y` stands in a parenthesis (an aside) that does not hold figure `f`:
/// `实施项目15个(含2023年转列项目5个),年初批复预算985万元` → the 985万元 is not 2023's.
fn aside(t: &str, y: &scan::Found, f: &scan::Found) -> bool {
    // The innermost open parenthesis before the year, if not closed before it.
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in t[..y.span.start].char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            '(' | '（' => {
                open = Some(i);
                break;
            }
            _ => {}
        }
    }
    let Some(open) = open else {
        return false;
    };
    let close = t[y.span.end..]
        .find([')', '）'])
        .map_or(t.len(), |i| y.span.end + i);
    !(open < f.span.start && f.span.end <= close)
}

#[cfg(test)]
mod tests;
