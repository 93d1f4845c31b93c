//! Constants of the Rust side the UI needs, so its checks (and the mock backend's) cannot
//! drift from the real ones.

use crate::error::ErrorCode;
use greenlight_domain::limits::{
    MAX_DOCUMENT_BYTES, MAX_LOGLINE_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHANGES,
    MAX_TEXT_CHANGES_BYTES, MAX_TITLE_CHARS,
};

/// `LIMITS` and `ERROR_CODES`.
pub fn typescript() -> String {
    let limits = [
        (
            "Longest project or document title, in characters (Unicode code points).",
            "maxTitleChars",
            MAX_TITLE_CHARS,
        ),
        (
            "Longest logline, in characters (Unicode code points).",
            "maxLoglineChars",
            MAX_LOGLINE_CHARS,
        ),
        (
            "Longest profile name, in characters (Unicode code points).",
            "maxNameChars",
            MAX_NAME_CHARS,
        ),
        (
            "Largest document text, in bytes of UTF-8.",
            "maxDocumentBytes",
            MAX_DOCUMENT_BYTES,
        ),
        (
            "Most editor changes one save may carry (past it, send none: the save is carried by a diff).",
            "maxTextChanges",
            MAX_TEXT_CHANGES,
        ),
        (
            "Most text the editor changes of one save may insert, in bytes of UTF-8, all together.",
            "maxTextChangesBytes",
            MAX_TEXT_CHANGES_BYTES,
        ),
    ];
    let mut out = String::from(
        "/**\n * Size limits the Rust side enforces (crates/domain/src/limits.rs).\n */\nexport const LIMITS = {\n",
    );
    for (doc, name, value) in limits {
        out.push_str(&format!("  /** {doc} */\n  {name}: {value},\n"));
    }
    out.push_str("} as const;\n\n");

    out.push_str(
        "/**\n * Every `ErrorCode`, in declaration order.\n */\nexport const ERROR_CODES = [",
    );
    let codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    out.push_str(&codes.join(", "));
    out.push_str("] as const satisfies readonly ErrorCode[];\n\n");
    out.push_str(&format!(
        "/**\n * The event announcing files dropped on the window (payload: DroppedFile[]).\n */\nexport const DROPPED_EVENT = {:?};\n\n",
        crate::files::DROPPED_EVENT
    ));
    out.push_str(&format!(
        "/**\n * The event carrying live updates from the team server (payload: LiveUpdate).\n */\nexport const LIVE_EVENT = {:?};\n\n",
        crate::database::live::LIVE_EVENT
    ));
    out.push_str(&format!(
        "/**\n * Region comments are in these units of the image's width and height (ten-thousandths).\n */\nexport const REGION_SCALE = {};\n\n",
        greenlight_domain::comment::REGION_SCALE
    ));
    out.push_str(&format!(
        "/**\n * The URI scheme serving asset versions' bytes by id (build URLs with `convertFileSrc(versionId, ASSET_SCHEME)`).\n */\nexport const ASSET_SCHEME = {:?};\n\n",
        crate::protocol::SCHEME
    ));
    out
}
