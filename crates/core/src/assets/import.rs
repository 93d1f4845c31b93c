//! Importing a file as a new asset, or as the next version of the project's asset of the same
//! name. The file is read once, streamed (memory does not grow with it), checked for what it
//! really is, its C2PA credentials read when it carries a manifest; then its bytes are stored
//! and the asset, version and `asset.imported` event are written in one transaction.
//!
//! Nothing partial remains on failure: a refused or failed file leaves no rows (the
//! transaction is never committed), its temp file is removed when dropped, and a blob file
//! that this import put in place for a transaction that then failed is removed again unless
//! another version names it.

use super::blobs::{self, BlobFolder};
use super::scan::{scan, ScanError, Scanned};
use super::{credentials, inspect, Assets};
use crate::app::event;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::asset::{
    asset_name, Asset, AssetVersion, ContentCredentials, CredentialValidity, ImportedAsset,
};
use greenlight_domain::events::payloads::AssetImported;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{AssetId, AssetVersionId, ProjectId};
use greenlight_domain::limits::MAX_ASSET_BYTES;
use greenlight_domain::permission::Action;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The asset's name; the file's name when `None`. A display name only.
    pub name: Option<String>,
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            name: None,
            max_bytes: MAX_ASSET_BYTES,
        }
    }
}

/// A file read and checked, not yet stored.
struct Checked {
    scanned: Scanned,
    inspected: inspect::Inspected,
    credentials: Option<ContentCredentials>,
    /// The local copy, when blobs go to the local folder.
    temp: Option<NamedTempFile>,
}

impl Assets<'_> {
    /// `actor` imports the file at `path` into `project`, under `name` or the file's name.
    pub async fn import(
        &self,
        actor: &Actor,
        project: &ProjectId,
        path: &Path,
        name: Option<&str>,
    ) -> Result<ImportedAsset> {
        let opts = ImportOptions {
            name: name.map(str::to_owned),
            ..ImportOptions::default()
        };
        self.import_with(actor, project, path, opts).await
    }

    /// As [`Assets::import`], with every option.
    pub async fn import_with(
        &self,
        actor: &Actor,
        project: &ProjectId,
        path: &Path,
        opts: ImportOptions,
    ) -> Result<ImportedAsset> {
        let app = self.app;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| CoreError::UnsupportedFile {
                file: path.display().to_string(),
                reason: "it is not a file".into(),
            })?;
        let name = asset_name(opts.name.as_deref().unwrap_or(&file_name))?;
        app.store
            .get_project(project)
            .await
            .map_err(|e| app.not_shared(e, "project"))?;
        // Refused before a byte is read; checked again in the transaction.
        app.require(actor, project, Action::ImportAsset).await?;
        let folder = (!app.is_team()).then(|| BlobFolder::new(app.data_dir()));
        let checked = {
            let (path, file, folder) = (path.to_owned(), file_name.clone(), folder.clone());
            crate::blocking::run(move || check(&path, &file, folder.as_ref(), opts.max_bytes))
                .await?
        };
        let hash = checked.scanned.hash.clone();
        let created_file = match (&folder, checked.temp) {
            (Some(folder), Some(temp)) => {
                let (folder, hash) = (folder.clone(), hash.clone());
                crate::blocking::run(move || folder.keep(temp, &hash)).await?
            }
            _ => false,
        };
        let parts = Parts {
            actor,
            project,
            path,
            name,
            original_name: file_name,
            scanned: checked.scanned,
            inspected: checked.inspected,
            credentials: checked.credentials,
        };
        match self.record(parts).await {
            Ok(done) => Ok(ImportedAsset {
                deduplicated: if folder.is_some() {
                    !created_file
                } else {
                    done.deduplicated
                },
                ..done
            }),
            Err(e) => {
                if let (Some(folder), true) = (&folder, created_file) {
                    if let Err(cleanup) = folder.remove_if_unused(&app.store, &hash).await {
                        tracing::warn!(error = %cleanup, "could not remove a failed import's blob");
                    }
                }
                Err(e)
            }
        }
    }

    /// The transaction: asset (new or existing), version, bytes on a team server, event.
    async fn record(&self, p: Parts<'_>) -> Result<ImportedAsset> {
        let app = self.app;
        let now = now_ms();
        let kind = p.inspected.media.kind;
        let mut tx = app.store.begin().await?;
        let project = tx.project(p.project).await?;
        app.require_in(&mut tx, p.actor, &project.id, Action::ImportAsset)
            .await?;
        let asset = match tx.asset_named(&project.id, &p.name).await? {
            Some(existing) if existing.kind != kind => {
                return Err(CoreError::UnsupportedFile {
                    file: p.original_name,
                    reason: format!(
                        "“{}” is {} {}, and a new version must be one too (this file is {}); \
                         import it under another name",
                        existing.name,
                        article(existing.kind.label()),
                        existing.kind.label(),
                        p.inspected.media.label
                    ),
                });
            }
            Some(existing) => existing,
            None => {
                let a = Asset {
                    id: AssetId::new(),
                    project_id: project.id.clone(),
                    name: p.name.clone(),
                    kind,
                    created_by: p.actor.id.clone(),
                    created_at: now,
                };
                tx.insert_asset(&a).await?;
                a
            }
        };
        let number = tx.next_asset_version(&asset.id).await?;
        let written = if app.is_team() {
            blobs::write_to_database(
                &mut tx,
                &project.id,
                &p.scanned.hash,
                p.scanned.size,
                p.path,
            )
            .await?
        } else {
            true
        };
        let version = AssetVersion {
            id: AssetVersionId::new(),
            asset_id: asset.id.clone(),
            version: number,
            hash: p.scanned.hash.clone(),
            size: p.scanned.size as i64,
            media_type: p.inspected.media.media_type.to_owned(),
            original_name: p.original_name,
            width: p.inspected.width,
            height: p.inspected.height,
            credentials: p.credentials,
            imported_by: p.actor.id.clone(),
            imported_by_name: p.actor.name.clone(),
            imported_at: now,
        };
        tx.insert_asset_version(&version).await?;
        let body = AssetImported {
            asset_id: asset.id.clone(),
            version_id: version.id.clone(),
            name: asset.name.clone(),
            kind,
            version: number,
            hash: version.hash.clone(),
            size: version.size,
            media_type: version.media_type.clone(),
            credentials: version.credentials.as_ref().map(|c| c.validity),
            ai_generated: version
                .credentials
                .as_ref()
                .is_some_and(|c| c.ai_generated && c.validity != CredentialValidity::Invalid),
        };
        tx.append_event(
            event(
                p.actor,
                format!("asset:{}", asset.id),
                Some(&project.id),
                EventBody::AssetImported(body),
            ),
            now,
        )
        .await?;
        crate::reviews::after_asset_version(&mut tx, p.actor, &asset.name, &version).await?;
        tx.commit().await?;
        Ok(ImportedAsset {
            asset,
            version,
            deduplicated: !written,
        })
    }
}

/// What [`Assets::record`] writes.
struct Parts<'a> {
    actor: &'a Actor,
    project: &'a ProjectId,
    path: &'a Path,
    name: String,
    original_name: String,
    scanned: Scanned,
    inspected: inspect::Inspected,
    credentials: Option<ContentCredentials>,
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// Reads and checks the file (on the blocking pool), copying it into a temp file of `folder`
/// when blobs are kept locally.
fn check(path: &Path, file: &str, folder: Option<&BlobFolder>, max: u64) -> Result<Checked> {
    let refuse = |reason: String| CoreError::UnsupportedFile {
        file: file.to_owned(),
        reason,
    };
    let io = |source: std::io::Error| CoreError::Io {
        action: "reading",
        path: PathBuf::from(path),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(refuse("it is a folder or a device, not a file".into()));
    }
    if meta.len() == 0 {
        return Err(refuse("it is empty".into()));
    }
    if meta.len() > max {
        return Err(CoreError::TooLarge {
            what: file.to_owned(),
            size: meta.len(),
            max,
        });
    }
    let mut src = std::fs::File::open(path).map_err(io)?;
    let temp = folder.map(BlobFolder::temp).transpose()?;
    let mut copy = temp
        .as_ref()
        .map(|t| super::blobs::FlushingCopy::new(t.as_file()))
        .transpose()
        .map_err(io)?;
    let sink = copy.as_mut().map(|c| c as &mut (dyn std::io::Write + Send));
    let scanned = scan(&mut src, sink, max).map_err(|e| match e {
        ScanError::TooLarge { size } => CoreError::TooLarge {
            what: file.to_owned(),
            size,
            max,
        },
        ScanError::Read(source) => io(source),
        ScanError::Write(source) => CoreError::Io {
            action: "storing",
            path: temp
                .as_ref()
                .map(|t| t.path().to_owned())
                .unwrap_or_default(),
            source,
        },
    })?;
    if let Some(c) = copy {
        c.finish().map_err(|source| CoreError::Io {
            action: "storing",
            path: temp
                .as_ref()
                .map(|t| t.path().to_owned())
                .unwrap_or_default(),
            source,
        })?;
    }
    if scanned.size == 0 {
        return Err(refuse("it is empty".into()));
    }
    // Checked on the stable copy when there is one (the source may change under us).
    let stable = temp.as_ref().map_or(path, |t| t.path());
    let inspected = inspect::inspect(file, stable, &scanned)?;
    let credentials = scanned
        .has_c2pa
        .then(|| credentials::read(stable, inspected.media.media_type))
        .flatten();
    Ok(Checked {
        scanned,
        inspected,
        credentials,
        temp,
    })
}
