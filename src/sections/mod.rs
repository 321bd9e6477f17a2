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
//!    section without a heading ([`is_intro_sentence`]).
//! 4. Items are the numbered lines inside a section, with inline `一是……二是……` runs as items or
//!    children; a section without numbering falls back to paragraphs (problems) or measure
//!    clauses (measures, `进一步细化…，加强…，督促…`).
//!
//! Coordinates: `heading_line`, `line_start`, `line_end` and item `line`s are 1-based source
//! lines. Headlines are cleaned text in the original script ([`crate::doc::CleanLine::text`]); cues are
//! matched on [`crate::doc::CleanLine::simplified`], which is char-aligned with it.

pub mod cues;
pub mod outline;

#[cfg(test)]
pub(crate) mod tests;

use serde::{Deserialize, Serialize};

use crate::doc::Report;
use crate::lex::marker::is_space;
use crate::lex::sentence::{is_clause_end, is_false_stop, is_sentence_end};
use outline::{InlineItem, Outline, headline_range, inline_run};

/// One numbered problem or measure (or a group heading holding some).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// 1-based source line where the item starts.
    pub line: usize,
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

/// One non-blank line of a report, as chars, trimmed of leading spaces.
struct Ln {
    /// Line of the text: what neighbouring lines are told by.
    no: usize,
    /// Source line: what records say.
    src: usize,
    /// Cleaned text, original script.
    t: Vec<char>,
    /// Simplified view, char-aligned with `t`.
    s: Vec<char>,
}

impl Ln {
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
    let lns: Vec<Ln> = report
        .lines
        .iter()
        .filter_map(|r| {
            let t: Vec<char> = r.line.text.chars().collect();
            let mut s: Vec<char> = r.line.simplified.chars().collect();
            if s.len() != t.len() {
                // Not char-aligned: match cues on the text itself.
                s = t.clone();
            }
            let lead = s.iter().take_while(|c| is_space(**c)).count();
            let mut t = t[lead..].to_vec();
            let mut s = s[lead..].to_vec();
            while s.last().is_some_and(|c| is_space(*c)) {
                s.pop();
                t.pop();
            }
            (!s.is_empty()).then_some(Ln {
                no: r.no,
                src: r.src,
                t,
                s,
            })
        })
        .collect();
    let simp: Vec<Vec<char>> = lns.iter().map(|l| l.s.clone()).collect();
    let outline = Outline::build(&simp);
    let ctx = Ctx {
        lns: &lns,
        outline: &outline,
    };

    let mut out = Vec::new();
    let mut i = 0;
    while i < lns.len() {
        let found = if let Some(n) = outline.node_at[i] {
            ctx.heading_section(n).or_else(|| ctx.node_intro_section(n))
        } else {
            ctx.bare_section(i)
                .or_else(|| ctx.intro_section(i))
                .or_else(|| ctx.measure_list_section(i))
                .or_else(|| ctx.measure_intro_section(i))
        };
        match found {
            Some(Opened {
                mut section,
                last_no,
            }) => {
                section.source = report.source().to_string();
                section.report = report.id.clone();
                out.push(section);
                while i < lns.len() && lns[i].no <= last_no {
                    i += 1;
                }
            }
            None => i += 1,
        }
    }
    out
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
        last_pos(&h, PROBLEM_WORDS).filter(|&p| !names_causes(&h[p..]))
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
        c.is_whitespace() || matches!(c, '。' | '：' | ':' | '，' | ',' | '”' | '"')
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
    if !matches!(s[last], '：' | ':') {
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
            let vi = text[..b].chars().count() + v.text.chars().count();
            // A problem word within 20 chars, in the same clause group (no 。；).
            let window_end = (vi + 20).min(s.len());
            let mut hit = None;
            for j in vi..window_end {
                if matches!(s[j], '。' | '；' | ';') {
                    break;
                }
                let rest: String = s[j..window_end].iter().collect();
                if let Some(w) = PROBLEM_WORDS.iter().find(|w| rest.starts_with(w.text)) {
                    hit = Some(j + w.text.chars().count());
                }
            }
            let Some(after) = hit else { continue };
            // The rest of the sentence.
            let mut k = after;
            while k < s.len() && !matches!(s[k], '。' | '：' | ':' | '；' | ';') {
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
            if k < s.len() && matches!(s[k], '：' | ':') {
                return Some(IntroCue {
                    from: k + 1,
                    listed: true,
                });
            }
            // Does the cue sentence recognise problems?
            let recognises = contains_any(&sentence, RECOGNITION_VERBS);
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
                return Some(IntroCue {
                    from: next,
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
    if oi > 0 && (oi > 12 || !matches!(s[oi - 1], '，' | ',' | '：' | ':')) {
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
        && !s.iter().any(|c| {
            matches!(
                c,
                '。' | '，' | ',' | '；' | ';' | '：' | ':' | '！' | '？' | '!' | '?' | '|' | '、'
            )
        })
}

/// A section a strategy opened, and the text line it ends on (where the scan goes on).
struct Opened {
    section: Section,
    last_no: usize,
}

struct Ctx<'a> {
    lns: &'a [Ln],
    outline: &'a Outline,
}

impl Ctx<'_> {
    /// A section opened by the heading node `n`.
    fn heading_section(&self, n: usize) -> Option<Opened> {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let (a, b) = headline_range(&ln.s, node.marker.len, ln.s.len());
        if b - a > MAX_HEADING_CHARS || b == a {
            return None;
        }
        // A run of clauses (奖罚力度得当，避免误判，对于屡犯同一问题的部门，…) is an item, not a heading.
        if ln.s[a..b]
            .iter()
            .filter(|c| matches!(c, '，' | ','))
            .count()
            >= 3
        {
            return None;
        }
        let ty = classify(&ln.simp(a, b))?;
        if self.explains_a_template(node.li, b) {
            // 三、问题和改进措施。这部分主要写…: a how-to describing a report's parts.
            return None;
        }
        if ty == PROBLEMS && self.under_rectification(n) {
            // 二、问题整改的具体情况 → 1.关于预算编制不够精准的问题。: each problem heads the
            // account of its rectification, not a list of problems.
            return None;
        }
        let last = self.outline.extent(n);
        let role = role_of(ty);
        let mut items = Vec::new();
        // Inline runs on the heading line after its headline.
        items.extend(self.inline_items(node.li, b, role));
        let body: Vec<usize> = (node.li + 1..=last)
            .filter(|&li| self.outline.owner[li] == Some(n))
            .collect();
        for &c in &node.children {
            items.push(self.item(c, last, role));
        }
        for &li in &body {
            items.extend(self.inline_items(li, 0, role));
        }
        if body.is_empty()
            && node.children.is_empty()
            && items.is_empty()
            && ln.s.get(b).is_some_and(|c| matches!(c, '：' | ':'))
            && ln.s.len() > b + MIN_INLINE_BODY_CHARS
        {
            // 4. 问题和挑战：一些地方…: the label's text follows on the same line.
            items = self.paragraph_items(node.li, b + 1, role);
        }
        if body.is_empty() && node.children.is_empty() && items.is_empty() {
            // A heading with nothing under it (a list entry, a truncated report).
            return None;
        }
        let empty = !body.is_empty() && body.iter().all(|&li| self.is_empty_body(li));
        if empty {
            items.clear();
        } else if items.is_empty() {
            for &li in &body {
                items.extend(self.paragraph_items(li, 0, role));
            }
        }
        items.sort_by_key(|it| it.line);
        Some(Self::section_at(ln, &self.lns[last], ty, empty, items))
    }

    /// Whether the text after a heading's headline (on line `li` from char `b`, or the next line)
    /// opens with a [`cues::TEMPLATE_BODY_OPENERS`] phrase: the heading names a part of a model
    /// report that a how-to explains.
    fn explains_a_template(&self, li: usize, b: usize) -> bool {
        let ln = &self.lns[li];
        let rest: String =
            ln.s.get(b..)
                .unwrap_or(&[])
                .iter()
                .skip_while(|c| matches!(c, '。' | '：' | ':' | '.') || is_space(**c))
                .collect();
        let next = if rest.is_empty() {
            self.lns.get(li + 1).map(|l| l.simp(0, l.s.len()))
        } else {
            Some(rest)
        };
        next.is_some_and(|t| {
            cues::TEMPLATE_BODY_OPENERS
                .iter()
                .any(|o| t.starts_with(o.text))
        })
    }

    /// A problems section opened by a body sentence on line `li`.
    fn intro_section(&self, li: usize) -> Option<Opened> {
        let ln = &self.lns[li];
        let next_is_marker = self
            .outline
            .node_at
            .get(li + 1)
            .is_some_and(|n| n.is_some());
        let cue = intro_cue(&ln.s, next_is_marker)?;
        // A sentence that announces a list (主要存在四个方面的问题：) keeps its items even when the
        // first one names a problem (一是认识不足).
        if !ln.s.last().is_some_and(|c| matches!(c, '：' | ':'))
            && self
                .outline
                .node_at
                .get(li + 1)
                .copied()
                .flatten()
                .is_some_and(|n| self.node_type(n) == Some(PROBLEMS))
        {
            // 虽然…，但是还是存在一些问题。 → 二、…存在的主要问题: the heading right after the
            // sentence opens the section itself.
            return None;
        }
        let from = cue.from;
        let role = role_of(PROBLEMS);
        let parent = self.outline.owner[li];
        let end = self.lns.len() - 1;
        let nodes = &self.outline.nodes;
        // Lines up to the next heading at the parent's level or above.
        let limit = match parent {
            Some(p) => self.outline.extent(p),
            None => match self.outline.node_at.get(li + 1).copied().flatten() {
                // Numbered lines follow: they and their bodies, up to a heading of a higher
                // level (a smaller rank) than the first of them.
                Some(first) => {
                    let rank = nodes[first].rank;
                    nodes[first + 1..]
                        .iter()
                        .find(|m| m.rank < rank)
                        .map_or(end, |m| m.li - 1)
                }
                None => nodes.iter().find(|m| m.li > li).map_or(end, |m| m.li - 1),
            },
        };
        let mut last = li;
        let mut items = Vec::new();
        if cue.listed {
            items = self.inline_items(li, from, role);
            if items.is_empty() {
                items = self.clause_list(li, from, role);
            }
            if items.is_empty() {
                // Numbered lines follow: take them and their bodies.
                let mut j = li + 1;
                while j <= limit {
                    if self.outline.node_at[j].is_none()
                        && (j == li + 1
                            || intro_cue(&self.lns[j].s, false).is_some_and(|c| !c.listed))
                    {
                        // Not numbered, or a paragraph that recognises problems of its own
                        // (我们还认识到，政府工作中存在不少缺点和不足。…). A sub-list announced
                        // inside an item (调查中发现主要存在以下问题：) stays in it.
                        break;
                    }
                    last = j;
                    j += 1;
                }
                for (id, node) in nodes.iter().enumerate() {
                    let top = node.parent.is_none_or(|p| nodes[p].li <= li);
                    if node.li > li && node.li <= last && top {
                        items.push(self.item(id, last, role));
                    }
                }
            }
        } else if from < ln.s.len() {
            // 我们也清醒看到…困难和问题。甲。乙。: the sentences after the cue.
            items = self.sentence_items(li, from, role);
        } else if li < limit
            && self.outline.node_at[li + 1].is_none()
            && self.outline.owner[li + 1] == parent
            && !is_bare_heading_like(&self.lns[li + 1].s)
        {
            // The cue sentence is a paragraph of its own: the problems are the next paragraph,
            // as a `一是` run, a `；` list or plain sentences.
            let nl = li + 1;
            let next_next = self
                .outline
                .node_at
                .get(nl + 1)
                .is_some_and(|n| n.is_some());
            if intro_cue(&self.lns[nl].s, next_next).is_some_and(|c| c.listed) {
                // The next paragraph opens its own list (坦承…还存在不少缺点：甲；乙): it is
                // the section's opening sentence.
                return None;
            }
            items = self.inline_items(nl, 0, role);
            if items.is_empty() {
                items = self.clause_list(nl, 0, role);
            }
            if items.is_empty() {
                items = self.sentence_items(nl, 0, role);
            }
            if !items.is_empty() {
                last = nl;
            }
        }
        if items.is_empty() {
            return None;
        }
        Some(Self::section_at(
            ln,
            &self.lns[last],
            PROBLEMS,
            false,
            items,
        ))
    }

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
                line_end: last.src,
                empty,
                items,
            },
            last_no: last.no,
        }
    }

    /// A section opened by an unnumbered heading line (存在的主要问题, 建议与展望). It runs to the
    /// next unnumbered heading, or to a numbered heading at the level of the one it sits under.
    fn bare_section(&self, li: usize) -> Option<Opened> {
        // The first line of a report is its title.
        if li == 0 {
            return None;
        }
        let ln = &self.lns[li];
        if !is_bare_heading_like(&ln.s) {
            return None;
        }
        if ln.s.last().is_some_and(|c| matches!(c, '：' | ':')) {
            let next_is_marker = self
                .outline
                .node_at
                .get(li + 1)
                .is_some_and(|n| n.is_some());
            if is_intro_sentence(&ln.s, next_is_marker).is_some() {
                // 调查发现主要存在以下问题：: an opening sentence, read by `intro_section`.
                return None;
            }
        }
        let ty = classify(&ln.simp(0, ln.s.len()))?;
        let nodes = &self.outline.nodes;
        let up = self.outline.owner[li];
        let up_rank = up.map(|n| nodes[n].rank);
        let mut last = li;
        for j in li + 1..self.lns.len() {
            match self.outline.node_at[j] {
                Some(n) if up_rank.is_some_and(|r| nodes[n].rank <= r) => break,
                Some(_) => {}
                None if is_bare_heading_like(&self.lns[j].s) => break,
                None => {}
            }
            last = j;
        }
        if last == li {
            return None;
        }
        let role = role_of(ty);
        let body: Vec<usize> = (li + 1..=last)
            .filter(|&j| self.outline.node_at[j].is_none() && self.outline.owner[j] == up)
            .collect();
        let empty = !body.is_empty()
            && body.iter().all(|&j| self.is_empty_body(j))
            && (li + 1..=last).all(|j| self.outline.node_at[j].is_none());
        let mut items = Vec::new();
        if !empty {
            for j in li + 1..=last {
                if let Some(n) = self.outline.node_at[j] {
                    let top = nodes[n].parent.is_none_or(|p| nodes[p].li < li);
                    if top {
                        items.push(self.item(n, last, role));
                    }
                } else if self.outline.owner[j] == up {
                    let inline = self.inline_items(j, 0, role);
                    if inline.is_empty() {
                        items.extend(self.paragraph_items(j, 0, role));
                    } else {
                        items.extend(inline);
                    }
                }
            }
        }
        Some(Self::section_at(ln, &self.lns[last], ty, empty, items))
    }

    /// Whether a heading sits under a heading about rectification (问题整改的具体情况,
    /// 审计查出问题的整改情况): see [`cues::RECTIFICATION_HEADS`].
    /// The type a numbered line's headline names, as [`classify`] reads it.
    fn node_type(&self, n: usize) -> Option<SectionType> {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let (a, b) = headline_range(&ln.s, node.marker.len, ln.s.len());
        if b == a || b - a > MAX_HEADING_CHARS {
            return None;
        }
        classify(&ln.simp(a, b))
    }

    fn under_rectification(&self, n: usize) -> bool {
        let nodes = &self.outline.nodes;
        let mut up = nodes[n].parent;
        while let Some(p) = up {
            let ln = &self.lns[nodes[p].li];
            let (a, b) = headline_range(&ln.s, nodes[p].marker.len, ln.s.len());
            if cues::contains_any(&ln.simp(a, b), cues::RECTIFICATION_HEADS) {
                return true;
            }
            up = nodes[p].parent;
        }
        false
    }

    /// A problems section opened by a sentence on a numbered line that is not itself a section
    /// heading: （二）绩效指标设置混淆。…主要存在以下几个方面的问题。第一，…第二，…. Only a list
    /// on the same line (an inline run or a `；` list) counts.
    fn node_intro_section(&self, n: usize) -> Option<Opened> {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let m = node.marker.len.min(ln.s.len());
        let cue = intro_cue(&ln.s[m..], false).filter(|c| c.listed)?;
        let from = m + cue.from;
        let role = role_of(PROBLEMS);
        let mut items = self.inline_items(node.li, from, role);
        if items.is_empty() {
            items = self.clause_list(node.li, from, role);
        }
        if items.len() < 2 {
            return None;
        }
        Some(Self::section_at(ln, ln, PROBLEMS, false, items))
    }

    /// A measures section opened by a sentence that announces proposals, the numbered (or
    /// bulleted) lines right after it: 我们需要从以下几个方面入手：, 建议如下：.
    fn measure_list_section(&self, li: usize) -> Option<Opened> {
        let ln = &self.lns[li];
        if !is_measure_list_opener(&ln.s) {
            return None;
        }
        let nodes = &self.outline.nodes;
        let first = self.outline.node_at.get(li + 1).copied().flatten()?;
        let rank = nodes[first].rank;
        // The list: its entries and their bodies, up to a heading of a higher level or an
        // unnumbered heading.
        let mut last = li;
        for j in li + 1..self.lns.len() {
            let inside = match self.outline.node_at[j] {
                Some(n) => nodes[n].rank >= rank,
                None => {
                    self.outline.owner[j].is_some_and(|o| nodes[o].rank >= rank)
                        && !is_bare_heading_like(&self.lns[j].s)
                }
            };
            if !inside {
                break;
            }
            last = j;
        }
        let role = role_of(MEASURES);
        let items: Vec<Item> = nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| {
                node.li > li && node.li <= last && node.parent.is_none_or(|p| nodes[p].li <= li)
            })
            .map(|(id, _)| self.item(id, last, role))
            .collect();
        if items.is_empty() {
            return None;
        }
        Some(Self::section_at(
            ln,
            &self.lns[last],
            MEASURES,
            false,
            items,
        ))
    }

    /// A measures section opened by a body sentence (做好今年的政府工作，要…): its measure clauses.
    fn measure_intro_section(&self, li: usize) -> Option<Opened> {
        let ln = &self.lns[li];
        let from = measure_intro(&ln.s)?;
        let items = self.measure_clauses(ln, from);
        if items.len() < 2 {
            return None;
        }
        Some(Self::section_at(ln, ln, MEASURES, false, items))
    }

    /// Plain problem sentences of line `li` from char `from`, one item each, up to a sentence
    /// that turns to resolve (我们一定要…, 对此…). Two sentences or more, else none.
    fn sentence_items(&self, li: usize, from: usize, role: ItemRole) -> Vec<Item> {
        /// More sentences than this are not a list of problems.
        const MAX_SENTENCES: usize = 20;
        let ln = &self.lns[li];
        let mut items = Vec::new();
        let mut a = from;
        for i in from..=ln.s.len() {
            let end = i == ln.s.len() || is_clause_end(ln.s[i]);
            if !end || is_false_stop(&ln.s, i) {
                continue;
            }
            let mut start = a;
            while start < i && (is_space(ln.s[start]) || matches!(ln.s[start], '，' | ',')) {
                start += 1;
            }
            a = i + 1;
            if start >= i {
                continue;
            }
            // A lead-in such as 主要是： is not part of the first problem.
            if let Some(k) =
                (start..i.min(start + MAX_LEAD_IN_CHARS)).find(|&k| matches!(ln.s[k], '：' | ':'))
                && !ln.s[start..k].iter().any(|c| matches!(c, '，' | ','))
                && k + 1 < i
            {
                start = k + 1;
            }
            let sentence = ln.simp(start, i);
            if cues::contains_any_prefix(&sentence, cues::CLOSING_OPENERS) {
                break;
            }
            // A frame such as 从国内看， is not part of the problem.
            if sentence.starts_with('从')
                && let Some(k) = sentence.chars().take(8).position(|c| c == '看')
                && matches!(sentence.chars().nth(k + 1), Some('，' | ','))
            {
                start += k + 2;
            }
            let mut hb = i;
            if i - start > MAX_SENTENCE_HEADLINE_CHARS {
                // The first clause, or the first two when the first is a frame (在…方面).
                let commas: Vec<usize> = (start..i)
                    .filter(|&c| matches!(ln.s[c], '，' | ','))
                    .collect();
                if let Some(&c) = commas.first() {
                    let first = ln.simp(start, c);
                    hb = if cues::FRAME_ENDINGS.iter().any(|f| first.ends_with(f.text)) {
                        commas.get(1).copied().unwrap_or(i)
                    } else {
                        c
                    };
                }
            }
            items.push(Item {
                line: ln.src,
                marker: String::new(),
                headline: headline_text(ln, start, hb),
                text: trim_end_punct(ln.text(start, i)),
                role,
                children: Vec::new(),
            });
            if items.len() > MAX_SENTENCES {
                return Vec::new();
            }
        }
        // One sentence is a list only when it runs through several clauses (政府职能转变滞后，
        // 一些工作落实不够，办事效率不高).
        let one_list = items.len() == 1 && items[0].text.matches(['，', ',']).count() >= 2;
        if items.len() < 2 && !one_list {
            return Vec::new();
        }
        items
    }

    /// The item tree of node `n`, not looking past line index `last`.
    fn item(&self, n: usize, last: usize, role: ItemRole) -> Item {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let m = node.marker.len;
        let (a, b) = headline_range(&ln.s, m, ln.s.len());
        let body: Vec<usize> = (node.li + 1..=last)
            .filter(|&li| self.outline.owner[li] == Some(n))
            .collect();
        let mut text = ln.text(m, ln.t.len());
        for &li in &body {
            text.push('\n');
            text.push_str(&self.lns[li].text(0, usize::MAX));
        }
        let mut children: Vec<Item> = self.inline_items(node.li, m, role);
        for &c in &node.children {
            if self.outline.nodes[c].li <= last {
                children.push(self.item(c, last, role));
            }
        }
        for &li in &body {
            let inline = self.inline_items(li, 0, role);
            if inline.is_empty() && role == ItemRole::Measure {
                // 推动产业链供应链优化升级。保持…: a paragraph led by a short measure sentence.
                children.extend(self.lead_sentence_item(li));
            }
            children.extend(inline);
        }
        children.sort_by_key(|it| it.line);
        let head_s = ln.simp(a, b);
        let role = if cues::contains_any(&head_s, cues::CONTEXT_HEADS) && children.is_empty() {
            ItemRole::Context
        } else if !children.is_empty() && is_group_headline(&head_s) {
            ItemRole::Group
        } else {
            role
        };
        Item {
            line: ln.src,
            marker: ln.text(0, m),
            headline: headline_text(ln, a, b),
            text,
            role,
            children,
        }
    }

    /// A measure paragraph led by a short sentence that opens with a measure verb and has no
    /// comma (推动产业链供应链优化升级。保持工业经济平稳运行。…): the lead sentence is the headline.
    fn lead_sentence_item(&self, li: usize) -> Option<Item> {
        let ln = &self.lns[li];
        let end = ln.s.iter().position(|c| *c == '。')?;
        if !(2..=MAX_LEAD_SENTENCE_CHARS).contains(&end)
            || end + 1 >= ln.s.len()
            || ln.s[..end]
                .iter()
                .any(|c| matches!(c, '，' | ',' | '；' | ';' | '：' | ':'))
        {
            return None;
        }
        let (skip, verb) = measure_verb_start(&ln.simp(0, end));
        (verb && skip == 0).then(|| Item {
            line: ln.src,
            marker: String::new(),
            headline: ln.text(0, end),
            text: trim_end_punct(ln.text(0, ln.t.len())),
            role: ItemRole::Measure,
            children: Vec::new(),
        })
    }

    /// Items of the inline run on line `li` from char `from`.
    fn inline_items(&self, li: usize, from: usize, role: ItemRole) -> Vec<Item> {
        let ln = &self.lns[li];
        inline_run(&ln.s, from)
            .iter()
            .map(|r: &InlineItem| {
                let body = r.start + r.marker_len;
                let (a, b) = headline_range(&ln.s, body, r.end);
                Item {
                    line: ln.src,
                    marker: ln.text(r.start, body),
                    headline: headline_text(ln, a, b),
                    text: trim_end_punct(ln.text(body, r.end)),
                    role,
                    children: Vec::new(),
                }
            })
            .collect()
    }

    /// A `；`-separated list after char `from` (主要是：甲；乙；丙。), two parts or more.
    fn clause_list(&self, li: usize, from: usize, role: ItemRole) -> Vec<Item> {
        let ln = &self.lns[li];
        let mut parts = Vec::new();
        let mut a = from;
        for i in from..=ln.s.len() {
            let end = i == ln.s.len() || matches!(ln.s[i], '；' | ';');
            let stop = i < ln.s.len() && ln.s[i] == '。' && !is_false_stop(&ln.s, i);
            if end || stop {
                if i > a {
                    parts.push((a, i));
                }
                a = i + 1;
                if stop {
                    // The list ends at the full stop after its last part.
                    if parts.len() >= 2 {
                        break;
                    }
                    parts.clear();
                }
            }
        }
        if parts.len() < 2 {
            return Vec::new();
        }
        // A lead-in before a colon (主要是：) is not part of the first clause.
        if let Some(first) = parts.first_mut()
            && let Some(k) = (first.0..first.1).find(|&k| matches!(ln.s[k], '：' | ':'))
        {
            first.0 = k + 1;
        }
        parts
            .into_iter()
            .map(|(a, b)| self.plain_item(ln, a, b, role))
            .collect()
    }

    fn plain_item(&self, ln: &Ln, a: usize, b: usize, role: ItemRole) -> Item {
        let (ha, hb) = headline_range(&ln.s, a, b);
        Item {
            line: ln.src,
            marker: String::new(),
            headline: headline_text(ln, ha, hb),
            text: trim_end_punct(ln.text(a, b)),
            role,
            children: Vec::new(),
        }
    }

    /// Items of an unnumbered paragraph: measure clauses (进一步细化…，加强…) for measures, else
    /// a `；` list, else the paragraph itself.
    fn paragraph_items(&self, li: usize, from: usize, role: ItemRole) -> Vec<Item> {
        let ln = &self.lns[li];
        if role == ItemRole::Measure {
            let clauses = self.measure_clauses(ln, from);
            if !clauses.is_empty() {
                return clauses;
            }
        }
        let list = self.clause_list(li, from, role);
        if !list.is_empty() {
            return list;
        }
        vec![self.plain_item(ln, from, ln.s.len(), role)]
    }

    /// Comma clauses that open with a measure verb, each running on over the clauses that
    /// don't (强化资助育人理念，把…融入…全过程).
    fn measure_clauses(&self, ln: &Ln, from: usize) -> Vec<Item> {
        let mut bounds = Vec::new();
        let mut a = from;
        for i in from..=ln.s.len() {
            if i == ln.s.len() || matches!(ln.s[i], '，' | ',' | '；' | ';' | '。') {
                if i > a {
                    bounds.push((a, i, ln.s[i.min(ln.s.len() - 1)]));
                }
                a = i + 1;
            }
        }
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut open = false;
        for (a, b, _) in bounds {
            let clause: String = ln.s[a..b].iter().collect();
            let (skip, verb) = measure_verb_start(&clause);
            if verb && !clause.starts_with("确保") {
                items.push((a + skip, b));
                open = true;
            } else if open && !clause.starts_with("确保") && !clause.starts_with("使") {
                if let Some(last) = items.last_mut() {
                    last.1 = b;
                }
            } else {
                open = false;
            }
        }
        items
            .into_iter()
            .map(|(a, b)| {
                let text = trim_end_punct(ln.text(a, b));
                Item {
                    line: ln.src,
                    marker: String::new(),
                    headline: text.clone(),
                    text,
                    role: ItemRole::Measure,
                    children: Vec::new(),
                }
            })
            .collect()
    }

    fn is_empty_body(&self, li: usize) -> bool {
        let s: String = self.lns[li]
            .s
            .iter()
            .filter(|c| !c.is_ascii_punctuation() && !matches!(c, '。' | '，' | '！' | '；'))
            .collect();
        cues::EMPTY_BODIES.iter().any(|c| c.text == s)
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
    s.trim_end_matches(|c: char| {
        is_space(c) || matches!(c, '。' | '，' | ',' | '；' | ';' | '：' | ':' | '、')
    })
    .to_string()
}
