//! Sentence and clause boundaries.
//!
//! Chinese reports end sentences with `。！？` (and their half-width forms in PDF text); clauses
//! break at `，；：` and brackets. Every stage that cuts text at these marks uses the classes
//! here, so a figure's sentence, an item's sentence and a long line's break points agree.

use std::ops::Range;

/// Ends a sentence: `。！？!?`.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Ends a sentence or a semicolon clause: [`is_sentence_end`] and `；;`. Lists of measures run
/// `……；……；……。`, so a semicolon is the strongest break inside a long sentence.
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || is_semicolon(c)
}

/// Clause punctuation: commas, semicolons, colons, sentence ends and brackets. A role or
/// measure cue does not reach across these.
pub fn is_clause_break(c: char) -> bool {
    is_clause_end(c) || is_comma(c) || is_colon(c) || matches!(c, '（' | '(' | '）' | ')')
}

/// A comma, `，` or `,`.
pub fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',')
}

/// A colon, `：` or `:`.
pub fn is_colon(c: char) -> bool {
    matches!(c, '：' | ':')
}

/// A semicolon, `；` or `;`.
pub fn is_semicolon(c: char) -> bool {
    matches!(c, '；' | ';')
}

/// A mark inside a sentence that ends a clause: comma, semicolon or colon.
pub fn is_clause_mark(c: char) -> bool {
    is_comma(c) || is_semicolon(c) || is_colon(c)
}

/// Any sentence or clause punctuation, the enumeration comma `、` included: what a list marker
/// may follow, and what a heading does not hold.
pub fn is_punct_stop(c: char) -> bool {
    is_sentence_end(c) || is_clause_mark(c) || c == '、'
}

/// Blanks found at line and sentence starts: ASCII, ideographic space, NBSP.
pub fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// `的。` is an anti-copy artefact (a `。` pasted after 的), never a sentence end.
pub fn is_false_stop(s: &[char], i: usize) -> bool {
    s.get(i) == Some(&'。') && i > 0 && s[i - 1] == '的'
}

/// Byte spans of the sentences of a line: split after [`is_sentence_end`], leading blanks left
/// out, empty sentences dropped.
pub fn sentences(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if is_sentence_end(c) {
            out.push(start..i + c.len_utf8());
            start = i + c.len_utf8();
        }
    }
    if start < line.len() {
        out.push(start..line.len());
    }
    out.into_iter()
        .map(|s| {
            let trimmed = line[s.clone()].trim_start_matches(is_blank);
            s.end - trimmed.len()..s.end
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The part of `before` after its last clause break.
///
/// A thousands separator (`1,302.17`) is no break.
pub fn clause_tail(before: &str) -> &str {
    let b = before.as_bytes();
    match before.char_indices().rev().find(|&(i, c)| {
        is_clause_break(c)
            && !(c == ','
                && i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    }) {
        Some((i, c)) => &before[i + c.len_utf8()..],
        None => before,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_of_a_line() {
        let line = "　收入增长5%。支出下降！ 结余？尾";
        let got: Vec<&str> = sentences(line).into_iter().map(|r| &line[r]).collect();
        assert_eq!(got, ["收入增长5%。", "支出下降！", "结余？", "尾"]);
        assert!(sentences("　").is_empty());
        assert_eq!(sentences("无句号的一行").len(), 1);
    }

    #[test]
    fn classes() {
        assert!(is_sentence_end('。') && !is_sentence_end('；'));
        assert!(is_clause_end('；') && !is_clause_end('，'));
        assert!(is_clause_break('，') && is_clause_break('）') && !is_clause_break('、'));
        let s: Vec<char> = "目标的。完成。".chars().collect();
        assert!(is_false_stop(&s, 3));
        assert!(!is_false_stop(&s, 6));
    }
}
