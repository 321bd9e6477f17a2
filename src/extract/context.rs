//! Context rules around a mention: qualifiers (近/约/以上 …), roles (threshold, change,
//! per_unit) and the `上年` reference. They look at the text right before and after a match.

use std::sync::LazyLock;

use regex::Regex;

use super::{Approx, Role};

/// Qualifiers written right before a number, longest first: (word, approx, bounds a class?).
const PREFIXES: &[(&str, Approx, bool)] = &[
    // Performance targets in self-evaluation tables: `项目总成本 ≤90万元`.
    ("≤", Approx::Under, true),
    ("≥", Approx::Over, true),
    ("超出", Approx::Over, true),
    ("不超过", Approx::Under, true),
    ("将近", Approx::Nearly, false),
    ("接近", Approx::Nearly, false),
    ("近似", Approx::Nearly, false),
    ("大约", Approx::About, false),
    ("约为", Approx::About, false),
    ("约合", Approx::About, false),
    ("超过", Approx::Over, true),
    ("突破", Approx::Over, true),
    ("不到", Approx::Under, true),
    ("不足", Approx::Under, true),
    ("近", Approx::Nearly, false),
    ("约", Approx::About, false),
    ("逾", Approx::Over, true),
    ("超", Approx::Over, true),
];

/// Qualifiers written right after the currency word: (word, approx, bounds a class?).
const SUFFIXES: &[(&str, Approx, bool)] = &[
    // Inclusive bounds of rules and catalogues (`总投资5000万元及以上项目`): always a class.
    ("及其以上", Approx::Over, true),
    ("及以上", Approx::Over, true),
    ("及其以下", Approx::Under, true),
    ("及以下", Approx::Under, true),
    ("以上", Approx::Over, true),
    ("以下", Approx::Under, true),
    ("以内", Approx::Under, true),
    ("左右", Approx::About, false),
    ("上下", Approx::About, false),
];

/// A qualifier found next to a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Qualifier {
    pub approx: Approx,
    /// Bytes the qualifier adds to the span (before or after).
    pub len: usize,
    /// A bound (以上, 突破, 不到 …) rather than an estimate (约, 左右, 近).
    pub bound: bool,
}

/// The qualifier that `before` ends with, if any.
pub fn prefix_qualifier(before: &str) -> Option<Qualifier> {
    PREFIXES
        .iter()
        .find(|(w, _, _)| before.ends_with(w))
        .map(|&(w, approx, bound)| Qualifier {
            approx,
            len: w.len(),
            bound,
        })
}

/// The qualifier that `after` starts with, if any (`上下游` is not one).
pub fn suffix_qualifier(after: &str) -> Option<Qualifier> {
    SUFFIXES
        .iter()
        .find(|(w, _, _)| after.starts_with(w))
        .filter(|(w, _, _)| !(*w == "上下" && after[w.len()..].starts_with(['游', '级', '級'])))
        .map(|&(w, approx, bound)| Qualifier {
            approx,
            len: w.len(),
            bound,
        })
}

/// A lower/upper bound separated from its number by per-unit words.
///
/// Example: `平均資助標準不低于每生每年2000元` → `不低于` + gap `每生每年` (approx over).
///
/// Comparison words stay out of the text even right before the number (`每亩补贴不低于120元` →
/// `120元`, over; `力争财政赤字少于三十亿元` → `三十亿元`, under), unlike the guidelines' own
/// qualifiers (近, 约, 超过, 不到 …).
pub static DISTANT_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?P<w>不低于|不少于|不小于|至少|不高于|不多于|不大于|最高|最多|少于|低于|小于|多于|高于|大于)(?:每[^0-9，,。；;、:：]{1,2}|人均|生均|户均|年均)*$").unwrap_or_else(|e| panic!("DISTANT_BOUND: {e}"))
});

/// The bound of [`DISTANT_BOUND`] that `before` ends with.
pub fn distant_bound(before: &str) -> Option<Approx> {
    let tail = tail_chars(before, 12);
    DISTANT_BOUND
        .captures(tail)
        .and_then(|c| c.name("w"))
        .map(|w| {
            if matches!(
                w.as_str(),
                "不高于" | "不多于" | "不大于" | "最高" | "最多" | "少于" | "低于" | "小于"
            ) {
                Approx::Under
            } else {
                Approx::Over
            }
        })
}

pub use crate::lex::sentence::{clause_tail, is_clause_break};
pub use crate::lex::{head_chars, tail_chars};

/// Nouns that make a bounded sum name a class (`億元以上項目`, `10億元以上的行業龍頭企業`).
const CLASS_NOUNS: &[&str] = &["项目", "企业", "工业", "产业", "工程", "单位", "家庭"];

/// Nouns after `…元的` that make a bounded figure a stated sum, not a class (`突破100亿元的大关`).
const SUM_NOUNS: &[&str] = &[
    "目标",
    "大关",
    "关口",
    "水平",
    "规模",
    "任务",
    "记录",
    "历史",
    "好成绩",
    "成绩",
];

/// Words that make a class right after the currency word (`億元工業項目`, `1—10億元項目`,
/// `百亿元级企业`); `项目资金` is money for projects, not a class.
const DIRECT_CLASS: &[&str] = &["项目", "工业项目", "级", "企业"];

/// Whether a sum names a class of things rather than a sum (role `threshold`).
///
/// `after` is the text following the mention (qualifiers included in the mention);
/// `bound` is true when the mention carries 以上/以下/突破/上/不到 …; `bare` when the numeral has
/// no digit (`億元以上`).
/// Places and units that a bounded sum right before them classes (`超千亿元县`, `亿元村`,
/// `百亿元企业`); only with a bound, since `100万元县级配套` is a sum.
const BOUND_CLASS_HEADS: &[&str] = &[
    "县", "市", "区", "乡镇", "镇", "村", "园区", "企业", "集团", "产业",
];

pub fn is_threshold(after: &str, bound: bool, bare: bool) -> bool {
    if bound && bare {
        return true;
    }
    if DIRECT_CLASS.iter().any(|w| after.starts_with(w))
        && !["资金", "经费", "款", "支出", "建设"]
            .iter()
            .any(|w| head_chars(after, 6).contains(w))
    {
        return true;
    }
    if !bound {
        return false;
    }
    // `超千亿元县`, `亿元以上乡镇`: a bound right before a kind of place or unit names a class.
    if BOUND_CLASS_HEADS.iter().any(|w| {
        after
            .strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with('级'))
    }) {
        return true;
    }
    if let Some(noun) = after.strip_prefix('的') {
        // `以上的要申報`, `上億元的…項目`, `超过50万元的支出`: a class; but `突破100亿元的目标` is a sum.
        return !SUM_NOUNS.iter().any(|w| noun.starts_with(w));
    }
    let window: String = after
        .chars()
        .take(12)
        .take_while(|&c| !is_clause_break(c))
        .collect();
    CLASS_NOUNS.iter().any(|w| window.contains(w))
}

/// Verbs that make the sum right after them a difference (role `change`), longest first.
const CHANGE_VERBS: &[&str] = &[
    "增加", "增长", "增收", "增支", "减少", "下降", "减收", "减支", "节约", "节省", "节支", "降低",
    "提高", "上升", "超收", "短收", "压减", "核减", "净增", "超过", "超出", "多出", "高出", "增",
    "减", "多", "少",
];

/// A saving verb with its object right before the sum: `节约资金2.3亿元`, `压减一般性支出5亿元`.
pub static SAVING_WITH_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:节约|节省|压减|压缩|核减|减少)了?[^，,。；;、:：0-9]{0,4}(?:资金|经费|支出|开支|成本|费用)$").unwrap_or_else(|e| panic!("SAVING_WITH_OBJECT: {e}"))
});

/// Whether the sum right after `before` is a difference: `比上年5萬元增加5萬元`,
/// `相比同期增加560.43萬元`, `同比增5亿元`, `比上年多1.2亿元` (多/少 only after 比),
/// `节约资金2.3亿元` ([`SAVING_WITH_OBJECT`]).
pub fn is_change(before: &str) -> bool {
    if SAVING_WITH_OBJECT.is_match(tail_chars(before, 12)) {
        return true;
    }
    let b = before.strip_suffix('了').unwrap_or(before);
    CHANGE_VERBS.iter().any(|v| {
        if !b.ends_with(v) {
            return false;
        }
        let rest = &b[..b.len() - v.len()];
        match *v {
            // `新增就业` is no difference, but `比去年新增3637元` is.
            "增" => !rest.ends_with('新') || clause_tail(rest).contains('比'),
            // `比上年多1.2亿元`; `比原列1302.17亿元超过16.62亿元` (by how much, not a bound).
            "多" | "少" | "超过" | "超出" | "多出" | "高出" => {
                clause_tail(rest).contains('比')
            }
            _ => true,
        }
    })
}

/// Cues of a rate per person, student, year, item (`每生每年`, `人均`, `各區縣市`).
///
/// Example: `單獨設立人均1萬元的…獎`, `每年引資總額達到300億元左右`, `各區縣市投入要達到一個億以上`.
/// `平均` too: `項目平均投資規模超過億元` is a size per project.
/// Per-capita measures named without `人均`: `城镇居民可支配收入20000元`, `农民纯收入`,
/// `全社会劳动生产率9902元` (per worker), unless a total (`可支配收入总额`).
/// Not: `各级财政`, `各类项目`, `各项收入`, `各部门`, `各机关`, `各单位`, `各乡镇` (aggregates:
/// `各乡镇批复指标11.49亿元`), `各区县共投入` (a total).
pub static PER_UNIT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("每|人均|生均|户均|亩均|年均|月均|日均|平均|(?P<inc>居民可支配收入|农民纯收入|劳动生产率)|(?P<ge>各)[^级类项种界方个自地部机单乡镇]").unwrap_or_else(|e| panic!("PER_UNIT_CUE: {e}"))
});

/// Units written after a rate: `3000元/人`, `500元/亩·年`, `200元每人`.
pub static PER_UNIT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^(?:/|每(?:人|年|月|亩|户|生|吨|平方米))")
        .unwrap_or_else(|e| panic!("PER_UNIT_AFTER: {e}"))
});

/// A clause that opens with a verb of reaching, so its subject is the previous clause's.
pub static CARRIED_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^(?:首次|已|将|再)?(?:达到|到达|达|增至|增加到|提高到|升至|上升到)$")
        .unwrap_or_else(|e| panic!("CARRIED_SUBJECT: {e}"))
});

/// Whether the sum is a rate: a cue in its clause before it, or a unit right after it.
pub fn is_per_unit(before: &str, after: &str) -> bool {
    if PER_UNIT_AFTER.is_match(after) {
        return true;
    }
    // A label before a colon names what follows: `全年全国职工人均工资:6470元`.
    let tail = clause_tail(before);
    let head = &before[..before.len() - tail.len()];
    // A clause that opens with a verb has the subject of the one before: `人均生产总值突破2万元,
    // 达到20230元`.
    let carried = CARRIED_SUBJECT.is_match(tail);
    let clause = match head.strip_suffix([':', '：']) {
        Some(h) => &before[h.len() - clause_tail(h).len()..],
        None if carried && !head.is_empty() => {
            let h = &head[..head.len() - head.chars().next_back().map_or(0, char::len_utf8)];
            &before[h.len() - clause_tail(h).len()..]
        }
        None => tail,
    };
    PER_UNIT_CUE
        .captures_iter(clause)
        .any(|c| match c.name("ge").or_else(|| c.name("inc")) {
            Some(g) => {
                let rest = &clause[g.end()..];
                !["共", "合计", "累计", "总"]
                    .iter()
                    .any(|w| rest.contains(w))
            }
            None => true,
        })
}

/// The sum right after `before` belongs to the previous year: `比上年5萬元`, `去年同期的3亿元`.
pub static PREVIOUS_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:上年|去年|上一年|前一年)(?:度)?(?:同期)?(?:累计)?(?:支出|收入|决算数|预算数)?(?:的|为|是)?$").unwrap_or_else(|e| panic!("PREVIOUS_YEAR: {e}"))
});

/// A stated total with a bound, not a class: `总额超过2亿元的水利专项资金` (the funds themselves),
/// unlike `投资总额超过10亿元的项目`.
fn is_bounded_total(before: &str, after: &str) -> bool {
    let Some(noun) = after.strip_prefix('的') else {
        return false;
    };
    let noun: String = noun
        .chars()
        .take(10)
        .take_while(|&c| !is_clause_break(c))
        .collect();
    ["总额", "总计", "合计", "共计"]
        .iter()
        .any(|w| clause_tail(before).contains(w))
        && ["资金", "经费", "款项"].iter().any(|w| noun.contains(w))
        && !CLASS_NOUNS.iter().any(|w| noun.contains(w))
}

/// A sum framed as a level a quantity steps onto (`迈上3万亿元台阶`, `跨上一千亿元的新台阶`,
/// `登上百亿元台阶`): a bound that names a class of economies, not a stated sum.
pub static LEVEL_REACHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^(?:的)?(?:新|大)?(?:台阶|档次|梯队)")
        .unwrap_or_else(|e| panic!("LEVEL_REACHED: {e}"))
});

/// The verbs that put a sum onto a level ([`LEVEL_REACHED`]), with `了` allowed after them.
const LEVEL_VERBS: &[&str] = &["迈上", "跨上", "登上", "迈入", "跨入", "跃上", "站上", "上"];

fn is_level_reached(before: &str, after: &str) -> bool {
    let b = before.strip_suffix('了').unwrap_or(before);
    LEVEL_REACHED.is_match(after) && LEVEL_VERBS.iter().any(|v| b.ends_with(v))
}

/// Pick the role of a money mention; threshold first, then change, per_unit, amount.
///
/// Blanks right before the number are no part of the cue (`增收 7.2億元`, text from PDFs).
pub fn money_role(before: &str, after: &str, bound: bool, bare: bool) -> Role {
    let before = before.trim_end_matches([' ', '\u{a0}', '\u{3000}']);
    if (is_threshold(after, bound, bare) && !is_bounded_total(before, after))
        || is_level_reached(before, after)
    {
        Role::Threshold
    } else if is_change(before) {
        Role::Change
    } else if is_per_unit(before, after) {
        Role::PerUnit
    } else {
        Role::Amount
    }
}

#[cfg(test)]
mod tests {
    use super::{Approx, PREVIOUS_YEAR, Role};

    // The rules see the simplified view of a line (what the pipeline hands them), so the
    // tests, which quote reports in either script, call them through it.
    fn simp(s: &str) -> String {
        crate::simplify::to_simplified_aligned(s)
    }
    fn prefix_qualifier(s: &str) -> Option<super::Qualifier> {
        super::prefix_qualifier(&simp(s))
    }
    fn suffix_qualifier(s: &str) -> Option<super::Qualifier> {
        super::suffix_qualifier(&simp(s))
    }
    fn distant_bound(s: &str) -> Option<Approx> {
        super::distant_bound(&simp(s))
    }
    fn is_threshold(after: &str, bound: bool, bare: bool) -> bool {
        super::is_threshold(&simp(after), bound, bare)
    }
    fn is_change(s: &str) -> bool {
        super::is_change(&simp(s))
    }
    fn is_per_unit(before: &str, after: &str) -> bool {
        super::is_per_unit(&simp(before), &simp(after))
    }
    fn money_role(before: &str, after: &str, bound: bool, bare: bool) -> Role {
        super::money_role(&simp(before), &simp(after), bound, bare)
    }

    #[test]
    fn qualifiers() {
        assert_eq!(
            prefix_qualifier("總投資額約").map(|q| q.approx),
            Some(Approx::About)
        );
        assert_eq!(
            prefix_qualifier("要求有突破").map(|q| (q.approx, q.bound)),
            Some((Approx::Over, true))
        );
        assert_eq!(prefix_qualifier("資金").map(|q| q.approx), None);
        assert_eq!(
            suffix_qualifier("以上的要申報").map(|q| q.approx),
            Some(Approx::Over)
        );
        assert_eq!(
            suffix_qualifier("左右。").map(|q| q.approx),
            Some(Approx::About)
        );
        assert_eq!(suffix_qualifier("上下游配套"), None);
        assert_eq!(
            distant_bound("平均資助標準不低于每生每年"),
            Some(Approx::Over)
        );
        assert_eq!(distant_bound("一、二、三檔資助金額分別為每生每年"), None);
    }

    #[test]
    fn levels_reached_are_thresholds() {
        use super::{Role, money_role};
        let role = |b: &str, a: &str| money_role(&simp(b), &simp(a), false, false);
        assert_eq!(role("全国地区生产总值迈上", "台阶，"), Role::Threshold);
        assert_eq!(role("财政收入跨上了", "的新台阶"), Role::Threshold);
        assert_eq!(role("全市經濟總量邁上", "臺階"), Role::Threshold);
        // The verb alone, or the noun alone, is not the frame.
        assert_eq!(role("财政收入达到", "台阶"), Role::Amount);
        assert_eq!(role("全国地区生产总值迈上", "，"), Role::Amount);
        assert!(super::LEVEL_REACHED.is_match("的新台阶"));
        assert!(!super::LEVEL_REACHED.is_match("，台阶"));
    }

    #[test]
    fn thresholds() {
        assert!(is_threshold("項目106個,其中", true, false));
        assert!(is_threshold("的重大戰略項目極少", true, false));
        assert!(is_threshold("工業項目只有6個", true, false));
        assert!(is_threshold("工業項目。", false, true));
        assert!(is_threshold("項目31個,省152項目9個", false, false));
        assert!(is_threshold("", true, true));
        // A bound before a kind of place classes it; without a bound it is a sum.
        assert!(is_threshold("县达到5个", true, false));
        assert!(!is_threshold("县级配套资金", false, false));
        assert!(!is_threshold("市级财政资金", true, false));
        // Amounts: a bound sum that names no class, a project's size, project funds.
        assert!(!is_threshold(",其中引進外資總額30億美元", true, false));
        assert!(!is_threshold("的xx合作項目等。", false, false));
        assert!(!is_threshold("項目資金,用于", false, false));
        assert!(!is_threshold("。人力資源瓶頸", true, false));
        assert!(is_threshold("的支出实行集体决策", true, false));
        assert!(!is_threshold("的大关,创历史新高", true, false));
    }

    #[test]
    fn changes() {
        assert!(is_change("比上年5萬元增加"));
        assert!(is_change("相比同期增加"));
        assert!(is_change("同比增"));
        assert!(is_change("比上年多"));
        assert!(!is_change("故20xx年預算公務接待費為"));
        assert!(!is_change("新增"));
        assert!(is_change("壓減一般性支出10%以上,節約資金"));
        assert!(is_change("压减一般性支出"));
        assert!(!is_change("安排教育支出"));
        assert!(!is_change("节约资金用于民生,投入资金"));
        assert!(!is_change("津市達到3個多億,全市多"));
        assert_eq!(
            money_role("比去年同期減收 ", "。", false, false),
            Role::Change
        );
        assert_eq!(money_role("本年度撥款 ", "。", false, false), Role::Amount);
    }

    #[test]
    fn per_unit_rates() {
        assert!(is_per_unit("單獨設立人均", "的鄉鎮領導干部"));
        assert!(is_per_unit("分別為每生每年3000元、2000元、", "。"));
        assert!(is_per_unit(
            "五是落實經費保障。每個市直部門招商小分隊年工作定額補貼",
            ";"
        ));
        assert!(is_per_unit("各區縣市投入要達到", "。"));
        assert!(is_per_unit("补贴标准为", "/人"));
        assert!(!is_per_unit("市招商局專項工作經費保證", ";"));
        assert!(!is_per_unit(
            "每年引資總額達到300億元左右,五年引進內外資總額達到",
            ","
        ));
        assert!(!is_per_unit("各级财政投入", "。"));
        assert!(!is_per_unit("各乡镇共投入", "。"));
        // Own words: an average per item, a subject carried over, an aggregate of agencies.
        assert!(is_per_unit("新建厂房平均造价超过", "。"));
        assert!(is_per_unit("人均绿地投入首次超过3万元,达到", "。"));
        assert!(!is_per_unit("全县财政收入首次超过3亿元,达到", "。"));
        assert!(!is_per_unit("各机关上报的维修需求合计", "。"));
        assert!(!is_per_unit("各單位結轉資金", "。"));
    }

    #[test]
    fn previous_year() {
        assert!(PREVIOUS_YEAR.is_match(&simp("故20xx年預算公務接待費為10萬元,比上年")));
        assert!(PREVIOUS_YEAR.is_match("去年同期的"));
        assert!(!PREVIOUS_YEAR.is_match("比上年5萬元增加"));
    }
}
