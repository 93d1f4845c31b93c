//! The long form of the durability harness: `durability --kills 1000 [--writers 2] [--seed N]`
//! prints the figures recorded in docs/BENCHMARKS.md and exits non-zero if anything
//! acknowledged was lost or corrupted, or a chain failed to verify.

use greenlight_durability::run;
use std::process::ExitCode;

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let kills = arg(&args, "--kills", 100) as usize;
    let writers = arg(&args, "--writers", 2) as usize;
    let seed = arg(&args, "--seed", 7);
    let Some(writer) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("durability-writer")))
    else {
        eprintln!("cannot locate durability-writer beside this program");
        return ExitCode::FAILURE;
    };
    let dir = std::env::temp_dir().join(format!("greenlight-durability-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(run(&writer, &dir, kills, writers, 50, seed));
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(f) => {
            println!(
                "kills={} writers={writers} acknowledged={} lost={} corrupt={} verify_failures={} seconds={:.1}",
                f.kills,
                f.acknowledged,
                f.lost,
                f.corrupt,
                f.verify_failures,
                f.elapsed.as_secs_f64()
            );
            if f.lost + f.corrupt + f.verify_failures == 0 && f.acknowledged > 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
