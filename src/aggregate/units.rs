//! What the themes stage groups: an item's *units*. A measure is one unit; a problem item that
//! bundles several problems in one headline (`经济下行压力加大，有效需求不足，部分企业生产经营
//! 困难`, or `一是…；二是…`) gives one unit per problem clause, each keeping its parent item.
//! Topic headings (`关于农业合作化问题`) and achievement headings that sat in a problems section
//! (`粮食生产再获丰收，实现稳步增长`) give none.

use super::cues::{
    self, ACHIEVEMENT_WORDS, BUNDLE_ORDINALS, DEFICIENCY_WORDS, TOPIC_ENDINGS, TOPIC_OPENERS,
};
use crate::sections::Item;

/// Han chars a clause needs to stand as a problem of its own; a shorter one (`难以衡量`) is read
/// with the clause before it.
const MIN_CLAUSE_HAN: usize = 6;
/// Most units one item gives; the rest are read with the last.
const MAX_UNITS: usize = 12;
/// Chars of an item's body read for its terms and category, after the headline: the
/// explanation that follows a headline names the problem's field (资金, 指标) early.
const BODY_CHARS: usize = 200;

/// One unit of an item, in simplified script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The headline, or the clause: its terms weigh most and its cues count double for the
    /// category.
    pub head: String,
    /// The start of the item's body (empty for a clause): its terms weigh less, so an
    /// explanation or a rectification note (整改情况：已整改到位) does not pull the item away
    /// from its headline's theme.
    pub body: String,
    /// True when the unit is one clause of a bundled item.
    pub clause: bool,
}

impl Unit {
    /// Headline and body as one text.
    pub fn text(&self) -> String {
        if self.body.is_empty() {
            self.head.clone()
        } else {
            format!("{}。{}", self.head, self.body)
        }
    }
}

/// What became of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Units {
    Kept(Vec<Unit>),
    /// A topic heading (`关于…问题`): what a part is about, not a problem.
    Topic,
    /// An achievement heading with no word of shortfall.
    Achievement,
}

/// Whether simplified `text` says something falls short. `未来` ("future") is not `未`.
pub fn has_deficiency(text: &str) -> bool {
    let t = text.replace("未来", "");
    cues::any(DEFICIENCY_WORDS, &t)
}

fn han_count(s: &str) -> usize {
    s.chars().filter(|c| crate::lex::han::is_han(*c)).count()
}

/// The headline and body (simplified) of an item.
fn simplified_parts(item: &Item) -> (String, String) {
    let head = crate::simplify::to_simplified_aligned(&item.headline);
    let text = crate::simplify::to_simplified_aligned(&item.text);
    let body = match text.find(head.as_str()) {
        Some(at) if !head.is_empty() => text[at + head.len()..].to_string(),
        _ => text,
    };
    let body = body
        .trim_start_matches(['。', '：', ':', '；', '，', ' '])
        .chars()
        .take(BODY_CHARS)
        .collect();
    (head, body)
}

/// The one unit of a whole item.
fn whole(head: String, body: String) -> Unit {
    Unit {
        head,
        body,
        clause: false,
    }
}

/// A measure item's unit, or [`Units::Topic`] for a heading that only names a field
/// (`关于教育科技文化建设`, `教育助学方面`).
pub fn measure_units(item: &Item) -> Units {
    let (head, body) = simplified_parts(item);
    if TOPIC_OPENERS.iter().any(|c| head.starts_with(c.text))
        || TOPIC_ENDINGS.iter().any(|c| head.ends_with(c.text))
    {
        return Units::Topic;
    }
    Units::Kept(vec![whole(head, body)])
}

/// Pieces of `text` cut at `；` `;` `。` and before the inline ordinals (`二是`).
fn ordinal_pieces(text: &str) -> Vec<String> {
    let mut cut = text.to_string();
    for c in BUNDLE_ORDINALS {
        cut = cut.replace(c.text, &format!("；{}", c.text));
    }
    cut.split(['；', ';', '。'])
        // The lead-in before the first ordinal (存在以下问题：) names no problem.
        .filter(|p| !p.trim_end().ends_with(['：', ':']))
        .map(|p| {
            let mut p = p.trim();
            for c in BUNDLE_ORDINALS {
                p = p.strip_prefix(c.text).unwrap_or(p);
            }
            p.trim_start_matches(['，', '：', ' ']).to_string()
        })
        .filter(|p| han_count(p) >= MIN_CLAUSE_HAN)
        .collect()
}

/// Problem clauses of a sentence: comma pieces are gathered until the gathered text says
/// something falls short (`部分企业，生产经营困难` is one clause); a short clause or a tail with
/// no such word is read with the clause before it.
fn problem_clauses(sentence: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = String::new();
    for piece in sentence.split(['，', ',', '；', ';', '。']) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        if !open.is_empty() {
            open.push('，');
        }
        open.push_str(piece);
        if has_deficiency(piece) {
            match out.last_mut() {
                Some(last) if han_count(&open) < MIN_CLAUSE_HAN => {
                    last.push('，');
                    last.push_str(&open);
                }
                _ => out.push(std::mem::take(&mut open)),
            }
            open.clear();
        }
    }
    if !open.is_empty() {
        match out.last_mut() {
            Some(last) => {
                last.push('，');
                last.push_str(&open);
            }
            None => out.push(open),
        }
    }
    out
}

fn cap(mut units: Vec<String>) -> Vec<String> {
    if units.len() > MAX_UNITS {
        let rest = units.split_off(MAX_UNITS - 1).join("，");
        units.push(rest);
    }
    units
}

/// A problem item's units.
pub fn problem_units(item: &Item) -> Units {
    let (head, body) = simplified_parts(item);
    let all = format!("{head}{body}");
    if TOPIC_OPENERS.iter().any(|c| head.starts_with(c.text))
        && !has_deficiency(&head.replace("问题", ""))
    {
        return Units::Topic;
    }
    if !has_deficiency(&all) && cues::any(ACHIEVEMENT_WORDS, &head) {
        return Units::Achievement;
    }
    let full = crate::simplify::to_simplified_aligned(&item.text);
    let ordinals = BUNDLE_ORDINALS
        .iter()
        .filter(|c| full.contains(c.text))
        .count();
    let clauses = if ordinals >= 2 {
        ordinal_pieces(&full)
    } else {
        problem_clauses(&head)
    };
    let clauses = cap(clauses);
    if clauses.len() < 2 {
        return Units::Kept(vec![whole(head, body)]);
    }
    Units::Kept(
        clauses
            .into_iter()
            .map(|c| Unit {
                head: c,
                body: String::new(),
                clause: true,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::ItemRole;

    fn item(headline: &str, text: &str) -> Item {
        Item {
            line: 1,
            char_span: [0, 0],
            marker: String::new(),
            headline: headline.to_string(),
            text: text.to_string(),
            role: ItemRole::Problem,
            children: Vec::new(),
        }
    }

    fn clauses(u: Units) -> Vec<String> {
        match u {
            Units::Kept(v) => v.into_iter().filter(|u| u.clause).map(|u| u.head).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bundled_headline_gives_one_unit_per_problem() {
        let h = "经济恢复的基础还不稳固，有效需求不足，部分企业生产经营困难，就业压力总体较大";
        let got = clauses(problem_units(&item(h, h)));
        assert_eq!(
            got,
            [
                "经济恢复的基础还不稳固",
                "有效需求不足",
                "部分企业生产经营困难",
                "就业压力总体较大"
            ]
        );
    }

    #[test]
    fn ordinals_split_the_whole_text() {
        let t = "存在以下问题：一是项目资金拨付进度偏慢；二是绩效指标设置不够细化；三是档案资料管理不规范。";
        let got = clauses(problem_units(&item("存在以下问题", t)));
        assert_eq!(
            got,
            [
                "项目资金拨付进度偏慢",
                "绩效指标设置不够细化",
                "档案资料管理不规范"
            ]
        );
    }

    #[test]
    fn one_problem_with_its_consequence_stays_one_unit() {
        // The tail (影响了项目进度) and a short clause are read with the clause before them.
        let h = "项目资金拨付不及时，影响了项目进度";
        match problem_units(&item(h, &format!("{h}。经核查，有三笔资金延后拨付。")))
        {
            Units::Kept(v) => {
                assert_eq!(v.len(), 1);
                assert!(!v[0].clause);
                assert!(v[0].body.contains("三笔资金"), "the body is read: {v:?}");
            }
            other => panic!("{other:?}"),
        }
        let h = "绩效目标不明确，难以衡量";
        assert!(matches!(problem_units(&item(h, h)), Units::Kept(v) if v.len() == 1));
    }

    #[test]
    fn measure_headings_that_name_a_field_give_no_units() {
        let mut m = item("教育助学方面", "教育助学方面");
        m.role = ItemRole::Measure;
        assert_eq!(measure_units(&m), Units::Topic);
        let m = item("关于教育科技文化建设", "关于教育科技文化建设");
        assert_eq!(measure_units(&m), Units::Topic);
        let m = item("加快资金拨付", "加快资金拨付。按进度拨付。");
        assert!(matches!(measure_units(&m), Units::Kept(v) if v.len() == 1));
    }

    #[test]
    fn topic_and_achievement_headings_give_no_units() {
        assert_eq!(
            problem_units(&item("关于农业合作化的问题", "关于农业合作化的问题")),
            Units::Topic
        );
        assert_eq!(
            problem_units(&item(
                "粮食生产再获丰收，实现稳步增长",
                "粮食生产再获丰收，实现稳步增长。全年产量创历史新高。"
            )),
            Units::Achievement
        );
        // A topic opener with a shortfall is a problem; an achievement word beside a
        // shortfall too.
        assert!(matches!(
            problem_units(&item(
                "关于资金拨付不及时的问题",
                "关于资金拨付不及时的问题"
            )),
            Units::Kept(_)
        ));
        assert!(matches!(
            problem_units(&item(
                "虽取得一定成效，但增长动力不足",
                "虽取得一定成效，但增长动力不足"
            )),
            Units::Kept(_)
        ));
        // 未来 is not 未.
        assert_eq!(
            problem_units(&item("未来发展取得新成就", "未来发展取得新成就")),
            Units::Achievement
        );
    }
}
