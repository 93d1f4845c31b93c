//! Project assets: images, video, audio and PDFs imported into a project, each a series of
//! immutable versions. A version is named by the BLAKE3 hash of its bytes (the blob is stored once
//! per hash), carries the media type read from its content (never from its extension) and,
//! when the file had them, a summary of its C2PA Content Credentials.
//!
//! An asset's name is a display name only: it is never used to build a path, and a name that
//! looks like one is refused ([`asset_name`]).

mod credentials;
mod media;
mod name;

pub use credentials::{
    is_ai_source_type, ContentCredentials, CredentialAction, CredentialValidity,
};
pub use media::{expected_by_extension, sniff, what_else, Media, SNIFF_BYTES};
pub use name::asset_name;

use crate::error::fields;
use crate::ids::{AssetId, AssetVersionId, ProjectId, UserId};
use crate::DomainError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an asset is; fixed by its first version (a later version must be of the same kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    Image,
    Video,
    Audio,
    Pdf,
}

impl AssetKind {
    pub const ALL: [AssetKind; 4] = [Self::Image, Self::Video, Self::Audio, Self::Pdf];

    /// The stored value (`image`, `video`, `audio`, `pdf`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::Audio => "audio",
            Self::Pdf => "pdf",
        }
    }

    /// How a sentence names it ("imported image …", "an audio file").
    pub fn label(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::Audio => "audio file",
            Self::Pdf => "PDF",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::UnknownValue {
                field: fields::ASSET_FILE,
                value: s.to_owned(),
            })
    }
}

/// An asset of a project: its name and kind; its content is in its versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Asset {
    pub id: AssetId,
    pub project_id: ProjectId,
    /// Display name, unique in the project; importing a file under an existing name adds a
    /// version.
    pub name: String,
    pub kind: AssetKind,
    pub created_by: UserId,
    pub created_at: i64,
}

/// One imported version of an asset. Immutable once stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetVersion {
    pub id: AssetVersionId,
    pub asset_id: AssetId,
    /// 1 for the first import, then 2, 3…
    pub version: i64,
    /// BLAKE3 hash of the bytes, lowercase hex: the blob's address.
    pub hash: String,
    pub size: i64,
    /// Read from the content (`image/png`, `video/mp4`…).
    pub media_type: String,
    /// The file's name when it was imported (shown only; never a path).
    pub original_name: String,
    /// Pixel size, for images.
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// What the file's C2PA Content Credentials say, if it had any.
    pub credentials: Option<ContentCredentials>,
    pub imported_by: UserId,
    pub imported_by_name: String,
    pub imported_at: i64,
}

/// An asset with its newest version, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetSummary {
    pub asset: Asset,
    pub latest: AssetVersion,
    pub version_count: i64,
}

/// The outcome of an import: the asset (new or existing) and the version just stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedAsset {
    pub asset: Asset,
    pub version: AssetVersion,
    /// Whether the bytes were already stored (same hash), so nothing new was written.
    pub deduplicated: bool,
}
