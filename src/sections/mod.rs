//! Stage: problem and measure sections of a report, and their numbered items.
//!
//! Input: one [`Report`] (its lines, in text and source numbering). Output: [`Section`]s, one per
//! problems or measures section, each with its [`Item`] tree. Pure and deterministic.
//!
//! How it works:
//! 1. [`outline`] parses the heading ladder (`一、` `（一）` `1、` `（1）` `1)` `①` `一是` `一要`
//!    `第一，`); depth is the order in which marker kinds first appear in the report.
//! 2. [`classify`] decides on a heading's headline (simplified view) whether it opens a problems
//!    or a measures section, with the cue tables of [`cues`] and their guards (measures already
//!    taken, template headings, interview questions). Headings nested inside a section inherit
//!    its type and are not classified again.
//! 3. A body sentence such as `…也还存在一些问题和不足，主要体现在以下几个方面：` opens a problems
//!    section without a heading ([`is_intro_sentence`]). The ways a section can open are the
//!    opening strategies of `open`, one file each, tried in a fixed order.
//! 4. Items (`items`) are the numbered lines inside a section, with inline `一是……二是……` runs as items or
//!    children; a section without numbering falls back to paragraphs (problems) or measure
//!    clauses (measures, `进一步细化…，加强…，督促…`).
//!
//! Coordinates: `heading_line`, `line_start`, `line_end` and item `line`s are 1-based source
//! lines. Headlines are cleaned text in the original script ([`crate::doc::CleanLine::text`]); cues are
//! matched on [`crate::doc::CleanLine::simplified`], which is char-aligned with it.

pub mod cues;
mod items;
mod open;
pub mod outline;

#[cfg(test)]
pub(crate) mod tests;

use serde::{Deserialize, Serialize};

use std::cell::OnceCell;

use crate::doc::{CharOffsets, Report};
use crate::lex::marker::is_space;
use crate::lex::sentence::{
    is_clause_end, is_clause_mark, is_colon, is_comma, is_false_stop, is_punct_stop, is_semicolon,
    is_sentence_end,
};
use outline::{InlineItem, Outline, headline_range, inline_run};

/// One numbered problem or measure (or a group heading holding some).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// 1-based source line where the item starts.
    pub line: usize,
    /// Chars `[start, end)` of the decoded source line where the headline was read (its
    /// marker excluded; `headline` drops anti-copy marks and the closing punctuation).
    pub char_span: [usize; 2],
    /// The enumeration marker as written (`（一）`, `1、`, `一是`); empty for paragraphs/clauses.
    pub marker: String,
    /// The text up to the first `。` or `：` (or the whole short line); cleaned, original script.
    pub headline: String,
    /// The item's full text: its line after the marker plus its body paragraphs.
    pub text: String,
    /// What the item is: a problem, a measure, a group heading or context.
    pub role: ItemRole,
    pub children: Vec<Item>,
}

/// A problems or measures section of one report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub source: String,
    /// Report id.
    pub report: String,
    /// `problems` or `measures`.
    #[serde(rename = "type")]
    pub r#type: SectionType,
    /// The heading (or opening sentence) as cleaned text.
    pub heading: String,
    pub heading_line: usize,
    pub line_start: usize,
    /// Last non-blank line of the section.
    pub line_end: usize,
    /// True when the section exists but says only 无 ("none").
    pub empty: bool,
    pub items: Vec<Item>,
}

/// What a section lists. Serialised as `problems` / `measures` (the `type` of sections.jsonl).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum SectionType {
    /// 存在的问题, 问题和不足, 审计发现的问题 …
    Problems,
    /// 整改措施, 下一步工作计划, 意见建议 …
    Measures,
}

impl SectionType {
    /// The name used in sections.jsonl and aggregate.json.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionType::Problems => "problems",
            SectionType::Measures => "measures",
        }
    }

    /// The role of a plain item of a section of this type.
    pub fn item_role(self) -> ItemRole {
        match self {
            SectionType::Problems => ItemRole::Problem,
            SectionType::Measures => ItemRole::Measure,
        }
    }
}

/// What an item is. Serialised in lower case (`problem`, `measure`, `group`, `context`).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ItemRole {
    /// One problem found.
    Problem,
    /// One measure proposed or taken.
    Measure,
    /// A category heading holding items (从招商人员来讲, 一是制度层面).
    Group,
    /// Background inside a plan (指导思想, 工作目标): neither a problem nor a measure.
    Context,
}

impl ItemRole {
    /// The name used in sections.jsonl and aggregate.json.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemRole::Problem => "problem",
            ItemRole::Measure => "measure",
            ItemRole::Group => "group",
            ItemRole::Context => "context",
        }
    }
}

/// Shorthands for the two section types.
pub const PROBLEMS: SectionType = SectionType::Problems;
pub const MEASURES: SectionType = SectionType::Measures;

/// Longest headline (chars) still read as a heading when classifying.
const MAX_HEADING_CHARS: usize = 40;
/// Shortest and longest opening (chars) of a long headline read as a heading glued to its
/// first sentence (`存在问题`, `存在的主要问题`, `相关意见建议`).
const MIN_GLUED_HEADING_CHARS: usize = 4;
const MAX_GLUED_HEADING_CHARS: usize = 10;
/// Longest unnumbered line (chars) read as a heading (存在的主要问题, 建议与展望).
const MAX_BARE_HEADING_CHARS: usize = 20;
/// Text after a label's colon (chars) that makes a one-line section (问题和挑战：…).
const MIN_INLINE_BODY_CHARS: usize = 8;
/// Longest lead-in (chars, colon included) stripped from a problem sentence (主要是：).
const MAX_LEAD_IN_CHARS: usize = 6;
/// Longest lead sentence (chars) of a paragraph read as a measure's headline (推动产业链供应链优化升级。…).
const MAX_LEAD_SENTENCE_CHARS: usize = 20;
/// Problem sentences longer than this (chars) get their first clause as headline.
const MAX_SENTENCE_HEADLINE_CHARS: usize = 40;

/// One paragraph of a report ([`crate::layout`]), as chars, trimmed of blanks.
struct Ln<'r> {
    /// Position among the report's paragraphs: what neighbouring paragraphs are told by.
    no: usize,
    /// Source line where the paragraph starts: what section records say.
    src: usize,
    /// The paragraph's pieces, for source lines and spans of its chars (its text is `t`/`s`).
    para: crate::layout::Para<'r>,
    /// Char offsets of the cleaned and the raw line of each piece, built when an item first
    /// needs them.
    offsets: OnceCell<Vec<(CharOffsets, CharOffsets)>>,
    /// Cleaned text, original script.
    t: Vec<char>,
    /// Simplified view, char-aligned with `t`.
    s: Vec<char>,
}

impl Ln<'_> {
    /// The source line where the paragraph ends.
    fn src_end(&self) -> usize {
        self.para.pieces.last().map_or(self.src, |p| p.src)
    }

    /// The source line of char `a` of the paragraph.
    fn src_at(&self, a: usize) -> usize {
        self.para.src_at(a)
    }

    /// Chars `[start, end)` of the decoded source line of char `a` that hold chars `a..b` of
    /// `t` (cut at the end of that line, as a figure broken across lines gives its first
    /// line's part).
    fn source_chars(&self, a: usize, b: usize) -> [usize; 2] {
        let offsets = self.offsets.get_or_init(|| {
            self.para
                .pieces
                .iter()
                .map(|p| {
                    (
                        CharOffsets::new(&p.line.text),
                        CharOffsets::new(&p.line.raw),
                    )
                })
                .collect()
        });
        let b = b.min(self.t.len());
        let a = a.min(b);
        let k = self
            .para
            .pieces
            .partition_point(|p| p.at <= a)
            .saturating_sub(1);
        let (Some(piece), Some((clean, raw))) = (self.para.pieces.get(k), offsets.get(k)) else {
            return [0, 0];
        };
        let from = piece.start + (a - piece.at.min(a));
        let to = piece.start + (b - piece.at.min(b)).min(piece.len);
        piece.line.source_chars(from..to.max(from), clean, raw)
    }

    fn text(&self, a: usize, b: usize) -> String {
        let b = b.min(self.t.len());
        let a = a.min(b);
        self.t[a..b].iter().collect()
    }
    fn simp(&self, a: usize, b: usize) -> String {
        let b = b.min(self.s.len());
        let a = a.min(b);
        self.s[a..b].iter().collect()
    }
}

/// Find the problems and measures sections of one report.
///
/// `lines` are the report's lines (blank ones are skipped); `report_id` is copied into each
/// section. `doc` supplies the source name.
pub fn sections_in_report(report: &Report) -> Vec<Section> {
    sections_with_strategy(report)
        .into_iter()
        .map(|(_, s)| s)
        .collect()
}

/// [`sections_in_report`], each section with the name of the [`open`] strategy that opened it.
fn sections_with_strategy(report: &Report) -> Vec<(&'static str, Section)> {
    let lns: Vec<Ln> = crate::layout::paragraphs(&report.lines)
        .into_iter()
        .enumerate()
        .map(|(no, mut para)| Ln {
            no,
            src: para.first().src,
            // The text moves into the line; the paragraph keeps its pieces for coordinates.
            t: std::mem::take(&mut para.t),
            s: std::mem::take(&mut para.s),
            para,
            offsets: OnceCell::new(),
        })
        .collect();
    let simp: Vec<Vec<char>> = lns.iter().map(|l| l.s.clone()).collect();
    let outline = Outline::build(&simp);
    let ctx = Ctx {
        lns: &lns,
        outline: &outline,
        plan_year: plan_year(&report.title_simplified).or_else(|| {
            // A title cut by the PDF's wrapping: the opening sentence says it too
            // (受市人民政府委托，向大会报告2025年…执行情况和2026年…草案).
            let opening: String = lns
                .iter()
                .take(OPENING_PARAGRAPHS)
                .flat_map(|l| l.s.iter())
                .collect();
            plan_year(&opening)
        }),
    };

    let mut out = Vec::new();
    let mut i = 0;
    while i < lns.len() {
        if crate::layout::is_table_row(&lns[i].s) {
            i += 1;
            continue;
        }
        let found = match outline.node_at[i] {
            // A numbered paragraph that holds a whole flattened part (一、2013年工作回顾 …
            // 同时，我们清醒认识到…困难和问题。主要是：…) may hold an opening sentence.
            Some(n) => open::first(open::AT_NODE, &ctx, n).or_else(|| {
                (lns[i].s.len() > MIN_FLATTENED_PART_CHARS)
                    .then(|| ctx.intro_section(i).map(|o| ("intro_sentence", o)))
                    .flatten()
            }),
            None => open::first(open::AT_LINE, &ctx, i),
        };
        match found {
            Some((
                strategy,
                Opened {
                    mut section,
                    mut last_no,
                },
            )) => {
                // Back matter inside the section's range ends it.
                if let Some(j) = (i + 1..lns.len())
                    .take_while(|&j| lns[j].no <= last_no)
                    .find(|&j| is_back_matter(&lns[j].s))
                {
                    let before = &lns[j - 1];
                    last_no = before.no;
                    section.line_end = before.src_end();
                    prune_from(&mut section.items, lns[j].src);
                    if section.items.is_empty() && !section.empty {
                        i = j;
                        continue;
                    }
                }
                section.source = report.source().to_string();
                section.report = report.id.clone();
                // A measures heading whose first paragraph sums up the problems (八、下步工作措施
                // / 决算情况总体较好，但也存在一些困难和问题，主要是：…): that paragraph is a
                // problems section of its own, inside the measures section.
                let inner = (section.r#type == MEASURES
                    && i + 1 < lns.len()
                    && lns[i + 1].no <= last_no
                    && outline.node_at[i + 1].is_none()
                    // 结合审计发现的问题，建议：opens the proposals, not problems.
                    && !opens_proposals(&lns[i + 1].s))
                .then(|| open::first(open::AT_LINE, &ctx, i + 1))
                .flatten()
                .filter(|(_, o)| o.section.r#type == PROBLEMS && o.last_no <= last_no);
                out.push((strategy, section));
                if let Some((strategy, Opened { mut section, .. })) = inner {
                    // Its items are the paragraph's own, not the measures numbered after it.
                    let para = &lns[i + 1];
                    if section.items.iter().any(|it| it.line > para.src_end()) {
                        let from = items::intro_colon(para, 0).map_or(0, |k| k + 1);
                        section.items = ctx.sentence_items(i + 1, from, ItemRole::Problem);
                        section.line_end = para.src_end();
                    }
                    section.source = report.source().to_string();
                    section.report = report.id.clone();
                    if !section.items.is_empty() {
                        out.push((strategy, section));
                    }
                }
                while i < lns.len() && lns[i].no <= last_no {
                    i += 1;
                }
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a paragraph ends by announcing proposals (…结合审计发现的问题，建议：): a measure
/// word in its last sentence, which ends in a colon.
fn opens_proposals(s: &[char]) -> bool {
    if is_measure_list_opener(s) {
        return true;
    }
    let Some(last) = s.iter().rposition(|c| !is_space(*c)) else {
        return false;
    };
    if !is_colon(s[last]) {
        return false;
    }
    let start = s[..last]
        .iter()
        .rposition(|&c| is_sentence_end(c))
        .map_or(0, |p| p + 1);
    let sentence: String = s[start..last].iter().collect();
    cues::contains_any(&sentence, cues::MEASURE_WORDS)
}

/// Whether paragraph `s` (simplified) opens a report's back matter: a glossary or an annex
/// ([`cues::GLOSSARY_LABELS`], [`cues::ANNEX_HEADS`]).
fn is_back_matter(s: &[char]) -> bool {
    let text: String = s.iter().collect();
    let mut t = text.trim_start();
    for lead in ["附：", "附:"] {
        t = t.strip_prefix(lead).unwrap_or(t);
    }
    if let Some(m) = crate::lex::marker::parse_marker(&t.chars().collect::<Vec<_>>()) {
        t = &t[t.char_indices().nth(m.len).map_or(t.len(), |(b, _)| b)..];
    }
    let t = t.trim_start();
    if cues::GLOSSARY_LABELS.iter().any(|c| {
        t.strip_prefix(c.text)
            .is_some_and(|r| r.is_empty() || r.starts_with(['：', ':', ' ', '（', '(']))
    }) {
        return true;
    }
    cues::ANNEX_HEADS.iter().any(|c| {
        t.strip_prefix(c.text).is_some_and(|r| {
            let r = r.trim_start_matches(|ch: char| {
                ch.is_ascii_digit() || crate::lex::numeral::cjk_digit(ch).is_some() || ch == '十'
            });
            r.is_empty() || r.starts_with(['：', ':', ' ', '、', '.', '．'])
        })
    })
}

/// Drop the items (and children) that start at source line `line` or later.
fn prune_from(items: &mut Vec<Item>, line: usize) {
    items.retain(|it| it.line < line);
    for it in items.iter_mut() {
        prune_from(&mut it.children, line);
    }
}

/// The type a heading names, if any: `problems`, `measures` or neither.
///
/// `headline` is simplified text. Problem words count unless a guard says they are not about
/// deficiencies (其他需要说明的问题, 是否存在问题？, 需注意的问题). Measure words count when strong
/// (建议, 对策, 下一步, 工作思路 …), or weak (措施) with a future marker, and not when a word of past
/// work follows them (措施落实情况). When both kinds are present, the later one wins:
/// 存在的问题及对策 → measures, 工作情况及问题 → problems.
pub fn classify(headline: &str) -> Option<SectionType> {
    use cues::*;
    let h: String = headline
        .chars()
        .filter(|c| !matches!(c, '.' | '`' | '\'' | '·'))
        .collect();
    let question = h.ends_with('？') || h.ends_with('?');
    let problem = if question || contains_any(&h, PROBLEM_GUARDS) {
        None
    } else {
        last_problem_pos(&h).filter(|&p| !names_causes(&h[p..]))
    };
    let strong = last_pos(&h, MEASURE_WORDS);
    let weak = if contains_any(&h, FUTURE_MARKERS) {
        last_pos(&h, WEAK_MEASURE_WORDS)
    } else {
        None
    };
    let measure = strong.max(weak).filter(|&p| {
        // A past-work word after the measure word: 措施落实情况, 建议办理情况; or a word of
        // work done before it: 已采纳的审计建议.
        !PAST_GUARDS.iter().any(|g| h[p..].contains(g.text)) && !contains_any(&h[..p], DONE_MARKERS)
    });
    match (problem, measure) {
        (Some(p), Some(m)) => Some(if m > p { MEASURES } else { PROBLEMS }),
        (Some(_), None) => Some(PROBLEMS),
        (None, Some(_)) => Some(MEASURES),
        (None, None) => None,
    }
}

/// Whether the text after a heading's problem word makes it a modifier of a cause noun
/// (问题产生的原因, 问题背后的原因分析): a cause head follows with no coordinator in between
/// (存在的问题及原因分析 keeps its problems).
fn names_causes(after_problem: &str) -> bool {
    use cues::*;
    let causes = CAUSE_HEADS
        .iter()
        .filter_map(|c| after_problem.find(c.text))
        .min()
        .is_some_and(|b| !contains_any(&after_problem[..b], COORDINATORS));
    causes || names_purpose(after_problem)
}

/// Whether a heading's problem word only modifies the head noun of a rationale heading
/// (直面新挑战的客观需要, 应对风险挑战的必然要求): after the problem word comes `的`, the headline ends
/// in a [`cues::PURPOSE_HEADS`] noun, and no coordinator stands between.
fn names_purpose(after_problem: &str) -> bool {
    use cues::*;
    let h = after_problem.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '。' || is_colon(c) || is_comma(c) || matches!(c, '”' | '"')
    });
    PURPOSE_HEADS.iter().any(|p| {
        h.strip_suffix(p.text)
            .is_some_and(|mid| mid.contains('的') && !contains_any(mid, COORDINATORS))
    })
}

/// Whether a reported speaker's opinion verb stands in `text` (代表们认为, 委员们一致表示,
/// 与会人员普遍认为): a [`cues::REPORTED_SPEAKERS`] word with a [`cues::SPEECH_VERBS`] word starting
/// within four chars after it.
pub fn reports_speech(text: &str) -> bool {
    use cues::*;
    /// Chars allowed between speaker and verb (们, 一致, 普遍, 人员, 纷纷).
    const GAP: usize = 4;
    REPORTED_SPEAKERS.iter().any(|sp| {
        text.match_indices(sp.text).any(|(b, _)| {
            let rest = &text[b + sp.text.len()..];
            // 代表性: "representative", not a deputy.
            if rest.starts_with('性') {
                return false;
            }
            let window: String = rest.chars().take(GAP + 2).collect();
            SPEECH_VERBS.iter().any(|v| {
                window
                    .find(v.text)
                    .is_some_and(|i| window[..i].chars().count() <= GAP)
            })
        })
    })
}

/// Whether a line announces a list of proposals (我们需要从以下几个方面入手：, 建议如下：): it ends
/// with a colon, and a [`cues::MEASURE_LIST_MODALS`] word stands within a few chars before a
/// [`cues::LIST_POINTERS`] word. Lines that point to problems (需要注意以下问题：) or report work
/// done (采取了以下措施：) are not.
pub fn is_measure_list_opener(s: &[char]) -> bool {
    use cues::*;
    /// Chars before 以下/如下 searched for the modal.
    const MODAL_WINDOW: usize = 8;
    let Some(last) = s.iter().rposition(|c| !is_space(*c)) else {
        return false;
    };
    if !is_colon(s[last]) {
        return false;
    }
    let text: String = s[..last].iter().collect();
    // The sentence that ends in the colon.
    let sent_start = text
        .char_indices()
        .rfind(|(_, c)| is_clause_end(*c))
        .map_or(0, |(b, c)| b + c.len_utf8());
    let sentence = &text[sent_start..];
    // 采取了以下措施： reports work done (为了, 除了, 了解 are no past tense).
    let plain = ["为了", "除了", "了解"]
        .iter()
        .fold(sentence.to_string(), |t, w| t.replace(w, ""));
    // 了 after a verb: work done. 汇报如下, 需要注意以下问题: announcements and advice.
    if plain.contains('了') || contains_any(sentence, PROBLEM_GUARDS) {
        return false;
    }
    LIST_POINTERS.iter().any(|p| {
        sentence.match_indices(p.text).any(|(b, _)| {
            let before: Vec<char> = sentence[..b].chars().collect();
            let window: String = before[before.len().saturating_sub(MODAL_WINDOW)..]
                .iter()
                .collect();
            let after = &sentence[b + p.text.len()..];
            let head: String = after.chars().take(4).collect();
            let modal = contains_any(&window, MEASURE_LIST_MODALS);
            // 建议如下, 以下几点建议: the proposal noun touches the pointer.
            let noun = PROPOSAL_NOUNS
                .iter()
                .any(|n| window.ends_with(n.text) || head.contains(n.text));
            (modal || noun) && !contains_any(after, PROBLEM_WORDS)
        })
    })
}

/// Whether a body sentence opens a list of problems: a problem verb followed closely by a problem
/// word (存在一些问题和不足, 面临不少困难和挑战), and then an enumeration — a colon, an inline
/// `一是` run, a `；` list, or numbered lines right after the paragraph (`next_is_marker`).
/// Returns the char index where the listing starts (after the cue sentence).
pub fn is_intro_sentence(s: &[char], next_is_marker: bool) -> Option<usize> {
    intro_cue(s, next_is_marker)
        .filter(|c| c.listed)
        .map(|c| c.from)
}

/// Chars after a recognising clause (…仍然不少，) that make the rest of its sentence the first
/// part of the `；` list that follows.
const MIN_FIRST_PART_CHARS: usize = 6;

/// An opening sentence found by [`intro_cue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntroCue {
    /// Char index where the listing starts (after the cue sentence; the line length when the
    /// cue sentence ends the paragraph).
    pub from: usize,
    /// True when an enumeration follows (colon, `一是` run, `；` list, numbered lines); false when
    /// the cue recognises problems (我们也清醒看到…困难和问题) and plain sentences follow, one
    /// problem each, as in government work reports.
    pub listed: bool,
}

/// The opening-sentence rule of [`is_intro_sentence`], plus the unnumbered form of government
/// work reports: a [`cues::RECOGNITION_VERBS`] sentence followed by plain problem sentences.
pub fn intro_cue(s: &[char], next_is_marker: bool) -> Option<IntroCue> {
    use cues::*;
    let text: String = s.iter().collect();
    let mut fallback = None;
    // Char index of each problem verb occurrence.
    for v in PROBLEM_VERBS {
        for (b, _) in text.match_indices(v.text) {
            // `查找存在问题、提出有关建议`: the evaluation's method, not its findings.
            let lead = crate::lex::tail_chars(&text[..b], 3);
            if METHOD_VERBS.iter().any(|m| lead.contains(m.text)) {
                continue;
            }
            let vi = text[..b].chars().count() + v.text.chars().count();
            // 我们也清醒认识到：甲；乙；丙。 — a recognition verb right before a colon announces
            // the list itself.
            if RECOGNITION_VERBS.iter().any(|r| r.text == v.text)
                && s.get(vi).is_some_and(|&c| is_colon(c))
                && s[vi..].iter().filter(|&&c| is_semicolon(c)).count() >= 2
            {
                return Some(IntroCue {
                    from: vi + 1,
                    listed: true,
                });
            }
            // A problem word within 20 chars, in the same clause group: the window stops at
            // 。；： (存在以下情况：…问题 names no problem of its own). After a recognition verb
            // the whole sentence counts (我们清醒认识到，我国仍处于…，…突出问题尚未解决).
            let recognition_verb = RECOGNITION_VERBS.iter().any(|r| r.text == v.text);
            let window_end = if recognition_verb {
                s.len()
            } else {
                (vi + 20).min(s.len())
            };
            let mut hit = None;
            for j in vi..window_end {
                if s[j] == '。' || is_semicolon(s[j]) || is_colon(s[j]) {
                    break;
                }
                // The word starts within the window (发展中的老问题 may end past it).
                let rest: String = s[j..(j + 4).min(s.len())].iter().collect();
                if let Some(w) = PROBLEM_WORDS.iter().find(|w| rest.starts_with(w.text)) {
                    hit = Some(j + w.text.chars().count());
                }
            }
            let Some(after) = hit else { continue };
            // The rest of the sentence.
            let mut k = after;
            while k < s.len() && !(s[k] == '。' || is_colon(s[k]) || is_semicolon(s[k])) {
                k += 1;
            }
            // The cue sentence, from the previous full stop. A guard in it (是否存在问题,
            // 需注意的问题, 汇报如下) says it is no list of problems; a guard in another sentence
            // of the paragraph (当不清楚如何设置指标时) does not.
            let sent_start = s[..vi]
                .iter()
                .rposition(|c| is_sentence_end(*c))
                .map_or(0, |p| p + 1);
            let sentence: String = s[sent_start..(k + 1).min(s.len())].iter().collect();
            if contains_any(&sentence, PROBLEM_GUARDS) {
                continue;
            }
            // A news story's account of what deputies said (代表们认为，…仍面临很多困难和问题):
            // the speaker may open the paragraph, sentences before the cue.
            let before: String = s[..vi].iter().collect();
            if reports_speech(&before) || contains_any(&before, SELF_REFERENCES) {
                continue;
            }
            if k < s.len() && is_colon(s[k]) {
                return Some(IntroCue {
                    from: k + 1,
                    listed: true,
                });
            }
            // Does the cue sentence recognise problems?
            let recognises = contains_any(&sentence, RECOGNITION_VERBS) || {
                // 问题和困难也不少: an acknowledging word within a few chars after.
                let tail: String = s[after..(after + 6).min(s.len())].iter().collect();
                contains_any(&tail, ACKNOWLEDGED_AFTER)
            };
            let next = (k + 1).min(s.len());
            if k >= s.len() || s[next..].iter().all(|c| is_space(*c) || *c == '。') {
                // The cue sentence ends the paragraph: numbered lines must follow.
                if next_is_marker {
                    return Some(IntroCue {
                        from: s.len(),
                        listed: true,
                    });
                }
                if recognises && fallback.is_none() {
                    fallback = Some(IntroCue {
                        from: s.len(),
                        listed: false,
                    });
                }
                continue;
            }
            // An inline run right after the cue sentence, or after one more sentence
            // (…困难和问题还不少。一些长期积累的矛盾尚未解决。一是…).
            if inline_run(s, next).first().is_some_and(|r| {
                s[next..r.start]
                    .iter()
                    .filter(|c| matches!(c, '。' | '！'))
                    .count()
                    <= 1
            }) {
                return Some(IntroCue {
                    from: next,
                    listed: true,
                });
            }
            let tail: String = s[next..].iter().collect();
            if tail.matches('；').count() + tail.matches(';').count() >= 2 {
                // 我们也清醒地认识到，…老问题、新挑战仍然不少，传统产业转型任务艰巨，…；甲；乙:
                // after a recognising clause, the rest of the cue sentence is the first part.
                let first_part = (after..k)
                    .find(|&c| matches!(s[c], '，' | ','))
                    .filter(|&c| recognises && k - c > MIN_FIRST_PART_CHARS);
                return Some(IntroCue {
                    from: first_part.map_or(next, |c| c + 1),
                    listed: true,
                });
            }
            if recognises && fallback.is_none() {
                fallback = Some(IntroCue {
                    from: next,
                    listed: false,
                });
            }
        }
    }
    fallback
}

/// Whether a body line opens the year's measures without a heading (做好今年的政府工作，要…):
/// returns the char index after the linker, where the measure clauses start.
pub fn measure_intro(s: &[char]) -> Option<usize> {
    use cues::*;
    let text: String = s.iter().collect();
    // The opener starts the line or follows a short speaker clause (温家宝指出，).
    let (ob, opener) = MEASURE_INTRO_OPENERS
        .iter()
        .filter_map(|o| text.find(o.text).map(|b| (b, o)))
        .min_by_key(|(b, _)| *b)?;
    let oi = text[..ob].chars().count();
    if oi > 0 && (oi > 12 || !(is_comma(s[oi - 1]) || is_colon(s[oi - 1]))) {
        return None;
    }
    let rest = &text[ob + opener.text.len()..];
    MEASURE_INTRO_LINKERS
        .iter()
        .filter_map(|l| rest.find(l.text).map(|b| (b, l)))
        .filter(|(b, _)| rest[..*b].chars().count() <= 12 && !rest[..*b].contains('。'))
        .min_by_key(|(b, _)| *b)
        .map(|(b, l)| {
            oi + opener.text.chars().count() + rest[..b].chars().count() + l.text.chars().count()
        })
}

/// Where the heading of a numbered line whose headline is chars `a..b` ends: `b` for a short
/// headline; for a long one, a heading glued to its first sentence as flattened text gives it
/// (`三、存在问题根据数据分析…`): the shortest opening that is a section heading and stops right
/// after its cue word. `None` when the line is no heading.
fn heading_end(ln: &Ln, a: usize, b: usize) -> Option<usize> {
    if b == a {
        return None;
    }
    if b - a <= MAX_HEADING_CHARS {
        return Some(b);
    }
    (MIN_GLUED_HEADING_CHARS..=MAX_GLUED_HEADING_CHARS.min(b - a)).find_map(|k| {
        let head = ln.simp(a, a + k);
        let ends_on_cue = cues::PROBLEM_WORDS
            .iter()
            .chain(cues::MEASURE_WORDS)
            .any(|c| head.ends_with(c.text));
        (ends_on_cue && classify(&head).is_some()).then_some(a + k)
    })
}

/// Whether a line is an unnumbered heading: short, no sentence punctuation, not a list entry. A
/// label may end in a colon (审计意见：, 这八大问题是：) when its list follows on the next lines.
fn is_bare_heading_like(s: &[char]) -> bool {
    let s = match s.split_last() {
        Some(('：' | ':', rest)) => rest,
        _ => s,
    };
    let n = s.len();
    (2..=MAX_BARE_HEADING_CHARS).contains(&n)
        // ——副标题: a subtitle, not a heading.
        && !s.first().is_some_and(|c| matches!(c, '—' | '-' | '─'))
        && !s.iter().any(|&c| is_punct_stop(c) || c == '|')
}

/// A section a strategy opened, and the text line it ends on (where the scan goes on).
struct Opened {
    section: Section,
    last_no: usize,
}

struct Ctx<'a> {
    lns: &'a [Ln<'a>],
    outline: &'a Outline,
    /// The year a report plans for, when its title reviews one year and plans the next
    /// (`2025年…预算执行情况和2026年…预算草案的报告` → 2026): a heading about that year's work
    /// (`（三）2026年财政管理改革工作`) lists measures.
    plan_year: Option<String>,
}

/// Chars of a numbered paragraph above which it is a flattened part, not a heading: its body
/// is read for an opening sentence too.
const MIN_FLATTENED_PART_CHARS: usize = 1_500;

/// Paragraphs at a report's start read for its plan year when its title gives none.
const OPENING_PARAGRAPHS: usize = 3;

/// A year of a title: `2026年`, `2026 年`.
static TITLE_YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"((?:19|20)[0-9]{2})\s*年").unwrap_or_else(|e| panic!("TITLE_YEAR: {e}"))
});

/// The later of two distinct years in a title, as written (`2026`).
fn plan_year(title: &str) -> Option<String> {
    let years: std::collections::BTreeSet<&str> = TITLE_YEAR
        .captures_iter(title)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    (years.len() >= 2)
        .then(|| years.last().map(|y| y.to_string()))
        .flatten()
}

impl Ctx<'_> {
    /// A section whose heading is line `ln` and whose last line is `last`; `source` and
    /// `report` are filled in by [`sections_in_report`].
    fn section_at(ln: &Ln, last: &Ln, ty: SectionType, empty: bool, items: Vec<Item>) -> Opened {
        Opened {
            section: Section {
                source: String::new(),
                report: String::new(),
                r#type: ty,
                heading: ln.text(0, ln.t.len()),
                heading_line: ln.src,
                line_start: ln.src,
                line_end: last.src_end(),
                empty,
                items,
            },
            last_no: last.no,
        }
    }
}

fn role_of(ty: SectionType) -> ItemRole {
    ty.item_role()
}

/// Whether a clause opens with a measure verb, after lead-ins such as 今后我们将. Returns the
/// chars skipped and the verdict.
fn measure_verb_start(clause: &str) -> (usize, bool) {
    let mut rest = clause.trim_start_matches(|c: char| is_space(c));
    let mut skipped = clause.chars().count() - rest.chars().count();
    let mut lead_ins = 0;
    while let Some(c) = cues::CLAUSE_LEAD_INS
        .iter()
        .find(|c| rest.starts_with(c.text))
    {
        rest = &rest[c.text.len()..];
        lead_ins += c.text.chars().count();
    }
    let verb = cues::MEASURE_VERBS.iter().any(|c| rest.starts_with(c.text));
    if verb {
        // The lead-in (今后我们将) is not part of the measure.
        skipped += lead_ins;
    }
    (skipped, verb)
}

/// Whether a headline names a category (从招商人员来讲, 关于资金的问题) or is a bare label (工作重点).
fn is_group_headline(h: &str) -> bool {
    let h = h.trim_end_matches(['：', ':', '，', ',', '。']);
    let n = h.chars().count();
    if n <= 4 {
        return true;
    }
    cues::GROUP_PREFIXES.iter().any(|p| h.starts_with(p.text))
        && cues::GROUP_SUFFIXES.iter().any(|s| h.ends_with(s.text))
}

/// Headline text in the original script, without the anti-copy `。` after `的`.
fn headline_text(ln: &Ln, a: usize, b: usize) -> String {
    let mut out = String::new();
    for i in a..b.min(ln.t.len()) {
        let c = ln.t[i];
        if is_false_stop(&ln.s, i) {
            continue;
        }
        out.push(c);
    }
    trim_end_punct(out)
}

fn trim_end_punct(s: String) -> String {
    s.trim_end_matches(|c: char| is_space(c) || is_clause_mark(c) || matches!(c, '。' | '、'))
        .to_string()
}
