//! The heading ladder of a report: enumeration markers at line starts, their depth, and the
//! inline `一是……二是……` runs inside paragraphs.
//!
//! Input: the non-blank lines of one report as char vectors (cleaned text and its char-aligned
//! simplified view). Output: [`Outline`], a forest of [`Node`]s, one per marker line.
//!
//! Depth is not a fixed table: reports differ (one uses `一、 → （一） → 1、`, another
//! `一、 → 1、 → （1）`), so a marker kind's rank is the order in which the kind first appears in
//! the report. A node's parent is the nearest earlier node of smaller rank.

use crate::lex::han::is_han;
use crate::lex::marker::{Marker, MarkerKind, is_space, parse_marker};
use crate::lex::sentence::{is_colon, is_comma, is_punct_stop};

/// Rank of [`MarkerKind::Bullet`]: deeper than any numbered kind, so a bullet line in page chrome
/// never becomes the parent of a report's `一、` headings.
pub const BULLET_RANK: usize = 1000;

/// The marker (not bullet) at the start of a line that can head an outline node: not the first
/// member of an inline `一是……二是……` run, and followed by some Chinese.
fn line_marker(s: &[char]) -> Option<Marker> {
    parse_marker(s).filter(|m| {
        !(matches!(m.kind, MarkerKind::Shi | MarkerKind::Yao | MarkerKind::Di)
            && inline_run(s, 0).len() >= 2)
            && s[m.len..].iter().any(|c| is_han(*c))
    })
}

/// Position of a marker kind in the conventional ladder 一、 → （一） → 1、 → （1） → 1) → ①;
/// `None` for the kinds with no fixed place (一是, 一要, 第一，, bullets).
fn conventional_depth(kind: MarkerKind) -> Option<usize> {
    match kind {
        MarkerKind::CnComma => Some(0),
        MarkerKind::CnParen => Some(1),
        MarkerKind::NumComma => Some(2),
        MarkerKind::NumParen => Some(3),
        MarkerKind::NumHalfParen => Some(4),
        MarkerKind::Circled => Some(5),
        MarkerKind::Shi | MarkerKind::Yao | MarkerKind::Di | MarkerKind::Bullet => None,
    }
}

/// The report's marker kinds, shallowest first.
///
/// Mostly the order of first appearance. The exception is an excerpt that opens in the middle
/// of a list: `（三）…（四）…` and then `三、…（一）…`. There the first kind seen is the tail of a
/// list whose parent heading was cut off, and first appearance would put `三、` under `（一）`. So
/// when a kind first appears after kinds that the conventional ladder places below it, and
/// either those kinds' first line did not count from 1 or the new kind itself does not (the
/// excerpt started mid-list), the new kind goes above them. A report that really uses
/// `1、` above `（一）` counts both from 1 and keeps its own order.
fn kind_order(lines: &[Vec<char>]) -> Vec<MarkerKind> {
    let mut order: Vec<(MarkerKind, u32)> = Vec::new();
    for s in lines {
        let Some(m) = line_marker(s) else { continue };
        if m.kind == MarkerKind::Bullet || order.iter().any(|(k, _)| *k == m.kind) {
            continue;
        }
        let pos = conventional_depth(m.kind).and_then(|d| {
            order.iter().position(|(k, first)| {
                conventional_depth(*k).is_some_and(|dk| dk > d) && (*first > 1 || m.ordinal > 1)
            })
        });
        match pos {
            Some(p) => order.insert(p, (m.kind, m.ordinal)),
            None => order.push((m.kind, m.ordinal)),
        }
    }
    order.into_iter().map(|(k, _)| k).collect()
}

/// One marker line of a report.
#[derive(Debug, Clone)]
pub struct Node {
    /// Index into the report's non-blank lines.
    pub li: usize,
    pub marker: Marker,
    /// Depth: the position of the marker kind in the report's first-appearance order.
    pub rank: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// The heading ladder of one report.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub nodes: Vec<Node>,
    /// For each line, the node that starts on it.
    pub node_at: Vec<Option<usize>>,
    /// For each line, the innermost node it belongs to (itself for a marker line).
    pub owner: Vec<Option<usize>>,
}

impl Outline {
    /// Build the outline from the simplified view of the report's non-blank lines, each already
    /// trimmed of leading spaces.
    pub fn build(lines: &[Vec<char>]) -> Outline {
        let order = kind_order(lines);
        let mut out = Outline {
            nodes: Vec::new(),
            node_at: vec![None; lines.len()],
            owner: vec![None; lines.len()],
        };
        let mut stack: Vec<usize> = Vec::new();
        for (li, s) in lines.iter().enumerate() {
            // A paragraph that opens with 一是 and goes on to 二是 is an inline run, not a
            // heading: its members are read by `inline_run`.
            // A line without Chinese (the English half of a bilingual page) is no heading.
            let Some(marker) = line_marker(s) else {
                out.owner[li] = stack.last().copied();
                continue;
            };
            let rank = if marker.kind == MarkerKind::Bullet {
                BULLET_RANK
            } else {
                order
                    .iter()
                    .position(|k| *k == marker.kind)
                    .unwrap_or(order.len())
            };
            while stack.last().is_some_and(|&n| out.nodes[n].rank >= rank) {
                stack.pop();
            }
            let id = out.nodes.len();
            let parent = stack.last().copied();
            if let Some(p) = parent {
                out.nodes[p].children.push(id);
            }
            out.nodes.push(Node {
                li,
                marker,
                rank,
                parent,
                children: Vec::new(),
            });
            stack.push(id);
            out.node_at[li] = Some(id);
            out.owner[li] = Some(id);
        }
        out
    }

    /// Index of the last line covered by node `n`: the line before the next node of the same or
    /// smaller rank, or the last line.
    pub fn extent(&self, n: usize) -> usize {
        let rank = self.nodes[n].rank;
        self.nodes[n + 1..]
            .iter()
            .find(|m| m.rank <= rank)
            .map(|m| m.li - 1)
            .unwrap_or(self.node_at.len().saturating_sub(1))
    }

    /// Whether node `a` is `b` or one of its descendants.
    pub fn within(&self, mut a: usize, b: usize) -> bool {
        loop {
            if a == b {
                return true;
            }
            match self.nodes[a].parent {
                Some(p) => a = p,
                None => return false,
            }
        }
    }
}

/// One member of an inline run: `一是` at char `start`, its text running to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineItem {
    pub ordinal: u32,
    /// Char index of the marker.
    pub start: usize,
    /// Char length of the marker.
    pub marker_len: usize,
    /// Char index where this member's text ends (the next member's marker, or the end).
    pub end: usize,
}

/// Find the inline `一是……二是……` (or `一要……二要……`, `第一，……第二，……`) run in `s`, starting
/// at char `from`. A run starts at 一, counts up without gaps, and each marker opens a clause
/// (it follows the start or a punctuation mark). Runs of fewer than two members are ignored.
pub fn inline_run(s: &[char], from: usize) -> Vec<InlineItem> {
    let mut found: Vec<(usize, MarkerKind, u32, usize)> = Vec::new();
    for i in from..s.len() {
        let opens = i == from || is_punct_stop(s[i - 1]) || is_space(s[i - 1]);
        if !opens {
            continue;
        }
        if let Some(m) = parse_marker(&s[i..])
            && matches!(m.kind, MarkerKind::Shi | MarkerKind::Yao | MarkerKind::Di)
        {
            found.push((i, m.kind, m.ordinal, m.len));
        }
    }
    // The longest gap-free run starting at 1 of a single kind.
    let mut best: Vec<(usize, usize)> = Vec::new();
    for (k, &(start, kind, ord, len)) in found.iter().enumerate() {
        if ord != 1 {
            continue;
        }
        let mut run = vec![(start, len)];
        let mut want = 2;
        for &(s2, k2, o2, l2) in &found[k + 1..] {
            if k2 == kind && o2 == want {
                run.push((s2, l2));
                want += 1;
            } else if k2 == kind && o2 == 1 {
                break;
            }
        }
        if run.len() >= 2 && run.len() > best.len() {
            best = run;
        }
    }
    let mut out = Vec::new();
    for (k, &(start, len)) in best.iter().enumerate() {
        let end = best.get(k + 1).map(|n| n.0).unwrap_or(s.len());
        out.push(InlineItem {
            ordinal: k as u32 + 1,
            start,
            marker_len: len,
            end,
        });
    }
    out
}

/// Char range `[start, end)` of the headline in `s[from..to]`: the text up to the first `。`,
/// `：`, `；` (or `!?`, `----`), or up to a clause that gives a cause (主要原因是…). A `。` right
/// after `的` is an anti-copy mark, not a full stop, and is skipped.
pub fn headline_range(s: &[char], from: usize, to: usize) -> (usize, usize) {
    let to = to.min(s.len());
    let mut start = from.min(to);
    while start < to && (is_space(s[start]) || (is_comma(s[start]) || is_colon(s[start]))) {
        start += 1;
    }
    let mut end = to;
    let mut i = start;
    while i < to {
        let c = s[i];
        let stop = match c {
            '。' => !(i > start && s[i - 1] == '的'),
            '：' | ':' | '；' | ';' | '！' | '？' | '!' | '?' => true,
            '-' => s.get(i + 1) == Some(&'-'),
            '，' | ',' => {
                let rest: String = s[i + 1..to.min(i + 6)].iter().collect();
                super::cues::HEADLINE_STOPS
                    .iter()
                    .any(|c| rest.starts_with(c.text))
            }
            _ => false,
        };
        if stop && i > start {
            end = i;
            break;
        }
        i += 1;
    }
    while end > start && (is_space(s[end - 1]) || (is_comma(s[end - 1]) || s[end - 1] == '、')) {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn depth_follows_first_appearance() {
        // 一、 → 1、 → （一） in this report, the reverse of the usual table.
        let lines: Vec<Vec<char>> = [
            "一、情况",
            "1、甲",
            "（一）乙",
            "二、问题",
            "（一）丙",
            "1、丁",
        ]
        .iter()
        .map(|s| chars(s))
        .collect();
        let o = Outline::build(&lines);
        let ranks: Vec<usize> = o.nodes.iter().map(|n| n.rank).collect();
        assert_eq!(ranks, vec![0, 1, 2, 0, 2, 1]);
        assert_eq!(o.nodes[2].parent, Some(1));
        assert_eq!(o.nodes[4].parent, Some(3));
        assert_eq!(o.nodes[5].parent, Some(3));
        assert_eq!(o.extent(0), 2);
    }

    #[test]
    fn excerpt_opening_mid_list_keeps_the_conventional_ladder() {
        // The excerpt starts at （四）: the 一、 heading above it was cut off. The later 五、 must
        // rank above （一）, or it ends up as a child of （六） with no items of its own.
        let lines: Vec<Vec<char>> = [
            "（四）台账登记不及时。",
            "（五）巡查频次偏低。",
            "五、改进的建议",
            "（一）补齐台账。",
            "（二）加密巡查。",
        ]
        .iter()
        .map(|s| chars(s))
        .collect();
        let o = Outline::build(&lines);
        let ranks: Vec<usize> = o.nodes.iter().map(|n| n.rank).collect();
        assert_eq!(ranks, vec![1, 1, 0, 1, 1]);
        assert_eq!(o.nodes[2].parent, None);
        assert_eq!(o.nodes[2].children, vec![3, 4]);
        // Counting from （一） and then meeting 三、 is the same cut: 三、 goes on top.
        let lines: Vec<Vec<char>> = ["（一）甲", "（二）乙", "三、丙", "（一）丁"]
            .iter()
            .map(|s| chars(s))
            .collect();
        let o = Outline::build(&lines);
        assert_eq!(o.nodes[3].parent, Some(2));
    }

    #[test]
    fn a_full_report_with_its_own_ladder_keeps_first_appearance() {
        // 1、 above （一）, both counted from one: the report's own order, not an excerpt.
        let lines: Vec<Vec<char>> = ["1、情况", "（一）甲", "（二）乙", "2、问题", "（一）丙"]
            .iter()
            .map(|s| chars(s))
            .collect();
        let o = Outline::build(&lines);
        let ranks: Vec<usize> = o.nodes.iter().map(|n| n.rank).collect();
        assert_eq!(ranks, vec![0, 1, 1, 0, 1]);
        // Plain 一、 after a first （一） counted from one is the document's order too.
        let lines: Vec<Vec<char>> = ["（一）前言", "一、正文", "（二）结语"]
            .iter()
            .map(|s| chars(s))
            .collect();
        let o = Outline::build(&lines);
        let ranks: Vec<usize> = o.nodes.iter().map(|n| n.rank).collect();
        assert_eq!(ranks, vec![0, 1, 0]);
    }

    #[test]
    fn inline_runs_start_at_one_and_count_up() {
        let s = chars(
            "但也存在一些问题和不足。一是意识不够强，主要原因是职能。二是起步较晚。三是宣传有待加强。",
        );
        let run = inline_run(&s, 0);
        assert_eq!(run.len(), 3);
        let (a, b) = headline_range(&s, run[0].start + run[0].marker_len, run[0].end);
        assert_eq!(s[a..b].iter().collect::<String>(), "意识不够强");
        // A lone 二是 is not a run; 一是 inside a word is not a marker.
        assert!(inline_run(&chars("这是其一是说，二是指"), 0).is_empty());
    }

    #[test]
    fn headline_skips_stray_full_stop_after_de() {
        let s = chars("2、规范项目，夯实基础，提高招商引资的。成功率。项目规范即是");
        let (a, b) = headline_range(&s, 2, s.len());
        assert_eq!(
            s[a..b].iter().collect::<String>(),
            "规范项目，夯实基础，提高招商引资的。成功率"
        );
    }
}
