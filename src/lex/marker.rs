//! List markers: the `一、`, `（一）`, `1.`, `①`, `一是`, `第一，` and bullets that open headings
//! and list entries. Sections build the heading ladder from them; cleaning checks that a
//! repaired mojibake line starts with one; the page splitter uses them to tell a list line from a
//! title.

use super::numeral::{arabic_ordinal_prefix, cn_ordinal_prefix};
use super::width::digit_value;

/// The kinds of enumeration marker, named by their shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkerKind {
    /// `一、`
    CnComma,
    /// `（一）`, `(一)、`
    CnParen,
    /// `1、`, `1.`
    NumComma,
    /// `（1）`, `(1)、`
    NumParen,
    /// `1)`
    NumHalfParen,
    /// `①`
    Circled,
    /// `一是`
    Shi,
    /// `一要`
    Yao,
    /// `第一，`, and the older `第一点，` `第一个问题，` `第一个方面，`
    Di,
    /// `- `, `• `, `● `: a bullet without a number. Always the deepest level.
    Bullet,
}

/// Words between `第一` and its punctuation in older reports: 第一点，第二个问题，第三个方面，.
const DI_COUNTERS: &[&str] = &["点", "个问题", "个方面"];

/// Bullet chars that open a list entry (a `-` needs a space after it: `-5%` is a number).
const BULLETS: &[char] = &['•', '●', '▪', '◆', '■', '◇', '○'];

/// A marker found at the start of a line (or inside a paragraph, for inline runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// The number the marker stands for (`三` → 3).
    pub ordinal: u32,
    /// Length of the marker in chars, trailing `、` included.
    pub len: usize,
}

/// An opening bracket of a marker, half- or full-width.
pub fn is_open(c: char) -> bool {
    c == '(' || c == '（'
}

/// A closing bracket of a marker, half- or full-width.
pub fn is_close(c: char) -> bool {
    c == ')' || c == '）'
}

/// Whether a char is whitespace as found at line starts (ASCII, ideographic space, NBSP).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// The enumeration marker at the start of `s` (already trimmed of leading spaces), if any.
pub fn parse_marker(s: &[char]) -> Option<Marker> {
    let at = |i: usize| s.get(i).copied();
    // A trailing `、` or `.` after a closing bracket belongs to the marker: `（四）、`.
    let tail = |i: usize| match at(i) {
        Some('、') | Some('.') | Some('．') => 1,
        _ => 0,
    };
    let first = at(0)?;
    if let Some(k) = ('①'..='⑳').position(|c| c == first) {
        return Some(Marker {
            kind: MarkerKind::Circled,
            ordinal: k as u32 + 1,
            len: 1 + tail(1),
        });
    }
    if is_open(first) {
        if let Some((v, n)) = cn_ordinal_prefix(&s[1..])
            && at(1 + n).is_some_and(is_close)
        {
            return Some(Marker {
                kind: MarkerKind::CnParen,
                ordinal: v,
                len: 2 + n + tail(2 + n),
            });
        }
        if let Some((v, n)) = arabic_ordinal_prefix(&s[1..])
            && at(1 + n).is_some_and(is_close)
        {
            return Some(Marker {
                kind: MarkerKind::NumParen,
                ordinal: v,
                len: 2 + n + tail(2 + n),
            });
        }
        return None;
    }
    if first == '第' {
        let (v, n) = cn_ordinal_prefix(&s[1..])?;
        let rest: String = s[1 + n..].iter().take(4).collect();
        let counter = DI_COUNTERS
            .iter()
            .find(|w| rest.starts_with(*w))
            .map_or(0, |w| w.chars().count());
        return match at(1 + n + counter) {
            Some('，' | ',' | '、' | '：' | ':') => Some(Marker {
                kind: MarkerKind::Di,
                ordinal: v,
                len: 2 + n + counter,
            }),
            _ => None,
        };
    }
    if (first == '-' && at(1).is_some_and(is_space)) || BULLETS.contains(&first) {
        let mut len = 1;
        while at(len).is_some_and(is_space) {
            len += 1;
        }
        // A bullet before nothing is a rule, not an entry.
        return at(len).is_some().then_some(Marker {
            kind: MarkerKind::Bullet,
            ordinal: 0,
            len,
        });
    }
    if let Some((v, n)) = cn_ordinal_prefix(s) {
        return match at(n) {
            Some('、') => Some(Marker {
                kind: MarkerKind::CnComma,
                ordinal: v,
                len: n + 1,
            }),
            Some('是') if v <= 10 && at(n + 1) != Some('否') => Some(Marker {
                kind: MarkerKind::Shi,
                ordinal: v,
                len: n + 1,
            }),
            Some('要')
                if v <= 10 && !matches!(at(n + 1), Some('求' | '素' | '点' | '件' | '是')) =>
            {
                Some(Marker {
                    kind: MarkerKind::Yao,
                    ordinal: v,
                    len: n + 1,
                })
            }
            _ => None,
        };
    }
    if let Some((v, n)) = arabic_ordinal_prefix(s) {
        let next = at(n + 1);
        return match at(n) {
            Some('、') => Some(Marker {
                kind: MarkerKind::NumComma,
                ordinal: v,
                len: n + 1,
            }),
            // `1.` but not `1.5`, `1.5%`
            Some('.' | '．') if next.is_some_and(|c| digit_value(c).is_none() && c != '%') => {
                Some(Marker {
                    kind: MarkerKind::NumComma,
                    ordinal: v,
                    len: n + 1,
                })
            }
            Some(')' | '）') => Some(Marker {
                kind: MarkerKind::NumHalfParen,
                ordinal: v,
                len: n + 1 + tail(n + 1),
            }),
            _ => None,
        };
    }
    None
}

/// A bracketed marker `（一）`, `（12）`, `(3)` at the very start of `s`.
pub fn starts_with_paren_marker(s: &str) -> bool {
    let head: Vec<char> = s.chars().take(8).collect();
    parse_marker(&head)
        .is_some_and(|m| matches!(m.kind, MarkerKind::CnParen | MarkerKind::NumParen))
}

/// A numbered marker (`一、`, `（一）`, `1.`, `（1）`, `1)`, `①`) at the start of `s`: the
/// shapes that number a list line, leaving out `一是`, `第一，` and bullets.
pub fn starts_with_numbered_marker(s: &str) -> bool {
    let head: Vec<char> = s.chars().take(8).collect();
    parse_marker(&head).is_some_and(|m| {
        !matches!(
            m.kind,
            MarkerKind::Shi | MarkerKind::Yao | MarkerKind::Di | MarkerKind::Bullet
        )
    })
}

/// `（七` at the end of `s`: a bracketed Chinese ordinal whose `）` is missing (GBK mojibake
/// repair loses its second byte).
pub fn ends_with_unclosed_paren_marker(s: &str) -> bool {
    let Some(open) = s.rfind('（') else {
        return false;
    };
    let rest: Vec<char> = s[open + '（'.len_utf8()..].chars().collect();
    cn_ordinal_prefix(&rest).is_some_and(|(_, n)| n == rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<(MarkerKind, u32, usize)> {
        parse_marker(&s.chars().collect::<Vec<_>>()).map(|m| (m.kind, m.ordinal, m.len))
    }

    #[test]
    fn markers_of_every_kind() {
        use MarkerKind::*;
        assert_eq!(kind("三、存在的问题"), Some((CnComma, 3, 2)));
        assert_eq!(kind("（一）高度重视"), Some((CnParen, 1, 3)));
        assert_eq!(kind("(四)、从企业自身看"), Some((CnParen, 4, 4)));
        assert_eq!(kind("10、面向卫生养老领域招商"), Some((NumComma, 10, 3)));
        assert_eq!(kind("(1)完善服务"), Some((NumParen, 1, 3)));
        assert_eq!(kind("（1)从招商项目来看"), Some((NumParen, 1, 3)));
        assert_eq!(kind("1)现执行的绩效管理"), Some((NumHalfParen, 1, 2)));
        assert_eq!(kind("②加强考核"), Some((Circled, 2, 1)));
        assert_eq!(kind("二是突出中心"), Some((Shi, 2, 2)));
        assert_eq!(kind("一要加大园区投入"), Some((Yao, 1, 2)));
        assert_eq!(kind("第三，加强考核"), Some((Di, 3, 3)));
        assert_eq!(kind("十二、其他"), Some((CnComma, 12, 3)));
    }

    #[test]
    fn things_that_are_not_markers() {
        assert_eq!(kind("1.5万元用于"), None);
        assert_eq!(kind("2019年以来"), None);
        assert_eq!(kind("一是否存在"), None);
        assert_eq!(kind("一要求"), None);
        assert_eq!(kind("一公开："), None);
        assert_eq!(kind("三挂钩："), None);
        assert_eq!(kind("“十二五”时期"), None);
        assert_eq!(kind("第一章"), None);
    }

    #[test]
    fn every_marker_shape() {
        use MarkerKind::*;
        assert_eq!(kind("一、总体情况"), Some((CnComma, 1, 2)));
        assert_eq!(kind("（十二）资金管理"), Some((CnParen, 12, 4)));
        assert_eq!(kind("(四)、问题"), Some((CnParen, 4, 4)));
        assert_eq!(kind("3、绩效目标"), Some((NumComma, 3, 2)));
        assert_eq!(kind("1.项目概况"), Some((NumComma, 1, 2)));
        assert_eq!(kind("（２）支出"), Some((NumParen, 2, 3)));
        assert_eq!(kind("1)预算"), Some((NumHalfParen, 1, 2)));
        assert_eq!(kind("③加强"), Some((Circled, 3, 1)));
        assert_eq!(kind("一是加强管理"), Some((Shi, 1, 2)));
        assert_eq!(kind("二要压实责任"), Some((Yao, 2, 2)));
        assert_eq!(kind("第三个问题，"), Some((Di, 3, 6)));
        assert_eq!(kind("• 条目"), Some((Bullet, 0, 2)));
    }

    #[test]
    fn numbers_and_words_are_not_markers() {
        for s in [
            "1.5%的增长",
            "2021年",
            "一要求",
            "是否",
            "-5%",
            "•",
            "（一百）",
            "123、",
            "第一次会议",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
        assert!(starts_with_paren_marker("（一）收入"));
        assert!(starts_with_paren_marker("（12)收入"));
        assert!(!starts_with_paren_marker("一、收入"));
        assert!(starts_with_numbered_marker("1、收入"));
        assert!(!starts_with_numbered_marker("一是收入"));
        assert!(ends_with_unclosed_paren_marker("问题（七"));
        assert!(!ends_with_unclosed_paren_marker("问题（七）"));
        assert!(!ends_with_unclosed_paren_marker("问题（资金"));
    }
}
