//! The output record of the extract stage, one line of `figures.jsonl`.

use serde::{Deserialize, Serialize, Serializer};

use super::{Approx, Kind, Mention, Role, YearRef, mentions_in_simplified};
use crate::doc::{CharOffsets, CleanLine, LineRef, Report, Span};
use crate::semantics::Semantics;

/// One figure, as `figures.jsonl` and `baogao extract --json` print it. Every field is present
/// on every record (null when it does not apply), in this order; field names and values follow
/// `tests/gold/GUIDELINES.md`, so `score_figures.py` scores the file directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Source file, relative to the corpus root (`CleanDoc::source`).
    pub source: String,
    /// 1-based source line (for HTML, the page line the text came from).
    pub line: usize,
    /// Id of the report holding the line.
    pub report: String,
    pub kind: Kind,
    /// The mention exactly as in the source (glosses and all), qualifiers included.
    pub text: String,
    /// Char offsets `[start, end)` of `text` in its line's decoded text (for an HTML page, the
    /// text taken from that source line): the chars of the line from `start` to `end` are
    /// `text`. A figure broken across two lines gives the part on its first line. Char offsets,
    /// not bytes, so that Python and JavaScript readers can slice with them.
    #[serde(default)]
    pub char_span: [usize; 2],
    #[serde(serialize_with = "number_opt")]
    pub value: Option<f64>,
    pub currency: Option<String>,
    #[serde(serialize_with = "range_opt")]
    pub range: Option<[f64; 2]>,
    pub approx: Option<Approx>,
    pub role: Option<Role>,
    /// Money: an integer year, `"20xx"` or null; always null for other kinds.
    #[serde(default)]
    pub year: YearRef,
    pub points: Option<bool>,
    /// Money only: what the sum measures, whether it happened, its year and period, and the
    /// phrase that names it ([`crate::semantics`]); null for other kinds.
    #[serde(default)]
    pub semantics: Option<Semantics>,
    /// The cleaned sentence (original script) holding the mention.
    pub sentence: String,
}

impl Figure {
    /// The record of a mention, with its source text and cleaned sentence; `source`, `line` and
    /// `report` are left for the caller to fill in.
    pub fn from_mention(m: Mention, text: String, sentence: String) -> Figure {
        Figure {
            source: String::new(),
            line: 0,
            report: String::new(),
            kind: m.kind,
            text,
            char_span: [0, 0],
            value: m.value,
            currency: m.currency.map(str::to_string),
            range: m.range,
            approx: m.approx,
            role: m.role,
            year: m.year,
            points: m.points,
            semantics: None,
            sentence,
        }
    }
}

/// Whole numbers print without `.0` (`6268000`, not `6268000.0`).
fn number<S: Serializer>(v: f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(v as i64)
    } else {
        s.serialize_f64(v)
    }
}

fn number_opt<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(*v, s),
        None => s.serialize_none(),
    }
}

fn range_opt<S: Serializer>(v: &Option<[f64; 2]>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeTuple;
    match v {
        Some([a, b]) => {
            struct N(f64);
            impl Serialize for N {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    number(self.0, s)
                }
            }
            let mut t = s.serialize_tuple(2)?;
            t.serialize_element(&N(*a))?;
            t.serialize_element(&N(*b))?;
            t.end()
        }
        None => s.serialize_none(),
    }
}

/// The figures of one report: [`mentions_in_simplified`] on each line's simplified view, spans mapped
/// back to the cleaned text (`sentence`) and to the source line (`text`).
///
/// A figure's `sentence` is cut to `SENTENCE_WINDOW` chars either side of the mention: a line
/// without `。` is one sentence, and copying the whole line into every figure made memory
/// quadratic in line length (40,000 years on a 600 KB line exhausted 8 GB).
pub fn figures_in_report(report: &Report) -> Vec<Figure> {
    let lines = &report.lines;
    let source = report.source();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let line = l.line;
        // A page number between the halves of a broken figure (`4.6` / `1` / `亿元`) is no figure.
        let page_number = line.simplified.trim().chars().all(|c| c.is_ascii_digit())
            && i.checked_sub(1)
                .and_then(|p| lines.get(p))
                .filter(|p| p.no + 1 == l.no)
                .is_some_and(|p| {
                    p.line
                        .simplified
                        .trim_end()
                        .ends_with(|c: char| c.is_ascii_digit() || c == '.')
                });
        let broken = lines
            .get(i + 1)
            .filter(|n| n.no == l.no + 1 && !page_number)
            .and_then(|next| broken_across_lines(line, next.line))
            .or_else(|| across_a_page_number(lines, i));
        let mentions = mentions_in_simplified(&line.simplified);
        // One char map per line, not a char count from the line start per mention.
        let map =
            (!mentions.is_empty()).then(|| (line.simplified_map(), CharOffsets::new(&line.raw)));
        // Years stated on the line so far: (byte end, year), in text order.
        let mut line_years: Vec<(usize, YearRef)> = Vec::new();
        let mut last_measure: Option<(usize, crate::semantics::Measure)> = None;
        for m in mentions {
            let Some((map, raw_chars)) = &map else { break };
            let stated = match (m.kind, m.role, m.value) {
                (Kind::Year, Some(Role::Date), Some(v)) if (1900.0..=2100.0).contains(&v) => {
                    Some(YearRef::Year(v as i32))
                }
                (Kind::Year, Some(Role::Placeholder), _) => Some(YearRef::Anonymised),
                _ => None,
            };
            if let Some(y) = stated {
                line_years.push((m.span.end, y));
            }
            let semantics = (m.kind == Kind::Money).then(|| {
                let earlier = line_year_before(&line_years, m.sentence.start);
                let (mut s, subject) = crate::semantics::read_local(
                    &line.simplified,
                    m.span.clone(),
                    m.sentence.start,
                    m.year,
                    earlier,
                    m.role,
                );
                // A list of sums (`20xx年为60万元，20xx年为200万元，…`): one with no cue of its
                // own measures what the sentence's previous sum measures.
                match last_measure {
                    Some((start, measure))
                        if !s.evidence.measure_cued && start == m.sentence.start =>
                    {
                        s.measure = measure;
                    }
                    _ => {}
                }
                last_measure = Some((m.sentence.start, s.measure));
                s.subject = subject
                    .and_then(|r| line.text.get(map.map(r)))
                    .map(str::to_string);
                s
            });
            let clean = map.map(m.span.clone());
            let sentence = sentence_window(&line.text, map.map(m.sentence.clone()), &clean);
            let raw = line.raw_span(clean);
            let chars = raw_chars.char_span(&raw);
            let text = line.raw[raw].to_string();
            let sentence = line.text.get(sentence).unwrap_or_default().to_string();
            out.push(Figure {
                source: source.to_string(),
                line: l.src,
                report: report.id.clone(),
                char_span: chars,
                semantics,
                ..Figure::from_mention(m, text, sentence)
            });
        }
        if let Some(f) = broken {
            let end = line.simplified.len();
            let (semantics, _) = crate::semantics::read_local(
                &line.simplified,
                end..end,
                0,
                f.year,
                line_year_before(&line_years, end),
                f.role,
            );
            out.push(Figure {
                source: source.to_string(),
                line: l.src,
                report: report.id.clone(),
                semantics: Some(semantics),
                ..f
            });
        }
    }
    out
}

/// The last year stated on the line before byte `at` (`line_years` is in text order).
fn line_year_before(line_years: &[(usize, YearRef)], at: usize) -> YearRef {
    let k = line_years.partition_point(|(end, _)| *end <= at);
    k.checked_sub(1)
        .and_then(|k| line_years.get(k))
        .map_or(YearRef::None, |(_, y)| *y)
}

/// A figure broken by a page number on the line between its halves (`收入4.6` / `1` / `亿元`):
/// [`broken_across_lines`] over the page number, which stays in the `text`.
fn across_a_page_number(lines: &[LineRef], i: usize) -> Option<Figure> {
    let (this, page, next) = (lines.get(i)?, lines.get(i + 1)?, lines.get(i + 2)?);
    let number = page.line.simplified.trim();
    if page.no != this.no + 1
        || next.no != page.no + 1
        || number.is_empty()
        || number.len() > 3
        || !number.chars().all(|c| c.is_ascii_digit())
        || !this
            .line
            .simplified
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let mut f = broken_across_lines(this.line, next.line)?;
    if let Some((a, b)) = f.text.split_once('\n') {
        f.text = format!("{a}\n{}\n{b}", page.line.raw.trim());
    }
    Some(f)
}

/// A number that ends its line, with its unit opening the next, as text taken from a PDF leaves
/// it (`497.8` then `亿元增加到`; `收入完成4.6` then `亿元,增长…`; `2021` then `年平湖市…`): the
/// money or year the two lines make, read in the context of both. The figure's `text` keeps the
/// line break; `source`, `line` and `report` are left for the caller.
fn broken_across_lines(this: &CleanLine, next: &CleanLine) -> Option<Figure> {
    let head = this.simplified.trim_end();
    let num_start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == '.' || c == ',')
        .last()
        .map(|(i, _)| i)?;
    let num = &head[num_start..];
    if num.len() > 16
        || !num.starts_with(|c: char| c.is_ascii_digit())
        || head[..num_start].ends_with(|c: char| c.is_ascii_alphabetic())
    {
        return None;
    }
    // A number the line already reads as (part of) a figure is whole.
    if num_start > 0
        && mentions_in_simplified(head)
            .iter()
            .any(|m| m.span.end > num_start)
    {
        return None;
    }
    let rest = next.simplified.trim_start();
    let lead = next.simplified.len() - rest.len();
    let boundary = head.len();
    let joined = format!("{head}{rest}");
    let m = mentions_in_simplified(&joined).into_iter().find(|m| {
        m.span.start < boundary
            && m.span.end > boundary
            && match m.kind {
                Kind::Money => true,
                Kind::Year => num.len() == 4 && m.span.start == num_start && rest.starts_with('年'),
                Kind::Percent => false,
            }
    })?;
    let own = this.simplified_to_clean(m.span.start..boundary);
    let tail = next.simplified_to_clean(lead..lead + m.span.end - boundary);
    let sentence_head = this.simplified_to_clean(m.sentence.start.min(m.span.start)..boundary);
    let sentence_tail =
        next.simplified_to_clean(lead..lead + m.sentence.end.saturating_sub(boundary));
    let own_raw = this.raw_span(own);
    let chars = CharOffsets::new(&this.raw).char_span(&own_raw);
    let text = format!("{}\n{}", &this.raw[own_raw], next.raw_text(tail));
    let sentence = format!(
        "{}{}",
        this.text
            .get(sentence_head)
            .unwrap_or_default()
            .trim_start(),
        next.text.get(sentence_tail).unwrap_or_default()
    );
    Some(Figure {
        char_span: chars,
        ..Figure::from_mention(m, text, sentence)
    })
}

/// Chars of sentence kept on each side of a mention in [`Figure::sentence`]. Real sentences are
/// shorter (the seed's longest is 257 chars), so they are kept whole and outputs do not change;
/// only run-on lines are cut. It bounds a figure's memory: a 10 MB line of 454,545 figures
/// builds in 1.6 GB with 300 (3.2 GB with 1000).
pub const SENTENCE_WINDOW: usize = 300;

/// `sentence` (a byte span of `text` holding `mention`) cut to at most [`SENTENCE_WINDOW`] chars
/// before and after the mention, on char boundaries. Walks only the kept chars.
fn sentence_window(text: &str, sentence: Span, mention: &Span) -> Span {
    let (Some(head), Some(tail)) = (
        text.get(sentence.start..mention.start.max(sentence.start)),
        text.get(mention.end.min(sentence.end)..sentence.end),
    ) else {
        return sentence;
    };
    let start = head
        .char_indices()
        .rev()
        .nth(SENTENCE_WINDOW - 1)
        .map_or(sentence.start, |(i, _)| sentence.start + i);
    let end = tail
        .char_indices()
        .nth(SENTENCE_WINDOW)
        .map_or(sentence.end, |(i, _)| mention.end.min(sentence.end) + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::CleanDoc;

    #[test]
    fn records_carry_every_field_in_a_stable_order() {
        let doc = CleanDoc {
            source: "dir/a.txt".into(),
            encoding: "UTF-8".into(),
            lines: crate::clean::clean_text("2021年投入15-20萬元,增长12%。"),
            source_lines: None,
        };
        let mut report = Report::whole(&doc);
        report.id = "r1".into();
        let f = figures_in_report(&report);
        let json: Vec<String> = f
            .iter()
            .map(|f| serde_json::to_string(f).unwrap_or_default())
            .collect();
        let keys = r#"{"source":"dir/a.txt","line":1,"report":"r1","kind":"#;
        assert!(json.iter().all(|j| j.starts_with(keys)), "{json:?}");
        assert_eq!(
            json[1],
            r#"{"source":"dir/a.txt","line":1,"report":"r1","kind":"money","text":"15-20萬元","char_span":[7,14],"value":150000,"currency":"CNY","range":[150000,200000],"approx":"exact","role":"amount","year":2021,"points":null,"semantics":{"measure":"expenditure","status":"actual","period_year":2021,"year_basis":"stated","span":"year","subject":null,"old_yuan":false},"sentence":"2021年投入15-20萬元,增长12%。"}"#
        );
        assert_eq!(
            json[0],
            r#"{"source":"dir/a.txt","line":1,"report":"r1","kind":"year","text":"2021年","char_span":[0,5],"value":2021,"currency":null,"range":null,"approx":null,"role":"date","year":null,"points":null,"semantics":null,"sentence":"2021年投入15-20萬元,增长12%。"}"#
        );
        assert!(
            json[2].contains(r#""kind":"percent","text":"12%","char_span":[17,20],"value":12,"#)
                && json[2].contains(r#""points":false"#)
        );
        let back: Figure = serde_json::from_str(&json[1]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, f[1]);
    }

    #[test]
    fn a_number_and_its_unit_on_two_lines() {
        let text = [
            "工作报告",
            "2020",
            "年临江县政府",
            "地区生产总值从",
            "312.5",
            "亿元增加到",
            "15",
            "年来",
            "88",
            "个",
            "税收4.6",
            "2",
            "亿元。",
            "2019年财政收入约12.5",
            "亿元，增长3%。",
            "增长12.5",
            "%，好于预期",
        ];
        let doc = CleanDoc {
            source: "b.txt".into(),
            encoding: "UTF-8".into(),
            lines: text.iter().map(|t| CleanLine::identity(t)).collect(),
            source_lines: None,
        };
        let f = figures_in_report(&Report::whole(&doc));
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.line, f.kind, f.text.as_str(), f.value))
            .collect();
        // `15` / `年来` is a span of years, not a year; `88` / `个` is a count; `2` after `4.6` is
        // a page number, kept in the text but not read as a figure.
        assert_eq!(
            got,
            vec![
                (2, Kind::Year, "2020\n年", Some(2020.0)),
                (5, Kind::Money, "312.5\n亿元", Some(312.5e8)),
                (11, Kind::Money, "4.6\n2\n亿元", Some(4.6e8)),
                (14, Kind::Year, "2019年", Some(2019.0)),
                (14, Kind::Money, "约12.5\n亿元", Some(12.5e8)),
                (15, Kind::Percent, "3%", Some(3.0)),
            ]
        );
    }
}
