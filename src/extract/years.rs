//! The year detectors: document numbers, plan periods, year ranges, years (Arabic, Chinese,
//! anonymised) and, last, two-digit years.

use std::ops::Range;

use super::patterns::*;
use super::scan::{Found, Taken, caps, char_after, char_before, is_numeral_char};
use super::{Kind, Role};
use crate::lex::numeral::{parse_numeral, year_digits};

fn year_found(span: Range<usize>, value: Option<f64>, role: Role) -> Found {
    let mut f = Found::new(span, Kind::Year, value);
    f.role = Some(role);
    f
}

/// First year of the n-th five-year plan (一五 = 1953; 三五 starts in 1966 after the
/// 1963–1965 adjustment years).
pub fn plan_start(n: u32) -> Option<i32> {
    match n {
        1 => Some(1953),
        2 => Some(1958),
        3..=20 => Some(1966 + 5 * (n as i32 - 3)),
        _ => None,
    }
}

fn plan_number(s: &str) -> Option<u32> {
    parse_numeral(s).map(|n| n.value as u32)
}

/// Document numbers, plan periods and years (the two-digit ones come last, see [`short_years`]).
pub(crate) fn years(t: &str, taken: &mut Taken) {
    let has_year = t.contains('年');
    for c in caps(
        &DOC_NUMBER,
        t,
        t.contains(['〔', '[', '［', '【', '(', '（']),
    ) {
        let (Some(open), Some(y), Some(close)) = (c.name("open"), c.name("y"), c.name("close"))
        else {
            continue;
        };
        if open.as_str() != "〔" && c.name("no").is_none() {
            continue;
        }
        let value = y.as_str().parse::<f64>().ok();
        taken.push(year_found(
            open.start()..close.end(),
            value,
            Role::DocNumber,
        ));
    }
    for c in caps(&PLAN_PERIOD, t, t.contains('五')) {
        let (Some(n), Some(whole)) = (c.name("n"), c.get(0)) else {
            continue;
        };
        let quoted = c.name("oq").is_some() && c.name("cq").is_some();
        let worded =
            c.name("tail").is_some() || c.name("ctx").is_some() || c.name("inner").is_some();
        if c.name("oq").is_some() != c.name("cq").is_some() || !(quoted || worded) {
            continue;
        }
        if char_before(t, whole.start()).is_some_and(is_numeral_char) {
            continue; // `二十五`
        }
        let end = c
            .name("tail")
            .or(c.name("cq"))
            .or(c.name("inner"))
            .map_or(n.end() + '五'.len_utf8(), |m| m.end());
        if !quoted
            && char_after(t, end)
                .is_some_and(|a| is_numeral_char(a) || matches!(a, '元' | '个' | '個' | '年' | '%'))
        {
            continue;
        }
        if t[end..].starts_with("普法") {
            continue; // `“七五”普法` is the seventh law-education campaign, not a plan period
        }
        let Some(s) = plan_number(n.as_str()).and_then(plan_start) else {
            continue;
        };
        let at_end = [c.name("inner"), c.name("tail")]
            .iter()
            .flatten()
            .any(|m| matches!(m.as_str(), "末"));
        let value = if at_end { s + 4 } else { s };
        let mut f = year_found(whole.start()..end, Some(f64::from(value)), Role::PlanPeriod);
        f.range = Some([f64::from(s), f64::from(s + 4)]);
        taken.push(f);
    }
    // `第一个五年计划(期间)` is the written-out name of `“一五”(期间)`: the guidelines' plan periods
    // are the five-year plans, and the short quoted form is only an abbreviation, so the long
    // form is a plan period too (range [1953, 1957]), whether or not `期间` follows, as `“七五”计划`
    // is. The text keeps `计划`/`规划`, without which the ordinal names no plan.
    for c in caps(&PLAN_ORDINAL, t, t.contains("五年")) {
        let (Some(n), Some(whole)) = (c.name("n"), c.get(0)) else {
            continue;
        };
        let Some(s) = plan_number(n.as_str()).and_then(plan_start) else {
            continue;
        };
        let value = if c.name("tail").is_some_and(|m| m.as_str() == "末") {
            s + 4
        } else {
            s
        };
        let mut f = year_found(whole.range(), Some(f64::from(value)), Role::PlanPeriod);
        f.range = Some([f64::from(s), f64::from(s + 4)]);
        taken.push(f);
    }
    // `2025/26年度`: one fiscal year over two calendar years, like a range (value: its first year).
    for c in caps(&FISCAL_YEAR, t, has_year && may_hold_fiscal_year(t)) {
        let (Some(lo), Some(hi), Some(whole)) = (c.name("lo"), c.name("hi"), c.get(0)) else {
            continue;
        };
        let (Some(l), Some(h)) = (year_digits(lo.as_str()), year_digits(hi.as_str())) else {
            continue;
        };
        let prev = char_before(t, whole.start());
        if (l + 1.0) % 100.0 != h
            || prev.is_some_and(|p| p.is_ascii_digit() || p == '.' || is_numeral_char(p))
            || bad_after_year(t, whole.end())
        {
            continue;
        }
        let mut f = year_found(whole.range(), Some(l), Role::Date);
        f.range = Some([l, l + 1.0]);
        taken.push(f);
    }
    for c in caps(&YEAR_RANGE, t, has_year) {
        let (Some(lo), Some(hi), Some(whole)) = (c.name("lo"), c.name("hi"), c.get(0)) else {
            continue;
        };
        let (Some(l), Some(h)) = (year_digits(lo.as_str()), year_digits(hi.as_str())) else {
            continue;
        };
        let prev = char_before(t, whole.start());
        if l >= h
            || prev.is_some_and(|p| p.is_ascii_digit() || is_numeral_char(p))
            || bad_after_year(t, whole.end())
        {
            continue;
        }
        let mut f = year_found(whole.range(), Some(l), Role::Date);
        f.range = Some([l, h]);
        taken.push(f);
    }
    for m in caps(&YEAR_PLACEHOLDER, t, has_year).filter_map(|c| c.get(0)) {
        if !bad_after_year(t, m.end()) {
            taken.push(year_found(m.range(), None, Role::Placeholder));
        }
    }
    for c in caps(&YEAR, t, has_year) {
        let (Some(y), Some(whole)) = (c.name("y"), c.get(0)) else {
            continue;
        };
        if char_before(t, whole.start()).is_some_and(|p| p.is_ascii_digit() || p == '.')
            || bad_after_year(t, whole.end())
        {
            continue;
        }
        taken.push(year_found(
            whole.range(),
            y.as_str().parse::<f64>().ok(),
            Role::Date,
        ));
    }
    for c in caps(
        &YEAR_LIST,
        t,
        has_year && t.contains(['、', '和', '与', '與', '及']),
    ) {
        let (Some(list), Some(whole)) = (c.name("list"), c.get(0)) else {
            continue;
        };
        if char_before(t, whole.start()).is_some_and(|p| p.is_ascii_digit() || is_numeral_char(p))
            || bad_after_year(t, whole.end())
        {
            continue;
        }
        for y in YEAR_TOKEN.find_iter(list.as_str()) {
            let span = list.start() + y.start()..list.start() + y.end();
            taken.push(year_found(span, year_digits(y.as_str()), Role::Date));
        }
    }
    for c in caps(&YEAR_CJK, t, has_year) {
        let (Some(y), Some(whole)) = (c.name("y"), c.get(0)) else {
            continue;
        };
        if char_before(t, whole.start()).is_some_and(is_numeral_char)
            || bad_after_year(t, whole.end())
        {
            continue;
        }
        taken.push(year_found(
            whole.range(),
            year_digits(y.as_str()),
            Role::Date,
        ));
    }
}

/// A cheap test run before [`FISCAL_YEAR`]: a `/`, or a dash or 至 followed by two digits and
/// (财政)年 (`2023-24年度`, `2025至26財政年度`).
fn may_hold_fiscal_year(t: &str) -> bool {
    if t.contains('/') {
        return true;
    }
    ['-', '至', '—', '–'].iter().any(|&sep| {
        t.match_indices(sep).any(|(i, s)| {
            let rest = t[i + s.len()..].trim_start_matches(' ');
            let b = rest.as_bytes();
            b.len() >= 5
                && b[0].is_ascii_digit()
                && b[1].is_ascii_digit()
                && ["年", "财政年"]
                    .iter()
                    .any(|w| rest[2..].trim_start_matches(' ').starts_with(w))
        })
    })
}

/// Whether `t` may hold a Republic of China year: the era name, or three digits 100–119
/// right before 年度 or 年N月.
fn may_hold_roc_year(t: &str) -> bool {
    if t.contains("民国") {
        return true;
    }
    t.match_indices('年').any(|(i, _)| {
        let b = &t.as_bytes()[..i];
        b.len() >= 3
            && b[b.len() - 3] == b'1'
            && matches!(b[b.len() - 2], b'0' | b'1')
            && b[b.len() - 1].is_ascii_digit()
    })
}

/// Years of the Republic of China calendar (`中華民國八十七年度` = 1998, `114年度` = 2025).
pub(crate) fn roc_years(t: &str, taken: &mut Taken) {
    let cond = may_hold_roc_year(t);
    for c in caps(&ROC_YEAR, t, cond) {
        let Some(whole) = c.get(0) else {
            continue;
        };
        let (num, ok) = match (c.name("era"), c.name("n"), c.name("m")) {
            (Some(_), Some(n), _) => (n, true),
            // Without the era name only `114年度`, `113年8月`.
            (None, _, Some(m)) => (m, c.name("tail").is_some()),
            _ => continue,
        };
        if !ok || char_before(t, whole.start()).is_some_and(|p| p.is_ascii_digit() || p == '.') {
            continue;
        }
        let Some(n) = parse_numeral(num.as_str()).filter(|n| n.has_digit && n.value >= 1.0) else {
            continue;
        };
        let end = num.end() + '年'.len_utf8();
        taken.push(year_found(
            num.start()..end,
            Some(n.value + 1911.0),
            Role::Date,
        ));
    }
}

/// `1990年代` (a decade), `2021年级` (a grade), `2000年龄` are not years.
fn bad_after_year(t: &str, end: usize) -> bool {
    char_after(t, end).is_some_and(|a| matches!(a, '代' | '级' | '級' | '龄' | '齡' | '制'))
}

/// Two-digit years (`09年度`), after every other kind so they never cut into one.
pub(crate) fn short_years(t: &str, taken: &mut Taken) {
    for c in caps(&YEAR_SHORT, t, t.contains('年')) {
        let Some(y) = c.name("y") else {
            continue;
        };
        let start = c.name("q").map_or(y.start(), |q| q.start());
        let ok = y.as_str().starts_with('0') || c.name("q").is_some() || c.name("tail").is_some();
        let prev = char_before(t, start);
        if !ok
            || prev
                .is_some_and(|p| p.is_ascii_digit() || p == '.' || p == '-' || is_numeral_char(p))
            || ["第", "近", "连续", "每", "满", "过去", "未来"]
                .iter()
                .any(|w| t[..start].ends_with(w))
            || bad_after_year(t, y.end() + '年'.len_utf8())
        {
            continue;
        }
        let Ok(v) = y.as_str().parse::<i32>() else {
            continue;
        };
        let year = if v < 30 { 2000 + v } else { 1900 + v };
        let end = y.end() + '年'.len_utf8();
        taken.push(year_found(start..end, Some(f64::from(year)), Role::Date));
    }
}
