//! Test and benchmark support: [`IndexDoc`]s made without the real pipeline.
//!
//! Until `pipeline` can turn a corpus into `IndexDoc`s, the index tests and the search benchmark
//! build their documents here: the seed page split by the gold report ranges, with a crude
//! cleaning (pinyin glosses and anti-copy marks dropped) and a crude year/money detection. Not
//! for production use.

use super::IndexDoc;
use crate::simplify::to_simplified_aligned;

/// Crude line cleaning: drop pinyin glosses `(jīng)` and anti-copy marks (`.`/`'` after a CJK
/// char and before another one).
pub fn clean_line(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    let is_cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    while i < chars.len() {
        let c = chars[i];
        if c == '(' {
            let close = chars[i + 1..].iter().take(8).position(|&x| x == ')');
            if let Some(len) = close
                && len > 0
                && chars[i + 1..i + 1 + len]
                    .iter()
                    .all(|x| x.is_alphabetic() && !is_cjk(*x))
                && chars[i + 1..i + 1 + len].iter().any(|x| !x.is_ascii())
            {
                i += len + 2;
                continue;
            }
        }
        if matches!(c, '.' | '\'')
            && i > 0
            && is_cjk(chars[i - 1])
            && chars.get(i + 1).is_some_and(|&n| is_cjk(n))
        {
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Years written as `2021年` (four digits then 年).
pub fn years_of(text: &str) -> Vec<i64> {
    let chars: Vec<char> = text.chars().collect();
    let mut years = Vec::new();
    for w in chars.windows(5) {
        if w[4] == '年' && w[..4].iter().all(|c| c.is_ascii_digit()) {
            let s: String = w[..4].iter().collect();
            if let Ok(y) = s.parse::<i64>()
                && (1900..=2100).contains(&y)
            {
                years.push(y);
            }
        }
    }
    years.sort_unstable();
    years.dedup();
    years
}

/// The id the pipeline gives report `ordinal` of `source`.
pub fn doc_id(source: &str, ordinal: u64) -> String {
    crate::doc::report_id(source, ordinal as usize)
}

/// Build an [`IndexDoc`] from `(source line, raw line)` pairs; the first non-blank line is the
/// title.
pub fn make_doc(source: &str, ordinal: u64, lines: &[(usize, &str)]) -> IndexDoc {
    let lines: Vec<(usize, String, String)> = lines
        .iter()
        .map(|(no, raw)| {
            let clean = clean_line(raw);
            let simp = to_simplified_aligned(&clean);
            (*no, clean, simp)
        })
        .collect();
    let title_line = lines.iter().find(|l| !l.1.trim().is_empty());
    let title = title_line
        .map(|l| l.1.trim().to_string())
        .unwrap_or_default();
    let line_start = title_line.map_or(0, |l| l.0);
    let all: String = lines.iter().map(|l| l.2.as_str()).collect();
    let traditional = lines.iter().any(|l| l.1 != l.2);
    IndexDoc {
        id: doc_id(source, ordinal),
        source: source.to_string(),
        ordinal,
        order: super::order_key(0, ordinal as usize),
        title,
        line_start,
        line_end: lines.last().map_or(line_start, |l| l.0),
        years: years_of(&all),
        has_money: all.contains("万元") || all.contains("元"),
        script: if traditional {
            crate::doc::Script::Traditional
        } else {
            crate::doc::Script::Simplified
        },
        lines,
    }
}

/// Split a text into lines like the pipeline does (`\n`, `\r\n` or `\r`).
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\n', '\r']) {
        out.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The reports of the seed page, cut by the ranges of `seed_sections.json`.
pub fn seed_docs(source: &str, seed_text: &str, gold_json: &str) -> Vec<IndexDoc> {
    let lines = split_lines(seed_text);
    let gold: serde_json::Value = serde_json::from_str(gold_json).unwrap_or_default();
    let Some(reports) = gold.get("reports").and_then(|r| r.as_array()) else {
        return Vec::new();
    };
    let mut docs = Vec::new();
    for r in reports {
        let get = |k: &str| r.get(k).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
        let (n, start, end) = (get("n"), get("line_start"), get("line_end"));
        if start == 0 || end < start {
            continue;
        }
        let numbered: Vec<(usize, &str)> = (start..=end)
            .filter_map(|no| lines.get(no - 1).map(|l| (no, *l)))
            .collect();
        docs.push(make_doc(source, n as u64, &numbered));
    }
    docs
}

/// A whole file as one report (the fixtures of `tests/fixtures/search/`).
pub fn file_doc(source: &str, text: &str) -> IndexDoc {
    let numbered: Vec<(usize, &str)> = split_lines(text)
        .into_iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    make_doc(source, 1, &numbered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_and_marks_are_dropped() {
        assert_eq!(clean_line("經(jīng)費存在的.問題"), "經費存在的問題");
        assert_eq!(
            clean_line("計劃購入的'公務用車(2021)"),
            "計劃購入的公務用車(2021)"
        );
        assert_eq!(years_of("2021年和2022年度，20xx年"), vec![2021, 2022]);
    }
}
