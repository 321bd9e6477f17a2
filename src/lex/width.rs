//! Width folding: full-width ASCII forms (`Ａ`, `１`, `％`) and the ideographic space.
//!
//! Two policies, both one char to one char so that char offsets never move:
//! - [`fold_char`] folds every full-width form, for matching (queries and index tokens);
//! - [`fold_in_numbers`] folds only what belongs to a number, for the cleaned text that users
//!   read and extraction scans: digits and Latin letters always, `％` after a digit, `．` between
//!   digits and `，` as a thousands separator. A `（一）` list marker keeps its brackets.

/// Full-width ASCII to half-width, the ideographic space to a space; any other char unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// [`fold_char`] over a string.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// [`fold_char`], then ASCII lower case: the form index tokens and query terms are compared in.
pub fn fold_for_match(c: char) -> char {
    fold_char(c).to_ascii_lowercase()
}

/// An ASCII or full-width decimal digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of an ASCII or full-width decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Fold the full-width forms that belong to numbers, in place (see the module doc). The
/// context of each char is read before any is changed.
pub fn fold_in_numbers(chars: &mut [char]) {
    let n = chars.len();
    let mut prev: Option<char> = None;
    for i in 0..n {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let folded = match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => fold_char(c),
            '％' if prev.is_some_and(is_digit) => '%',
            '．' if prev.is_some_and(is_digit) && next.is_some_and(is_digit) => '.',
            '，' if prev.is_some_and(is_digit) && thousands_group(&chars[i + 1..]) => ',',
            _ => c,
        };
        prev = Some(c);
        chars[i] = folded;
    }
}

/// True when the chars start with exactly three digits not followed by another digit.
fn thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(|&c| is_digit(c))
        && !rest.get(3).is_some_and(|&c| is_digit(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(s: &str) -> String {
        let mut v: Vec<char> = s.chars().collect();
        fold_in_numbers(&mut v);
        v.into_iter().collect()
    }

    #[test]
    fn folds_for_matching() {
        assert_eq!(fold("ＧＤＰ增长６％　以上"), "GDP增长6% 以上");
        assert_eq!(fold_for_match('Ｇ'), 'g');
        assert_eq!(fold("（一）"), "(一)");
        assert_eq!(fold("预算"), "预算");
    }

    #[test]
    fn folds_only_number_parts_in_text() {
        assert_eq!(
            numbers("增长１２．５％，达到１，２３４万元"),
            "增长12.5%，达到1,234万元"
        );
        // A list marker and a comma between clauses keep their width.
        assert_eq!(numbers("（一）收入３，其他"), "（一）收入3，其他");
        assert_eq!(numbers("１，２３４５"), "1，2345");
        assert_eq!(numbers("．５"), "．5");
    }

    #[test]
    fn digits() {
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('7'), Some(7));
        assert_eq!(digit_value('七'), None);
        assert!(is_digit('０') && !is_digit('O'));
    }
}
