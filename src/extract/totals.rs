//! Fund totals: sums of money figures with role `amount`, without double counting.
//!
//! # What is added
//! Only money with role [`Role::Amount`]. Thresholds (`億元以上項目`) name classes, per-unit
//! figures (`每生每年3000元`) are rates and changes (`增加560.43萬元`) are differences, so none of
//! them is a sum of funds. A range or an approximate figure adds its `value` (the lower bound).
//!
//! # Double counting
//! Reports restate and break down their sums. Within one sentence (same source, line and sentence
//! text), an amount is left out when:
//! 1. **repeat** — an amount with the same currency and value was already counted in that
//!    sentence: `預算收入為360.3萬元,縣財政撥入經費360.3萬元` counts 360.3萬 once;
//! 2. **part** — it stands in a `其中` ("of which") breakdown, which runs to the next `；` (or to the
//!    closing parenthesis when `其中` is inside one), and the same sentence counted an amount in the
//!    same currency before that `其中`: `協議投資總額339億元,其中引進市外內資311億元` counts 339億
//!    only; `资金2113.738萬元(其中包括地方擴面84.15萬元)` counts 2113.738萬 only. A sentence that
//!    *starts* with `其中` is a breakdown of the previous sentence on the same line when that one
//!    counted an amount in the same currency;
//! 3. **sum of a list** — `合计`/`总计` stands in its clause and the sentence counted an amount
//!    in the same currency before it: `…补助收入86.3亿元，收入合计219亿元` counts the parts, not
//!    their sum.
//!
//! The same value in *different* sentences or lines is counted each time: `2億元` on L1062 and on
//! L1068 of the seed are two projects, and nothing in the text says when a sum is restated
//! elsewhere. The cost of rule 1 is that two equal sums in one sentence (`春季100万元,秋季100万元`)
//! count once; such sentences are rarer than restatements. Skipped figures are counted in
//! [`Totals::repeats_skipped`] and [`Totals::parts_skipped`] so the policy stays visible.
//!
//! # Buckets
//! Sums of different currencies are never added together: every grouping maps to a
//! currency → [`Bucket`] map. Year keys are `"2021"`, `"20xx"` (anonymised) and `"unknown"`.
//! All maps are `BTreeMap`s, so the JSON is deterministic.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Figure, Kind, Role};

/// A count of figures and the sum of their values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub count: usize,
    pub sum: f64,
}

impl Bucket {
    fn add(&mut self, v: f64) {
        self.count += 1;
        self.sum += v;
    }
}

/// Currency code → bucket.
pub type ByCurrency = BTreeMap<String, Bucket>;

/// Totals of money with role `amount`; see the module doc for what is counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Amounts added.
    pub counted: usize,
    /// Amounts left out as repeats within their sentence.
    pub repeats_skipped: usize,
    /// Amounts left out as parts (`其中 …`) of a sum counted before them.
    pub parts_skipped: usize,
    pub by_currency: ByCurrency,
    /// Year key (`"2021"`, `"20xx"`, `"unknown"`) → currency → bucket.
    pub by_year: BTreeMap<String, ByCurrency>,
    /// Report id → currency → bucket.
    pub by_report: BTreeMap<String, ByCurrency>,
    /// Source file → currency → bucket.
    pub by_source: BTreeMap<String, ByCurrency>,
}

impl Totals {
    /// Add the totals of another part (one file) to these: counts and sums add, bucket by
    /// bucket.
    pub fn merge(&mut self, part: Totals) {
        fn add(into: &mut ByCurrency, part: ByCurrency) {
            for (cur, b) in part {
                let e = into.entry(cur).or_default();
                e.count += b.count;
                e.sum += b.sum;
            }
        }
        self.counted += part.counted;
        self.repeats_skipped += part.repeats_skipped;
        self.parts_skipped += part.parts_skipped;
        add(&mut self.by_currency, part.by_currency);
        for (map, part_map) in [
            (&mut self.by_year, part.by_year),
            (&mut self.by_report, part.by_report),
            (&mut self.by_source, part.by_source),
        ] {
            for (key, by_cur) in part_map {
                add(map.entry(key).or_default(), by_cur);
            }
        }
    }
}

/// Sum the amounts of `figures` (any order of files; within a line, text order as
/// [`super::figures_in_report`] gives it).
pub fn totals(figures: &[Figure]) -> Totals {
    totals_with_mask(figures).0
}

/// What [`totals`] made of each figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Added: a distinct amount of its sentence.
    Yes,
    /// Left out: the same amount again in its sentence.
    Repeat,
    /// Left out: a `其中` breakdown of an amount counted before it.
    Part,
    /// Not an amount (another kind, another role, or no value).
    NotAmount,
}

/// [`totals`], and for each figure (same order) whether it was counted and why not.
pub fn totals_with_mask(figures: &[Figure]) -> (Totals, Vec<Counted>) {
    let mut mask = vec![Counted::NotAmount; figures.len()];
    let mut t = Totals::default();
    // (source, line, sentence) → (cursor in the sentence, counted (currency, value, position)).
    type Key<'a> = (&'a str, usize, &'a str);
    /// Cursor in the sentence, and the amounts counted there: (currency, value, position).
    type Seen<'a> = (usize, Vec<(&'a str, f64, usize)>);
    let mut seen: BTreeMap<Key, Seen> = BTreeMap::new();
    // (source, line) → currencies counted in the last sentence with an amount on that line.
    let mut last_on_line: BTreeMap<(&str, usize), (&str, Vec<&str>)> = BTreeMap::new();
    for (fi, f) in figures.iter().enumerate() {
        let key = (f.source.as_str(), f.line, f.sentence.as_str());
        let entry = seen.entry(key).or_insert((0, Vec::new()));
        // Position of this mention in its sentence, searching on from the previous one.
        let pos = f
            .sentence
            .get(entry.0..)
            .and_then(|rest| rest.find(&f.text))
            .map(|p| p + entry.0);
        if let Some(p) = pos {
            entry.0 = p + f.text.len();
        }
        if f.kind != Kind::Money || f.role != Some(Role::Amount) {
            continue;
        }
        let (Some(value), Some(cur)) = (f.value, f.currency.as_deref()) else {
            continue;
        };
        if entry.1.iter().any(|&(c, v, _)| c == cur && v == value) {
            t.repeats_skipped += 1;
            mask[fi] = Counted::Repeat;
            continue;
        }
        let in_sentence = pos
            .and_then(|p| breakdown_start(&f.sentence, p))
            .is_some_and(|q| entry.1.iter().any(|&(c, _, at)| c == cur && at < q));
        let from_previous = f.sentence.starts_with("其中")
            && last_on_line
                .get(&(f.source.as_str(), f.line))
                .is_some_and(|(s, curs)| *s != f.sentence.as_str() && curs.contains(&cur));
        // 3. **sum of a list**: `合计`/`总计` right before it, after amounts of the same
        //    currency counted in the sentence (`收入101.2亿元、补助收入86.3亿元，收入合计219亿元`):
        //    the parts are counted, their sum would count them twice.
        let list_sum = pos.is_some_and(|p| {
            let before = &f.sentence[..p];
            let clause = before
                .rfind(['，', ',', '；', ';'])
                .map_or(before, |i| &before[i..]);
            let clause = crate::simplify::to_simplified_aligned(clause);
            LIST_SUM_WORDS.iter().any(|w| clause.contains(w))
                && entry.1.iter().any(|&(c, _, at)| c == cur && at < p)
        });
        let part = in_sentence || from_previous || list_sum;
        if part {
            t.parts_skipped += 1;
            mask[fi] = Counted::Part;
            continue;
        }
        mask[fi] = Counted::Yes;
        entry.1.push((cur, value, pos.unwrap_or(usize::MAX)));
        let last = last_on_line
            .entry((f.source.as_str(), f.line))
            .or_insert((f.sentence.as_str(), Vec::new()));
        if last.0 != f.sentence.as_str() {
            *last = (f.sentence.as_str(), Vec::new());
        }
        last.1.push(cur);
        t.counted += 1;
        t.by_currency.entry(cur.to_string()).or_default().add(value);
        let per = |m: &mut BTreeMap<String, ByCurrency>, k: &str| {
            m.entry(k.to_string())
                .or_default()
                .entry(cur.to_string())
                .or_default()
                .add(value)
        };
        per(&mut t.by_year, &f.year.key());
        per(&mut t.by_report, &f.report);
        per(&mut t.by_source, &f.source);
    }
    (t, mask)
}

/// Words that name the sum of the amounts listed before them in the sentence.
/// (Matched on the simplified clause: `sentence` is in the original script.)
const LIST_SUM_WORDS: &[&str] = &["合计", "总计"];

/// Where the `其中` breakdown holding byte `p` of `sentence` starts, if `p` is in one. A
/// breakdown runs from `其中` to the next `；`, or to the closing parenthesis when `其中` stands
/// inside one (`2113.738萬元(其中包括84.15萬元),…`).
fn breakdown_start(sentence: &str, p: usize) -> Option<usize> {
    let q = sentence[..p].rfind("其中")?;
    let inside_parens = sentence[..q]
        .rfind(['(', '（'])
        .is_some_and(|o| !sentence[o..q].contains([')', '）']));
    let seg = &sentence[q..p];
    let ended = seg.contains(['；', ';']) || (inside_parens && seg.contains([')', '）']));
    (!ended).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Approx, YearRef, mentions_in_line};

    /// Figures of one line, as `figures_in_report` would give them for an identity-cleaned line.
    fn figs(source: &str, line_no: usize, line: &str) -> Vec<Figure> {
        mentions_in_line(line)
            .into_iter()
            .map(|m| {
                let text = line[m.span.clone()].to_string();
                let sentence = line[m.sentence.clone()].to_string();
                Figure {
                    source: source.to_string(),
                    line: line_no,
                    report: format!("{source}#1"),
                    ..Figure::from_mention(m, text, sentence)
                }
            })
            .collect()
    }

    fn cny(b: &ByCurrency) -> (usize, f64) {
        b.get("CNY").map_or((0, 0.0), |b| (b.count, b.sum))
    }

    #[test]
    fn only_amounts_are_added() {
        let f = figs(
            "a.txt",
            1,
            "故20xx年預算公務接待費為10萬元,比上年5萬元增加5萬元,增加100%。每生每年3000元。億元以上項目18個。",
        );
        let t = totals(&f);
        // 10萬 (20xx) and 5萬 (上年 → unknown); the change, the rate and the threshold are left out.
        assert_eq!(t.counted, 2);
        assert_eq!(cny(&t.by_currency), (2, 150000.0));
        assert_eq!(t.by_year.get("20xx").map(cny), Some((1, 100000.0)));
        assert_eq!(t.by_year.get("unknown").map(cny), Some((1, 50000.0)));
    }

    #[test]
    fn repeats_in_a_sentence_count_once() {
        let line = "20xx年財務收入計劃分五大類,預算收入為360.3萬元,縣財政撥入經費360.3萬元。另撥360.3萬元。";
        let t = totals(&figs("a.txt", 76, line));
        assert_eq!(t.repeats_skipped, 1);
        // The next sentence's 360.3萬 is another mention and counts.
        assert_eq!(cny(&t.by_currency), (2, 7206000.0));
    }

    #[test]
    fn parts_after_qizhong_are_left_out() {
        let line =
            "全市共簽約項目78個,協議投資總額339億元,其中引進市外內資311億元,引進外資4.2億美元。";
        let t = totals(&figs("a.txt", 686, line));
        assert_eq!(t.parts_skipped, 1);
        assert_eq!(cny(&t.by_currency), (1, 33_900_000_000.0));
        // No USD total was stated before 其中, so the USD part is the only USD sum and counts.
        assert_eq!(t.by_currency.get("USD").map(|b| b.count), Some(1));
        // A breakdown in parentheses ends with them.
        let line = "春季發放資金2113.738萬元(其中包括地方擴面84.15萬元),資助17020人次;秋季發放資金1985.774萬元(其中包括地方擴面83.91萬元)。";
        let t = totals(&figs("a.txt", 534, line));
        assert_eq!((t.counted, t.parts_skipped), (2, 2));
        assert_eq!(cny(&t.by_currency), (2, 40_995_120.0));
        let line = "全年財政收入完成500億元。其中稅收收入400億元。";
        let t = totals(&figs("b.txt", 3, line));
        assert_eq!((t.counted, t.parts_skipped), (1, 1));
    }

    #[test]
    fn buckets_per_year_report_and_source() {
        let mut f = figs("a.txt", 1, "2020年投入1亿元。2021年投入约2亿元。");
        f.extend(figs("b.txt", 5, "2021年到位外资3亿美元,投入2亿元。"));
        let t = totals(&f);
        assert_eq!(t.by_year.get("2021").map(cny), Some((2, 4e8)));
        assert_eq!(
            t.by_year
                .get("2021")
                .and_then(|b| b.get("USD"))
                .map(|b| b.sum),
            Some(3e8)
        );
        assert_eq!(t.by_source.get("b.txt").map(cny), Some((1, 2e8)));
        assert_eq!(t.by_report.get("a.txt#1").map(cny), Some((2, 3e8)));
        assert!(
            f.iter()
                .any(|x| x.approx == Some(Approx::About) && x.year == YearRef::Year(2021))
        );
        let json = serde_json::to_string(&t).unwrap_or_default();
        assert!(json.starts_with("{\"counted\":4"), "{json}");
    }
}
