//! A project's assets and their immutable versions, and — on a team server — their bytes, in
//! chunks (the local app keeps bytes as files; see core's `assets::blobs`).
//!
//! Bytes are stored once per (project, hash): blobs are scoped to a project so that the
//! database's row-level security guards them exactly as it guards the versions that name
//! them, and so that importing a file cannot reveal whether another project holds it.

use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::{Result, StoreError};
use greenlight_domain::asset::{Asset, AssetKind, AssetSummary, AssetVersion, ContentCredentials};
use greenlight_domain::ids::{AssetId, AssetVersionId, ProjectId, UserId};

const ASSET_COLS: &str =
    "a.id AS a_id, a.project_id, a.name, a.kind, a.created_by, a.created_at AS a_created_at";
const VERSION_COLS: &str = "v.id AS v_id, v.asset_id, v.version, v.hash, v.size, v.media_type, \
     v.original_name, v.width, v.height, v.credentials, v.imported_by, \
     COALESCE(u.name, '') AS imported_by_name, v.imported_at";

fn asset(r: &dyn DbRow) -> Result<Asset> {
    Ok(Asset {
        id: AssetId(r.text("a_id")?),
        project_id: ProjectId(r.text("project_id")?),
        name: r.text("name")?,
        kind: AssetKind::parse(&r.text("kind")?)
            .map_err(|e| StoreError::InvalidData(e.to_string()))?,
        created_by: UserId(r.text("created_by")?),
        created_at: r.int("a_created_at")?,
    })
}

fn version(r: &dyn DbRow) -> Result<AssetVersion> {
    let credentials = match r.opt_text("credentials")? {
        None => None,
        Some(json) => Some(
            serde_json::from_str::<ContentCredentials>(&json).map_err(|e| {
                StoreError::InvalidData(format!("an asset version's credentials: {e}"))
            })?,
        ),
    };
    Ok(AssetVersion {
        id: AssetVersionId(r.text("v_id")?),
        asset_id: AssetId(r.text("asset_id")?),
        version: r.int("version")?,
        hash: r.text("hash")?,
        size: r.int("size")?,
        media_type: r.text("media_type")?,
        original_name: r.text("original_name")?,
        width: r.opt_int("width")?,
        height: r.opt_int("height")?,
        credentials,
        imported_by: UserId(r.text("imported_by")?),
        imported_by_name: r.text("imported_by_name")?,
        imported_at: r.int("imported_at")?,
    })
}

fn summary(r: &dyn DbRow) -> Result<AssetSummary> {
    Ok(AssetSummary {
        asset: asset(r)?,
        latest: version(r)?,
        version_count: r.int("n")?,
    })
}

fn both(r: &dyn DbRow) -> Result<(Asset, AssetVersion)> {
    Ok((asset(r)?, version(r)?))
}

fn chunk(r: &dyn DbRow) -> Result<Vec<u8>> {
    r.bytes("data")
}

/// The assets of a project with their newest version, by name.
fn summaries(project: &ProjectId) -> (String, &str) {
    (
        format!(
            "SELECT {ASSET_COLS}, {VERSION_COLS},
                (SELECT count(*) FROM asset_versions c WHERE c.asset_id = a.id) AS n
             FROM assets a
             JOIN asset_versions v ON v.asset_id = a.id
             LEFT JOIN profiles u ON u.id = v.imported_by
             WHERE a.project_id = $1
               AND v.version = (SELECT max(m.version) FROM asset_versions m WHERE m.asset_id = a.id)
             ORDER BY a.name, a.id"
        ),
        project.as_str(),
    )
}

fn versions_sql(filter: &str) -> String {
    format!(
        "SELECT {ASSET_COLS}, {VERSION_COLS} FROM asset_versions v
         JOIN assets a ON a.id = v.asset_id
         LEFT JOIN profiles u ON u.id = v.imported_by
         WHERE {filter} ORDER BY a.id, v.version"
    )
}

impl Store {
    /// A project's assets, each with its newest version, by name.
    pub async fn assets(&self, project: &ProjectId) -> Result<Vec<AssetSummary>> {
        let (sql, id) = summaries(project);
        self.all(Statement::new(&sql).text(id), summary).await
    }

    /// An asset's versions, oldest first (empty for an asset not visible here).
    pub async fn asset_versions(&self, asset: &AssetId) -> Result<Vec<AssetVersion>> {
        let sql = versions_sql("v.asset_id = $1");
        let rows = self
            .all(Statement::new(&sql).text(asset.as_str()), both)
            .await?;
        Ok(rows.into_iter().map(|(_, v)| v).collect())
    }

    /// One version with its asset.
    pub async fn asset_version(&self, id: &AssetVersionId) -> Result<(Asset, AssetVersion)> {
        let sql = versions_sql("v.id = $1");
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "asset version",
            id.as_str(),
            both,
        )
        .await
    }

    /// Chunk `seq` of a blob stored in the database, or `None` past its end.
    pub async fn asset_chunk(
        &self,
        project: &ProjectId,
        hash: &str,
        seq: i64,
    ) -> Result<Option<Vec<u8>>> {
        self.optional(
            Statement::new(
                "SELECT data FROM asset_chunks WHERE project_id = $1 AND hash = $2 AND seq = $3",
            )
            .text(project.as_str())
            .text(hash)
            .int(seq),
            chunk,
        )
        .await
    }

    /// Whether any version in this database names `hash` (a local blob file still in use).
    pub async fn asset_hash_in_use(&self, hash: &str) -> Result<bool> {
        let n = self
            .one(
                Statement::new("SELECT count(*) AS n FROM asset_versions WHERE hash = $1")
                    .text(hash),
                "count",
                "",
                crate::query::int0,
            )
            .await?;
        Ok(n > 0)
    }
}

impl Tx {
    /// The project's asset named `name`, if any.
    pub async fn asset_named(&mut self, project: &ProjectId, name: &str) -> Result<Option<Asset>> {
        let sql =
            format!("SELECT {ASSET_COLS} FROM assets a WHERE a.project_id = $1 AND a.name = $2");
        self.optional(
            Statement::new(&sql).text(project.as_str()).text(name),
            asset,
        )
        .await
    }

    /// The number the next version of `asset` takes (1 for a new asset).
    pub async fn next_asset_version(&mut self, asset: &AssetId) -> Result<i64> {
        let n = self
            .one(
                Statement::new(
                    "SELECT COALESCE(max(version), 0) + 1 AS n FROM asset_versions WHERE asset_id = $1",
                )
                .text(asset.as_str()),
                "count",
                "",
                crate::query::int0,
            )
            .await?;
        Ok(n)
    }

    pub async fn insert_asset(&mut self, a: &Asset) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO assets (id, project_id, name, kind, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .text(a.id.as_str())
            .text(a.project_id.as_str())
            .text(&a.name)
            .text(a.kind.as_str())
            .text(a.created_by.as_str())
            .int(a.created_at),
        )
        .await?;
        Ok(())
    }

    /// Stores a version (a second version with the same number is a conflict).
    pub async fn insert_asset_version(&mut self, v: &AssetVersion) -> Result<()> {
        let credentials = v
            .credentials
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::InvalidData(e.to_string()))?;
        self.exec(
            Statement::new(
                "INSERT INTO asset_versions (id, asset_id, version, hash, size, media_type,
                    original_name, width, height, credentials, imported_by, imported_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .text(v.id.as_str())
            .text(v.asset_id.as_str())
            .int(v.version)
            .text(&v.hash)
            .int(v.size)
            .text(&v.media_type)
            .text(&v.original_name)
            .opt_int(v.width)
            .opt_int(v.height)
            .opt_text(credentials.as_deref())
            .text(v.imported_by.as_str())
            .int(v.imported_at),
        )
        .await?;
        Ok(())
    }

    /// Claims the blob `hash` of `project` for writing: true when this transaction must now
    /// write its chunks, false when the project already holds it (or another transaction that
    /// committed first wrote it: the insert waits for it).
    pub async fn claim_asset_blob(
        &mut self,
        project: &ProjectId,
        hash: &str,
        size: i64,
    ) -> Result<bool> {
        let n = self
            .exec(
                Statement::new(
                    "INSERT INTO asset_blobs (project_id, hash, size) VALUES ($1, $2, $3)
                     ON CONFLICT (project_id, hash) DO NOTHING",
                )
                .text(project.as_str())
                .text(hash)
                .int(size),
            )
            .await?;
        Ok(n > 0)
    }

    pub async fn put_asset_chunk(
        &mut self,
        project: &ProjectId,
        hash: &str,
        seq: i64,
        data: &[u8],
    ) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO asset_chunks (project_id, hash, seq, data) VALUES ($1, $2, $3, $4)",
            )
            .text(project.as_str())
            .text(hash)
            .int(seq)
            .bytes(data),
        )
        .await?;
        Ok(())
    }

    /// Every asset of a project and every version, oldest first (a move copies them).
    pub async fn project_assets(
        &mut self,
        project: &ProjectId,
    ) -> Result<(Vec<Asset>, Vec<AssetVersion>)> {
        let sql = format!(
            "SELECT {ASSET_COLS} FROM assets a WHERE a.project_id = $1 ORDER BY a.created_at, a.id"
        );
        let assets = self
            .all(Statement::new(&sql).text(project.as_str()), asset)
            .await?;
        let sql = versions_sql("a.project_id = $1");
        let versions = self
            .all(Statement::new(&sql).text(project.as_str()), both)
            .await?
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        Ok((assets, versions))
    }
}
