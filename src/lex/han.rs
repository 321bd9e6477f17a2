//! Han character classes.

/// A CJK unified ideograph of the basic block or extension A: the chars that make a line
/// Chinese text. Compatibility ideographs and the rare extensions B+ are left out on purpose:
/// they are the ones GBK mojibake and PDF font junk produce.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Whether a UTF-16 code unit is a Han char by [`is_han`] (used when guessing UTF-16 input).
pub fn is_han_unit(u: u16) -> bool {
    char::from_u32(u32::from(u)).is_some_and(is_han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_chars_of_both_scripts_and_extension_a() {
        assert!("预算績效㐀".chars().all(is_han));
        for c in ['a', '1', '，', '。', 'ㄒ', '─', '\u{F900}', '１'] {
            assert!(!is_han(c), "{c}");
        }
        assert!(is_han_unit(0x4E00));
        assert!(!is_han_unit(0x3002));
    }
}
