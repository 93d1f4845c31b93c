//! Signs a PNG with C2PA Content Credentials saying a trained model created it, using the
//! throwaway test certificate (tests/fixtures/c2pa; trusted by nothing, so Greenlight reads the
//! signature as valid and the signer as untrusted). It made the end-to-end suite's sample,
//! tests/e2e/fixtures/poster-signed.png:
//!
//! ```text
//! cargo run -p greenlight-core --example c2pa_sign -- poster.png tests/e2e/fixtures/poster-signed.png
//! ```

use c2pa::{Builder, Context};
use std::io::Cursor;
use std::process::ExitCode;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/c2pa");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: c2pa_sign IN.png OUT.png");
        return ExitCode::from(2);
    };
    match sign(input, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("c2pa_sign: {e}");
            ExitCode::FAILURE
        }
    }
}

fn sign(input: &str, output: &str) -> Result<(), Box<dyn std::error::Error>> {
    let png = std::fs::read(input)?;
    let chain = std::fs::read(format!("{FIXTURES}/chain.pem"))?;
    let key = std::fs::read(format!("{FIXTURES}/signer.key"))?;
    let signer = c2pa::create_signer::from_keys(&chain, &key, c2pa::SigningAlg::Es256, None)?;
    let title = std::path::Path::new(output)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let definition = serde_json::json!({
        "title": title,
        "claim_generator_info": [{"name": "Test Diffusion Studio", "version": "2"}],
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [{
            "action": "c2pa.created",
            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            "softwareAgent": {"name": "Test Diffusion", "version": "2"}
        }]}}]
    });
    let mut builder =
        Builder::from_context(Context::new()).with_definition(definition.to_string())?;
    let mut out = Cursor::new(Vec::new());
    builder.sign(
        signer.as_ref(),
        "image/png",
        &mut Cursor::new(png),
        &mut out,
    )?;
    std::fs::write(output, out.into_inner())?;
    Ok(())
}
