//! The regular expressions of the extract stage, compiled once.
//!
//! They run on the folded line (`fold`): ASCII digits, `%`, `.`, `-`, `~`, `x`. Each
//! matches the *shape* of a mention; the context checks (currency word present, bare units only
//! in threshold phrases, `元月`, counts, guards around years) live in the stage code, because the
//! `regex` crate has no look-around. They hold simplified forms only: the text they run on is
//! simplified first (萬 億 個 餘 arrive as 万 亿 个 余).

use std::sync::LazyLock;

use regex::Regex;

/// Chinese digits, common and financial forms (simplified).
pub const CJK_DIGITS: &str = "〇○零一二两三四五六七八九壹贰叁肆伍陆柒捌玖";
/// Chinese multipliers. `兆` is 10^12 as in Taiwan's budgets (`3兆1,648億元`).
pub const CJK_UNITS: &str = "十拾百佰千仟万亿兆";
/// An Arabic number with optional thousands separators and decimals.
pub const ARABIC: &str = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?";

/// A numeral: Arabic, Chinese or mixed, with multipliers and `多/余/几/来` inside
/// (`626.8万`, `二十三亿八千万`, `400多万`, `1.2万亿`, `十几亿`, `三点五`).
///
/// One space may stand between Arabic digits and a multiplier, as in text taken from PDFs
/// (`134.9 万亿`, `5824.04 亿`); nowhere else, so `2 3万元` is still `3万元`.
pub fn numeral() -> String {
    let d = CJK_DIGITS;
    let u = CJK_UNITS;
    let arabic = format!("{ARABIC}(?: ?[{u}])?");
    format!("(?:{arabic}|[{d}{u}])(?:{arabic}|[{d}{u}]|[点][{d}]|[多余几来])*")
}

/// Currency words, longest first so `美元` is not read as `元`.
///
/// Beyond the guidelines' six codes, Taiwan's and Macau's own currency words get their ISO codes
/// (`新臺幣` TWD, `澳門元` MOP), which the guidelines' list leaves open with its "…"; a bare
/// `元` stays CNY, as the rules read one line, not the whole report.
pub const CURRENCY: &str =
    "美元|美金|港元|港币|欧元|日元|英镑|元人民币|人民币|元新台币|新台币|澳门元|澳门币|元";

/// Separators of a range (`15-20万元`, `1—10亿元`, `十五亿元到二十亿元`).
pub const RANGE_SEP: &str = "-|—{1,2}|–|~|至|到";

/// A sum of money, possibly a range: a numeral followed by a currency word.
///
/// Example: `比上年5萬元增加5萬元` → `5萬元` twice; `15-20萬元` → lo `15`, num `20萬`;
/// `十五亿元到二十亿元` → lo `十五亿` (with its own `元`), num `二十亿`; bare `億元` in
/// `億元以上項目18個` (accepted only in threshold phrases, see `scan::money`).
pub static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    let n = numeral();
    Regex::new(&format!(
        "(?:(?P<lo>{n})(?P<locur>{CURRENCY})? ?(?P<sep>{RANGE_SEP}) ?)?(?P<num>{n}) ?(?P<cur>{CURRENCY})"
    ))
    .unwrap_or_else(|e| panic!("MONEY: {e}"))
});

/// The colloquial `N个亿` form of a sum, without a currency word.
///
/// Example: `近兩年來在基礎設施建設的投入上達到2個億以上,津市達到3個多億` → `2個億`, `3個多億`.
/// `148個億元以上項目` also matches here and is rejected by the stage (next char `元`: a count).
pub static MONEY_GE_YI: LazyLock<Regex> = LazyLock::new(|| {
    let n = numeral();
    Regex::new(&format!("(?P<num>{n})个(?P<more>多)?亿"))
        .unwrap_or_else(|e| panic!("MONEY_GE_YI: {e}"))
});

/// An Arabic percentage range, `%` on the high end or on both.
///
/// Example: `按項目推進可行性20%以下,20-50%,50%以上` → `20-50%`; `增长5%—8%`.
pub static PERCENT_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?P<lo>{ARABIC}) ?%? ?(?:{RANGE_SEP}) ?(?P<hi>{ARABIC}) ?%"
    ))
    .unwrap_or_else(|e| panic!("PERCENT_RANGE: {e}"))
});

/// An Arabic percentage (full-width `％` is folded before matching).
///
/// Example: `同比增加14.9%`, `資助比例達到了100%`, `增长１２％`.
pub static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?P<sign>- ?)?(?P<num>{ARABIC}) ?%"))
        .unwrap_or_else(|e| panic!("PERCENT: {e}"))
});

/// The whole part of a decimal that a stray blank cut from its fraction, right after a word:
/// `增长15. 4%` (the fraction `4%` follows).
pub static DECIMAL_CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<int>[0-9]{1,4})\. $").unwrap_or_else(|e| panic!("DECIMAL_CUT: {e}"))
});

/// A percentage in words, optionally a range: `增长百分之十二`, `百分之五到百分之六`, `百分之五至六`,
/// `百分之三十五点五`.
pub static PERCENT_CJK: LazyLock<Regex> = LazyLock::new(|| {
    let n = numeral();
    Regex::new(&format!(
        "百分之(?P<num>{n})(?:(?:{RANGE_SEP})(?:百分之)?(?P<hi>{n}))?"
    ))
    .unwrap_or_else(|e| panic!("PERCENT_CJK: {e}"))
});

/// A number ending a text that a list of percentage points continues: `2.16和` before
/// `1.66个百分点`, `3.22个、` before `4.0个百分点`.
pub static POINTS_LIST_MEMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?P<num>[0-9]+(?:\\.[0-9]+)?)(?P<ge>个)?(?:、|和|及|与)$")
        .unwrap_or_else(|e| panic!("POINTS_LIST_MEMBER: {e}"))
});

/// Percentage points: `提高0.2个百分点`, `下降两个百分点`, `1至2个百分点`.
pub static PERCENT_POINTS: LazyLock<Regex> = LazyLock::new(|| {
    let n = numeral();
    Regex::new(&format!(
        "(?:(?P<lo>{n})(?:{RANGE_SEP}))?(?P<num>{n}) ?个?百分点"
    ))
    .unwrap_or_else(|e| panic!("PERCENT_POINTS: {e}"))
});

/// Digits of a year written in Chinese (`一九五四`, `二〇二一`, also OCR's `二0二一`).
pub const CJK_YEAR: &str =
    "一九[〇○零Ｏ0O一二三四五六七八九]{2}|二[〇○零Ｏ0O][〇○零Ｏ0O一二三四五六七八九]{2}";

/// A range of years under one 年: `2019-2021年`, `2016—2020年`, `一九七八至一九八二年`. Years
/// each written with their own 年 (`1953年到1957年`, `一九八一年至一九八五年`) are two date
/// mentions (GUIDELINES.md), so they do not match here.
pub static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?P<lo>(?:19|20)[0-9]{{2}}|{CJK_YEAR}) ?(?:{RANGE_SEP}) ?(?P<hi>(?:19|20)[0-9]{{2}}|{CJK_YEAR}) ?年"
    ))
    .unwrap_or_else(|e| panic!("YEAR_RANGE: {e}"))
});

/// A fiscal year that straddles two calendar years, its second year in two digits:
/// `2025/26年度`, `2018/19年度`, `二零一四/一五年度`, `2025至26财政年度` (Hong Kong and Macau budgets).
/// The stage keeps it only when the second year follows the first (`26` after `2025`).
pub static FISCAL_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?P<lo>(?:19|20)[0-9]{{2}}|{CJK_YEAR}) ?(?:/|-|—|–|至) ?(?P<hi>[0-9]{{2}}|[〇○零一二三四五六七八九]{{2}}) ?(?:财政)?年"
    ))
    .unwrap_or_else(|e| panic!("FISCAL_YEAR: {e}"))
});

/// A year of the Republic of China calendar (Taiwan's budgets), year 1 = 1912:
/// `中華民國八十七年度`, `民國87年`, and without the era name only in the unmistakable forms
/// `114年度` and `113年8月` (three digits, 100–119, then 度 or a month).
pub static ROC_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?:(?P<era>(?:中华)?民国)(?P<n>[0-9]{1,3}|[一二三四五六七八九十百零〇]{1,5})|(?P<m>1[01][0-9]))年(?P<tail>度|[0-9]{1,2}月)?",
    )
    .unwrap_or_else(|e| panic!("ROC_YEAR: {e}"))
});

/// Years listed before a shared 年: `关于1980、1981年国民经济计划` (1980 is a year too),
/// `2019、2020和2021年`. `list` holds the years without their own 年 ([`YEAR_TOKEN`] splits it).
pub static YEAR_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?P<list>(?:(?:(?:19|20)[0-9]{{2}}|{CJK_YEAR})(?:、|和|与|及))+)(?:(?:19|20)[0-9]{{2}}|{CJK_YEAR}) ?年"
    ))
    .unwrap_or_else(|e| panic!("YEAR_LIST: {e}"))
});

/// One year, Arabic or Chinese, inside a [`YEAR_LIST`].
pub static YEAR_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?:19|20)[0-9]{{2}}|{CJK_YEAR}"))
        .unwrap_or_else(|e| panic!("YEAR_TOKEN: {e}"))
});

/// A four-digit year with 年: `我委自2022年已經開始`, `——2025 年 3 月 5 日` (a space, as in
/// text taken from PDFs); `一九五四年` is [`YEAR_CJK`].
pub static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?P<y>(?:19|20)[0-9]{2}) ?年").unwrap_or_else(|e| panic!("YEAR: {e}"))
});

/// An anonymised year: `20xx年`, `20XX年`, `201x年`, `xxxx年` (also inside the typo `220xx年`).
pub static YEAR_PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:(?:19|20)[xX×]{2}|(?:19|20)[0-9][xX×]|[xX]{4})年")
        .unwrap_or_else(|e| panic!("YEAR_PLACEHOLDER: {e}"))
});

/// A year in Chinese digits, digit by digit: `一九五四年`, `二〇二一年`, `二零零八年`.
pub static YEAR_CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?P<y>{CJK_YEAR})年")).unwrap_or_else(|e| panic!("YEAR_CJK: {e}"))
});

/// A two-digit year: `09年度獎金`, `98年底`, `’08年`. The stage accepts it only when it starts
/// with 0, is quoted, or is followed by 度/底/初/末/a month (so `连续12年`, `30年` are not years).
pub static YEAR_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?P<q>['’‘])?(?P<y>[0-9]{2})年(?P<tail>度|底|初|末|[0-9]{1,2}月)?")
        .unwrap_or_else(|e| panic!("YEAR_SHORT: {e}"))
});

/// The year of a document number: `皖教助〔2017〕4號`, `国发〔2021〕4号`, `[2019]12号`.
/// Brackets other than 〔〕 need the `N号` after them.
pub static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?P<open>[〔\\[［【(（])(?P<y>(?:19|20)[0-9]{2}|20[xX]{2})(?P<close>[〕\\]］】)）]) ?(?P<no>第?[0-9]+ ?号)?")
        .unwrap_or_else(|e| panic!("DOC_NUMBER: {e}"))
});

/// A five-year plan period: `“十一五”期間`, `“十一五末”`, `“十五”末`, `“十二五”時期`,
/// `十四五规划`. Accepted when quoted or followed by a period/plan word (so `十五亿元` is not).
pub static PLAN_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?P<oq>[“\"「『〝])?(?P<n>十[一二三四五]|[一二三四五六七八九十])五(?P<inner>末|初)?(?P<cq>[”\"」』〞〟])?(?P<tail>期间|时期|末|初)?(?P<ctx>规划|计划|以来|纲要)?",
    )
    .unwrap_or_else(|e| panic!("PLAN_PERIOD: {e}"))
});

/// A five-year plan written out with its ordinal: `第一个五年计划`, `第六个五年计划期间`,
/// `第十四个五年规划`, `第一个五年建设计划`. The stage makes it a plan period like `“一五”`
/// (see the `years` module for why).
pub static PLAN_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "第(?P<n>[一二三四五六七八九十]{1,3})个五年(?:建设)?(?:计划|规划)(?P<tail>期间|时期|末|初)?",
    )
    .unwrap_or_else(|e| panic!("PLAN_ORDINAL: {e}"))
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The matches of `re` in the simplified view of `s` (what the pipeline runs the rules
    /// on), as the text of `s` at the same chars.
    fn all<'a>(re: &Regex, s: &'a str) -> Vec<&'a str> {
        let simplified = crate::simplify::to_simplified_aligned(s);
        re.find_iter(&simplified)
            .map(|m| {
                let span = crate::doc::map_by_chars(&simplified, s, m.range());
                &s[span]
            })
            .collect()
    }

    #[test]
    fn money_matches_sums() {
        let s = "故20xx年預算公務接待費為10萬元,比上年5萬元增加5萬元,增加100%。";
        assert_eq!(all(&MONEY, s), ["10萬元", "5萬元", "5萬元"]);
        assert_eq!(all(&MONEY, "完成1—10億元項目31個"), ["1—10億元"]);
        assert_eq!(all(&MONEY, "补助标准15-20萬元"), ["15-20萬元"]);
        assert_eq!(
            all(&MONEY, "投资十五亿元到二十亿元"),
            ["十五亿元到二十亿元"]
        );
        assert_eq!(all(&MONEY, "完成投资三百五十亿元"), ["三百五十亿元"]);
        assert_eq!(all(&MONEY, "到位外資10.4億美元"), ["10.4億美元"]);
        assert_eq!(all(&MONEY, "今年花費400多萬元添置"), ["400多萬元"]);
        assert_eq!(all(&MONEY, "共计1,234.5万元"), ["1,234.5万元"]);
    }

    #[test]
    fn money_needs_a_currency_word() {
        assert!(all(&MONEY, "全市共建成標準化廠房30萬平米").is_empty());
        assert!(all(&MONEY, "已引進5萬噸潤滑油").is_empty());
        assert!(all(&MONEY, "自查評分99.5分").is_empty());
        assert!(all(&MONEY, "元月至12月,xx市共引進項目210個").is_empty());
        assert!(all(&MONEY, "三一重工、創元鋁業、凱元紡織").is_empty());
        assert!(all(&MONEY, "實際收入1-10月").is_empty());
    }

    #[test]
    fn colloquial_ge_yi() {
        let s = "投入上達到2個億以上,津市達到3個多億。";
        assert_eq!(all(&MONEY_GE_YI, s), ["2個億", "3個多億"]);
        assert!(all(&MONEY_GE_YI, "培育5個“千億”產業").is_empty());
    }

    #[test]
    fn percents() {
        assert_eq!(all(&PERCENT, "同比增加14.9%,增长１２％"), ["14.9%"]);
        assert_eq!(all(&PERCENT_RANGE, "20%以下,20-50%,50%以上"), ["20-50%"]);
        assert_eq!(all(&PERCENT_CJK, "增长百分之十二"), ["百分之十二"]);
        assert_eq!(
            all(&PERCENT_CJK, "控制在百分之五到百分之六"),
            ["百分之五到百分之六"]
        );
        assert_eq!(
            all(&PERCENT_POINTS, "比上年提高0.2个百分点"),
            ["0.2个百分点"]
        );
        assert!(all(&PERCENT, "6成以上,近2倍,三分之一").is_empty());
        assert!(all(&PERCENT_CJK, "按百分制作一個客觀的自我評估").is_empty());
    }

    #[test]
    fn years() {
        assert_eq!(all(&YEAR, "我委自2022年已經開始"), ["2022年"]);
        assert_eq!(all(&YEAR_RANGE, "2019-2021年连续三年"), ["2019-2021年"]);
        // Each year with its own 年 is its own mention.
        assert!(all(&YEAR_RANGE, "1953年到1957年").is_empty());
        assert!(all(&YEAR_RANGE, "一九八一年至一九八五年").is_empty());
        assert_eq!(
            all(&YEAR_RANGE, "一九七八至一九八二年"),
            ["一九七八至一九八二年"]
        );
        assert_eq!(all(&YEAR_CJK, "二0二一年"), ["二0二一年"]);
        assert_eq!(
            all(&YEAR_PLACEHOLDER, "20xx年,市政務服務管理局"),
            ["20xx年"]
        );
        assert_eq!(all(&YEAR_PLACEHOLDER, "220xx年,我市共謀劃項目"), ["20xx年"]);
        assert_eq!(all(&YEAR_CJK, "一九五四年九月"), ["一九五四年"]);
        assert_eq!(all(&YEAR_CJK, "二〇二一年政府工作报告"), ["二〇二一年"]);
        assert_eq!(all(&YEAR_SHORT, "09年度獎金"), ["09年度"]);
        assert!(all(&YEAR, "時間:2023-10-01 12:55:02").is_empty());
        assert!(all(&YEAR, "主動對接“中國制造2025”").is_empty());
        assert!(all(&YEAR_CJK, "連續七年,三年來").is_empty());
        assert!(all(&YEAR_PLACEHOLDER, "總投資xx萬元").is_empty());
    }

    #[test]
    fn doc_numbers_and_plans() {
        let s = "(銅教師生〔2021〕4號)和(皖教助〔2017〕4號)";
        assert_eq!(all(&DOC_NUMBER, s), ["〔2021〕4號", "〔2017〕4號"]);
        assert!(all(&DOC_NUMBER, "常務委員會公告(第67)號").is_empty());
        let p = "“十一五”期間,全市實際引進市外內資930億元";
        assert_eq!(all(&PLAN_PERIOD, p), ["“十一五”期間"]);
        assert_eq!(
            all(&PLAN_PERIOD, "到“十一五末”,是“十五”末的近2倍"),
            ["“十一五末”", "“十五”末"]
        );
    }
}
