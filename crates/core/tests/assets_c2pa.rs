//! Content Credentials read on import: a PNG signed here with the `c2pa` crate (a throwaway
//! certificate, tests/fixtures/c2pa) shows who made it, that a model generated it and that its
//! signature is valid; a copy whose pixels were changed after signing, and one whose signed
//! claim was altered, show as invalid — never as trusted.

mod common;

use c2pa::{Builder, Context};
use common::media::png;
use common::{new_project, write, LocalActor};
use greenlight_core::domain::asset::CredentialValidity;
use std::io::Cursor;
use tempfile::TempDir;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/c2pa");

/// `png` signed with a manifest saying a trained model created it.
fn signed(png: &[u8]) -> Vec<u8> {
    let chain = std::fs::read(format!("{FIXTURES}/chain.pem")).expect("chain");
    let key = std::fs::read(format!("{FIXTURES}/signer.key")).expect("key");
    let signer = c2pa::create_signer::from_keys(&chain, &key, c2pa::SigningAlg::Es256, None)
        .expect("signer");
    let definition = serde_json::json!({
        "title": "poster.png",
        "claim_generator_info": [{"name": "Greenlight tests", "version": "1"}],
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [{
            "action": "c2pa.created",
            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            "softwareAgent": {"name": "Test Diffusion", "version": "2"}
        }]}}]
    });
    let mut builder = Builder::from_context(Context::new())
        .with_definition(definition.to_string())
        .expect("definition");
    let mut out = Cursor::new(Vec::new());
    builder
        .sign(
            signer.as_ref(),
            "image/png",
            &mut Cursor::new(png),
            &mut out,
        )
        .expect("sign");
    out.into_inner()
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .expect("present")
}

#[tokio::test]
async fn signed_credentials_are_shown_and_tampered_ones_are_invalid() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("files");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let p = app
        .projects()
        .create(&me, new_project("Pilot"))
        .await
        .expect("project")
        .id;
    let sample = signed(&png(16, 8, 5));

    let path = write(&files, "poster.png", &sample);
    let good = app
        .assets()
        .import(&me, &p, &path, None)
        .await
        .expect("import");
    let c = good.version.credentials.expect("credentials read");
    assert_eq!(c.validity, CredentialValidity::Valid, "{c:?}");
    assert_eq!(c.claim_generator.as_deref(), Some("Greenlight tests 1"));
    assert_eq!(c.title.as_deref(), Some("poster.png"));
    assert!(c.ai_generated);
    assert_eq!(c.actions.len(), 1);
    assert_eq!(c.actions[0].action, "c2pa.created");
    assert_eq!(
        c.actions[0].software_agent.as_deref(),
        Some("Test Diffusion")
    );
    assert!(c
        .signer
        .as_deref()
        .is_some_and(|s| s.contains("Greenlight Test Signer")));
    // Sound, but signed by no one a trust list vouches for.
    assert_eq!(c.status_codes, ["signingCredential.untrusted"]);
    let listed = app.assets().list(&p).await.expect("list");
    assert_eq!(
        listed[0].latest.credentials.as_ref(),
        Some(&c),
        "stored as read"
    );

    // Pixels changed after signing: the content no longer matches what was signed.
    let mut pixels = sample.clone();
    pixels[find(&sample, b"IDAT") + 10] ^= 0xFF;
    let path = write(&files, "pixels.png", &pixels);
    let bad = app
        .assets()
        .import(&me, &p, &path, None)
        .await
        .expect("import");
    let c = bad.version.credentials.expect("credentials read");
    assert_eq!(c.validity, CredentialValidity::Invalid, "{c:?}");
    assert!(
        c.status_codes
            .iter()
            .any(|s| s == "assertion.dataHash.mismatch"),
        "{c:?}"
    );

    // The signed claim itself altered (its title): the signature no longer verifies.
    let mut claim = sample.clone();
    let at = find(&sample[find(&sample, b"caBX")..], b"poster.png") + find(&sample, b"caBX");
    claim[at] = b'P';
    let path = write(&files, "claim.png", &claim);
    let forged = app
        .assets()
        .import(&me, &p, &path, None)
        .await
        .expect("import");
    let c = forged.version.credentials.expect("credentials read");
    assert_eq!(c.validity, CredentialValidity::Invalid, "{c:?}");

    // The activity feed never repeats an invalid credential's claim as fact.
    let said: Vec<String> = app
        .ledger()
        .activity(Some(&p), 10)
        .await
        .expect("activity")
        .into_iter()
        .map(|a| a.summary)
        .collect();
    assert!(
        said.contains(
            &"imported image “poster.png” (v1); its Content Credentials say it is AI-generated"
                .to_owned()
        ),
        "{said:?}"
    );
    assert!(
        said.contains(
            &"imported image “pixels.png” (v1); its Content Credentials are invalid".to_owned()
        ),
        "{said:?}"
    );
    assert!(
        said.contains(
            &"imported image “claim.png” (v1); its Content Credentials are invalid".to_owned()
        ),
        "{said:?}"
    );
}
