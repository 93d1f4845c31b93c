//! `greenlight asset import|list|versions`: a project's images, video, audio and PDFs. What a
//! file's Content Credentials say is printed with whether they can be believed.

use crate::render::Out;
use crate::Session;
use clap::Subcommand;
use greenlight_core::domain::asset::{AssetVersion, ContentCredentials, CredentialValidity};
use greenlight_core::domain::ids::{AssetId, ProjectId};
use greenlight_core::CoreError;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum AssetCmd {
    /// Import a file as a new asset, or as the next version of the asset of the same name
    Import {
        file: PathBuf,
        #[arg(long)]
        project: String,
        /// The asset's name [default: the file's name]
        #[arg(long)]
        name: Option<String>,
    },
    /// A project's assets with their newest version
    List { project: String },
    /// Every version of an asset
    Versions { asset: String },
}

pub async fn run(s: &Session, out: &Out, cmd: AssetCmd) -> Result<(), CoreError> {
    let assets = s.app.assets();
    match cmd {
        AssetCmd::Import {
            file,
            project,
            name,
        } => {
            let done = assets
                .import(&s.actor, &ProjectId(project), &file, name.as_deref())
                .await?;
            if out.json(&done) {
                return Ok(());
            }
            println!(
                "{} {} “{}” v{} ({}){}",
                if done.version.version == 1 {
                    "imported"
                } else {
                    "new version of"
                },
                done.asset.kind.label(),
                done.asset.name,
                done.version.version,
                done.asset.id,
                if done.deduplicated {
                    ", same bytes as one already stored"
                } else {
                    ""
                }
            );
            line(&done.version);
        }
        AssetCmd::List { project } => {
            let list = assets.list(&ProjectId(project)).await?;
            if out.json(&list) {
                return Ok(());
            }
            if list.is_empty() {
                println!("no assets");
            }
            for a in &list {
                println!(
                    "{}  {} “{}” ({} version{})",
                    a.asset.id,
                    a.asset.kind.label(),
                    a.asset.name,
                    a.version_count,
                    if a.version_count == 1 { "" } else { "s" }
                );
                line(&a.latest);
            }
        }
        AssetCmd::Versions { asset } => {
            let list = assets.versions(&AssetId(asset)).await?;
            if out.json(&list) {
                return Ok(());
            }
            for v in &list {
                line(v);
            }
        }
    }
    Ok(())
}

fn line(v: &AssetVersion) {
    let pixels = match (v.width, v.height) {
        (Some(w), Some(h)) => format!(", {w}×{h}"),
        _ => String::new(),
    };
    println!(
        "  v{} {} {} bytes{pixels}, blake3 {}, by {}",
        v.version, v.media_type, v.size, v.hash, v.imported_by_name
    );
    if let Some(c) = &v.credentials {
        println!("  Content Credentials: {}", credentials(c));
    }
}

fn credentials(c: &ContentCredentials) -> String {
    let validity = match c.validity {
        CredentialValidity::Trusted => "signature valid, signer trusted",
        CredentialValidity::Valid => "signature valid, signer not on a trust list",
        CredentialValidity::Invalid => "INVALID, do not rely on what they say",
    };
    let mut parts = vec![validity.to_owned()];
    if let Some(g) = &c.claim_generator {
        parts.push(format!("made with {g}"));
    }
    if c.ai_generated {
        parts.push("claims AI-generated".into());
    }
    let actions: Vec<&str> = c.actions.iter().map(|a| a.action.as_str()).collect();
    if !actions.is_empty() {
        parts.push(format!("actions {}", actions.join(", ")));
    }
    if !c.status_codes.is_empty() {
        parts.push(format!("status {}", c.status_codes.join(", ")));
    }
    if let Some(p) = &c.problem {
        parts.push(p.clone());
    }
    parts.join("; ")
}
