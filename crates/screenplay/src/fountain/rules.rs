//! Line-level recognisers of the Fountain 1.1 syntax, shared by the parser (to classify) and
//! the writer (to decide when a line must be forced so it reads back as what it is).

/// Scene heading prefixes, longest first so `INT./EXT` wins over `INT`.
const HEADING_PREFIXES: [&str; 6] = ["INT./EXT", "INT/EXT", "INT", "EXT", "EST", "I/E"];

/// The recognised prefix a heading starts with (case-insensitive, followed by `.` or a
/// space), e.g. `Some("INT")` for `int. house`.
pub fn heading_prefix(t: &str) -> Option<&'static str> {
    let b = t.as_bytes();
    HEADING_PREFIXES.into_iter().find(|p| {
        b.len() > p.len()
            && b[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            && matches!(b[p.len()], b'.' | b' ')
    })
}

/// A line is blank when it is empty or whitespace only, except the "two spaces" convention:
/// a line of two or more spaces and nothing else continues the current element with an empty
/// line (Fountain's way to put an empty line inside dialogue or a note).
pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty() && !is_two_space(line)
}

/// See [`is_blank`].
pub fn is_two_space(line: &str) -> bool {
    line.len() >= 2 && line.bytes().all(|c| c == b' ')
}

/// `===` (three or more `=` and nothing else).
pub fn is_page_break(t: &str) -> bool {
    t.len() >= 3 && t.bytes().all(|c| c == b'=')
}

/// Uppercase text ending in `TO:` (the unforced transition rule).
pub fn is_transition(t: &str) -> bool {
    t.ends_with("TO:") && !has_lowercase(t)
}

pub fn has_lowercase(t: &str) -> bool {
    t.chars().any(char::is_lowercase)
}

/// A `>text<` centered line (the markers are not part of the text).
pub fn is_centered(t: &str) -> bool {
    t.len() >= 2 && t.starts_with('>') && t.ends_with('<')
}

/// A character cue split into its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct Cue {
    pub name: String,
    pub extensions: Vec<String>,
    pub dual: bool,
}

/// Splits a cue line (without any `@`) into name, parenthesised extensions and the dual `^`.
/// Returns `None` when text after the name is not a sequence of `( ... )` groups, so
/// `BOB SAYS (HI) THERE` is not a cue unless forced (then the whole line is the name).
pub fn split_cue(t: &str) -> Option<Cue> {
    let mut t = t.trim();
    let mut dual = false;
    if let Some(rest) = t.strip_suffix('^') {
        dual = true;
        t = rest.trim_end();
    }
    let (name, mut rest) = match t.find('(') {
        Some(p) => (t[..p].trim(), &t[p..]),
        None => (t, ""),
    };
    let mut extensions = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let inner = rest.strip_prefix('(')?;
        let close = inner.find(')')?;
        extensions.push(inner[..close].trim().to_owned());
        rest = &inner[close + 1..];
    }
    Some(Cue {
        name: name.to_owned(),
        extensions,
        dual,
    })
}

/// The unforced character rule: a cue whose name has a letter and no lowercase letter and
/// that is not a scene heading. (Lowercase inside the extensions is fine: `BOB (cont'd)`.)
pub fn unforced_cue(t: &str) -> Option<Cue> {
    if heading_prefix(t).is_some() || starts_with_marker(t) {
        return None;
    }
    let cue = split_cue(t)?;
    let ok = cue.name.chars().any(char::is_alphabetic) && !has_lowercase(&cue.name);
    ok.then_some(cue)
}

/// Characters that give a line a special meaning when they start it.
pub fn starts_with_marker(t: &str) -> bool {
    matches!(
        t.as_bytes().first(),
        Some(b'!' | b'@' | b'#' | b'=' | b'~' | b'>' | b'.' | b'[' | b'(' | b'\\')
    )
}

/// A `Key: value` title page line: starts with a letter or digit, has a colon, and is not a
/// scene heading or a transition (`CUT TO:` opening a script is not a title page).
pub fn title_key(line: &str) -> Option<(&str, &str)> {
    let first = line.chars().next()?;
    if !first.is_alphanumeric() || heading_prefix(line).is_some() || is_transition(line.trim()) {
        return None;
    }
    let colon = line.find(':')?;
    Some((line[..colon].trim_end(), line[colon + 1..].trim()))
}

/// Splits a trailing `#1A#` scene number off a heading. Scene numbers are letters, digits,
/// `.` and `-`.
pub fn split_scene_number(t: &str) -> (&str, Option<&str>) {
    if let Some(body) = t.strip_suffix('#') {
        if let Some(open) = body.rfind('#') {
            let num = &body[open + 1..];
            let valid = !num.is_empty()
                && num
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
            if valid {
                return (body[..open].trim_end(), Some(num));
            }
        }
    }
    (t, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(heading_prefix("INT. HOUSE"), Some("INT"));
        assert_eq!(heading_prefix("int/ext car"), Some("INT/EXT"));
        assert_eq!(heading_prefix("INT./EXT. CAR"), Some("INT./EXT"));
        assert_eq!(heading_prefix("I/E CAR"), Some("I/E"));
        assert_eq!(heading_prefix("INTERIOR"), None);
        assert_eq!(heading_prefix("EXT"), None);
    }

    #[test]
    fn cues() {
        let c = unforced_cue("BOB (V.O.) (cont'd) ^").expect("a cue");
        assert_eq!(c.name, "BOB");
        assert_eq!(c.extensions, vec!["V.O.", "cont'd"]);
        assert!(c.dual);
        assert!(unforced_cue("Bob").is_none());
        assert!(unforced_cue("23").is_none());
        assert!(unforced_cue("R2D2").is_some());
        assert!(unforced_cue("BOB (X) Y").is_none());
    }

    #[test]
    fn scene_numbers() {
        assert_eq!(split_scene_number("INT. A #1A#"), ("INT. A", Some("1A")));
        assert_eq!(split_scene_number("INT. A #1 A#"), ("INT. A #1 A#", None));
        assert_eq!(split_scene_number("#"), ("#", None));
    }
}
