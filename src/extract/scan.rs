//! The money and percent detectors (years are in [`super::years`]): each runs its patterns over the folded line and pushes [`Found`] mentions,
//! skipping spans already taken by a mention of higher priority.

use std::collections::BTreeMap;
use std::ops::Range;

use super::context::{
    PREVIOUS_YEAR, distant_bound, money_role, prefix_qualifier, suffix_qualifier,
};
use super::patterns::*;
use super::{Approx, Kind, Mention, Role, YearRef};
use crate::lex::numeral::{cjk_digit, has_trailing_unit, parse_numeral, trailing_multiplier};

/// A mention in folded coordinates, before year attribution: a [`Mention`] whose `year` and
/// `sentence` are not known yet (they need every mention of the line), and what the year
/// attribution needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub mention: Mention,
    /// Money right after `上年`/`去年`: it belongs to the year before the sentence's year.
    pub previous_year: bool,
}

impl Found {
    pub(crate) fn new(span: Range<usize>, kind: Kind, value: Option<f64>) -> Found {
        Found {
            mention: Mention {
                span,
                kind,
                value,
                currency: None,
                range: None,
                approx: None,
                role: None,
                year: YearRef::None,
                points: None,
                sentence: 0..0,
            },
            previous_year: false,
        }
    }
}

impl std::ops::Deref for Found {
    type Target = Mention;
    fn deref(&self) -> &Mention {
        &self.mention
    }
}

impl std::ops::DerefMut for Found {
    fn deref_mut(&mut self) -> &mut Mention {
        &mut self.mention
    }
}

/// Mentions found so far; a new one may not overlap any of them.
#[derive(Debug, Default)]
pub(crate) struct Taken(BTreeMap<(usize, usize), Found>);

/// The spans already claimed, keyed by (start, end). They never overlap, so a new span can only clash
/// with the last one starting before its end: one `O(log n)` look-up instead of a scan of every
/// earlier mention (which made lines with many figures quadratic).
impl Taken {
    pub(crate) fn free(&self, s: &Range<usize>) -> bool {
        self.0
            .range(..(s.end, 0))
            .next_back()
            .is_none_or(|(_, f)| f.span.end <= s.start || s.end <= f.span.start)
    }
    pub(crate) fn push(&mut self, f: Found) {
        if self.free(&f.span) {
            self.0.insert((f.span.start, f.span.end), f);
        }
    }
    /// The claimed mentions in text order.
    pub(crate) fn into_sorted(self) -> Vec<Found> {
        self.0.into_values().collect()
    }
}

/// The captures of `re` in `t`, or nothing without searching when `cond` (a cheap substring
/// test for a word every match holds) is false.
pub(crate) fn caps<'t>(
    re: &'static regex::Regex,
    t: &'t str,
    cond: bool,
) -> impl Iterator<Item = regex::Captures<'t>> + 't {
    cond.then(|| re.captures_iter(t)).into_iter().flatten()
}

pub(crate) fn char_before(t: &str, i: usize) -> Option<char> {
    t[..i].chars().next_back()
}

pub(crate) fn char_after(t: &str, i: usize) -> Option<char> {
    t[i..].chars().next()
}

pub(crate) fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit() || cjk_digit(c).is_some() || CJK_UNITS.contains(c)
}

fn currency_code(word: &str) -> &'static str {
    match word {
        "美元" | "美金" => "USD",
        "港元" | "港币" => "HKD",
        "欧元" => "EUR",
        "日元" => "JPY",
        "英镑" => "GBP",
        "元新台币" | "新台币" => "TWD",
        "澳门元" | "澳门币" => "MOP",
        _ => "CNY",
    }
}

/// Units that make `N个亿` a quantity, not money (`3个亿人次`, `2个亿吨`).
const NOT_MONEY_AFTER_GE_YI: &[&str] = &[
    "元", "人", "次", "吨", "立方", "平方", "千瓦", "度", "斤", "公斤", "头", "只", "条", "张",
    "册", "年", "像素", "字", "户", "亩",
];

/// Money: sums with a currency word, and the colloquial `N个亿`.
pub(crate) fn money(t: &str, taken: &mut Taken) {
    let has_currency = t.contains('元')
        || ["人民币", "美金", "港币", "英镑", "台币", "澳门币"]
            .iter()
            .any(|w| t.contains(w));
    for c in caps(&MONEY, t, has_currency) {
        let (Some(num), Some(cur)) = (c.name("num"), c.name("cur")) else {
            continue;
        };
        let lo = c.name("lo");
        // `3 472.51万元`: thousands grouped by spaces (the regex cannot look back for them).
        let num_start = if lo.is_none() {
            space_grouped_start(t, num.start())
        } else {
            num.start()
        };
        let start = lo.map_or(num_start, |m| m.start());
        if char_before(t, start).is_some_and(|p| p.is_ascii_alphanumeric() || p == '×' || p == '.')
        {
            continue; // `xx萬元`, `A1万元`
        }
        let num_text = &t[num_start..num.end()];
        let Some(n) = parse_numeral(num_text) else {
            continue;
        };
        // `二元结构`, `一元化`: a lone Chinese digit before a bare 元 is not money.
        if cur.as_str() == "元"
            && num_text.chars().count() == 1
            && cjk_digit(num_text.chars().next().unwrap_or(' ')).is_some()
        {
            continue;
        }
        if cur.as_str() == "元" && char_after(t, cur.end()) == Some('月') && !n.has_digit {
            continue;
        }
        let mut range = None;
        let mut span_start = start;
        if let Some(lo) = lo {
            let lo_ok = parse_numeral(lo.as_str()).and_then(|l| {
                let same_cur = c
                    .name("locur")
                    .is_none_or(|lc| currency_code(lc.as_str()) == currency_code(cur.as_str()));
                let mult = if has_trailing_unit(lo.as_str()) || c.name("locur").is_some() {
                    1.0
                } else {
                    trailing_multiplier(num_text)
                };
                let low = l.value * mult;
                (same_cur && l.has_digit && low > 0.0 && low < n.value).then_some(low)
            });
            // `從50億元到100億元,用了十六年`: two sums a progression runs between, not a range.
            let from_to =
                c.name("locur").is_some() && t[..lo.start()].ends_with(['从', '從', '由']);
            match lo_ok.filter(|_| !from_to) {
                Some(low) => range = Some([low, n.value]),
                None => {
                    span_start = num.start();
                    // A first sum with its own currency word is still a sum (`由100亿元到50亿元`).
                    if let (Some(lc), Some(l)) = (c.name("locur"), parse_numeral(lo.as_str()))
                        && l.has_digit
                    {
                        let first = Sum {
                            span: lo.start()..lc.end(),
                            value: l.value,
                            more: l.more,
                            bare: false,
                            currency: currency_code(lc.as_str()),
                            range: None,
                        };
                        push_money(t, taken, first);
                    }
                }
            }
        }
        let before = &t[..span_start];
        let after_cur = &t[cur.end()..];
        let prev = char_before(t, span_start);
        // `数百万元`, `几十亿元`: no number to normalise. But in `总数1,302.17亿元`, `人数`, `基数`
        // the 数 ends a noun, and the sum has digits of its own.
        let starts_with_unit = t[span_start..]
            .chars()
            .next()
            .is_some_and(|c| CJK_UNITS.contains(c));
        if starts_with_unit && prev.is_some_and(|p| matches!(p, '几' | '幾' | '数' | '數')) {
            continue;
        }
        let bare = !n.has_digit;
        if bare {
            // Bare units are money only with a qualifier or in a class: `億元以上`, `上億元`,
            // `近千亿元`, `億元工業項目`.
            let ok = prev == Some('上')
                || prefix_qualifier(before).is_some() // `近千亿元`, `超百亿元`
                || suffix_qualifier(after_cur).is_some_and(|q| q.bound)
                || super::context::is_threshold(after_cur, false, true);
            if !ok {
                continue;
            }
        }
        let value = range.map_or(n.value, |r| r[0]); // a range gives its lower bound
        let sum = Sum {
            span: span_start..cur.end(),
            value,
            more: n.more,
            bare,
            currency: currency_code(cur.as_str()),
            range,
        };
        push_money(t, taken, sum);
    }
    for c in caps(&MONEY_GE_YI, t, t.contains(['亿', '億'])) {
        let (Some(num), Some(whole)) = (c.name("num"), c.get(0)) else {
            continue;
        };
        let after = &t[whole.end()..];
        if NOT_MONEY_AFTER_GE_YI.iter().any(|w| after.starts_with(w)) {
            continue;
        }
        if char_before(t, whole.start()).is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') {
            continue;
        }
        let Some(n) = parse_numeral(num.as_str()) else {
            continue;
        };
        if !n.has_digit {
            continue;
        }
        let more = n.more || c.name("more").is_some();
        let sum = Sum {
            span: whole.range(),
            value: n.value * 1e8,
            more,
            bare: false,
            currency: "CNY",
            range: None,
        };
        push_money(t, taken, sum);
    }
}

/// Where a number grouped by spaces starts (`3 472.51`, `1 234 567`), given the start of its
/// last group(s) as matched: every group before it has three digits but the first (one to
/// three), and no letter or digit stands before the first. Otherwise `start` itself.
fn space_grouped_start(t: &str, start: usize) -> usize {
    let b = t.as_bytes();
    let digits_at = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits_at(start) != 3 {
        return start;
    }
    let mut s = start;
    while s >= 2 && b[s - 1] == b' ' && b[s - 2].is_ascii_digit() {
        let mut j = s - 1;
        while j > 0 && b[j - 1].is_ascii_digit() {
            j -= 1;
        }
        match s - 1 - j {
            3 => s = j,
            1 | 2 => {
                s = j;
                break;
            }
            _ => return start,
        }
    }
    let before_ok = !char_before(t, s).is_some_and(|p| p.is_ascii_alphanumeric() || p == '.');
    if before_ok { s } else { start }
}

/// A sum matched by a money pattern, before its context is read.
struct Sum {
    /// Numeral(s) and currency word, without qualifiers.
    span: Range<usize>,
    /// The amount (a range's lower bound).
    value: f64,
    /// The numeral holds 多/余/几 (`400多万元`).
    more: bool,
    /// The numeral is a bare unit (`億元`).
    bare: bool,
    currency: &'static str,
    range: Option<[f64; 2]>,
}

/// Read the context of a sum (qualifiers, role, 上年) and take it.
fn push_money(t: &str, taken: &mut Taken, sum: Sum) {
    let Sum {
        span: core,
        value,
        more,
        bare,
        currency,
        range,
    } = sum;
    let (start, end) = (core.start, core.end);
    let before = &t[..start];
    let pre = prefix_qualifier(before).filter(|q| {
        // `上` only qualifies a bare unit (`上億元`), handled below; `近` in `最近` is not one.
        let rest = &before[..before.len() - q.len];
        // `比原列1,302.17亿元超过16.62亿元`: after 比, 超过 tells by how much (a change, exact).
        let exceeds_by = matches!(&before[rest.len()..], "超过" | "超出")
            && super::context::clause_tail(rest).contains('比');
        !rest.ends_with(['最', '附', '临', '臨']) && !exceeds_by
    });
    let pre = if bare && before.ends_with('上') {
        Some(super::context::Qualifier {
            approx: Approx::Over,
            len: '上'.len_utf8(),
            bound: true,
        })
    } else {
        pre
    };
    let suf = suffix_qualifier(&t[end..]);
    let mut approx = pre.map(|q| q.approx).or(suf.map(|q| q.approx));
    if approx.is_none() && more {
        approx = Some(Approx::Over);
    }
    if approx.is_none() {
        approx = distant_bound(before);
    }
    let bound = pre.is_some_and(|q| q.bound) || suf.is_some_and(|q| q.bound);
    let span = start - pre.map_or(0, |q| q.len)..end + suf.map_or(0, |q| q.len);
    let role_before = &t[..span.start];
    // A bare unit bounded after it (`億元以上`) always names a class; `上億元` only in context.
    let bare_bound = bare && suf.is_some_and(|q| q.bound);
    let mut role = money_role(role_before, &t[span.end..], bound, bare_bound);
    // `及以上` / `及其以上` belongs to rules that define classes (`总投资5000万元及以上…`).
    if role == Role::Amount && t[end..].starts_with('及') && suf.is_some_and(|q| q.bound) {
        role = Role::Threshold;
    }
    // Round to the fen: `2.3亿` is 230000000, not 229999999.99999997.
    let fen = |v: f64| (v * 100.0).round() / 100.0;
    let value = fen(value);
    let range = range.map(|[a, b]| [fen(a), fen(b)]);
    let mut f = Found::new(span, Kind::Money, Some(value));
    f.currency = Some(currency);
    f.range = range;
    f.approx = Some(approx.unwrap_or(Approx::Exact));
    f.role = Some(role);
    f.previous_year = PREVIOUS_YEAR.is_match(role_before);
    taken.push(f);
}

/// Percentages and percentage points.
pub(crate) fn percents(t: &str, taken: &mut Taken) {
    for c in caps(&PERCENT_POINTS, t, t.contains("百分")) {
        let (Some(num), Some(whole)) = (c.name("num"), c.get(0)) else {
            continue;
        };
        let Some(n) = parse_numeral(num.as_str()) else {
            continue;
        };
        let mut f = Found::new(whole.range(), Kind::Percent, Some(n.value));
        f.points = Some(true);
        match c.name("lo").and_then(|l| parse_numeral(l.as_str())) {
            Some(l) if l.value < n.value => {
                f.value = Some(l.value);
                f.range = Some([l.value, n.value]);
            }
            Some(_) => f.span.start = num.start(),
            None => {}
        }
        if !char_before(t, f.span.start).is_some_and(|p| p.is_ascii_alphanumeric() || p == '.')
            && taken.free(&f.span)
        {
            let mut head = f.span.start;
            taken.push(f);
            // Earlier members of a list that shares the unit: `回落2.16和1.66个百分点`,
            // `拉动1.74个、3.22个、4.0个百分点`.
            while let Some(e) = POINTS_LIST_MEMBER.captures(&t[..head]) {
                let (Some(num), Some(whole)) = (e.name("num"), e.get(0)) else {
                    break;
                };
                let Ok(v) = num.as_str().parse::<f64>() else {
                    break;
                };
                if char_before(t, num.start())
                    .is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '-')
                {
                    break;
                }
                let mut m = Found::new(
                    num.start()..e.name("ge").map_or(num.end(), |g| g.end()),
                    Kind::Percent,
                    Some(v),
                );
                m.points = Some(true);
                head = whole.start();
                taken.push(m);
            }
        }
    }
    for c in caps(&PERCENT_CJK, t, t.contains("百分之")) {
        let (Some(num), Some(whole)) = (c.name("num"), c.get(0)) else {
            continue;
        };
        let Some(n) = parse_numeral(num.as_str()) else {
            continue;
        };
        let mut f = Found::new(whole.range(), Kind::Percent, Some(n.value));
        f.points = Some(false);
        match c.name("hi").and_then(|h| parse_numeral(h.as_str())) {
            // A range only when it grows and its high end is not already a year (`到二〇二五年`).
            Some(h) if h.value > n.value && taken.free(&f.span) => {
                f.range = Some([n.value, h.value])
            }
            _ => f.span.end = num.end(),
        }
        taken.push(f);
    }
    for c in caps(&PERCENT_RANGE, t, t.contains('%')) {
        let (Some(lo), Some(hi), Some(whole)) = (c.name("lo"), c.name("hi"), c.get(0)) else {
            continue;
        };
        let (Ok(l), Ok(h)) = (
            lo.as_str().replace(',', "").parse::<f64>(),
            hi.as_str().replace(',', "").parse::<f64>(),
        ) else {
            continue;
        };
        if l >= h
            || char_before(t, whole.start())
                .is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '-')
        {
            continue;
        }
        let mut f = Found::new(whole.range(), Kind::Percent, Some(l));
        f.range = Some([l, h]);
        f.points = Some(false);
        taken.push(f);
    }
    for c in caps(&PERCENT, t, t.contains('%')) {
        let (Some(num), Some(whole)) = (c.name("num"), c.get(0)) else {
            continue;
        };
        let Ok(v) = num.as_str().replace(',', "").parse::<f64>() else {
            continue;
        };
        let mut start = whole.start();
        let mut value = v;
        if c.name("sign").is_some() {
            // A minus sign only after a word (`增长-2.3%`), not inside `1-2%` or `5%-8%`.
            if char_before(t, start).is_some_and(|p| p.is_ascii_digit() || p == '%' || p == '.')
                || start == 0
            {
                start = num.start();
            } else {
                value = -v;
            }
        }
        if let Some(cut) = DECIMAL_CUT.captures(&t[..start])
            && let Some(int) = cut.name("int")
            && char_before(t, int.start()).is_some_and(|p| p as u32 >= 0x4e00)
            && let Ok(v) = format!("{}.{}", int.as_str(), num.as_str()).parse::<f64>()
            && c.name("sign").is_none()
        {
            start = int.start();
            value = v;
        }
        if char_before(t, start).is_some_and(|p| p.is_ascii_alphabetic() || p == '.') {
            continue;
        }
        let mut f = Found::new(start..whole.end(), Kind::Percent, Some(value));
        f.points = Some(false);
        taken.push(f);
    }
}
