//! The title page: `Key: value` lines at the very start of the document, values possibly on
//! indented continuation lines, ended by the first blank line.

use super::rules::{is_blank, title_key};
use super::source::{Line, Source};
use crate::inline::parse_inline;
use crate::model::TitleField;

/// Parses the title page if the first line is a `Key:` line, and returns the fields and the
/// index of the first body line. A document whose first line is not a key line has no title
/// page (the writer relies on this: it starts such documents with an empty line when their
/// first element would otherwise read as a key).
pub fn parse_title_page(lines: &[Line<'_>], src: &Source) -> (Vec<TitleField>, usize) {
    let mut fields: Vec<TitleField> = Vec::new();
    let Some(first) = lines.first() else {
        return (fields, 0);
    };
    if title_key(first.text).is_none() {
        return (fields, 0);
    }
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        crate::work::add(line.text.len() + 1);
        if is_blank(line.text) {
            break;
        }
        let indented = line.text.starts_with([' ', '\t']);
        let key_line = if indented { None } else { title_key(line.text) };
        match (key_line, fields.last_mut()) {
            (Some((key, value)), _) => {
                let values = if value.is_empty() {
                    Vec::new()
                } else {
                    vec![parse_inline(value)]
                };
                fields.push(TitleField {
                    key: key.to_owned(),
                    values,
                    range: src.map(line.range.clone()),
                });
            }
            (None, Some(field)) => {
                let value = line.text.trim();
                if !value.is_empty() {
                    field.values.push(parse_inline(value));
                }
                field.range.end = src.map(line.range.clone()).end;
            }
            // Unreachable in practice (the first line is a key line), but harmless.
            (None, None) => {}
        }
        i += 1;
    }
    (fields, i)
}
