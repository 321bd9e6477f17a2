//! Traditional → simplified conversion for segmentation, matching and search.
//!
//! Why: jieba's dictionary is simplified; traditional text cuts badly (`對現/有/企業`), while the
//! converted text cuts well (`对/现有企业`). The converter is `hanconv` (MIT), phrase-aware like
//! OpenCC. The display text keeps its original script; only this view is simplified.
//!
//! Invariant: the simplified view has exactly as many chars as its input, char *i* from char
//! *i*, so spans found in it map back by char index. OpenCC phrases almost always keep their
//! length; when a line's conversion does not, that line is converted char by char instead.

use crate::doc::Script;

/// Convert to simplified characters, keeping the char count.
pub fn to_simplified_aligned(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let converted = hanconv::t2s(text);
    if converted.chars().count() == text.chars().count() {
        return converted;
    }
    let mut out = String::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let one = hanconv::t2s(c.encode_utf8(&mut buf));
        let mut it = one.chars();
        match (it.next(), it.next()) {
            (Some(s), None) => out.push(s),
            _ => out.push(c),
        }
    }
    out
}

/// Normalise a query or any free text the way document text is normalised for matching.
pub fn normalize_query(text: &str) -> String {
    to_simplified_aligned(&crate::lex::width::fold(text))
}

/// Count of Han chars and of chars that differ between a text and its simplified view.
#[derive(Debug, Default, Clone, Copy)]
pub struct ScriptCounts {
    pub han: usize,
    pub traditional: usize,
}

impl ScriptCounts {
    /// Add one line (its text and its simplified view).
    pub fn add(&mut self, text: &str, simplified: &str) {
        for (a, b) in text.chars().zip(simplified.chars()) {
            if crate::lex::han::is_han(a) {
                self.han += 1;
                if a != b {
                    self.traditional += 1;
                }
            }
        }
    }

    /// Traditional when at least 3 Han chars and 2% of them change under conversion (simplified
    /// text has almost none: a few variant forms at most).
    pub fn script(&self) -> Script {
        if self.traditional >= 3 && self.traditional * 50 >= self.han {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_keeps_length() {
        let t = "對現有企業加強預算績效管理";
        let s = to_simplified_aligned(t);
        assert_eq!(s, "对现有企业加强预算绩效管理");
        assert_eq!(s.chars().count(), t.chars().count());
    }

    #[test]
    fn query_normalisation_folds_width_and_script() {
        assert_eq!(normalize_query("預算績效　２０２１"), "预算绩效 2021");
    }

    #[test]
    fn script_detection() {
        let mut c = ScriptCounts::default();
        let t = "招商引資工作經費事前績效評估報告";
        c.add(t, &to_simplified_aligned(t));
        assert_eq!(c.script(), Script::Traditional);
        let mut c = ScriptCounts::default();
        let s = "招商引资工作经费事前绩效评估报告";
        c.add(s, &to_simplified_aligned(s));
        assert_eq!(c.script(), Script::Simplified);
    }
}
