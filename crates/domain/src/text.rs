//! Validation and measurement of user-entered text.

use crate::error::{DomainError, Field};

/// Trims `value` and checks it is a non-empty single-line label of at most `max` characters.
pub fn clean_label(field: Field, value: &str, max: usize) -> Result<String, DomainError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(DomainError::Empty { field });
    }
    check_len(field, trimmed, max)?;
    if trimmed.chars().any(char::is_control) {
        return Err(DomainError::ControlCharacters { field });
    }
    Ok(trimmed.to_owned())
}

/// Trims `value` (which may be empty and span lines) and checks its length.
pub fn clean_paragraph(field: Field, value: &str, max: usize) -> Result<String, DomainError> {
    let trimmed = value.trim();
    check_len(field, trimmed, max)?;
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(DomainError::ControlCharacters { field });
    }
    Ok(trimmed.to_owned())
}

fn check_len(field: Field, value: &str, max: usize) -> Result<(), DomainError> {
    let actual = value.chars().count();
    if actual > max {
        return Err(DomainError::TooLong { field, actual, max });
    }
    Ok(())
}

/// Words as a writer counts them: runs of characters separated by white space.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Field = Field::new("title", "title");

    #[test]
    fn labels_are_trimmed_and_bounded() {
        assert_eq!(clean_label(T, "  Pilot ", 10), Ok("Pilot".into()));
        assert_eq!(
            clean_label(T, "   ", 10),
            Err(DomainError::Empty { field: T })
        );
        let long = "x".repeat(10_000);
        assert_eq!(
            clean_label(T, &long, 200),
            Err(DomainError::TooLong {
                field: T,
                actual: 10_000,
                max: 200
            })
        );
        assert!(clean_label(T, "a\u{7}b", 10).is_err());
    }

    #[test]
    fn paragraphs_allow_newlines() {
        assert_eq!(clean_paragraph(T, "a\nb", 10), Ok("a\nb".into()));
        assert_eq!(clean_paragraph(T, "", 10), Ok(String::new()));
    }

    #[test]
    fn counts_words() {
        assert_eq!(word_count("INT. HOUSE - NIGHT\n\nShe waits."), 6);
        assert_eq!(word_count("   "), 0);
    }
}
