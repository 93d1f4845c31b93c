//! Content Credentials for exported documents: beside each export, a C2PA manifest store as a
//! sidecar (`draft.pdf` → `draft.c2pa`), written with the `c2pa` crate and signed with the
//! exporting person's ledger key (Ed25519), so a reader of the file learns, from a standard
//! any C2PA tool reads, what the ledger says: whether a model wrote any of it.
//!
//! - Action `c2pa.created` for a document's first revision; otherwise `c2pa.opened` of the
//!   revision it came from (a `parentOf` ingredient naming it) then `c2pa.edited`. The
//!   software agent is Greenlight, and the digital source type says whose words they are:
//!   `digitalCreation` or `humanEdits` (no word from a model: created, or edited),
//!   `compositeWithTrainedAlgorithmicMedia` (some), or `trainedAlgorithmicMedia` (all).
//! - `app.greenlight.provenance`: the revision, the share of AI-touched characters, the
//!   project chain's head and the signing key's id, which tie the file to the signed ledger.
//! - The manifest's hard binding is a data hash (SHA-256) of the whole exported file: any
//!   change to the file makes the credentials read as invalid.
//!
//! C2PA signatures need an X.509 certificate. The person's key gets one at each export, issued
//! by a throwaway certificate authority made for that export (C2PA refuses a self-signed
//! claim signer); trusted by no one, so readers show the credentials as valid but the signer
//! as unverified. What identifies the signer is the public key: the same as the ledger's
//! `key.registered`.

use crate::error::CoreError;
use crate::Result;
use c2pa::assertions::DataHash;
use c2pa::{Builder, Context, Reader};
use greenlight_domain::asset::ContentCredentials;
use greenlight_domain::ledger::LedgerKey;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;
use x509_cert::builder::{Builder as _, CertificateBuilder, Profile};
use x509_cert::der::pem::LineEnding;
use x509_cert::der::EncodePem;
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

const IPTC: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/";
/// `id-kp-emailProtection`, the extended key usage C2PA accepts for claim signers.
const EMAIL_PROTECTION: x509_cert::der::oid::ObjectIdentifier =
    x509_cert::der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4");

/// What an export's credentials say.
#[derive(Debug, Clone)]
pub(crate) struct ExportFacts {
    pub title: String,
    /// The exported file's media type (`application/pdf`, `text/plain`…).
    pub media_type: String,
    pub person: String,
    pub revision_id: String,
    pub parent: Option<String>,
    pub ai_chars: i64,
    pub total_chars: i64,
    pub chain_head: Option<(i64, String)>,
}

/// Where the sidecar of `export` goes: its whole name followed by `.c2pa` (`draft.pdf.c2pa`),
/// so exports of one revision in several formats keep one sidecar each.
pub fn sidecar_path(export: &Path) -> PathBuf {
    let mut name = export.as_os_str().to_owned();
    name.push(".c2pa");
    PathBuf::from(name)
}

/// The digital source type of a text with `ai` of `total` characters from a model: written by
/// a person (`digitalCreation` when created, `humanEdits` when edited), or with a model.
fn source_type(ai: i64, total: i64, created: bool) -> String {
    let kind = if ai <= 0 && created {
        "digitalCreation"
    } else if ai <= 0 {
        "humanEdits"
    } else if ai >= total {
        "trainedAlgorithmicMedia"
    } else {
        "compositeWithTrainedAlgorithmicMedia"
    };
    format!("{IPTC}{kind}")
}

fn c2pa_err(what: &str) -> impl FnOnce(c2pa::Error) -> CoreError + '_ {
    move |e| CoreError::Internal(format!("{what}: {e}"))
}

fn cert_err(what: &str) -> impl FnOnce(x509_cert::builder::Error) -> CoreError + '_ {
    move |e| CoreError::Internal(format!("{what}: {e}"))
}

/// `builder`'s certificate signed by `issuer` (Ed25519 signs the to-be-signed bytes whole;
/// its signature is the BIT STRING as is).
fn signed(
    mut builder: CertificateBuilder<'_, ed25519_dalek::SigningKey>,
    issuer: &ed25519_dalek::SigningKey,
) -> std::result::Result<x509_cert::Certificate, x509_cert::builder::Error> {
    use ed25519_dalek::Signer as _;
    let tbs = builder.finalize()?;
    let signature = issuer.sign(&tbs).to_bytes();
    builder.assemble(x509_cert::der::asn1::BitString::from_bytes(&signature)?)
}

/// A certificate chain (PEM: the person's certificate, then its issuer's) for `key`.
fn certificate_chain(key: &LedgerKey, person: &str) -> Result<String> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::getrandom(seed.as_mut())
        .map_err(|e| CoreError::Internal(format!("no randomness for a certificate: {e}")))?;
    let issuer_key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let mut serial = [0u8; 16];
    getrandom::getrandom(&mut serial)
        .map_err(|e| CoreError::Internal(format!("no randomness for a certificate: {e}")))?;
    serial[0] &= 0x7f;
    serial[0] |= 0x01;
    let validity = Validity::from_now(Duration::from_secs(5 * 365 * 24 * 3600))
        .map_err(|e| CoreError::Internal(format!("certificate validity: {e}")))?;
    let clean: String = person
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\''))
        .collect();
    let issuer = Name::from_str("CN=Greenlight export signing,O=Greenlight")
        .map_err(|e| CoreError::Internal(format!("certificate name: {e}")))?;
    let subject = Name::from_str(&format!(
        "CN={},O=Greenlight",
        if clean.trim().is_empty() {
            "Greenlight user"
        } else {
            clean.trim()
        }
    ))
    .map_err(|e| CoreError::Internal(format!("certificate name: {e}")))?;
    let issuer_spki = SubjectPublicKeyInfoOwned::from_key(issuer_key.verifying_key())
        .map_err(|e| CoreError::Internal(format!("certificate key: {e}")))?;
    let root = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::new(&[1]).map_err(|e| CoreError::Internal(e.to_string()))?,
        validity,
        issuer.clone(),
        issuer_spki,
        &issuer_key,
    )
    .and_then(|b| signed(b, &issuer_key))
    .map_err(cert_err("issuer certificate"))?;
    let leaf_spki = SubjectPublicKeyInfoOwned::from_key(key.verifying_key())
        .map_err(|e| CoreError::Internal(format!("certificate key: {e}")))?;
    let mut leaf = CertificateBuilder::new(
        Profile::Leaf {
            issuer,
            enable_key_agreement: false,
            enable_key_encipherment: false,
        },
        SerialNumber::new(&serial).map_err(|e| CoreError::Internal(e.to_string()))?,
        validity,
        subject,
        leaf_spki,
        &issuer_key,
    )
    .map_err(cert_err("signing certificate"))?;
    leaf.add_extension(&ExtendedKeyUsage(vec![EMAIL_PROTECTION]))
        .map_err(cert_err("signing certificate"))?;
    let leaf = signed(leaf, &issuer_key).map_err(cert_err("signing certificate"))?;
    let pem = |c: &x509_cert::Certificate| {
        c.to_pem(LineEnding::LF)
            .map_err(|e| CoreError::Internal(format!("certificate PEM: {e}")))
    };
    Ok(format!("{}{}", pem(&leaf)?, pem(&root)?))
}

/// Signs the Content Credentials of the exported file at `export` with `key` and writes them
/// to its sidecar; returns the sidecar's path.
pub(crate) fn write_sidecar(
    key: &LedgerKey,
    facts: &ExportFacts,
    export: &Path,
) -> Result<PathBuf> {
    let chain = certificate_chain(key, &facts.person)?;
    let private = key.pkcs8_pem();
    let signer = c2pa::create_signer::from_keys(
        chain.as_bytes(),
        private.as_bytes(),
        c2pa::SigningAlg::Ed25519,
        None,
    )
    .map_err(c2pa_err("the export's signer"))?;
    let agent = serde_json::json!({"name": "Greenlight", "version": env!("CARGO_PKG_VERSION")});
    let words = serde_json::json!({
        "action": if facts.parent.is_some() { "c2pa.edited" } else { "c2pa.created" },
        "digitalSourceType": source_type(facts.ai_chars, facts.total_chars, facts.parent.is_none()),
        "softwareAgent": agent,
        "parameters": {"description": format!(
            "{} of {} characters written by a model and accepted by a person",
            facts.ai_chars, facts.total_chars
        )},
    });
    // An edit opens the revision it came from (C2PA's first action must create or open).
    let actions = match &facts.parent {
        None => vec![words],
        Some(_) => vec![
            serde_json::json!({
                "action": "c2pa.opened",
                "softwareAgent": agent,
                "parameters": {"ingredientIds": ["parent"]},
            }),
            words,
        ],
    };
    let mut definition = serde_json::json!({
        "title": facts.title,
        "format": facts.media_type,
        "claim_generator_info": [agent],
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": actions}},
            {"label": "app.greenlight.provenance", "data": {
                "revisionId": facts.revision_id,
                "aiChars": facts.ai_chars,
                "totalChars": facts.total_chars,
                "signedBy": facts.person,
                "keyId": key.key_id(),
                "ledgerHead": facts.chain_head.as_ref().map(|(seq, hash)| serde_json::json!({"seq": seq, "hash": hash})),
            }},
        ],
    });
    if let Some(parent) = &facts.parent {
        definition["ingredients"] = serde_json::json!([{
            "title": format!("{} (revision {parent})", facts.title),
            "format": facts.media_type,
            "relationship": "parentOf",
            "label": "parent",
            "instance_id": format!("greenlight:revision:{parent}"),
        }]);
    }
    let mut builder = Builder::from_context(Context::new())
        .with_definition(definition.to_string())
        .map_err(c2pa_err("the export's credentials"))?;
    let mut data_hash = DataHash::new("jumbf manifest", "sha256");
    let mut file = std::fs::File::open(export).map_err(|source| CoreError::Io {
        action: "Cannot read",
        path: export.to_path_buf(),
        source,
    })?;
    data_hash
        .gen_hash_from_stream(&mut file)
        .map_err(c2pa_err("hashing the export"))?;
    // The hard binding: the whole file, nothing excluded (the manifest is not inside it).
    builder
        .add_assertion("c2pa.hash.data", &data_hash)
        .map_err(c2pa_err("the export's credentials"))?;
    let manifest = builder
        .sign_data_hashed_embeddable(signer.as_ref(), &data_hash, "application/c2pa")
        .map_err(c2pa_err("signing the export's credentials"))?;
    let sidecar = sidecar_path(export);
    crate::files::write_atomically(&sidecar, &manifest)?;
    Ok(sidecar)
}

/// What the sidecar of the exported file at `export` says, checked against the file's bytes.
pub fn read_sidecar(export: &Path, media_type: &str) -> Result<ContentCredentials> {
    let sidecar = sidecar_path(export);
    let manifest = std::fs::read(&sidecar).map_err(|source| CoreError::Io {
        action: "Cannot read",
        path: sidecar.clone(),
        source,
    })?;
    let file = std::fs::File::open(export).map_err(|source| CoreError::Io {
        action: "Cannot read",
        path: export.to_path_buf(),
        source,
    })?;
    Ok(
        match Reader::from_context(Context::new())
            .with_manifest_data_and_stream(&manifest, media_type, file)
        {
            Ok(reader) => crate::assets::credentials::summarize(&reader),
            Err(e) => crate::assets::credentials::unreadable(e.to_string()),
        },
    )
}
