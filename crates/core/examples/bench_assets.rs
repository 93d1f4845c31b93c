//! Asset import throughput against the disk's own sequential write speed, and peak memory
//! while importing one large file.
//!
//! `cargo run --release -p greenlight-core --example bench_assets -- [MB] [RUNS] [DIR]`
//! (defaults: 2048 MB, 3 runs, a temp folder under /work or the system temp folder).
//!
//! Each run writes the same number of bytes twice to the same disk: once as a plain buffered
//! file write + fsync (the disk's speed as this program sees it), once as an import into a
//! fresh data folder (read, BLAKE3, copy to a temp file, fsync, rename, database rows), each
//! after a `sync` so neither pays for the other's dirty pages, in an order that flips every
//! run. The ratio is the median import speed over the median plain write speed. The
//! source is a video-shaped file (an MP4 `ftyp` header, then pseudo-random bytes), written
//! once before the runs, so it is read from the page cache. Memory is the process's peak
//! resident set during the import (VmHWM, reset just before it through
//! /proc/self/clear_refs) minus its resident set just before (VmRSS): page cache is not in
//! either.

use greenlight_core::{Greenlight, OpenConfig};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const MB: u64 = 1024 * 1024;

fn status_kb(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Fills `buf` with xorshift output (incompressible, cheap).
fn noise(buf: &mut [u8], state: &mut u64) {
    for c in buf.chunks_mut(8) {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        c.copy_from_slice(&state.to_le_bytes()[..c.len()]);
    }
}

fn make_source(path: &Path, bytes: u64) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::with_capacity(MB as usize, std::fs::File::create(path)?);
    let mut buf = vec![0u8; MB as usize];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut left = bytes;
    let mut first = true;
    while left > 0 {
        noise(&mut buf, &mut state);
        if first {
            buf[..16].copy_from_slice(b"\0\0\0\x18ftypisom\0\0\x02\0");
            first = false;
        }
        let n = left.min(MB) as usize;
        f.write_all(&buf[..n])?;
        left -= n as u64;
    }
    f.flush()?;
    f.get_ref().sync_all()
}

/// Flushes every dirty page of the system, so one measurement does not pay for the last.
fn settle() {
    let _ = std::process::Command::new("sync").status();
}

/// A plain buffered write of `bytes` bytes + fsync; seconds.
fn plain_write(path: &Path, bytes: u64) -> std::io::Result<f64> {
    let mut buf = vec![0u8; MB as usize];
    let mut state = 42u64;
    noise(&mut buf, &mut state);
    settle();
    let start = Instant::now();
    let mut f = std::io::BufWriter::with_capacity(MB as usize, std::fs::File::create(path)?);
    let mut left = bytes;
    while left > 0 {
        let n = left.min(MB) as usize;
        f.write_all(&buf[..n])?;
        left -= n as u64;
    }
    f.flush()?;
    f.get_ref().sync_all()?;
    let secs = start.elapsed().as_secs_f64();
    std::fs::remove_file(path)?;
    Ok(secs)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let mb: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2048);
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let base = args.get(3).map(PathBuf::from).unwrap_or_else(|| {
        let work = PathBuf::from("/work");
        if work.is_dir() {
            work
        } else {
            std::env::temp_dir()
        }
    });
    let root = tempfile::Builder::new()
        .prefix("bench-assets-")
        .tempdir_in(&base)?;
    let bytes = mb * MB;
    let source = root.path().join("take.mp4");
    make_source(&source, bytes)?;
    println!("{mb} MB per run, {runs} runs, in {}", root.path().display());
    let (mut disk, mut import, mut peaks) = (vec![], vec![], vec![]);
    for run in 1..=runs {
        // Plain writes and imports alternate, each after a `sync`, and the order flips every
        // run (plain, import, import, plain, plain, …): this virtual disk's speed swings from
        // one write to the next (its host's cache fills and drains), so the figures are the
        // medians of many of each, never one pair.
        let plain_first = run % 2 == 1;
        let plain_path = root.path().join("plain.bin");
        let mut plain = None;
        if plain_first {
            plain = Some(plain_write(&plain_path, bytes)?);
        }
        let data = root.path().join(format!("data-{run}"));
        let app = Greenlight::open(OpenConfig::new(&data)).await?;
        let me = app.profiles().local_actor().await?;
        let project = app
            .projects()
            .create(
                &me,
                greenlight_core::domain::project::NewProject {
                    title: "Bench".into(),
                    logline: String::new(),
                    kind: greenlight_core::domain::project::ProjectKind::Feature,
                },
            )
            .await?;
        settle();
        std::fs::write("/proc/self/clear_refs", "5")?;
        let idle_kb = status_kb("VmRSS:");
        let start = Instant::now();
        let done = app.assets().import(&me, &project.id, &source, None).await?;
        let secs = start.elapsed().as_secs_f64();
        let peak_kb = status_kb("VmHWM:");
        assert_eq!(done.version.size as u64, bytes);
        app.close().await;
        std::fs::remove_dir_all(&data)?;
        let plain = match plain {
            Some(p) => p,
            None => plain_write(&plain_path, bytes)?,
        };
        let above = peak_kb.saturating_sub(idle_kb) as f64 / 1024.0;
        let (d, i) = (
            bytes as f64 / MB as f64 / plain,
            bytes as f64 / MB as f64 / secs,
        );
        println!(
            "run {run} ({}): disk {d:.0} MB/s, import {i:.0} MB/s, peak {above:.1} MB above idle ({:.1} MB idle)",
            if plain_first { "plain first" } else { "import first" },
            idle_kb as f64 / 1024.0
        );
        disk.push(d);
        import.push(i);
        peaks.push(above);
    }
    let (d, i) = (median(disk), median(import));
    println!(
        "median: disk {d:.0} MB/s, import {i:.0} MB/s, ratio {:.2} (target >= 0.8), peak {:.1} MB above idle (target <= 64)",
        i / d,
        median(peaks)
    );
    Ok(())
}
