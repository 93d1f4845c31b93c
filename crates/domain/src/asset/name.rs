//! An asset's display name. It names the asset in lists and sentences only; files are stored
//! under their hash, so a name never reaches the file system. A name that looks like a path is
//! still refused: it would read as one to a person, and a later feature that exported assets
//! by name must not inherit it.

use crate::error::fields::ASSET_NAME;
use crate::limits::MAX_ASSET_NAME_CHARS;
use crate::DomainError;

/// The name as stored (trimmed), or why it is refused.
pub fn asset_name(raw: &str) -> Result<String, DomainError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(DomainError::Empty { field: ASSET_NAME });
    }
    let chars = name.chars().count();
    if chars > MAX_ASSET_NAME_CHARS {
        return Err(DomainError::TooLong {
            field: ASSET_NAME,
            actual: chars,
            max: MAX_ASSET_NAME_CHARS,
        });
    }
    if name.chars().any(char::is_control) {
        return Err(DomainError::ControlCharacters { field: ASSET_NAME });
    }
    if name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(DomainError::Refused {
            field: ASSET_NAME,
            reason: format!(
                "“{name}” looks like a path; an asset name is only a display name, so give a \
                 plain one such as poster.png (without / or \\)"
            ),
        });
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass_and_paths_are_refused() {
        assert_eq!(
            asset_name("  poster v2.png ").as_deref(),
            Ok("poster v2.png")
        );
        assert_eq!(asset_name("..poster.png").as_deref(), Ok("..poster.png"));
        for bad in [
            "../../etc/passwd",
            "a/b.png",
            "..\\x.png",
            "..",
            ".",
            "C:\\x.png",
        ] {
            let e = asset_name(bad).expect_err(bad);
            assert!(matches!(e, DomainError::Refused { .. }), "{bad}: {e:?}");
            assert!(e.to_string().contains("display name"), "{e}");
        }
        assert!(matches!(asset_name(" "), Err(DomainError::Empty { .. })));
        assert!(matches!(
            asset_name("a\u{0}b"),
            Err(DomainError::ControlCharacters { .. })
        ));
        assert!(matches!(
            asset_name(&"x".repeat(256)),
            Err(DomainError::TooLong { .. })
        ));
    }
}
