//! Immutable revisions. A revision is never updated or deleted: a human edit creates a new one
//! whose parent is the revision it was made from, so the history is a chain per document.

use crate::ids::{DocumentId, RevisionId, UserId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevisionMeta {
    pub id: RevisionId,
    pub document_id: DocumentId,
    pub parent_id: Option<RevisionId>,
    pub author_id: UserId,
    pub author_name: String,
    /// Hex SHA-256 of the UTF-8 text.
    pub content_hash: String,
    pub word_count: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    pub meta: RevisionMeta,
    pub text: String,
}

/// Hex SHA-256 of `text`: the identity of a revision's content.
pub fn content_hash(text: &str) -> String {
    content_hash_bytes(text.as_bytes())
}

/// Hex SHA-256 of bytes (an exported file, for example).
pub fn content_hash_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            content_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
