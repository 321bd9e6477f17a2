//! Numeral parsing: Arabic (`1,234.5`), Chinese (`二十三亿八千万`, `一百零五`, `三点五`),
//! digit-by-digit (`二〇二一`) and mixed forms (`1.2万亿`, `1亿5000万`, `400多万`); and the
//! small ordinals of list markers and piece numbers (`十二`, `１２`), read off a prefix.

use super::width::digit_value;

/// A parsed numeral.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// The numeral holds `多`, `余`/`餘`, `几`/`幾` or `来`/`來` (`400多万`, `十几亿`): a lower bound.
    pub more: bool,
    /// The numeral holds at least one digit (Arabic or Chinese); `false` for bare units (`亿`, `千万`).
    pub has_digit: bool,
}

/// Value of a Chinese digit (simplified, traditional and financial forms).
pub fn cjk_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of a small unit (十 百 千).
fn small_unit(c: char) -> Option<f64> {
    match c {
        '十' | '拾' => Some(10.0),
        '百' | '佰' => Some(100.0),
        '千' | '仟' => Some(1000.0),
        _ => None,
    }
}

/// Value of a large unit (万 亿 兆; 兆 = 10^12 as in Taiwan, `3兆1,648億`).
fn big_unit(c: char) -> Option<f64> {
    match c {
        '万' | '萬' => Some(1e4),
        '亿' | '億' => Some(1e8),
        '兆' => Some(1e12),
        _ => None,
    }
}

/// Parse a numeral as matched by the patterns. Commas are thousands separators; `多 余 几 来`
/// set [`Numeral::more`] and are otherwise skipped. Returns `None` for anything else.
///
/// The algorithm keeps a running `total` (of finished 万/亿 sections), the `section` below the
/// current large unit, and the `current` digit group: `二十三亿八千万` is (20 + 3) × 1e8 +
/// 8 × 1000 × 1e4. A large unit bigger than every earlier one multiplies all that came before
/// (`3万亿` = 3 × 1e4 × 1e8), a smaller one only its own section.
pub fn parse_numeral(s: &str) -> Option<Numeral> {
    let chars: Vec<char> = s.chars().collect();
    let mut total = 0.0_f64;
    let mut section = 0.0_f64;
    let mut current: Option<f64> = None;
    let mut max_big = 0.0_f64;
    let mut more = false;
    let mut has_digit = false;
    let mut prev_cjk_digit = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            // Digits, decimals and group separators (`1,234.5`, `3 472.51`).
            let grouped = |j: usize| {
                matches!(chars[j], ',' | ' ' | '\u{2009}')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            };
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || grouped(i)) {
                i += 1;
            }
            let lit: String = chars[start..i]
                .iter()
                .filter(|&&c| c.is_ascii_digit() || c == '.')
                .collect();
            current = Some(lit.parse::<f64>().ok()?);
            has_digit = true;
            prev_cjk_digit = false;
            continue;
        }
        if let Some(d) = cjk_digit(c) {
            let d = f64::from(d);
            current = Some(match (current, prev_cjk_digit) {
                (Some(v), true) => v * 10.0 + d, // 二〇二一, 一百零五 (零 then 五)
                _ => d,
            });
            has_digit = true;
            prev_cjk_digit = true;
        } else if c == '点' || c == '點' {
            // Decimal part: the following Chinese digits, one by one.
            let mut frac = 0.0;
            let mut scale = 0.1;
            let mut j = i + 1;
            while let Some(d) = chars.get(j).and_then(|&c| cjk_digit(c)) {
                frac += f64::from(d) * scale;
                scale /= 10.0;
                j += 1;
            }
            if j == i + 1 {
                return None;
            }
            current = Some(current.unwrap_or(0.0) + frac);
            prev_cjk_digit = false;
            i = j;
            continue;
        } else if let Some(u) = small_unit(c) {
            // A leading 十 is a number (`十亿` = 1e9, `十几亿`); 百/千/万/亿 alone are bare units.
            has_digit |= u == 10.0;
            section += current.unwrap_or(1.0) * u;
            current = None;
            prev_cjk_digit = false;
        } else if let Some(u) = big_unit(c) {
            if u == 1e4 && i > 0 && big_unit(chars[i - 1]) == Some(1e4) {
                // 万万 = 亿 (older texts: `三十万万元`).
                total *= 1e4;
                max_big = 1e8;
                i += 1;
                continue;
            }
            let sec = section + current.unwrap_or(0.0);
            // A bare unit (`万元`) is one of it; a written zero (`0万元`) stays zero.
            let sec = if sec == 0.0 && total == 0.0 && current.is_none() {
                1.0
            } else {
                sec
            };
            if u > max_big {
                total = (total + sec) * u;
                max_big = u;
            } else {
                total += sec * u;
            }
            section = 0.0;
            current = None;
            prev_cjk_digit = false;
        } else if c == ' ' {
            // `134.9 万亿` (PDF text): a space before a multiplier changes nothing.
        } else if matches!(c, '多' | '余' | '餘' | '几' | '幾' | '来' | '來') {
            more = true;
            prev_cjk_digit = false;
        } else {
            return None;
        }
        i += 1;
    }
    let value = total + section + current.unwrap_or(0.0);
    if value == 0.0 && !has_digit {
        return None;
    }
    Some(Numeral {
        value,
        more,
        has_digit,
    })
}

/// The multiplier a numeral ends with (`20万` → 1e4, `1.2万亿` → 1e12, `15` → 1), used to give
/// the low end of a range its unit (`15-20万元`).
pub fn trailing_multiplier(s: &str) -> f64 {
    let mut m = 1.0;
    for c in s.chars().rev() {
        if let Some(u) = big_unit(c).or_else(|| small_unit(c)) {
            m *= u;
        } else if !matches!(c, '多' | '余' | '餘') {
            break;
        }
    }
    m
}

/// True when the numeral ends with a unit character (十 百 千 万 亿), so it carries its own scale.
pub fn has_trailing_unit(s: &str) -> bool {
    s.chars()
        .rev()
        .find(|c| !matches!(c, '多' | '余' | '餘'))
        .is_some_and(|c| big_unit(c).is_some() || small_unit(c).is_some())
}

/// A year written digit by digit: `2021`, `一九五四`, `二〇二一`, `二0二一` (a Latin `O` as the
/// zero, a common typo). `None` when any char is not a digit.
pub fn year_digits(s: &str) -> Option<f64> {
    let mut v = 0u32;
    for c in s.chars() {
        let d =
            c.to_digit(10)
                .or_else(|| cjk_digit(c))
                .or(if c == 'O' { Some(0) } else { None })?;
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    Some(f64::from(v))
}

/// A whole, exact number: `12`, `十二`, `一百零五` (no `多`, no fraction, no bare unit).
pub fn parse_small_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let n = parse_numeral(s)?;
    (n.has_digit && !n.more && n.value.fract() == 0.0 && n.value <= f64::from(u32::MAX))
        .then_some(n.value as u32)
}

/// A Chinese ordinal from 1 to 99 at the start of `s`, as list markers write them (`三`, `十二`,
/// `二十`, `九十九`): (value, chars used). At most three chars are read, so `一百` is not one.
pub fn cn_ordinal_prefix(s: &[char]) -> Option<(u32, usize)> {
    let digit = |c: char| {
        if matches!(c, '十' | '拾') {
            Some(10)
        } else {
            cjk_digit(c)
        }
    };
    let n = s
        .iter()
        .take(3)
        .take_while(|c| digit(**c).is_some())
        .count();
    if n == 0 {
        return None;
    }
    let d: Vec<u32> = s[..n].iter().filter_map(|c| digit(*c)).collect();
    let v = match d.as_slice() {
        [a] => *a,
        [10, b] if *b < 10 => 10 + b,
        [a, 10] if *a < 10 => a * 10,
        [a, 10, b] if *a < 10 && *b < 10 => a * 10 + b,
        _ => return None,
    };
    (v > 0).then_some((v, n))
}

/// An Arabic ordinal of one or two digits (ASCII or full-width) at the start of `s`: (value,
/// chars used). Three digits are a number, not a list marker.
pub fn arabic_ordinal_prefix(s: &[char]) -> Option<(u32, usize)> {
    let n = s
        .iter()
        .take(3)
        .take_while(|c| digit_value(**c).is_some())
        .count();
    if n == 0 || n > 2 {
        return None;
    }
    let v = s[..n]
        .iter()
        .filter_map(|c| digit_value(*c))
        .fold(0, |a, d| a * 10 + d);
    (v > 0).then_some((v, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> f64 {
        parse_numeral(s).map(|n| n.value).unwrap_or(f64::NAN)
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(v("626.8万"), 6_268_000.0);
        assert_eq!(v("12,345"), 12_345.0);
        assert_eq!(v("1.2亿"), 120_000_000.0);
        assert_eq!(v("1.2万亿"), 1.2e12);
        assert_eq!(v("1亿5000万"), 150_000_000.0);
        assert_eq!(v("5000万"), 50_000_000.0);
        assert_eq!(v("3千万"), 30_000_000.0);
        assert_eq!(v("134.9 万亿"), 1.349e14);
        assert_eq!(v("5824.04 亿"), 582_404_000_000.0);
        assert_eq!(v("3 472.51万"), 34_725_100.0);
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(v("一百一十七亿"), 11_700_000_000.0);
        assert_eq!(v("二十三亿八千万"), 2_380_000_000.0);
        assert_eq!(v("三百五十亿"), 35_000_000_000.0);
        assert_eq!(v("十五亿"), 1_500_000_000.0);
        assert_eq!(v("一百零五"), 105.0);
        assert_eq!(v("十二"), 12.0);
        assert_eq!(v("三点五"), 3.5);
        assert_eq!(v("两千"), 2000.0);
        assert_eq!(v("贰拾万"), 200_000.0);
        assert_eq!(v("三萬億"), 3e12);
        assert_eq!(v("三十万万"), 3e9);
        assert_eq!(v("3兆1,648億"), 3.1648e12);
        assert_eq!(v("3兆128億"), 3.0128e12);
    }

    #[test]
    fn digit_by_digit_years() {
        assert_eq!(v("二〇二一"), 2021.0);
        assert_eq!(v("一九五四"), 1954.0);
        assert_eq!(v("二零零八"), 2008.0);
    }

    #[test]
    fn bare_units_and_more() {
        let n = parse_numeral("亿").unwrap_or(Numeral {
            value: 0.0,
            more: false,
            has_digit: true,
        });
        assert_eq!((n.value, n.has_digit), (1e8, false));
        assert_eq!(v("千万"), 1e7);
        assert!(parse_numeral("十亿").is_some_and(|n| n.has_digit));
        let n = parse_numeral("400多万").unwrap_or(Numeral {
            value: 0.0,
            more: false,
            has_digit: false,
        });
        assert_eq!((n.value, n.more), (4e6, true));
        let n = parse_numeral("十几亿").unwrap_or(Numeral {
            value: 0.0,
            more: false,
            has_digit: false,
        });
        assert_eq!((n.value, n.more), (1e9, true));
    }

    #[test]
    fn rejects_non_numerals() {
        assert!(parse_numeral("平米").is_none());
        assert!(parse_numeral("").is_none());
        assert!(parse_numeral("多").is_none());
    }

    #[test]
    fn small_numbers_and_ordinals() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(parse_small_number("十二"), Some(12));
        assert_eq!(parse_small_number("二十"), Some(20));
        assert_eq!(parse_small_number("17"), Some(17));
        assert_eq!(parse_small_number("一百零五"), Some(105));
        assert_eq!(parse_small_number("十几"), None);
        assert_eq!(parse_small_number("篇"), None);
        assert_eq!(cn_ordinal_prefix(&c("十二、")), Some((12, 2)));
        assert_eq!(cn_ordinal_prefix(&c("二十三是")), Some((23, 3)));
        assert_eq!(cn_ordinal_prefix(&c("贰、")), Some((2, 1)));
        assert_eq!(cn_ordinal_prefix(&c("一百")), Some((1, 1)));
        assert_eq!(cn_ordinal_prefix(&c("零、")), None);
        assert_eq!(cn_ordinal_prefix(&c("十十")), None);
        assert_eq!(arabic_ordinal_prefix(&c("１２．")), Some((12, 2)));
        assert_eq!(arabic_ordinal_prefix(&c("3、")), Some((3, 1)));
        assert_eq!(arabic_ordinal_prefix(&c("123、")), None);
        assert_eq!(arabic_ordinal_prefix(&c("0、")), None);
        assert_eq!(year_digits("二〇二一"), Some(2021.0));
        assert_eq!(year_digits("2O21"), Some(2021.0));
        assert_eq!(year_digits("二〇二一年"), None);
    }

    #[test]
    fn multipliers() {
        assert_eq!(trailing_multiplier("20万"), 1e4);
        assert_eq!(trailing_multiplier("10亿"), 1e8);
        assert_eq!(trailing_multiplier("1.2万亿"), 1e12);
        assert_eq!(trailing_multiplier("15"), 1.0);
        assert!(has_trailing_unit("十五亿"));
        assert!(!has_trailing_unit("15"));
    }
}
