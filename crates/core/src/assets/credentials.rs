//! Reading a file's C2PA Content Credentials with the `c2pa` crate, into the summary Greenlight
//! stores (`domain::asset::ContentCredentials`).
//!
//! Trust is decided by the crate's validation, never by what the manifest says about itself:
//! any failure other than "the signer is not on a trust list" makes the summary `Invalid`, and
//! a manifest that cannot be read at all is kept as `Invalid` with the reason, so a damaged or
//! forged credential is shown as such instead of disappearing. No trust list is configured
//! (Greenlight ships none yet), so a sound credential reads as `Valid`, not `Trusted`.

use c2pa::validation_results::ValidationState;
use c2pa::{Context, Reader};
use greenlight_domain::asset::{
    is_ai_source_type, ContentCredentials, CredentialAction, CredentialValidity,
};
use std::path::Path;

/// The credentials of the file at `path` (of `media_type`), or `None` when it carries none
/// that this reader can find.
pub(crate) fn read(path: &Path, media_type: &str) -> Option<ContentCredentials> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Some(unreadable(format!("the file could not be read again: {e}"))),
    };
    match Reader::from_context(Context::new()).with_stream(media_type, file) {
        Ok(reader) => Some(summarize(&reader)),
        Err(c2pa::Error::JumbfNotFound | c2pa::Error::ProvenanceMissing) => None,
        Err(c2pa::Error::UnsupportedType) => {
            tracing::info!(
                media_type,
                "C2PA marker found in a type the reader does not support"
            );
            None
        }
        Err(e) => Some(unreadable(e.to_string())),
    }
}

pub(crate) fn unreadable(problem: String) -> ContentCredentials {
    ContentCredentials {
        claim_generator: None,
        title: None,
        ai_generated: false,
        actions: Vec::new(),
        signer: None,
        signed_at: None,
        validity: CredentialValidity::Invalid,
        status_codes: Vec::new(),
        problem: Some(problem),
    }
}

pub(crate) fn summarize(reader: &Reader) -> ContentCredentials {
    let validity = match reader.validation_state() {
        ValidationState::Trusted => CredentialValidity::Trusted,
        ValidationState::Valid => CredentialValidity::Valid,
        ValidationState::Invalid => CredentialValidity::Invalid,
    };
    let status_codes = reader
        .validation_status()
        .unwrap_or_default()
        .iter()
        .map(|s| s.code().to_owned())
        .collect();
    let Some(m) = reader.active_manifest() else {
        return ContentCredentials {
            status_codes,
            ..unreadable("the file's credentials name no active manifest".into())
        };
    };
    let claim_generator = m
        .claim_generator_info
        .as_ref()
        .and_then(|infos| infos.first())
        .map(|i| match &i.version {
            Some(v) => format!("{} {v}", i.name),
            None => i.name.clone(),
        })
        .or_else(|| m.claim_generator.clone());
    let actions = actions(m);
    let ai_generated = actions
        .iter()
        .filter_map(|a| a.digital_source_type.as_deref())
        .any(is_ai_source_type);
    let signature = m.signature_info();
    let signer = signature.and_then(|s| {
        let parts: Vec<&str> = [s.issuer.as_deref(), s.common_name.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    });
    ContentCredentials {
        claim_generator,
        title: m.title().map(str::to_owned),
        ai_generated,
        actions,
        signer,
        signed_at: signature.and_then(|s| s.time.clone()),
        validity,
        status_codes,
        problem: None,
    }
}

/// The actions of every `c2pa.actions` assertion (v1 and v2), in order.
fn actions(m: &c2pa::Manifest) -> Vec<CredentialAction> {
    let text =
        |v: &serde_json::Value, key: &str| v.get(key).and_then(|x| x.as_str()).map(str::to_owned);
    let mut out = Vec::new();
    for a in m.assertions() {
        if !a.label().starts_with("c2pa.actions") {
            continue;
        }
        let Ok(value) = a.value() else { continue };
        let Some(list) = value.get("actions").and_then(|x| x.as_array()) else {
            continue;
        };
        for item in list {
            let agent = item
                .get("softwareAgent")
                .and_then(|s| s.as_str().map(str::to_owned).or_else(|| text(s, "name")));
            out.push(CredentialAction {
                action: text(item, "action").unwrap_or_default(),
                digital_source_type: text(item, "digitalSourceType"),
                software_agent: agent,
            });
        }
    }
    out
}
