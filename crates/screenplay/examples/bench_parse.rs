//! Prints median timings of Fountain parse + index and of FDX import on synthetic scripts.
//!
//! Run: `cargo run --release -p greenlight-screenplay --example bench_parse`

use greenlight_screenplay::{index, parse_fountain, read_fdx, synth, write_fdx};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    for (pages, runs) in [(120, 31), (1000, 11)] {
        let src = synth::feature(42, pages);
        let d = time(runs, || {
            let s = parse_fountain(black_box(&src));
            black_box(index(&s));
        });
        let idx = index(&parse_fountain(&src));
        println!(
            "parse+index {pages:>5}-page Fountain ({:>8} bytes, {:>5} scenes): median {:>9.3} ms over {runs} runs",
            src.len(),
            idx.scenes.len(),
            d.as_secs_f64() * 1e3
        );
    }
    let fdx = write_fdx(&parse_fountain(&synth::feature(42, 120)));
    let d = time(31, || {
        black_box(
            read_fdx(black_box(fdx.as_bytes()))
                .map(|(s, _)| s.elements.len())
                .ok(),
        );
    });
    println!(
        "read_fdx      120-page FDX      ({:>8} bytes):               median {:>9.3} ms over 31 runs",
        fdx.len(),
        d.as_secs_f64() * 1e3
    );
}
