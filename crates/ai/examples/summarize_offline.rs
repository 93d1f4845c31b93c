//! Prints the offline engine's summary of a Fountain file:
//! `cargo run -p greenlight-ai --example summarize_offline -- crates/screenplay/samples/sample.fountain`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: summarize_offline FILE");
        std::process::exit(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => print!("{}", greenlight_ai::offline::summarize(&text).render()),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
