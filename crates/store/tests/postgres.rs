//! The store contract against a real PostgreSQL server, as an ordinary login under row-level
//! security (see `support`).

mod contract;
mod support;

use greenlight_store::Store;

/// A fresh database and login; the guard is the database's name (kept for debugging).
async fn fresh() -> (Store, String) {
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    (support::open_as(&db, &login).await, db)
}

contract_tests!(fresh);

/// Appends to one project's chain queue on its head's row lock; another project's writer does
/// not wait for them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appends_to_one_chain_queue_while_other_projects_do_not_wait() {
    use greenlight_domain::events::payloads::ProjectState;
    use greenlight_domain::events::EventBody;
    use greenlight_domain::ids::{ProjectId, UserId};
    use greenlight_domain::ledger::EventDraft;
    use greenlight_domain::profile::Profile;
    use greenlight_domain::project::{Project, ProjectKind};
    use std::time::Duration;

    let (store, _db) = fresh().await;
    let me = Profile {
        id: UserId::new(),
        name: "Maya".into(),
        created_at: 1,
    };
    let project = |title: &str| Project {
        id: ProjectId::new(),
        title: title.into(),
        logline: String::new(),
        kind: ProjectKind::Feature,
        archived: false,
        created_at: 1,
        updated_at: 1,
    };
    let (a, b) = (project("A"), project("B"));
    let draft = |p: &Project| EventDraft {
        actor: me.id.clone(),
        subject: "test".into(),
        project_id: Some(p.id.clone()),
        body: EventBody::ProjectUpdated(ProjectState {
            title: p.title.clone(),
            logline: String::new(),
            kind: ProjectKind::Feature,
            archived: false,
        }),
    };
    let mut tx = store.begin().await.expect("begin");
    contract::person_with_key(&store, &mut tx, &me).await;
    tx.insert_project(&a).await.expect("a");
    tx.insert_project(&b).await.expect("b");
    tx.append_event(draft(&a), 1).await.expect("a1");
    tx.append_event(draft(&b), 1).await.expect("b1");
    tx.commit().await.expect("commit");

    // A writer holds project A's chain head, uncommitted.
    let mut holder = store.begin().await.expect("begin");
    holder.append_event(draft(&a), 2).await.expect("a2");
    // Another project's writer goes straight through.
    let other = tokio::time::timeout(Duration::from_secs(3), async {
        let mut tx = store.begin().await?;
        tx.append_event(draft(&b), 2).await?;
        tx.commit().await
    })
    .await;
    assert!(
        matches!(other, Ok(Ok(()))),
        "project B waited for A: {other:?}"
    );
    // A second writer of A waits for the first...
    let store2 = store.clone();
    let d2 = draft(&a);
    let queued = tokio::spawn(async move {
        let mut tx = store2.begin().await?;
        let e = tx.append_event(d2, 3).await?;
        tx.commit().await?;
        Ok::<_, greenlight_store::StoreError>(e.seq)
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!queued.is_finished(), "the second writer of A did not wait");
    // ...and goes on, after it, once the first commits: the chain stays linear.
    holder.commit().await.expect("commit holder");
    let seq = tokio::time::timeout(Duration::from_secs(5), queued)
        .await
        .expect("the queued writer finished")
        .expect("join")
        .expect("append");
    // (Each chain begins with the key's registration.)
    assert_eq!(seq, 4);
    let report = store.verify_ledger().await.expect("verify");
    assert!(report.ok, "{report:?}");
}

/// The database's copy of the default workflow (it checks that a review follows the project's
/// templates, or this one when the project has none) is the domain's default.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_knows_the_domains_default_workflow() {
    use greenlight_domain::workflow::WorkflowTemplate;
    use sqlx::Row;
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    let mut sql = support::plain_sql_as(&db, &login).await;
    let json = serde_json::to_string(&WorkflowTemplate::default_template()).expect("json");
    let same: bool = sqlx::query("SELECT greenlight_default_workflow() = $1::jsonb")
        .bind(json)
        .fetch_one(&mut sql)
        .await
        .expect("compare")
        .get(0);
    assert!(
        same,
        "postgres/0006_reviews.sql's default workflow differs from the domain's"
    );
}
