//! Fails when the committed TypeScript bindings drift from the Rust types.

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings/index.ts");
    let generated = greenlight_app::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/bindings/index.ts is out of date with the Rust types; run\n  UPDATE_BINDINGS=1 cargo test -p greenlight-app --test bindings\nand commit the result"
    );
}
