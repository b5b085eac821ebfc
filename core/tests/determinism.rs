//! Native and wasm builds compute the same run, bit for bit.
//!
//! One fixed run (the default template, shortened to five simulated minutes,
//! with a fixed seed) is reduced to its [`Run::digest`] and compared with the
//! golden digest in `data/run-digest.txt`. The same file is checked natively
//! (`cargo test -p skydraft-core --test determinism`) and as wasm in headless
//! Chromium:
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skydraft-core \
//!     --target wasm32-unknown-unknown --test determinism
//! ```
//!
//! so both agree with each other exactly when both pass. The same holds for a
//! challenge's verdict ([`Verdict::digest`], golden in
//! `data/verdict-digest.txt`): a teacher grading on the command line and a
//! student judged in the page see the same verdict. A deliberate change
//! of the simulator changes the digest: rewrite the golden natively with
//! `SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test determinism`, then run
//! the wasm check against it.

use skydraft_core::challenge::{self, Verdict};
use skydraft_core::run::Run;
use skydraft_core::scenario::Scenario;
use skydraft_core::{sim, template};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test_configure!(run_in_browser);

/// Simulated seconds of the fixed run.
const DURATION_S: f64 = 300.0;
/// Seed of the fixed run.
const SEED: u64 = 20_261_128;
/// The golden digest, compiled in (the wasm build has no file system).
const GOLDEN: &str = include_str!("data/run-digest.txt");
/// The built-in challenge whose verdicts are checked.
const CHALLENGE_ID: &str = "cheapest-latency";
/// The golden digests of its starting design's and its reference's verdicts.
const GOLDEN_VERDICTS: &str = include_str!("data/verdict-digest.txt");

/// The default template's design and scenario, shortened, with `seed`.
fn fixed_run(seed: u64) -> Run {
    let t = template::get(template::DEFAULT_ID).expect("the default template exists");
    let scenario = Scenario {
        duration_s: DURATION_S,
        seed,
        ..t.scenario
    };
    sim::run(&t.design, &scenario).expect("the default template runs")
}

/// The digest written in the golden file: the first line that is not blank
/// or a `#` comment, as hexadecimal (`0x` optional).
fn golden_digest(text: &str) -> Option<u64> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    u64::from_str_radix(line.trim_start_matches("0x"), 16).ok()
}

/// The golden file's text for a digest.
fn golden_text(digest: u64) -> String {
    format!(
        "# Run::digest of the default template, {DURATION_S} simulated s, seed {SEED}.\n\
         # Checked natively and as wasm (core/tests/determinism.rs); rewrite with\n\
         # SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test determinism\n\
         {digest:#018x}\n"
    )
}

/// Compares the fixed run's digest with the golden one; natively, with
/// `SKYDRAFT_BLESS=1`, rewrites the golden instead.
fn check_against_golden() {
    let run = fixed_run(SEED);
    assert!(
        run.totals.completions > 1_000,
        "the fixed run completed only {} requests; it no longer exercises the engine",
        run.totals.completions
    );
    let digest = run.digest();
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("SKYDRAFT_BLESS").is_some_and(|v| v == "1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/run-digest.txt");
        std::fs::write(path, golden_text(digest)).expect("write the golden digest");
        return;
    }
    let golden = golden_digest(GOLDEN).unwrap_or_else(|| {
        panic!(
            "tests/data/run-digest.txt holds no hex digest (the run's is {digest:#018x}); \
             write it with `SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test determinism`"
        )
    });
    assert_eq!(
        digest,
        golden,
        "the run's digest {digest:#018x} differs from the golden {golden:#018x} on {}.\n\
         If the simulator changed on purpose, rewrite the golden natively with \
         `SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test determinism` and check wasm again; \
         if only the wasm build differs, some arithmetic is not portable.",
        std::env::consts::ARCH
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_fixed_run_matches_the_golden_digest() {
    check_against_golden();
}

/// The golden can only catch a difference if the digest sees one: another
/// seed (different traffic, same design) must give another digest, and the
/// same seed the same one.
fn check_digest_sensitivity() {
    let a = fixed_run(SEED).digest();
    let again = fixed_run(SEED).digest();
    let other = fixed_run(SEED + 1).digest();
    assert_eq!(a, again, "the same seed gave two different runs");
    assert_ne!(
        a,
        other,
        "seeds {SEED} and {} gave the same digest",
        SEED + 1
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_digest_changes_with_the_seed_and_only_then() {
    check_digest_sensitivity();
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_golden_file_format_round_trips() {
    let text = golden_text(0x0123_4567_89ab_cdef);
    assert_eq!(golden_digest(&text), Some(0x0123_4567_89ab_cdef));
    assert_eq!(golden_digest("# only a comment\n"), None);
    assert_eq!(golden_digest("\n  ff\n"), Some(0xff));
}

/// The fixed challenge's verdicts on its starting design and on its
/// reference solution.
fn fixed_verdicts() -> [Verdict; 2] {
    let c = challenge::get(CHALLENGE_ID).expect("the built-in challenge exists");
    let reference = c.reference.clone().expect("the challenge has a reference");
    let start = challenge::judge(&c, &c.start).expect("the starting design is judged");
    let solved = challenge::judge(&c, &reference).expect("the reference is judged");
    [start, solved]
}

/// The golden verdicts file's text: one digest per line, start then
/// reference.
fn golden_verdicts_text(digests: [u64; 2]) -> String {
    format!(
        "# Verdict::digest of challenge {CHALLENGE_ID}: its starting design, then its reference.\n\
         # Checked natively and as wasm (core/tests/determinism.rs); rewrite with\n\
         # SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test determinism\n\
         {:#018x}\n{:#018x}\n",
        digests[0], digests[1]
    )
}

/// Every digest in a golden file, in order.
fn golden_digests(text: &str) -> Vec<u64> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| u64::from_str_radix(l.trim_start_matches("0x"), 16).ok())
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_fixed_verdicts_match_the_golden_digests() {
    let [start, solved] = fixed_verdicts();
    assert!(!start.passed, "the starting design passed {CHALLENGE_ID}");
    assert!(solved.passed, "the reference failed {CHALLENGE_ID}");
    let digests = [start.digest(), solved.digest()];
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("SKYDRAFT_BLESS").is_some_and(|v| v == "1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/verdict-digest.txt");
        std::fs::write(path, golden_verdicts_text(digests)).expect("write the golden verdicts");
        return;
    }
    assert_eq!(
        golden_digests(GOLDEN_VERDICTS),
        digests.to_vec(),
        "the verdicts of {CHALLENGE_ID} differ from tests/data/verdict-digest.txt on {}: \
         if judging changed on purpose, rewrite it natively with \
         `SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test determinism`; \
         if only the wasm build differs, some arithmetic is not portable.",
        std::env::consts::ARCH
    );
}

/// A verdict's digest sees its contents: the failed and the passed verdict
/// differ, and judging again gives the same.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_verdict_digest_changes_with_the_design_and_only_then() {
    let [start, solved] = fixed_verdicts();
    let [again, _] = fixed_verdicts();
    assert_eq!(start.digest(), again.digest());
    assert_ne!(start.digest(), solved.digest());
    assert_eq!(
        golden_digests(&golden_verdicts_text([1, 0xff])),
        vec![1, 0xff]
    );
}
