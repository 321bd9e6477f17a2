//! Stage 2: clean each decoded line, keeping a map back to the source.
//!
//! Cleaning never merges or splits lines, so cleaned line *n* is source line *n*; inside a line
//! every cleaned char remembers the source byte it came from ([`CleanLine::raw_span`]). The
//! rules, applied in this order:
//! 1. **GBK one-byte-shift mojibake** ([`repair_mojibake`]): a page converted from GBK that lost
//!    one byte reads ` 。ㄒ唬└叨戎匾,…`. Re-encoding the line as GB18030, putting the lost lead
//!    byte back and decoding gives `　（一）高度重視…`. This runs first because the pinyin glosses
//!    were inserted after the damage and their ASCII bytes take part in the re-decoding.
//! 2. **Pinyin glosses** inside words: `經(jīng)費` → `經費` (`PINYIN_GLOSS`).
//! 3. **Anti-copy marks** after 的: `的.意見`, `的'公`, ``的`指`` → `的意見` (`ANTI_COPY_MARK`).
//! 4. **Width folding inside numbers**: full-width digits and letters → ASCII; `％`, `．` and the
//!    thousands `，` only where they belong to a number. List markers such as `（一）` and `①`
//!    stay as they are (NFKC would turn `①` into `1` and break the outline stage).

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::CleanLine;
use crate::simplify;

/// A pinyin gloss in parentheses: lower-case Latin letters with at least one tone mark,
/// e.g. the `(jīng)` of `經(jīng)費`. Plain `(一)`, `(75%)` or `(含車購稅)` are real text.
static PINYIN_GLOSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]*\)")
        .expect("PINYIN_GLOSS is a valid regex")
});

/// An anti-copy mark right after 的 and before a Han char: `管理的.意見`, ``指`` in
/// ``的`指導``; a quote mark is also dropped before punctuation (`用語的',發現`), where no text
/// puts one. A period between digits (`3.5`) or at the end of a sentence is left alone.
static ANTI_COPY_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"的(?:([.'`])\p{Han}|(['`])[，,、；;：:。])")
        .expect("ANTI_COPY_MARK is a valid regex")
});

/// The mark of an [`ANTI_COPY_MARK`] match.
fn mark_of<'h>(caps: &regex::Captures<'h>) -> Option<regex::Match<'h>> {
    caps.get(1).or_else(|| caps.get(2))
}

/// Units that end a letter-spaced number (`7 4 7 7 2 亿元`, `8 ．8 ％`, `1 9 9 7 年`).
const SPACED_NUMBER_UNITS: &[char] = &['元', '亿', '万', '％', '%', '年', '月', '日', '人', '个'];

/// Fewest tokens in a letter-spaced run.
const MIN_SPACED_TOKENS: usize = 3;

/// Byte offsets of the blanks inside letter-spaced runs of typeset and PDF text
/// (`存 在 的 问 题`, `7 4 7 7 2 亿元`): runs of at least [`MIN_SPACED_TOKENS`] tokens of one
/// or two chars, separated by one blank each, that hold a Han char or end in a unit. A run of
/// bare digits (`1 2 3`, table cells) is left alone.
fn letter_spacing(text: &str) -> Vec<usize> {
    // Tokens: (start byte, end byte, chars).
    let mut tokens: Vec<(usize, usize, usize)> = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            if let Some(s0) = start.take() {
                tokens.push((s0, i, n));
            }
            n = 0;
        } else {
            start.get_or_insert(i);
            n += 1;
        }
    }
    if let Some(s0) = start {
        tokens.push((s0, text.len(), n));
    }
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        // A run of short tokens, each one blank after the last.
        let mut e = k;
        while e + 1 < tokens.len()
            && tokens[e].2 <= 2
            && tokens[e + 1].0 == tokens[e].1 + 1
            && tokens[e + 1].2 <= 2
        {
            e += 1;
        }
        if e - k + 1 >= MIN_SPACED_TOKENS {
            let run = &text[tokens[k].0..tokens[e].1];
            let han = run.chars().any(crate::lex::han::is_han);
            // A unit in the run or opening the token after it (`2 亿元，…`).
            let next_unit = tokens.get(e + 1).is_some_and(|t| {
                t.0 == tokens[e].1 + 1
                    && text[t.0..]
                        .chars()
                        .next()
                        .is_some_and(|c| SPACED_NUMBER_UNITS.contains(&c))
            });
            let unit = next_unit || run.chars().any(|c| SPACED_NUMBER_UNITS.contains(&c));
            let digits = run.chars().any(|c| c.is_ascii_digit());
            if (han && !digits) || (digits && unit) {
                // A spaced heading whose first char is glued to its marker (`四、存 在 的 问
                // 题`): the blank after that first token goes too.
                let glued_head = k > 0
                    && han
                    && !digits
                    && tokens[k].0 == tokens[k - 1].1 + 1
                    && text[..tokens[k - 1].1]
                        .chars()
                        .last()
                        .is_some_and(crate::lex::han::is_han);
                if glued_head {
                    out.push(tokens[k - 1].1);
                }
                out.extend(tokens[k..e].iter().map(|t| t.1));
                if digits && next_unit {
                    out.push(tokens[e].1);
                }
            }
        }
        k = e + 1;
    }
    out
}

/// One output char and the input byte offset it came from.
type CharMap = Vec<(char, usize)>;

/// Clean one decoded source line.
pub fn clean_line(raw: &str) -> CleanLine {
    let repaired_text = repair_mojibake(raw);
    let may_gloss = raw.contains('(');
    let may_mark = raw.contains("的.") || raw.contains("的'") || raw.contains("的`");
    let may_fold = raw
        .chars()
        .any(|c| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ'));
    let may_space = raw.contains(' ') && !letter_spacing(raw).is_empty();
    if repaired_text.is_none() && !may_gloss && !may_mark && !may_fold && !may_space {
        // Most lines: nothing to clean, one anchor.
        let mut line = CleanLine::identity(raw);
        line.simplified = simplify::to_simplified_aligned(raw);
        return line;
    }
    if repaired_text.is_none() && !may_fold && !may_space {
        return delete_spans(raw, may_mark);
    }
    // Stage 1: mojibake. Each output char maps to a raw byte offset.
    let (mut chars, repaired): (CharMap, bool) = match repaired_text {
        Some(fixed) => (proportional_map(raw, &fixed), true),
        None => (raw.char_indices().map(|(i, c)| (c, i)).collect(), false),
    };
    // Stage 2+3: deletions found on the current text.
    let current: String = chars.iter().map(|&(c, _)| c).collect();
    let mut drop = vec![false; current.len()];
    let mut any_drop = false;
    for m in PINYIN_GLOSS.find_iter(&current) {
        drop[m.start()..m.end()].iter_mut().for_each(|d| *d = true);
        any_drop = true;
    }
    for caps in ANTI_COPY_MARK.captures_iter(&current) {
        if let Some(m) = mark_of(&caps) {
            drop[m.start()..m.end()].iter_mut().for_each(|d| *d = true);
            any_drop = true;
        }
    }
    for b in letter_spacing(&current) {
        drop[b] = true;
        any_drop = true;
    }
    if any_drop {
        let mut kept = Vec::with_capacity(chars.len());
        for ((byte, _), entry) in current.char_indices().zip(chars) {
            if !drop[byte] {
                kept.push(entry);
            }
        }
        chars = kept;
    }
    // Stage 4: width folding (`％．，` only fold next to a full-width or ASCII digit).
    if may_fold || repaired || may_space {
        let mut folded: Vec<char> = chars.iter().map(|x| x.0).collect();
        crate::lex::width::fold_in_numbers(&mut folded);
        for (entry, c) in chars.iter_mut().zip(folded) {
            entry.0 = c;
        }
    }

    let mut text = String::with_capacity(raw.len());
    let mut anchors: Vec<(u32, u32)> = Vec::new();
    let mut expected_raw: Option<usize> = None;
    for &(c, r) in &chars {
        if expected_raw != Some(r) {
            anchors.push((text.len() as u32, r as u32));
        }
        text.push(c);
        // The next char continues this anchor if it comes from the next raw char.
        let raw_len = raw[r..].chars().next().map(char::len_utf8).unwrap_or(1);
        expected_raw = if c.len_utf8() == raw_len {
            Some(r + raw_len)
        } else {
            None
        };
    }
    if anchors.first().map(|a| a.0) != Some(0) {
        anchors.insert(0, (0, 0));
    }
    finish_line(raw, text, anchors, repaired)
}

/// Assemble a cleaned line and its simplified view.
fn finish_line(raw: &str, text: String, anchors: Vec<(u32, u32)>, repaired: bool) -> CleanLine {
    let simplified = simplify::to_simplified_aligned(&text);
    CleanLine {
        raw: raw.to_string(),
        text,
        simplified,
        anchors,
        repaired,
    }
}

/// The common case of a line with glosses or anti-copy marks but nothing else to do: copy the
/// kept runs, one anchor per run.
fn delete_spans(raw: &str, may_mark: bool) -> CleanLine {
    let mut dels: Vec<(usize, usize)> = PINYIN_GLOSS
        .find_iter(raw)
        .map(|m| (m.start(), m.end()))
        .collect();
    if may_mark {
        for caps in ANTI_COPY_MARK.captures_iter(raw) {
            if let Some(m) = mark_of(&caps) {
                dels.push((m.start(), m.end()));
            }
        }
        dels.sort_unstable();
    }
    let mut text = String::with_capacity(raw.len());
    let mut anchors: Vec<(u32, u32)> = Vec::with_capacity(dels.len() + 1);
    let mut pos = 0;
    for (start, end) in dels {
        if start < pos {
            continue;
        }
        if start > pos {
            anchors.push((text.len() as u32, pos as u32));
            text.push_str(&raw[pos..start]);
        }
        pos = end;
    }
    if pos < raw.len() || anchors.is_empty() {
        anchors.push((text.len() as u32, pos as u32));
        text.push_str(&raw[pos..]);
    }
    finish_line(raw, text, anchors, false)
}

/// Map the chars of a repaired line onto the raw line: the common suffix maps char for char;
/// the repaired prefix maps proportionally onto the damaged prefix.
fn proportional_map(raw: &str, fixed: &str) -> CharMap {
    let raw_chars: Vec<(usize, char)> = raw.char_indices().collect();
    let fixed_chars: Vec<char> = fixed.chars().collect();
    let mut suffix = 0;
    while suffix < raw_chars.len()
        && suffix < fixed_chars.len()
        && raw_chars[raw_chars.len() - 1 - suffix].1 == fixed_chars[fixed_chars.len() - 1 - suffix]
    {
        suffix += 1;
    }
    let raw_pre = raw_chars.len() - suffix;
    let fixed_pre = fixed_chars.len() - suffix;
    let mut out = Vec::with_capacity(fixed_chars.len());
    for (k, &c) in fixed_chars[..fixed_pre].iter().enumerate() {
        // The loop only runs when fixed_pre > 0.
        let rk = (k * raw_pre).checked_div(fixed_pre).unwrap_or(0);
        out.push((c, raw_chars.get(rk).map(|x| x.0).unwrap_or(0)));
    }
    for (k, &c) in fixed_chars[fixed_pre..].iter().enumerate() {
        out.push((c, raw_chars[raw_pre + k].0));
    }
    out
}

/// Characters that are rare in real Chinese prose but common in GBK text decoded one byte off:
/// bopomofo, box drawing, ideographic description characters, private-use code points,
/// pinyin letters with diacritics outside glosses, U+FFFD.
fn is_mojibake_char(c: char) -> bool {
    matches!(c,
        '\u{3100}'..='\u{312F}'      // bopomofo: ㄒ ㄈ ㄋ ㄎ
        | '\u{2500}'..='\u{257F}'    // box drawing: └ ┘ ┛ ┏
        | '\u{2FF0}'..='\u{2FFF}'    // ideographic description: ⿵ ⿲
        | '\u{E000}'..='\u{F8FF}'    // private use
        | '\u{FFFD}'
        | '\u{FE50}'..='\u{FE6F}'  // small form variants: ﹪
        | 'ǘ' | 'ǚ' | 'ǜ' | 'ǖ' | 'ɑ' | 'ɡ' | 'ń' | 'ň' | 'ǹ' | 'ḿ'
    )
}

/// Repair a line damaged by GBK one-byte-shift mojibake, or `None` if it does not look damaged
/// or the repair does not make it better.
///
/// Why this works: the page was GBK, one byte was lost near the start of the line, and the
/// rest was decoded pairwise one byte off. Re-encoding the damaged run as GB18030 gives back
/// the shifted bytes; putting back a plausible lost lead byte (0xA1, the first byte of `　`
/// U+3000, or 0xA3, the first byte of `（`) realigns the pairs. ASCII (commas, `20xx`) resyncs
/// the decoder, so the undamaged tail of the line decodes to itself.
pub fn repair_mojibake(raw: &str) -> Option<String> {
    let body = raw.trim_start_matches([' ', '\t']);
    let lead_ws = &raw[..raw.len() - body.len()];
    let head: Vec<char> = body.chars().take(4).collect();
    let suspicious = head.iter().filter(|&&c| is_mojibake_char(c)).count();
    // No real line starts with a full stop; a shifted `　（` decodes to `。`.
    let starts_like_shifted = head.first() == Some(&'。') || head.first() == Some(&'ㄒ');
    if !(starts_like_shifted || suspicious >= 2) {
        return None;
    }
    let before = badness(body) + usize::from(starts_like_shifted);
    // The damaged run is a prefix of unknown length; the rest of the line is fine. Try every
    // prefix end (cheap: only suspicious lines get here) and both plausible lost lead bytes;
    // keep the candidate that starts with a complete list marker and has the fewest
    // mojibake-looking chars, preferring the longest repaired run on ties.
    let mut best: Option<(usize, usize, String)> = None;
    // Mojibake chars in the line from each char end on, to score candidates without building
    // them.
    let total_badness = badness(body);
    let mut tail_badness = Vec::with_capacity(MAX_DAMAGED_CHARS);
    let mut seen = 0;
    let mut last_bad = 0;
    let mut first_ascii_after_bad = None;
    for (k, c) in body.chars().take(MAX_DAMAGED_CHARS).enumerate() {
        if is_mojibake_char(c) {
            seen += 1;
            last_bad = k;
            first_ascii_after_bad = None;
        } else if c.is_ascii() && first_ascii_after_bad.is_none() {
            first_ascii_after_bad = Some(k);
        }
        tail_badness.push(total_badness - seen);
    }
    // The damaged run ends at the first ASCII char after the last mojibake char (ASCII
    // resyncs the decoder); longer prefixes give the same result.
    // (GB18030 reads a lead byte before an ASCII digit as a four-byte sequence: go two past.)
    let last_end = (first_ascii_after_bad
        .unwrap_or(tail_badness.len())
        .max(last_bad)
        + 3)
    .min(tail_badness.len());
    // GB18030 is stateless, so the bytes of a prefix are the concatenated bytes of its chars:
    // encode each char of the run once and slice. (Encoding a CJK char searches encoding_rs's
    // index, about a thousand instructions, so only the run is encoded.)
    let mut bytes: Vec<u8> = Vec::with_capacity(last_end * 2);
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(last_end);
    let mut utf8 = [0u8; 4];
    let mut out = [0u8; 8];
    let mut encoder = encoding_rs::GB18030.new_encoder();
    for (i, c) in body.char_indices().take(last_end) {
        let (result, _, written) =
            encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut utf8), &mut out, false);
        if result != encoding_rs::EncoderResult::InputEmpty {
            break;
        }
        bytes.extend_from_slice(&out[..written]);
        ends.push((i + c.len_utf8(), bytes.len()));
    }
    for (k, &(end, byte_end)) in ends.iter().enumerate() {
        for lead in [0xA1u8, 0xA3] {
            let Some(fixed) = decode_shifted(lead, &bytes[..byte_end]) else {
                continue;
            };
            let head: String = fixed.chars().chain(body[end..].chars()).take(8).collect();
            // A repaired line must start with a bracketed marker: `（一）`, `（12）`, `（1)`.
            if !(head.starts_with('（') && crate::lex::marker::starts_with_paren_marker(&head)) {
                continue;
            }
            let score = badness(&fixed) + tail_badness[k];
            if score < before && best.as_ref().is_none_or(|b| score <= b.0) {
                best = Some((score, end, fixed));
            }
        }
    }
    best.map(|(_, end, fixed)| format!("{lead_ws}{fixed}{}", &body[end..]))
}

/// Longest damaged run tried, in chars.
const MAX_DAMAGED_CHARS: usize = 48;

/// Put `lead` back in front of the shifted bytes and decode as GBK. The two byte-level losses
/// seen in scraped pages are mended: a run that ends on a lone `0xA3` after `（N` lost the
/// second byte of `）`; a lone lead byte before a digit (`　�1)`) was the `（` of `（1)`.
fn decode_shifted(lead: u8, bytes: &[u8]) -> Option<String> {
    let mut shifted = Vec::with_capacity(bytes.len() + 1);
    shifted.push(lead);
    shifted.extend_from_slice(bytes);
    let (decoded, _) = encoding_rs::GBK.decode_without_bom_handling(&shifted);
    let mut text = decoded.trim_start_matches('\u{3000}').to_string();
    if let Some(rest) = text.strip_prefix('\u{FFFD}')
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        text = format!("（{rest}");
    }
    if text.ends_with('\u{FFFD}') {
        text.pop();
        if shifted.last() == Some(&0xA3)
            && crate::lex::marker::ends_with_unclosed_paren_marker(&text)
        {
            text.push('）');
        }
    }
    let text = text.replace('\u{FFFD}', "");
    if text.is_empty() { None } else { Some(text) }
}

/// How many mojibake-looking chars a string has.
fn badness(s: &str) -> usize {
    s.chars().filter(|&c| is_mojibake_char(c)).count()
}

/// Split decoded text into lines (`\n`, `\r\n`, lone `\r`) and clean each.
pub fn clean_text(text: &str) -> Vec<CleanLine> {
    crate::lex::split_lines(text)
        .into_iter()
        .map(clean_line)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gloss_dropped_and_text_maps_back() {
        let l = clean_line("招商引資工作經(jīng)費事前績效評估報告 1");
        assert_eq!(l.text, "招商引資工作經費事前績效評估報告 1");
        let start = l.text.find("經費").unwrap();
        assert_eq!(l.raw_text(start..start + "經費".len()), "經(jīng)費");
        assert_eq!(l.simplified, "招商引资工作经费事前绩效评估报告 1");
    }

    #[test]
    fn parentheses_that_are_not_glosses_stay() {
        for s in [
            "招商引資工作經費事前績效評估報告(通用17篇)",
            "其中中央資金(75%)和地方資金(25%)",
            "(一)努力實現收支計劃科學化",
            "學校(民辦學校)資助",
        ] {
            assert_eq!(clean_line(s).text, s);
        }
    }

    #[test]
    fn anti_copy_marks_after_de() {
        assert_eq!(
            clean_line("聽取干部群眾對財務管理的.意見").text,
            "聽取干部群眾對財務管理的意見"
        );
        assert_eq!(clean_line("加強對土地的'土地").text, "加強對土地的土地");
        assert_eq!(clean_line("上級的`指導").text, "上級的指導");
        // A quote mark after 的 before a comma is a mark too; one before a closing quote is not.
        assert_eq!(
            clean_line("禮貌用語的',發現一次").text,
            "禮貌用語的,發現一次"
        );
        assert_eq!(clean_line("所謂“目的'”一詞").text, "所謂“目的'”一詞");
        // Real sentence ends and decimals are kept.
        assert_eq!(
            clean_line("是極不成熟的。主要觀點").text,
            "是極不成熟的。主要觀點"
        );
        assert_eq!(clean_line("增長的3.5%").text, "增長的3.5%");
        assert_eq!(clean_line("目的.").text, "目的.");
    }

    const SEED: &str = include_str!("../corpus/000_8704a95fd81a1589.txt");

    fn seed_line(n: usize) -> &'static str {
        SEED.lines().nth(n - 1).unwrap_or_default()
    }

    #[test]
    fn mojibake_line_from_seed_is_repaired() {
        let l = clean_line(" 。ㄒ唬└叨戎匾,加強了預算績效管理的組織領導。");
        assert!(l.repaired);
        assert!(
            l.text.trim_start().starts_with("（一）高度重"),
            "{}",
            l.text
        );
        assert!(
            l.text.ends_with(",加強了預算績效管理的組織領導。"),
            "{}",
            l.text
        );
        // Seed line 24 (it carries private-use code points, so it is read from the corpus).
        let l = clean_line(seed_line(24));
        assert!(
            l.text.trim_start().starts_with("（二）從基礎上抓起,出臺了"),
            "{}",
            l.text
        );
        // The gloss inside the damaged run is dropped after the repair.
        let l = clean_line(seed_line(26));
        assert!(
            l.text.trim_start().starts_with("（三）加強了監督,嚴格執行"),
            "{}",
            l.text
        );
    }

    #[test]
    fn all_66_seed_mojibake_lines_get_their_marker_back() {
        let marker =
            Regex::new(r"^[ \t\u{3000}]*（(?:[一二三四五六七八九十]{1,3}）|[0-9]\))").unwrap();
        let damaged: Vec<&str> = SEED.lines().filter(|l| l.starts_with(" 。")).collect();
        assert_eq!(damaged.len(), 66);
        for raw in damaged {
            let l = clean_line(raw);
            assert!(
                l.repaired && marker.is_match(&l.text),
                "{raw:?} -> {:?}",
                l.text
            );
        }
    }

    #[test]
    fn ordinary_lines_are_not_repaired() {
        for s in [
            "  (二)努力實現收支法律",
            "  1、嚴格依法組織收入。",
            "。這是一句以句號開頭的話",
            "①加強組織領導",
        ] {
            let l = clean_line(s);
            assert!(!l.repaired, "{s}");
            assert_eq!(l.text, s);
        }
    }

    #[test]
    fn letter_spaced_runs_are_closed_up_and_map_back() {
        for (raw, want) in [
            (
                "收入 7 4 7 7 2 亿元，增长 8 ．8 ％。",
                "收入74772亿元，增长 8.8%。",
            ),
            ("1 9 9 7 年", "1997年"),
            ("四、存 在 的 问 题", "四、存在的问题"),
        ] {
            let line = clean_line(raw);
            assert_eq!(line.text, want, "{raw}");
            // The figure maps back to its spaced source text.
            if let Some(at) = line.text.find("74772亿元") {
                let span = at..at + "74772亿元".len();
                assert_eq!(line.raw_text(span), "7 4 7 7 2 亿元");
            }
        }
        // Table cells of bare digits, and ordinary spaced words, stay.
        for raw in ["序号 1 2 3 4", "866 1,309 51.1", "see a b c"] {
            assert_eq!(clean_line(raw).text, raw, "{raw}");
        }
    }

    #[test]
    fn widths_fold_inside_numbers_only() {
        let l = clean_line("同比增長１２．５％，投入３，５００萬元，（一）①");
        assert_eq!(l.text, "同比增長12.5%，投入3,500萬元，（一）①");
        let s = l.text.find("3,500").unwrap();
        assert_eq!(l.raw_text(s..s + 5), "３，５００");
        // A comma between numbers that is not a thousands separator stays.
        assert_eq!(clean_line("２０１９，２０２０年").text, "2019，2020年");
        assert_eq!(clean_line("ＧＤＰ").text, "GDP");
    }

    #[test]
    fn lines_split_on_all_terminators() {
        assert_eq!(
            crate::lex::split_lines("a\r\nb\rc\nd\n"),
            vec!["a", "b", "c", "d"]
        );
        assert_eq!(crate::lex::split_lines("a\n\nb"), vec!["a", "", "b"]);
    }
}
