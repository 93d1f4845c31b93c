//! Where an asset's bytes live, addressed by their BLAKE3 hash.
//!
//! - **Local database**: files in the data folder, `blobs/blake3/ab/<hash>`, shared by every
//!   project on this computer. A file is written under `blobs/tmp/` while it is hashed,
//!   fsynced, then renamed into place (atomic on one file system), so a crash leaves either
//!   the whole blob or a temp file, never a partial blob under its hash. A hash already
//!   present is not written again.
//! - **Team server**: rows in the database (`asset_chunks`, [`CHUNK`] bytes each), scoped to
//!   the project and written in the import's own transaction, so row-level security guards
//!   them and a failed import leaves none. docs/ARCHITECTURE.md says why.

use super::scan::ContentHasher;
use super::scan::CHUNK;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::ids::ProjectId;
use greenlight_store::{Store, Tx};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

/// The local blob folder of a data folder.
#[derive(Debug, Clone)]
pub(crate) struct BlobFolder {
    root: PathBuf,
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> CoreError + 'a {
    move |source| CoreError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// A hash as the store keeps it (64 lowercase hex digits): the only text ever joined to a
/// blob path.
fn checked(hash: &str) -> Result<&str> {
    if hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(hash)
    } else {
        Err(CoreError::Internal(format!("not a blob hash: {hash:?}")))
    }
}

impl BlobFolder {
    pub(crate) fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("blobs"),
        }
    }

    pub(crate) fn path_of(&self, hash: &str) -> Result<PathBuf> {
        let hash = checked(hash)?;
        Ok(self.root.join("blake3").join(&hash[..2]).join(hash))
    }

    /// A new temp file beside the blobs (same file system, so the final rename is atomic);
    /// removed when dropped unless kept.
    pub(crate) fn temp(&self) -> Result<NamedTempFile> {
        let dir = self.root.join("tmp");
        std::fs::create_dir_all(&dir).map_err(io("creating", &dir))?;
        tempfile::Builder::new()
            .prefix("import-")
            .tempfile_in(&dir)
            .map_err(io("creating a temp file in", &dir))
    }

    /// Makes the fully written `tmp` the blob `hash`: true when it was new, false when the
    /// blob was already there (then `tmp` is dropped, which removes it).
    pub(crate) fn keep(&self, tmp: NamedTempFile, hash: &str) -> Result<bool> {
        let dest = self.path_of(hash)?;
        if dest.exists() {
            return Ok(false);
        }
        tmp.as_file().sync_all().map_err(io("saving", tmp.path()))?;
        let dir = dest.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&dir).map_err(io("creating", &dir))?;
        match tmp.persist_noclobber(&dest) {
            Ok(_) => {}
            // Another import of the same bytes won the race: its blob is as good as ours.
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
            Err(e) => return Err(io("saving", &dest)(e.error)),
        }
        // The rename itself must survive a crash too.
        std::fs::File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(io("saving", &dir))?;
        Ok(true)
    }

    /// Removes the blob `hash` unless a version in `store` still names it (after an import
    /// that failed to commit, or a project that moved away).
    pub(crate) async fn remove_if_unused(&self, store: &Store, hash: &str) -> Result<()> {
        if store.asset_hash_in_use(hash).await? {
            return Ok(());
        }
        let path = self.path_of(hash)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io("removing", &path)(e)),
        }
    }
}

/// Reads up to `buf.len()` bytes, fewer only at the end of the file.
async fn fill(file: &mut tokio::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]).await? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Stores the file at `path` as the blob `hash` of `project` in the database, inside `tx`:
/// true when it was written, false when the project already held it. The bytes are hashed
/// again as they are sent; a file that changed since it was checked fails the import.
pub(crate) async fn write_to_database(
    tx: &mut Tx,
    project: &ProjectId,
    hash: &str,
    size: u64,
    path: &Path,
) -> Result<bool> {
    if !tx.claim_asset_blob(project, hash, size as i64).await? {
        return Ok(false);
    }
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(io("reading", path))?;
    let mut buf = vec![0u8; CHUNK];
    let mut hasher = ContentHasher::new();
    let mut seq = 0i64;
    loop {
        let n = fill(&mut file, &mut buf)
            .await
            .map_err(io("reading", path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        tx.put_asset_chunk(project, hash, seq, &buf[..n]).await?;
        seq += 1;
    }
    if hex::encode(hasher.finalize()) != hash {
        return Err(CoreError::Conflict(format!(
            "{} changed while it was being imported; nothing was imported",
            path.display()
        )));
    }
    Ok(true)
}

/// Bytes `offset..offset + len` of a blob (fewer at its end), from wherever it lives.
pub(crate) async fn read_range(
    location: &BlobLocation<'_>,
    offset: u64,
    len: usize,
) -> Result<Vec<u8>> {
    match location {
        BlobLocation::File(path) => {
            let mut file = tokio::fs::File::open(path)
                .await
                .map_err(io("reading", path))?;
            file.seek(std::io::SeekFrom::Start(offset))
                .await
                .map_err(io("reading", path))?;
            let mut out = vec![0u8; len];
            let n = fill(&mut file, &mut out)
                .await
                .map_err(io("reading", path))?;
            out.truncate(n);
            Ok(out)
        }
        BlobLocation::Database {
            store,
            project,
            hash,
        } => {
            let mut out = Vec::with_capacity(len);
            let mut seq = (offset / CHUNK as u64) as i64;
            let mut skip = (offset % CHUNK as u64) as usize;
            while out.len() < len {
                let Some(chunk) = store.asset_chunk(project, hash, seq).await? else {
                    break;
                };
                let part = chunk.get(skip..).unwrap_or_default();
                let want = (len - out.len()).min(part.len());
                out.extend_from_slice(&part[..want]);
                skip = 0;
                seq += 1;
            }
            Ok(out)
        }
    }
}

/// Where one blob is.
pub(crate) enum BlobLocation<'a> {
    File(PathBuf),
    Database {
        store: &'a Store,
        project: &'a ProjectId,
        hash: &'a str,
    },
}

/// Writes the blob at `from` into the local folder `to` as `hash`, checking the hash: true
/// when it was new there. Used when a project moves onto this computer.
pub(crate) async fn copy_to_folder(
    from: &BlobLocation<'_>,
    to: &BlobFolder,
    hash: &str,
) -> Result<bool> {
    if to.path_of(hash)?.exists() {
        return Ok(false);
    }
    let tmp = to.temp()?;
    let mut out = tokio::fs::File::from_std(tmp.reopen().map_err(io("writing", tmp.path()))?);
    let mut hasher = ContentHasher::new();
    let mut offset = 0u64;
    loop {
        let chunk = read_range(from, offset, CHUNK).await?;
        if chunk.is_empty() {
            break;
        }
        hasher.update(&chunk);
        out.write_all(&chunk)
            .await
            .map_err(io("writing", tmp.path()))?;
        offset += chunk.len() as u64;
    }
    out.flush().await.map_err(io("writing", tmp.path()))?;
    drop(out);
    if hex::encode(hasher.finalize()) != hash {
        return Err(CoreError::Internal(format!(
            "the stored asset bytes {hash} do not match their hash; nothing was moved"
        )));
    }
    let folder = to.clone();
    let hash = hash.to_owned();
    crate::blocking::run(move || folder.keep(tmp, &hash)).await
}

/// Writes the blob at `from` into `tx`'s database as `hash` of `project`, checking the hash:
/// true when it was new there. Used when a project moves onto a team server.
pub(crate) async fn copy_to_database(
    from: &BlobLocation<'_>,
    tx: &mut Tx,
    project: &ProjectId,
    hash: &str,
    size: u64,
) -> Result<bool> {
    if let BlobLocation::File(path) = from {
        return write_to_database(tx, project, hash, size, path).await;
    }
    if !tx.claim_asset_blob(project, hash, size as i64).await? {
        return Ok(false);
    }
    let mut hasher = ContentHasher::new();
    let (mut offset, mut seq) = (0u64, 0i64);
    loop {
        let chunk = read_range(from, offset, CHUNK).await?;
        if chunk.is_empty() {
            break;
        }
        hasher.update(&chunk);
        tx.put_asset_chunk(project, hash, seq, &chunk).await?;
        offset += chunk.len() as u64;
        seq += 1;
    }
    if hex::encode(hasher.finalize()) != hash {
        return Err(CoreError::Internal(format!(
            "the stored asset bytes {hash} do not match their hash; nothing was moved"
        )));
    }
    Ok(true)
}

/// How often an import's copy starts flushing what it has written so far.
const FLUSH_EVERY: u64 = 64 * 1024 * 1024;

/// The import's copy of a file: writes go to the file, and every [`FLUSH_EVERY`] bytes a
/// second thread starts flushing them to disk while the import reads and hashes on, so the
/// flush before the rename has little left to do (flushing only at the end would add the
/// disk's whole write time to the import's).
pub(crate) struct FlushingCopy {
    file: std::fs::File,
    unflushed: u64,
    ask: Option<std::sync::mpsc::SyncSender<()>>,
    flusher: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl FlushingCopy {
    pub(crate) fn new(file: &std::fs::File) -> std::io::Result<Self> {
        let background = file.try_clone()?;
        let (ask, asked) = std::sync::mpsc::sync_channel::<()>(1);
        let flusher = std::thread::Builder::new()
            .name("asset-flush".into())
            .spawn(move || {
                for () in asked {
                    background.sync_data()?;
                }
                Ok(())
            })?;
        Ok(Self {
            file: file.try_clone()?,
            unflushed: 0,
            ask: Some(ask),
            flusher: Some(flusher),
        })
    }

    /// Waits for the background flushes; the first error any of them met.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.stop()
    }

    fn stop(&mut self) -> std::io::Result<()> {
        drop(self.ask.take());
        match self.flusher.take().map(std::thread::JoinHandle::join) {
            Some(Ok(done)) => done,
            Some(Err(_)) => Err(std::io::Error::other("the flushing thread failed")),
            None => Ok(()),
        }
    }
}

impl std::io::Write for FlushingCopy {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.unflushed += n as u64;
        if self.unflushed >= FLUSH_EVERY {
            self.unflushed = 0;
            // A flush still running covers part of this; the next boundary asks again.
            if let Some(ask) = &self.ask {
                let _ = ask.try_send(());
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for FlushingCopy {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}
