//! Width folding before matching, with a way back to the input's bytes.
//!
//! The cleaning stage already folds full-width digits inside numbers, but `extract` must also work
//! on raw text (`１２％`, `１９５５年`, `２０ｘｘ年`). The patterns run on the line as folded by
//! [`crate::lex::width::fold`] (the project's one full-width table), which keeps the char
//! count, so spans map back to the input by char index ([`crate::doc::CharMap`], built once per line).

use std::borrow::Cow;
use std::ops::Range;

use crate::doc::CharMap;
use crate::lex::width::fold as fold_width;

/// A line with its full-width forms folded to ASCII (and, from [`Folded::simplified`], its
/// traditional characters simplified).
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    pub text: Cow<'a, str>,
    /// Folded → input map, built once (only when folding changed the text).
    map: Option<CharMap>,
}

impl<'a> Folded<'a> {
    /// `input`, which is simplified already (a [`crate::doc::CleanLine`]'s view), width-folded.
    pub fn new(input: &'a str) -> Folded<'a> {
        let folds = input.chars().any(|c| crate::lex::width::fold_char(c) != c);
        let text = if folds {
            Cow::Owned(fold_width(input))
        } else {
            Cow::Borrowed(input)
        };
        Self::with_text(input, text)
    }

    /// `input` in any script, width-folded and simplified (char-aligned), so that the rules,
    /// which hold simplified terms only, see what they were written for.
    pub fn simplified(input: &'a str) -> Folded<'a> {
        let folded = Self::new(input);
        let simplified = crate::simplify::to_simplified_aligned(&folded.text);
        if simplified == *folded.text {
            return folded;
        }
        Self::with_text(input, Cow::Owned(simplified))
    }

    fn with_text(input: &'a str, text: Cow<'a, str>) -> Folded<'a> {
        let map = match &text {
            Cow::Owned(t) => Some(CharMap::new(t, input)),
            Cow::Borrowed(_) => None,
        };
        Folded { text, map }
    }

    /// The input span of a span of the folded text.
    pub fn orig_span(&self, s: Range<usize>) -> Range<usize> {
        match &self.map {
            None => s,
            Some(m) => m.map(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lines_are_borrowed() {
        let f = Folded::new("增长12%");
        assert!(matches!(f.text, Cow::Borrowed(_)));
        assert_eq!(f.orig_span(6..9), 6..9);
    }

    #[test]
    fn full_width_forms_fold_and_map_back() {
        let s = "增长１２．５％，１９５５年";
        let f = Folded::new(s);
        assert_eq!(f.text, "增长12.5%,1955年");
        let start = f.text.find('1').unwrap_or(0);
        let end = f.text.find('%').map(|i| i + 1).unwrap_or(0);
        assert_eq!(&s[f.orig_span(start..end)], "１２．５％");
    }
}
