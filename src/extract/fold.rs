//! Folding full-width forms to ASCII before matching, with a map back to the input's bytes.
//!
//! The cleaning stage already folds full-width digits inside numbers, but `extract` must also work
//! on raw text (`１２％`, `１９５５年`, `２０ｘｘ年`), so the patterns run on a folded copy and
//! every span is mapped back to the string the caller passed in.

use std::borrow::Cow;

/// A line with full-width digits, `％`, `．`, `－`, `～`, `ｘ`/`Ｘ` folded to ASCII, and `，`
/// folded to `,` when it separates thousands (`１２，３４５`).
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    pub text: Cow<'a, str>,
    /// `map[i]` = byte offset in the input of folded byte `i` (len `text.len() + 1`);
    /// `None` when nothing was folded (identity).
    map: Option<Vec<usize>>,
}

fn fold_char(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '％' => Some('%'),
        '．' => Some('.'),
        '－' => Some('-'),
        '～' => Some('~'),
        'ｘ' => Some('x'),
        'Ｘ' => Some('X'),
        _ => None,
    }
}

fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

impl<'a> Folded<'a> {
    pub fn new(line: &'a str) -> Folded<'a> {
        // Fast path: every folded form is a 3-byte char starting with 0xEF.
        if !line.as_bytes().contains(&0xEF) {
            return Folded {
                text: Cow::Borrowed(line),
                map: None,
            };
        }
        let mut text = String::with_capacity(line.len());
        let mut map = Vec::with_capacity(line.len() + 1);
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let folded = match c {
                '，' => {
                    let prev_digit = k > 0 && is_digit_like(chars[k - 1].1);
                    let next3 =
                        (1..=3).all(|d| chars.get(k + d).is_some_and(|x| is_digit_like(x.1)));
                    let fourth = chars.get(k + 4).is_some_and(|x| is_digit_like(x.1));
                    (prev_digit && next3 && !fourth).then_some(',')
                }
                _ => fold_char(c),
            };
            let out = folded.unwrap_or(c);
            for _ in 0..out.len_utf8() {
                map.push(i);
            }
            text.push(out);
        }
        map.push(line.len());
        Folded {
            text: Cow::Owned(text),
            map: Some(map),
        }
    }

    /// Input byte offset of a folded byte offset.
    pub fn orig(&self, i: usize) -> usize {
        match &self.map {
            None => i,
            Some(m) => m
                .get(i)
                .copied()
                .unwrap_or_else(|| m.last().copied().unwrap_or(0)),
        }
    }

    /// Input span of a folded span.
    pub fn orig_span(&self, s: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.orig(s.start)..self.orig(s.end)
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
        assert_eq!(f.text, "增长12.5%，1955年");
        let start = f.text.find('1').unwrap_or(0);
        let end = f.text.find('%').map(|i| i + 1).unwrap_or(0);
        assert_eq!(&s[f.orig_span(start..end)], "１２．５％");
    }

    #[test]
    fn full_width_comma_folds_only_between_thousands() {
        assert_eq!(Folded::new("１２，３４５元").text, "12,345元");
        assert_eq!(Folded::new("共３，１２人").text, "共3，12人");
        assert_eq!(Folded::new("项目５，２０２１年").text, "项目5，2021年");
    }
}
