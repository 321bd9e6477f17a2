//! Stage 3: word segmentation with jieba-rs.
//!
//! One [`Segmenter`] per run: building a `Jieba` costs ~0.3 s and a clone ~20 ms plus a
//! dictionary's memory, so it is built once and shared through an `Arc` (the tantivy tokenizer
//! holds the same `Arc`). Index, query and statistics all cut through this one type, with one
//! HMM setting, so the words the index stores are the words a query looks for.

use std::sync::{Arc, OnceLock};

use jieba_rs::{Jieba, TokenizeMode};

/// The domain user dictionary kept in the repository (`word [freq [tag]]` per line).
///
/// Why: jieba's general dictionary cuts report vocabulary apart (`预算/绩效`, `招商/引资`), which
/// hurts keyword statistics and phrase search. Entries are simplified, since segmentation runs on
/// the simplified view.
pub const USER_DICT: &str = include_str!("userdict.txt");

/// Whether jieba's HMM guesses unknown words. Off: report vocabulary is covered by the
/// dictionary plus [`USER_DICT`], and HMM output varies with context, which makes the same word
/// cut differently in a query and in a document.
pub const HMM: bool = false;

/// A shared jieba instance with the domain dictionary loaded.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

/// A word and its byte span in the text that was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Segmenter {
    /// Build jieba with the default dictionary and [`USER_DICT`].
    pub fn new() -> Segmenter {
        let mut jieba = Jieba::new();
        for line in USER_DICT.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            let freq = parts.next().and_then(|f| f.parse::<usize>().ok());
            let tag = parts.next();
            jieba.add_word(word, freq, tag);
        }
        Segmenter {
            jieba: Arc::new(jieba),
        }
    }

    /// The process-wide segmenter, built on first use.
    pub fn shared() -> &'static Segmenter {
        static SEG: OnceLock<Segmenter> = OnceLock::new();
        SEG.get_or_init(Segmenter::new)
    }

    /// The underlying jieba instance (for keyword extraction and the tantivy tokenizer).
    pub fn jieba(&self) -> &Arc<Jieba> {
        &self.jieba
    }

    /// Cut in default mode (each char in exactly one word).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Word<'a>> {
        self.words(text, TokenizeMode::Default)
    }

    /// Cut in search mode: long words also yield their dictionary sub-words (`招商引资` also
    /// gives `招商`, `引资`), with overlapping spans.
    pub fn cut_for_search<'a>(&self, text: &'a str) -> Vec<Word<'a>> {
        self.words(text, TokenizeMode::Search)
    }

    fn words<'a>(&self, text: &'a str, mode: TokenizeMode) -> Vec<Word<'a>> {
        self.jieba
            .tokenize(text, mode, HMM)
            .into_iter()
            .map(|t| Word {
                text: t.word,
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_cover_the_text() {
        let seg = Segmenter::shared();
        let text = "对现有企业加强预算绩效管理，招商引资工作经费626.8万元。";
        let joined: String = seg.cut(text).iter().map(|w| w.text).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn user_dictionary_keeps_domain_terms_whole() {
        let seg = Segmenter::shared();
        let words: Vec<&str> = seg
            .cut("加强预算绩效管理和招商引资")
            .iter()
            .map(|w| w.text)
            .collect();
        assert!(words.contains(&"预算绩效"), "{words:?}");
        assert!(words.contains(&"招商引资"), "{words:?}");
    }

    #[test]
    fn search_mode_yields_sub_words() {
        let seg = Segmenter::shared();
        let words: Vec<&str> = seg
            .cut_for_search("招商引资")
            .iter()
            .map(|w| w.text)
            .collect();
        assert!(words.contains(&"招商"), "{words:?}");
    }
}
