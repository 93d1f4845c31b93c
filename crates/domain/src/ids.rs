//! Sortable identifiers. Every id is a UUIDv7 rendered as a lowercase hyphenated string, so ids
//! sort by creation time both as strings in SQL and in the UI.
//!
//! In TypeScript each id is a distinct branded string (`string & { readonly __brand: "ProjectId" }`),
//! so passing a document id where a project id is expected fails to type-check in the UI.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $ts:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(type = $ts)]
        pub struct $name(pub String);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// Identifies a project.
    ProjectId,
    "string & { readonly __brand: \"ProjectId\" }"
);
id_type!(
    /// Identifies a document within a project.
    DocumentId,
    "string & { readonly __brand: \"DocumentId\" }"
);
id_type!(
    /// Identifies one immutable revision of a document.
    RevisionId,
    "string & { readonly __brand: \"RevisionId\" }"
);
id_type!(
    /// Identifies an event of the ledger.
    EventId,
    "string & { readonly __brand: \"EventId\" }"
);
id_type!(
    /// Identifies a person (a local profile now; a team member later).
    UserId,
    "string & { readonly __brand: \"UserId\" }"
);
id_type!(
    /// Identifies a suggestion: one take of a model on a passage.
    SuggestionId,
    "string & { readonly __brand: \"SuggestionId\" }"
);
id_type!(
    /// Identifies an asset of a project (an image, video, audio file or PDF), across versions.
    AssetId,
    "string & { readonly __brand: \"AssetId\" }"
);
id_type!(
    /// Identifies one imported version of an asset (immutable, like a revision).
    AssetVersionId,
    "string & { readonly __brand: \"AssetVersionId\" }"
);

id_type!(
    /// Identifies a review: one subject (a document, or an asset) going through a workflow.
    ReviewId,
    "string & { readonly __brand: \"ReviewId\" }"
);

id_type!(
    /// Identifies a comment (a thread is named by its first comment's id).
    CommentId,
    "string & { readonly __brand: \"CommentId\" }"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation() {
        let a = ProjectId::new();
        let b = ProjectId::new();
        assert!(a < b, "{a} should sort before {b}");
    }
}
