//! A project's assets: images, video, audio and PDFs, imported with versions
//! ([`Assets::import`]), listed, and read back for previews in ranges, so a 2 GB video is
//! streamed by the shell rather than loaded whole.
//!
//! Bytes are content-addressed by their BLAKE3 hash: files in the data folder on the local database,
//! rows in the database on a team server (see `blobs`).

mod blobs;
pub(crate) mod credentials;
mod import;
mod inspect;
pub(crate) mod moving;
mod scan;

use blobs::{BlobFolder, BlobLocation};
pub use import::ImportOptions;

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::asset::{Asset, AssetSummary, AssetVersion};
use greenlight_domain::ids::{AssetId, AssetVersionId, ProjectId};
use std::path::PathBuf;

/// The most bytes one [`Assets::read_range`] call returns (a preview asks again for more).
pub const MAX_READ_BYTES: usize = 8 * 1024 * 1024;

/// A project's assets.
pub struct Assets<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Importing, listing and reading assets.
    pub fn assets(&self) -> Assets<'_> {
        Assets { app: self }
    }
}

/// Where a version's bytes can be read from, for a preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetContent {
    pub asset: Asset,
    pub version: AssetVersion,
    /// The blob file, when the bytes are on this computer: the shell may stream it directly
    /// (with HTTP ranges for video). `None` on a team server: read it with
    /// [`Assets::read_range`].
    pub file: Option<PathBuf>,
}

impl Assets<'_> {
    /// The project's assets with their newest version, by name.
    pub async fn list(&self, project: &ProjectId) -> Result<Vec<AssetSummary>> {
        self.app
            .store
            .get_project(project)
            .await
            .map_err(|e| self.app.not_shared(e, "project"))?;
        Ok(self.app.store.assets(project).await?)
    }

    /// An asset's versions, oldest first.
    pub async fn versions(&self, asset: &AssetId) -> Result<Vec<AssetVersion>> {
        let versions = self.app.store.asset_versions(asset).await?;
        if versions.is_empty() {
            return Err(CoreError::NotFound {
                what: "asset",
                id: asset.to_string(),
            });
        }
        Ok(versions)
    }

    /// The asset with its newest version and how many versions it has (for its page).
    pub async fn get(&self, asset: &AssetId) -> Result<AssetSummary> {
        let versions = self.versions(asset).await?;
        let version_count = i64::try_from(versions.len()).unwrap_or(i64::MAX);
        let Some(newest) = versions.last() else {
            return Err(CoreError::NotFound {
                what: "asset",
                id: asset.to_string(),
            });
        };
        let (asset, latest) = self
            .app
            .store
            .asset_version(&newest.id)
            .await
            .map_err(|e| self.app.not_shared(e, "asset"))?;
        Ok(AssetSummary {
            asset,
            latest,
            version_count,
        })
    }

    /// One version, its asset and where its bytes are.
    pub async fn content(&self, version: &AssetVersionId) -> Result<AssetContent> {
        let (asset, version) = self
            .app
            .store
            .asset_version(version)
            .await
            .map_err(|e| self.app.not_shared(e, "asset"))?;
        let file = if self.app.is_team() {
            None
        } else {
            Some(BlobFolder::new(self.app.data_dir()).path_of(&version.hash)?)
        };
        Ok(AssetContent {
            asset,
            version,
            file,
        })
    }

    /// Bytes `offset..offset + len` of a version (fewer at its end; `len` at most
    /// [`MAX_READ_BYTES`]), from wherever they are stored.
    pub async fn read_range(
        &self,
        version: &AssetVersionId,
        offset: u64,
        len: usize,
    ) -> Result<Vec<u8>> {
        let c = self.content(version).await?;
        let len = len.min(MAX_READ_BYTES);
        let location = match c.file {
            Some(path) => BlobLocation::File(path),
            None => BlobLocation::Database {
                store: &self.app.store,
                project: &c.asset.project_id,
                hash: &c.version.hash,
            },
        };
        blobs::read_range(&location, offset, len).await
    }
}
