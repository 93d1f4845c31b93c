//! Assets, their versions and (for team servers) their bytes in chunks.

use super::seed;
use greenlight_domain::asset::{
    Asset, AssetKind, AssetVersion, ContentCredentials, CredentialAction, CredentialValidity,
};
use greenlight_domain::ids::{AssetId, AssetVersionId, ProjectId, UserId};
use greenlight_store::{Store, StoreError};

fn asset(project: &ProjectId, me: &UserId, name: &str) -> Asset {
    Asset {
        id: AssetId::new(),
        project_id: project.clone(),
        name: name.into(),
        kind: AssetKind::Image,
        created_by: me.clone(),
        created_at: 20,
    }
}

fn version(a: &Asset, n: i64, hash_byte: &str) -> AssetVersion {
    AssetVersion {
        id: AssetVersionId::new(),
        asset_id: a.id.clone(),
        version: n,
        hash: hash_byte.repeat(32),
        size: 1000 + n,
        media_type: "image/png".into(),
        original_name: "poster.png".into(),
        width: Some(640),
        height: Some(480),
        credentials: None,
        imported_by: a.created_by.clone(),
        imported_by_name: "Maya".into(),
        imported_at: 20 + n,
    }
}

fn credentials() -> ContentCredentials {
    ContentCredentials {
        claim_generator: Some("Firefly".into()),
        title: Some("poster.png".into()),
        ai_generated: true,
        actions: vec![CredentialAction {
            action: "c2pa.created".into(),
            digital_source_type: Some("trainedAlgorithmicMedia".into()),
            software_agent: None,
        }],
        signer: Some("Adobe".into()),
        signed_at: None,
        validity: CredentialValidity::Invalid,
        status_codes: vec!["assertion.dataHash.mismatch".into()],
        problem: None,
    }
}

pub async fn assets_and_versions_round_trip_and_list_the_newest(store: Store) {
    let (me, p, _d, _r) = seed(&store).await;
    assert!(store.assets(&p.id).await.expect("none").is_empty());
    let poster = asset(&p.id, &me.id, "poster.png");
    let still = asset(&p.id, &me.id, "a still.png");
    let v1 = version(&poster, 1, "aa");
    let mut v2 = version(&poster, 2, "bb");
    v2.credentials = Some(credentials());
    v2.width = None;
    v2.height = None;
    let s1 = version(&still, 1, "aa");

    let mut tx = store.begin().await.expect("begin");
    assert_eq!(tx.asset_named(&p.id, "poster.png").await.expect("no"), None);
    assert_eq!(tx.next_asset_version(&poster.id).await.expect("next"), 1);
    tx.insert_asset(&poster).await.expect("asset");
    tx.insert_asset_version(&v1).await.expect("v1");
    assert_eq!(tx.next_asset_version(&poster.id).await.expect("next"), 2);
    tx.insert_asset_version(&v2).await.expect("v2");
    tx.insert_asset(&still).await.expect("still");
    tx.insert_asset_version(&s1).await.expect("s1");
    assert_eq!(
        tx.asset_named(&p.id, "poster.png").await.expect("named"),
        Some(poster.clone())
    );
    tx.commit().await.expect("commit");

    let listed = store.assets(&p.id).await.expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].asset, still);
    assert_eq!(listed[0].version_count, 1);
    assert_eq!(listed[1].asset, poster);
    assert_eq!(
        listed[1].latest, v2,
        "the newest version, credentials included"
    );
    assert_eq!(listed[1].version_count, 2);
    assert_eq!(
        store.asset_versions(&poster.id).await.expect("versions"),
        vec![v1.clone(), v2.clone()]
    );
    assert_eq!(
        store.asset_version(&v1.id).await.expect("one"),
        (poster.clone(), v1.clone())
    );
    assert!(matches!(
        store.asset_version(&AssetVersionId::new()).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(store
        .asset_hash_in_use(&"aa".repeat(32))
        .await
        .expect("in use"));
    assert!(!store
        .asset_hash_in_use(&"cc".repeat(32))
        .await
        .expect("unused"));

    // A second asset of the same name, or a version number taken twice, is refused whole.
    let mut tx = store.begin().await.expect("begin");
    assert!(tx
        .insert_asset(&asset(&p.id, &me.id, "poster.png"))
        .await
        .is_err());
    tx.rollback().await.expect("rollback");
    let mut tx = store.begin().await.expect("begin");
    assert!(tx
        .insert_asset_version(&version(&poster, 2, "dd"))
        .await
        .is_err());
    tx.rollback().await.expect("rollback");
    // Versions are history.
    for sql in [
        format!("UPDATE asset_versions SET size = 1 WHERE id = '{}'", v1.id),
        format!("DELETE FROM asset_versions WHERE id = '{}'", v1.id),
    ] {
        assert!(
            store.execute_raw_for_tests(&sql).await.is_err(),
            "{sql} was allowed"
        );
    }
    // A moved project carries them.
    let bundle = store.project_bundle(&p.id).await.expect("bundle");
    assert_eq!(bundle.assets, vec![poster, still]);
    assert_eq!(bundle.asset_versions.len(), 3);
}

pub async fn asset_blobs_are_stored_once_per_project_in_chunks(store: Store) {
    let (_me, p, _d, _r) = seed(&store).await;
    let hash = "ef".repeat(32);
    assert_eq!(
        store.asset_chunk(&p.id, &hash, 0).await.expect("none"),
        None
    );
    let mut tx = store.begin().await.expect("begin");
    assert!(tx.claim_asset_blob(&p.id, &hash, 5).await.expect("claim"));
    tx.put_asset_chunk(&p.id, &hash, 0, b"\x00\xffab")
        .await
        .expect("chunk 0");
    tx.put_asset_chunk(&p.id, &hash, 1, b"c")
        .await
        .expect("chunk 1");
    tx.commit().await.expect("commit");
    let mut tx = store.begin().await.expect("begin");
    assert!(
        !tx.claim_asset_blob(&p.id, &hash, 5).await.expect("again"),
        "a stored blob is not written twice"
    );
    assert!(
        tx.put_asset_chunk(&p.id, &hash, 1, b"x").await.is_err(),
        "a chunk is written once"
    );
    tx.rollback().await.expect("rollback");
    assert_eq!(
        store
            .asset_chunk(&p.id, &hash, 0)
            .await
            .expect("0")
            .as_deref(),
        Some(&b"\x00\xffab"[..])
    );
    assert_eq!(
        store
            .asset_chunk(&p.id, &hash, 1)
            .await
            .expect("1")
            .as_deref(),
        Some(&b"c"[..])
    );
    assert_eq!(store.asset_chunk(&p.id, &hash, 2).await.expect("end"), None);
}
