//! A moving project's assets: their rows are copied as they were, their bytes streamed from
//! wherever the source keeps them to wherever the destination does (folder or database), each
//! checked against its hash on the way.

use super::blobs::{copy_to_database, copy_to_folder, BlobFolder, BlobLocation};
use crate::app::Greenlight;
use crate::Result;
use greenlight_store::{ProjectBundle, Tx};
use std::collections::BTreeMap;

/// Copies the bundle's assets into `tx` (on `dest`); returns the hashes of blob files this put
/// in `dest`'s folder, so a move that fails afterwards can take them back.
pub(crate) async fn copy_assets(
    src: &Greenlight,
    dest: &Greenlight,
    tx: &mut Tx,
    b: &ProjectBundle,
    created: &mut Vec<String>,
) -> Result<()> {
    let project = &b.project.id;
    for a in &b.assets {
        tx.insert_asset(a).await?;
    }
    let blobs: BTreeMap<&str, i64> = b
        .asset_versions
        .iter()
        .map(|v| (v.hash.as_str(), v.size))
        .collect();
    let src_folder = (!src.is_team()).then(|| BlobFolder::new(src.data_dir()));
    let dest_folder = (!dest.is_team()).then(|| BlobFolder::new(dest.data_dir()));
    for (hash, size) in blobs {
        let from = match &src_folder {
            Some(folder) => BlobLocation::File(folder.path_of(hash)?),
            None => BlobLocation::Database {
                store: &src.store,
                project,
                hash,
            },
        };
        match &dest_folder {
            Some(folder) => {
                if copy_to_folder(&from, folder, hash).await? {
                    created.push(hash.to_owned());
                }
            }
            None => {
                copy_to_database(&from, tx, project, hash, size as u64).await?;
            }
        }
    }
    for v in &b.asset_versions {
        tx.insert_asset_version(v).await?;
    }
    Ok(())
}

/// Removes the blob files of `hashes` from `app`'s folder that no version there names any
/// more (after a failed move in, or once a project moved away). Failures are logged: a
/// leftover blob wastes space but is never wrong.
pub(crate) async fn remove_unused(app: &Greenlight, hashes: impl IntoIterator<Item = String>) {
    if app.is_team() {
        return;
    }
    let folder = BlobFolder::new(app.data_dir());
    for hash in hashes {
        if let Err(e) = folder.remove_if_unused(&app.store, &hash).await {
            tracing::warn!(error = %e, hash, "could not remove an unused asset blob");
        }
    }
}
