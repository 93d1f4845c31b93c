//! Helpers shared by the core integration tests.
#![allow(dead_code)] // each test file uses a different subset

pub mod ai;
pub mod media;
pub mod suggest;

use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::{Actor, Greenlight, OpenConfig};
use tempfile::TempDir;

/// The local profile as the acting person, for tests that act as the person at this desk.
#[allow(async_fn_in_trait)]
pub trait LocalActor {
    async fn me(&self) -> Actor;
}

impl LocalActor for Greenlight {
    async fn me(&self) -> Actor {
        self.profiles().local_actor().await.expect("local actor")
    }
}

pub async fn open(dir: &TempDir) -> Greenlight {
    Greenlight::open(OpenConfig::new(dir.path()))
        .await
        .expect("open")
}

pub fn new_project(title: &str) -> NewProject {
    NewProject {
        title: title.into(),
        logline: "A logline.".into(),
        kind: ProjectKind::Feature,
    }
}

pub async fn event_count(app: &Greenlight) -> usize {
    app.store().all_events().await.expect("events").len()
}

pub fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}
