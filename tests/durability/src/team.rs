//! Team-mode load (issue 9): many clients on one PostgreSQL server saving revisions at once to
//! shared and separate documents. Each client records every save the server acknowledged;
//! afterwards each acknowledged save must exist exactly once, with exactly its text, and every
//! chain must verify: no lost and no duplicated writes. Conflicts (two clients saving from the
//! same head) are expected on shared documents and are retried from the new head, as a person
//! would after merging.
//!
//! `team-load --clients 50 --seconds 60` is the long form (docs/BENCHMARKS.md); the test
//! command runs a short form.

use greenlight_core::database::{team_add_person, team_init, TeamServer};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::{DocumentId, ProjectId};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::domain::revision::content_hash;
use greenlight_core::secrets::{Credentials, SecretsFile};
use greenlight_core::{Actor, CoreError, Database, Greenlight, OpenConfig};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a load run measured.
#[derive(Debug, Clone)]
pub struct LoadReport {
    pub clients: usize,
    pub seconds: f64,
    pub acknowledged: usize,
    pub conflicts: usize,
    pub lost: usize,
    pub duplicated: usize,
    pub wrong_text: usize,
    pub chains_ok: bool,
    pub save_median_ms: f64,
    pub save_p99_ms: f64,
}

impl LoadReport {
    pub fn per_second(&self) -> f64 {
        self.acknowledged as f64 / self.seconds
    }
}

fn admin_server(admin_url: &str, database: &str) -> Result<TeamServer, CoreError> {
    let mut team = TeamServer::from_url(admin_url)?;
    team.server.database = database.to_owned();
    team.server.tls = greenlight_core::database::TlsMode::Disable;
    Ok(team)
}

/// Creates `database` on the server of `admin_url` (a superuser), sets Greenlight up on it
/// and makes `logins` people there.
pub async fn provision(
    admin_url: &str,
    database: &str,
    logins: &[String],
    scratch: &Path,
) -> Result<(), CoreError> {
    let creds: Arc<dyn Credentials> =
        Arc::new(SecretsFile::new(scratch.join("admin-secrets.json")));
    let status = std::process::Command::new("psql")
        .args([admin_url, "-qc", &format!("CREATE DATABASE {database}")])
        .status()
        .map_err(|e| CoreError::Internal(format!("psql: {e}")))?;
    if !status.success() {
        return Err(CoreError::Internal(format!(
            "could not create database {database}"
        )));
    }
    let admin = admin_server(admin_url, database)?;
    team_init(&admin, &creds).await?;
    for login in logins {
        team_add_person(&admin, &creds, login, login, "").await?;
    }
    Ok(())
}

async fn open_as(
    admin_url: &str,
    database: &str,
    login: &str,
    scratch: &Path,
) -> Result<Greenlight, CoreError> {
    let mut team = admin_server(admin_url, database)?;
    team.server.user = login.to_owned();
    let mut cfg = OpenConfig::new(scratch);
    cfg.credentials = Arc::new(SecretsFile::new(
        scratch.join(format!("{login}-secrets.json")),
    ));
    cfg.database = Database::Team(team);
    Greenlight::open(cfg).await
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

/// One client's acknowledged saves: revision id → the text it sent.
type Acks = HashMap<String, String>;

async fn client(
    app: Greenlight,
    me: Actor,
    shared: Vec<DocumentId>,
    own: DocumentId,
    n: usize,
    until: Instant,
) -> Result<(Acks, usize, Vec<f64>), CoreError> {
    let mut acks = Acks::new();
    let mut conflicts = 0;
    let mut times = Vec::new();
    let mut round = 0usize;
    while Instant::now() < until {
        round += 1;
        // Every other save goes to a shared document, the rest to the client's own.
        let doc = if round.is_multiple_of(2) {
            shared[(n + round) % shared.len()].clone()
        } else {
            own.clone()
        };
        let head = app.documents().get(&doc).await?.head_revision_id;
        let text = format!("client {n} save {round}\n\nINT. ROOM - DAY\n");
        let t = Instant::now();
        match app
            .revisions()
            .save(&me, &doc, head.as_ref(), text.clone(), None)
            .await
        {
            Ok(rev) => {
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                acks.insert(rev.meta.id.to_string(), text);
            }
            Err(CoreError::Conflict(_)) => conflicts += 1,
            Err(e) => return Err(e),
        }
    }
    Ok((acks, conflicts, times))
}

/// Runs `clients` clients (spread over `logins` logins, all members of one project) for
/// `duration`, then checks every acknowledged save.
pub async fn run_load(
    admin_url: &str,
    clients: usize,
    logins: usize,
    duration: Duration,
    scratch: &Path,
) -> Result<LoadReport, CoreError> {
    let database = format!("gl_load_{}_{}", std::process::id(), fastrand::u32(..));
    let names: Vec<String> = (0..logins)
        .map(|i| format!("gl_load_{}_{i}", std::process::id()))
        .collect();
    provision(admin_url, &database, &names, scratch).await?;
    // The first login makes the project and the shared documents, and adds everyone.
    let owner = open_as(admin_url, &database, &names[0], scratch).await?;
    let owner_me = owner.profiles().local_actor().await?;
    let project = owner
        .projects()
        .create(
            &owner_me,
            NewProject {
                title: "Load".into(),
                logline: String::new(),
                kind: ProjectKind::Feature,
            },
        )
        .await?;
    for login in &names[1..] {
        let who = owner.members().find_person(login).await?;
        owner.members().add(&owner_me, &project.id, &who.id).await?;
    }
    let new_doc = |title: String, project: ProjectId| NewDocument {
        project_id: project,
        title,
        kind: DocumentKind::Notes,
        format: DocumentFormat::Markdown,
        text: String::new(),
    };
    let mut shared = Vec::new();
    for i in 0..10 {
        shared.push(
            owner
                .documents()
                .create(
                    &owner_me,
                    new_doc(format!("Shared {i}"), project.id.clone()),
                )
                .await?
                .id,
        );
    }
    let mut tasks = Vec::new();
    let mut apps = Vec::new();
    let start = Instant::now();
    let until = start + duration;
    for n in 0..clients {
        let app = open_as(admin_url, &database, &names[n % logins], scratch).await?;
        let me = app.profiles().local_actor().await?;
        let own = app
            .documents()
            .create(&me, new_doc(format!("Client {n}"), project.id.clone()))
            .await?
            .id;
        apps.push(app.clone());
        tasks.push(tokio::spawn(client(app, me, shared.clone(), own, n, until)));
    }
    let mut all: Vec<Acks> = Vec::new();
    let mut conflicts = 0;
    let mut times = Vec::new();
    for t in tasks {
        let (acks, c, ts) = t
            .await
            .map_err(|e| CoreError::Internal(format!("client task: {e}")))??;
        all.push(acks);
        conflicts += c;
        times.extend(ts);
    }
    let seconds = start.elapsed().as_secs_f64();
    // Check every acknowledged save as the owner, who sees the whole project.
    let mut stored: HashMap<String, (String, usize)> = HashMap::new();
    for d in owner.documents().list(&project.id).await? {
        for meta in owner.revisions().list(&d.document.id).await? {
            let rev = owner.store().get_revision(&meta.id).await?;
            let slot = stored
                .entry(rev.meta.id.to_string())
                .or_insert((rev.text.clone(), 0));
            slot.1 += 1;
            if content_hash(&rev.text) != rev.meta.content_hash {
                slot.1 += 1000;
            }
        }
    }
    let (mut lost, mut duplicated, mut wrong_text, mut acknowledged) = (0, 0, 0, 0);
    for acks in &all {
        for (id, text) in acks {
            acknowledged += 1;
            match stored.get(id) {
                None => lost += 1,
                Some((_, n)) if *n != 1 => duplicated += 1,
                Some((t, _)) if t != text => wrong_text += 1,
                Some(_) => {}
            }
        }
    }
    let chains_ok = owner.ledger().verify().await?.ok;
    for app in apps {
        app.close().await;
    }
    owner.close().await;
    times.sort_by(f64::total_cmp);
    Ok(LoadReport {
        clients,
        seconds,
        acknowledged,
        conflicts,
        lost,
        duplicated,
        wrong_text,
        chains_ok,
        save_median_ms: percentile(&times, 0.5),
        save_p99_ms: percentile(&times, 0.99),
    })
}
