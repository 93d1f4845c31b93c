use super::*;
use crate::ids::{DocumentId, RevisionId};

fn saved() -> EventBody {
    EventBody::RevisionSaved(RevisionSaved {
        document_id: DocumentId::from("d1"),
        title: "Pilot “draft”".into(),
        revision_id: RevisionId::from("r2"),
        parent_id: Some(RevisionId::from("r1")),
        content_hash: "ab".repeat(32),
        word_count: 1204,
        word_delta: -12,
    })
}

#[test]
fn payload_is_canonical_and_round_trips() {
    let body = saved();
    let json = body.payload();
    assert!(json.starts_with(r#"{"contentHash":"#), "{json}");
    assert!(!json.contains(' ') || json.contains("Pilot “draft”"));
    assert_eq!(decode(body.kind(), SCHEMA_VERSION, &json), Ok(body));
}

#[test]
fn every_kind_is_unique_and_decodable_by_name() {
    let mut seen = std::collections::HashSet::new();
    for k in KINDS {
        assert!(seen.insert(*k), "duplicate kind {k}");
        // Not a valid payload for any kind, but the kind itself must be known.
        let e = decode(k, 2, "{}").expect_err("empty payload");
        assert!(matches!(e, DecodeError::Malformed { .. }), "{k}: {e:?}");
    }
}

#[test]
fn version_1_payloads_read() {
    // Exactly as the schema-1 code wrote them.
    let created = r#"{"documentId":"d1","fileName":"","format":"fountain","kind":"screenplay","title":"Pilot"}"#;
    match decode("document.created", 1, created) {
        Ok(EventBody::DocumentCreated(d)) => assert_eq!(d.title, "Pilot"),
        other => panic!("{other:?}"),
    }
    let exported = r#"{"contentHash":"x","documentId":"d","fileHash":"y","fileName":"a.txt","format":"txt","revisionId":"r","title":"T"}"#;
    match decode("revision.exported", 1, exported) {
        Ok(EventBody::RevisionExported(e)) => {
            assert_eq!(e.format, crate::structure::ExportFormat::Text)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_kinds_and_newer_versions_are_named() {
    assert_eq!(
        decode("asset.frobbed", 2, "{}"),
        Err(DecodeError::UnknownKind("asset.frobbed".into()))
    );
    assert_eq!(
        decode("profile.created", 99, "{}"),
        Err(DecodeError::NewerSchema(99))
    );
}
