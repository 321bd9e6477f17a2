//! The `zh` tokenizer: jieba in search mode over the simplified view, with char positions.
//!
//! Input: simplified text (report body or query). Output: tantivy [`Token`]s.
//!
//! Invariants the query side relies on:
//! - **Position = char index** of the token's first char in the text, not the token's ordinal.
//!   Search mode emits overlapping words (`招商引资` also gives `招商`@0 and `引资`@2), and char
//!   positions give every word a place that does not depend on how its neighbours were cut. So
//!   a query word can be looked up as a phrase of its sub-words at their char offsets
//!   (`绩效评价` = `绩效`@+0 `评价`@+2), which matches text cut `预算绩效/评价` just as well as
//!   text cut `绩效评价`. Since the simplified view is char-aligned with the original text, the
//!   same positions also locate matches in the original (see `snippet`).
//! - Token text is width-folded and ASCII-lowercased ([`fold_for_match`]); one char maps to one char,
//!   so positions are unchanged. Whitespace and punctuation tokens are dropped.
//! - Tokens are sorted by position (tantivy stores position deltas per term).
//! - Every Han char is also a token of its own, so a query run whose ends cut through words of
//!   the text still has a cover to match (the index grows by about 40%).

use std::sync::Arc;

use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{PreTokenizedString, Token, TokenStream, Tokenizer};

use super::IndexDoc;
use crate::lex::width::fold_for_match;
use crate::segment::{HMM, Segmenter};

/// Name under which the analyzer is registered in every opened index.
pub const TOKENIZER_NAME: &str = "zh";

/// Whether a token is worth indexing (has a letter, digit or CJK char).
pub(crate) fn is_word(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// Cut `text` (simplified view) into index tokens: search mode, char positions, folded text,
/// sorted by position.
pub fn zh_tokens(jieba: &Jieba, text: &str) -> Vec<Token> {
    let folded: String = text.chars().map(fold_for_match).collect();
    // Byte offset in `text` of each char (plus the end), since folding changes byte lengths.
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let at = |char_idx: usize| byte_of.get(char_idx).copied().unwrap_or(text.len());
    let mut tokens: Vec<Token> = jieba
        .tokenize(&folded, TokenizeMode::Search, HMM)
        .into_iter()
        .filter(|t| is_word(t.word))
        .map(|t| Token {
            offset_from: at(t.start),
            offset_to: at(t.end),
            position: t.start,
            text: t.word.to_string(),
            position_length: t.end.saturating_sub(t.start).max(1),
        })
        .collect();
    // Every Han char is also a token of its own (unless jieba gave it one), so any run of
    // chars can be looked up, even one that starts or ends inside a word of the text
    // (`年学生资助工` in `2021年学生资助工作`): a query's cover then always has a match.
    let mut singles: Vec<Token> = Vec::new();
    let mut has_single = vec![false; byte_of.len()];
    for t in &tokens {
        if t.position_length == 1 {
            has_single[t.position] = true;
        }
    }
    for (i, c) in folded.chars().enumerate() {
        if crate::lex::han::is_han(c) && !has_single[i] {
            singles.push(Token {
                offset_from: at(i),
                offset_to: at(i + 1),
                position: i,
                text: c.to_string(),
                position_length: 1,
            });
        }
    }
    tokens.extend(singles);
    tokens.sort_by_key(|t| (t.position, t.position_length));
    tokens
}

/// Tokenize a report body once, outside tantivy, so the pipeline can do it in its own worker
/// thread and hand the result to [`super::Builder::add_pretokenized`].
///
/// The text is [`IndexDoc::simplified_body`]; tokens of the title line are left out, since the
/// title is indexed in its own field (a title repeated by a whole site would otherwise count
/// as a mention in the body of every report).
pub fn pre_tokenize(seg: &Segmenter, doc: &IndexDoc) -> PreTokenizedString {
    let text = doc.simplified_body();
    let mut tokens = zh_tokens(seg.jieba(), &text);
    if let Some(title) = doc.title_chars() {
        tokens.retain(|t| !title.contains(&t.position));
    }
    PreTokenizedString { text, tokens }
}

/// tantivy tokenizer over a shared jieba. Cloning is cheap (tantivy clones the analyzer for
/// every segment writer; an owned `Jieba` would cost ~20 ms and a dictionary's memory each).
#[derive(Clone)]
pub struct ZhTokenizer {
    jieba: Arc<Jieba>,
}

impl ZhTokenizer {
    pub fn new(seg: &Segmenter) -> ZhTokenizer {
        ZhTokenizer {
            jieba: Arc::clone(seg.jieba()),
        }
    }
}

impl Tokenizer for ZhTokenizer {
    type TokenStream<'a> = ZhTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ZhTokenStream {
        ZhTokenStream {
            tokens: zh_tokens(&self.jieba, text),
            index: 0,
            empty: Token::default(),
        }
    }
}

/// The tokens of one text, handed out one by one.
pub struct ZhTokenStream {
    tokens: Vec<Token>,
    /// 1 + index of the current token; 0 before the first `advance`.
    index: usize,
    empty: Token,
}

impl TokenStream for ZhTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            self.index = self.tokens.len() + 1;
            false
        }
    }

    fn token(&self) -> &Token {
        self.index
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.index.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize)> {
        zh_tokens(Segmenter::shared().jieba(), text)
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect()
    }

    #[test]
    fn positions_are_char_indexes_and_sub_words_are_kept() {
        let w = words("加强招商引资，");
        assert!(w.contains(&("招商引资".to_string(), 2)), "{w:?}");
        assert!(w.contains(&("招商".to_string(), 2)), "{w:?}");
        assert!(w.contains(&("引资".to_string(), 4)), "{w:?}");
        assert!(!w.iter().any(|(t, _)| t == "，"), "{w:?}");
        let positions: Vec<usize> = w.iter().map(|(_, p)| *p).collect();
        let mut sorted = positions.clone();
        sorted.sort();
        assert_eq!(positions, sorted);
    }

    #[test]
    fn every_han_char_is_also_a_token_once() {
        let w = words("学生资助工作，PPP");
        for (c, p) in [
            ("学", 0),
            ("生", 1),
            ("资", 2),
            ("助", 3),
            ("工", 4),
            ("作", 5),
        ] {
            let n = w.iter().filter(|(t, at)| t == c && *at == p).count();
            assert_eq!(n, 1, "{c}@{p}: {w:?}");
        }
        // Letters and punctuation get no single-char tokens.
        assert!(!w.iter().any(|(t, _)| t == "p" || t == "，"), "{w:?}");
    }

    #[test]
    fn width_folding_keeps_offsets_of_the_input() {
        let text = "ＰＰＰ项目";
        let toks = zh_tokens(Segmenter::shared().jieba(), text);
        let ppp = toks.iter().find(|t| t.text == "ppp").expect("ppp token");
        assert_eq!(&text[ppp.offset_from..ppp.offset_to], "ＰＰＰ");
        assert_eq!(ppp.position, 0);
        let item = toks.iter().find(|t| t.text == "项目").expect("项目 token");
        assert_eq!(item.position, 3);
    }

    #[test]
    fn token_stream_walks_all_tokens() {
        let mut tok = ZhTokenizer::new(Segmenter::shared());
        let mut stream = tok.token_stream("学生资助资金");
        let mut n = 0;
        while stream.advance() {
            assert!(!stream.token().text.is_empty());
            n += 1;
        }
        assert!(n >= 2);
        assert!(!stream.advance());
    }
}
