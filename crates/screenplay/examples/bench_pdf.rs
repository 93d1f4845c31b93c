//! Prints the median time of PDF export of a 120-page synthetic script and the PDF size.
//! With `--out DIR`, also writes `sample.pdf`, `sample-a4.pdf` and `synth120.pdf` there.
//!
//! Run: `cargo run --release -p greenlight-screenplay --example bench_pdf`

use greenlight_screenplay::{layout, parse_fountain, render_pdf, synth, Paper, PdfOptions};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out_dir = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1));
    let src = synth::feature(42, 120);
    let script = parse_fountain(&src);
    let opts = PdfOptions::default();
    let pages = layout(&script, &opts).len();
    let pdf = render_pdf(&script, &opts)?;
    let runs = 15;
    let d = median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(render_pdf(black_box(&script), &opts).map(|b| b.len()).ok());
                t.elapsed()
            })
            .collect(),
    );
    let t = Instant::now();
    for _ in 0..runs {
        black_box(layout(black_box(&script), &opts).len());
    }
    let layout_only = t.elapsed() / runs;
    println!(
        "render_pdf 120-page synthetic script ({pages} pages incl. title): median {:.1} ms over {runs} runs (layout alone ~{:.1} ms), PDF {} bytes ({:.1} KiB)",
        d.as_secs_f64() * 1e3,
        layout_only.as_secs_f64() * 1e3,
        pdf.len(),
        pdf.len() as f64 / 1024.0
    );
    if let Some(dir) = out_dir {
        let sample = parse_fountain(include_str!("../samples/sample.fountain"));
        std::fs::write(format!("{dir}/sample.pdf"), render_pdf(&sample, &opts)?)?;
        let a4 = PdfOptions {
            paper: Paper::A4,
            ..opts
        };
        std::fs::write(format!("{dir}/sample-a4.pdf"), render_pdf(&sample, &a4)?)?;
        std::fs::write(format!("{dir}/synth120.pdf"), &pdf)?;
    }
    Ok(())
}
