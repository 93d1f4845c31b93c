//! `team-load --clients 50 --seconds 60`: the team-mode load test's long form. Needs a
//! PostgreSQL superuser URL in GREENLIGHT_TEST_PG (`eval "$(scripts/pg.sh start)"`).

use greenlight_durability::team::run_load;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (clients, seconds, logins) = (
        arg("--clients", 50),
        arg("--seconds", 60),
        arg("--logins", 5),
    );
    let Ok(url) = std::env::var("GREENLIGHT_TEST_PG") else {
        eprintln!("set GREENLIGHT_TEST_PG to a superuser URL (eval \"$(scripts/pg.sh start)\")");
        std::process::exit(2);
    };
    let scratch = std::env::temp_dir().join(format!("greenlight-team-load-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&scratch);
    match run_load(
        &url,
        clients as usize,
        logins as usize,
        Duration::from_secs(seconds),
        &scratch,
    )
    .await
    {
        Ok(r) => {
            println!(
                "{} clients ({} logins), {:.1} s: {} acknowledged saves ({:.0}/s), {} conflicts retried; lost {}, duplicated {}, wrong text {}; chains {}; save median {:.2} ms, p99 {:.2} ms",
                r.clients, logins, r.seconds, r.acknowledged, r.per_second(), r.conflicts, r.lost, r.duplicated, r.wrong_text,
                if r.chains_ok { "verify" } else { "BROKEN" }, r.save_median_ms, r.save_p99_ms
            );
            let _ = std::fs::remove_dir_all(&scratch);
            if r.lost + r.duplicated + r.wrong_text > 0 || !r.chains_ok {
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
