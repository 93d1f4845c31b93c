//! Deterministic synthetic screenplays for benchmarks and tests.
//!
//! The same `(seed, pages)` always gives the same text on every platform (a xorshift64*
//! generator, no floating point), so benchmark figures and test expectations are comparable
//! across runs. Length is controlled with the same layout heuristic as
//! [`crate::index`] (55 lines a page), so `index` reports close to `pages` pages.

/// Small, fast, deterministic PRNG (xorshift64*). Not for anything but test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // Zero is a fixed point of xorshift; mix the seed so every seed works.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform-ish in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % n64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const NAMES: [&str; 12] = [
    "ODILE", "PRIYA", "MARCUS", "DANIEL", "JUNE", "THEO", "ROSA", "FELIX", "NADIA", "OWEN", "MAE",
    "SAUL",
];
const PLACES: [&str; 10] = [
    "SOUND STAGE",
    "HARBOUR STREET",
    "PRODUCTION OFFICE",
    "VINTAGE TAXI",
    "CATERING TENT",
    "MAKEUP TRAILER",
    "ROOFTOP",
    "EDIT SUITE",
    "HOTEL CORRIDOR",
    "PARKING LOT",
];
const TIMES: [&str; 5] = ["DAY", "NIGHT", "DAWN", "DUSK", "LATER"];
const WORDS: [&str; 40] = [
    "the", "light", "falls", "across", "a", "table", "where", "someone", "left", "their", "coffee",
    "rain", "keeps", "coming", "down", "she", "he", "watches", "quietly", "and", "then", "turns",
    "away", "camera", "slate", "binder", "crew", "waits", "for", "one", "more", "take", "nobody",
    "notices", "except", "her", "it", "was", "always", "there",
];
const PARENS: [&str; 5] = ["beat", "quietly", "to herself", "turning", "off his look"];
const TRANSITIONS: [&str; 3] = ["CUT TO:", "DISSOLVE TO:", "SMASH CUT TO:"];

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(&WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// A feature-style Fountain script of about `pages` pages: title page, numbered scene
/// headings, action, dialogue with parentheticals, transitions and occasional dual dialogue.
#[must_use]
pub fn feature(seed: u64, pages: usize) -> String {
    let mut rng = Rng::new(seed);
    let target_lines = pages.max(1) * 55;
    let mut out = format!(
        "Title: SYNTHETIC FEATURE {seed}\nCredit: Written by\nAuthor: Greenlight synth\n\n"
    );
    let mut lines = 0;
    let mut scene = 0;
    while lines < target_lines {
        scene += 1;
        let setting = if rng.chance(60) { "INT." } else { "EXT." };
        let place = rng.pick(&PLACES);
        let time = rng.pick(&TIMES);
        out.push_str(&format!("{setting} {place} - {time} #{scene}#\n\n"));
        lines += 2;
        let cast: Vec<&str> = (0..2 + rng.below(3)).map(|_| rng.pick(&NAMES)).collect();
        let beats = 3 + rng.below(8);
        for _ in 0..beats {
            if lines >= target_lines {
                break;
            }
            if rng.chance(35) {
                let para = (0..1 + rng.below(3))
                    .map(|_| sentence(&mut rng, 6, 18))
                    .collect::<Vec<_>>()
                    .join(" ");
                lines += 1 + para.len().div_ceil(60);
                out.push_str(&para);
                out.push_str("\n\n");
                continue;
            }
            let speaker = cast.get(rng.below(cast.len())).copied().unwrap_or("ODILE");
            lines += dialogue(&mut rng, speaker, false, &mut out);
            if rng.chance(4) {
                let other = if speaker == "PRIYA" { "ODILE" } else { "PRIYA" };
                // Replace the blank line after the first block so the pair stays adjacent.
                lines += dialogue(&mut rng, other, true, &mut out);
            }
        }
        if rng.chance(20) {
            out.push_str(rng.pick(&TRANSITIONS));
            out.push_str("\n\n");
            lines += 2;
        }
    }
    out
}

fn dialogue(rng: &mut Rng, name: &str, dual: bool, out: &mut String) -> usize {
    out.push_str(name);
    if rng.chance(8) {
        out.push_str(" (V.O.)");
    }
    if dual {
        out.push_str(" ^");
    }
    out.push('\n');
    let mut lines = 2;
    if rng.chance(25) {
        out.push_str(&format!("({})\n", rng.pick(&PARENS)));
        lines += 1;
    }
    let speech = (0..1 + rng.below(3))
        .map(|_| sentence(rng, 3, 12))
        .collect::<Vec<_>>()
        .join(" ");
    lines += speech.len().div_ceil(35);
    out.push_str(&speech);
    out.push_str("\n\n");
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        assert_eq!(feature(1, 3), feature(1, 3));
        assert_ne!(feature(1, 3), feature(2, 3));
        let idx = crate::index(&crate::parse_fountain(&feature(9, 120)));
        let eighths: u32 = idx.scenes.iter().map(|s| s.eighths).sum();
        assert!((100 * 8..=140 * 8).contains(&eighths), "{eighths} eighths");
    }
}
