//! The long form of the durability harness: `durability --kills 1000 [--writers 2] [--seed N]
//! [--accept]` prints the figures recorded in docs/BENCHMARKS.md and exits non-zero if anything
//! acknowledged was lost or corrupted, a chain failed to verify, or (with `--accept`, writers
//! that accept suggestions) an acceptance was half-applied.

use greenlight_core::{Greenlight, OpenConfig};
use greenlight_durability::{check_acceptances, run};
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
    let accept = args.iter().any(|a| a == "--accept");
    let bin = if accept {
        "durability-accepter"
    } else {
        "durability-writer"
    };
    let Some(writer) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(bin)))
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
    let result = rt.block_on(async {
        let f = run(&writer, &dir, kills, writers, 50, seed).await?;
        let a = if accept {
            let app = Greenlight::open(OpenConfig::new(&dir)).await?;
            let a = check_acceptances(&app).await?;
            app.close().await;
            println!(
                "accepted={} open={} half_applied={} unattributed={} odd_states={}",
                a.accepted, a.open, a.half_applied, a.unattributed, a.odd_states
            );
            a.half_applied + a.unattributed + a.odd_states
        } else {
            0
        };
        Ok::<_, greenlight_core::CoreError>((f, a))
    });
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok((f, bad_acceptances)) => {
            println!(
                "kills={} writers={writers} acknowledged={} lost={} corrupt={} verify_failures={} seconds={:.1}",
                f.kills,
                f.acknowledged,
                f.lost,
                f.corrupt,
                f.verify_failures,
                f.elapsed.as_secs_f64()
            );
            if f.lost + f.corrupt + f.verify_failures + bad_acceptances == 0 && f.acknowledged > 0 {
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
