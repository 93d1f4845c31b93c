//! `greenlight verify [--against REPORT]` and `greenlight keys show|rotate`: checking the
//! signed ledger, and a person's signing keys.

use crate::render::Out;
use crate::Session;
use clap::{Args, Subcommand};
use greenlight_core::domain::error::fields;
use greenlight_core::domain::ledger::SignedHead;
use greenlight_core::domain::DomainError;
use greenlight_core::keys::{KeyStatus, KeysInfo};
use greenlight_core::CoreError;
use std::path::PathBuf;

#[derive(Args)]
pub struct VerifyArgs {
    /// An earlier report (`greenlight verify --json`, or a provenance report in JSON): also
    /// check that every chain head it recorded is still on its chain, which catches a
    /// database rolled back or rewritten since, and that the report itself was not edited
    #[arg(long, value_name = "REPORT")]
    against: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum KeysCmd {
    /// Your signing keys: the one this computer signs with, and every one you registered
    Show,
    /// Make a new signing key on this computer (after a loss, or to work here as well):
    /// your current key is retired, and earlier events still verify against it
    Rotate,
}

/// The chain heads an earlier report recorded: a verify report's `heads`, or a provenance
/// report's `verification.heads`.
fn recorded_heads(path: &PathBuf) -> Result<Vec<SignedHead>, CoreError> {
    let unreadable = |why: String| {
        CoreError::Invalid(DomainError::Refused {
            field: fields::REPORT,
            reason: format!("{} cannot be used ({why})", path.display()),
        })
    };
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| unreadable(format!("it is not JSON ({e})")))?;
    let heads = value
        .get("heads")
        .or_else(|| value.get("verification").and_then(|v| v.get("heads")))
        .ok_or_else(|| unreadable("it records no chain heads".into()))?;
    let heads: Vec<SignedHead> = serde_json::from_value(heads.clone())
        .map_err(|e| unreadable(format!("its chain heads cannot be read ({e})")))?;
    if heads.is_empty() {
        return Err(unreadable("it records no chain heads".into()));
    }
    Ok(heads)
}

pub async fn verify(s: &Session, out: &Out, args: VerifyArgs) -> Result<(), CoreError> {
    let ledger = s.app.ledger();
    let report = match &args.against {
        Some(path) => ledger.verify_against(&recorded_heads(path)?).await?,
        None => ledger.verify().await?,
    };
    out.verify(&report);
    if !report.ok {
        return Err(CoreError::LedgerBroken(format!(
            "the record failed verification: {} problem(s), each named above",
            report.problems.len()
        )));
    }
    Ok(())
}

pub async fn keys(s: &Session, out: &Out, cmd: KeysCmd) -> Result<(), CoreError> {
    let keys = s.app.keys();
    let info = match cmd {
        KeysCmd::Show => keys.show(&s.actor).await?,
        KeysCmd::Rotate => keys.rotate(&s.actor).await?,
    };
    show(out, &info);
    Ok(())
}

fn show(out: &Out, info: &KeysInfo) {
    if out.json(info) {
        return;
    }
    match (info.status, &info.key_id) {
        (KeyStatus::Ready, Some(k)) => println!("signing with {k} (kept in {})", info.kept_in),
        (KeyStatus::Missing, _) => println!(
            "no signing key on this computer: your registered key is not in {}. Run `greenlight keys rotate` to create one",
            info.kept_in
        ),
        (KeyStatus::Replaced, _) => println!(
            "this computer's signing key was replaced by a newer one. Run `greenlight keys rotate` to create one here"
        ),
        (KeyStatus::Ready, None) => println!("no signing key"),
    }
    for k in &info.history {
        let state = match k.retired_at {
            Some(at) => format!("retired {}", crate::render::utc(at)),
            None => "current".to_owned(),
        };
        println!(
            "  {}  made {}  {state}{}",
            k.key_id,
            crate::render::utc(k.created_at),
            k.replaces
                .as_deref()
                .map(|r| format!("  (replaces {}…)", &r[..r.len().min(12)]))
                .unwrap_or_default()
        );
    }
}
