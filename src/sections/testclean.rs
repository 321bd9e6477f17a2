//! Test-only stand-in for `clean`: enough cleaning of the seed page to score sections before the
//! real clean module lands. Drops pinyin glosses (`經(jīng)費` → `經費`) and anti-copy marks after
//! `的`, repairs GBK one-byte-shift mojibake prefixes (` 。ㄒ唬└叨戎匾,` → `　（一）高度重`), and
//! builds a char-aligned simplified view char by char.

use std::sync::OnceLock;

use regex::Regex;

use crate::doc::{CleanDoc, CleanLine};

fn gloss_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\p{Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)").expect("valid regex")
    })
}

/// Repair a GBK one-byte-shift mojibake prefix: the line lost its first byte, so each char was
/// decoded from the trail byte of one char and the lead byte of the next.
fn repair_mojibake(line: &str) -> Option<String> {
    let trimmed = line.trim_start_matches(' ');
    if !trimmed.starts_with('。') {
        return None;
    }
    let run_len: usize = trimmed
        .char_indices()
        .find(|(_, c)| c.is_ascii())
        .map(|(i, _)| i)
        .unwrap_or(trimmed.len());
    let (run, rest) = trimmed.split_at(run_len);
    let (enc, _, bad) = encoding_rs::GBK.encode(run);
    if bad {
        return None;
    }
    let mut bytes = vec![0xA1u8];
    bytes.extend_from_slice(&enc);
    let mut rest = rest;
    if bytes.len() % 2 == 1 {
        match rest.as_bytes().first() {
            Some(&b) if (0x40..=0x7E).contains(&b) => {
                bytes.push(b);
                rest = &rest[1..];
            }
            _ => {
                // The trail byte is lost; an orphan A3 is almost always the lead of `（`.
                if bytes.last() == Some(&0xA3) {
                    bytes.pop();
                    bytes.extend_from_slice(&[0xA3, 0xA8]);
                } else {
                    bytes.pop();
                }
            }
        }
    }
    let (dec, _, _) = encoding_rs::GBK.decode(&bytes);
    Some(format!("{dec}{rest}"))
}

fn clean_text(raw: &str) -> String {
    let mut s = repair_mojibake(raw).unwrap_or_else(|| raw.to_string());
    s = gloss_re().replace_all(&s, "$1").into_owned();
    // Anti-copy marks after 的.
    let mut out = String::with_capacity(s.len());
    let mut prev = ' ';
    for c in s.chars() {
        if prev == '的' && matches!(c, '.' | '`' | '\'' | '。') {
            continue;
        }
        out.push(c);
        prev = c;
    }
    out = out.replace("的`", "的").replace("中的`", "中的");
    out
}

fn simplify_aligned(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let s = hanconv::t2s(c.encode_utf8(&mut buf));
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(d), None) => d,
                _ => c,
            }
        })
        .collect()
}

/// A cleaned line for tests.
pub fn line(raw: &str) -> CleanLine {
    let text = clean_text(raw);
    let simplified = simplify_aligned(&text);
    let mut l = CleanLine::identity(raw);
    l.repaired = text != raw && raw.trim_start().starts_with('。');
    l.text = text;
    l.simplified = simplified;
    l
}

/// A cleaned document for tests.
pub fn doc(source: &str, content: &str) -> CleanDoc {
    CleanDoc {
        source: source.to_string(),
        encoding: "UTF-8".to_string(),
        lines: content.lines().map(line).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_shifted_gbk() {
        let l = line(" 。ㄒ唬└叨戎匾,加強了預算績效管理的組織領導。");
        assert!(l.text.starts_with("\u{3000}（一）高度重"), "{}", l.text);
        let l = line(" 。1)從招商項目來看:");
        assert!(l.text.contains("（1)從招商項目來看"), "{}", l.text);
        let l = line("  招商引資工作經(jīng)費事前績效評估報告 1");
        assert_eq!(l.text, "  招商引資工作經費事前績效評估報告 1");
        assert_eq!(l.simplified, "  招商引资工作经费事前绩效评估报告 1");
    }
}
