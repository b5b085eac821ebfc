//! Fuzzing, in the test suite: share decoding and JSON import never panic,
//! and whatever they accept re-encodes to itself without further repair.
//!
//! Each target runs `SKYDRAFT_FUZZ_CASES` inputs (default 2,000) and prints
//! how many it executed: `cargo test --test document_fuzz -- --nocapture`.
#![allow(clippy::unwrap_used)]

use std::io::Write;

use base64::Engine;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use skydraft_core::{share, template};

fn cases() -> u32 {
    std::env::var("SKYDRAFT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

fn run<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value)) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let n = std::cell::Cell::new(0u64);
    runner
        .run(&strategy, |v| {
            n.set(n.get() + 1);
            check(v);
            Ok(())
        })
        .unwrap();
    println!("fuzz {name}: {} executions without a crash", n.get());
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn code_of(bytes: &[u8]) -> String {
    format!(
        "1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Whatever decodes is stable: encoding it and decoding again needs no repair.
fn check_link(link: &str) {
    if let Ok(d) = share::decode_with_repairs(link) {
        let again = share::decode_with_repairs(&share::encode(&d.design, &d.scenario)).unwrap();
        assert_eq!(again.design, d.design);
        assert!(again.repairs.is_empty(), "{:?}", again.repairs);
        let _ = skydraft_core::validate::validate(&d.design);
    } else if let Err(e) = share::decode(link) {
        assert!(!e.to_string().is_empty());
    }
}

fn check_json(text: &str) {
    if let Ok(d) = share::import_json(text) {
        let again = share::import_json(&share::export_json(&d.design, &d.scenario)).unwrap();
        assert_eq!(again.design, d.design);
        assert!(again.repairs.is_empty());
    }
}

/// Valid payloads to mutate: every template's wire JSON and export JSON.
fn seeds() -> Vec<(String, Vec<u8>)> {
    template::all()
        .into_iter()
        .map(|t| {
            let code = share::encode(&t.design, &t.scenario);
            (
                code,
                share::export_json(&t.design, &t.scenario).into_bytes(),
            )
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, u8),
    Truncate(usize),
    Splice(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(vec![
        b"-1".to_vec(),
        b"1e308".to_vec(),
        b"4294967295".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"{}".to_vec(),
        b"\"\"".to_vec(),
        b"true".to_vec(),
        b"\"alb\"".to_vec(),
        b"[[1,\"users\",\"u\",0,0,{}]]".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 1usize..20).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), interesting).prop_map(|(i, s)| Mutation::Splice(i, s)),
    ]
}

fn mutate(mut bytes: Vec<u8>, ms: &[Mutation]) -> Vec<u8> {
    for m in ms {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                if let Some(x) = bytes.get_mut(i % len) {
                    *x = *b;
                }
            }
            Mutation::Delete(i, n) => {
                let a = (i % len).min(bytes.len());
                let b = (a + n).min(bytes.len());
                bytes.drain(a..b);
            }
            Mutation::Insert(i, b) => bytes.insert((i % len).min(bytes.len()), *b),
            Mutation::Truncate(i) => bytes.truncate(i % len),
            Mutation::Splice(i, s) => {
                let a = (i % len).min(bytes.len());
                let b = (a + s.len()).min(bytes.len());
                bytes.splice(a..b, s.iter().copied());
            }
        }
    }
    bytes
}

#[test]
fn fuzz_decode_arbitrary_strings() {
    run("decode(arbitrary string)", ".{0,300}", |s| check_link(&s));
}

#[test]
fn fuzz_decode_arbitrary_bytes_behind_a_valid_prefix() {
    run(
        "decode(1.base64(arbitrary bytes))",
        prop::collection::vec(any::<u8>(), 0..600),
        |b| check_link(&code_of(&b)),
    );
}

#[test]
fn fuzz_decode_deflated_arbitrary_bytes() {
    run(
        "decode(1.base64(deflate(arbitrary bytes)))",
        prop::collection::vec(any::<u8>(), 0..600),
        |b| check_link(&code_of(&deflate(&b))),
    );
}

#[test]
fn fuzz_decode_mutated_valid_links() {
    let seeds = seeds();
    let n = seeds.len();
    run(
        "decode(mutated template link)",
        (0..n, prop::collection::vec(mutation(), 1..4)),
        |(i, ms)| {
            let code = seeds[i].0.clone().into_bytes();
            let mutated = mutate(code, &ms);
            check_link(&String::from_utf8_lossy(&mutated));
        },
    );
}

#[test]
fn fuzz_decode_mutated_payloads_inside_valid_compression() {
    // Mutating the JSON before compressing reaches the parser and the repair path.
    let payloads: Vec<Vec<u8>> = template::all()
        .iter()
        .map(|t| {
            let code = share::encode(&t.design, &t.scenario);
            let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(&code[2..])
                .unwrap();
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(&raw[..]), &mut out)
                .unwrap();
            out
        })
        .collect();
    let n = payloads.len();
    run(
        "decode(1.base64(deflate(mutated wire JSON)))",
        (0..n, prop::collection::vec(mutation(), 1..5)),
        |(i, ms)| check_link(&code_of(&deflate(&mutate(payloads[i].clone(), &ms)))),
    );
}

#[test]
fn fuzz_import_json() {
    let seeds = seeds();
    let n = seeds.len();
    run("import_json(arbitrary string)", ".{0,300}", |s| {
        check_json(&s)
    });
    run(
        "import_json(mutated export)",
        (0..n, prop::collection::vec(mutation(), 1..5)),
        |(i, ms)| {
            let bytes = mutate(seeds[i].1.clone(), &ms);
            check_json(&String::from_utf8_lossy(&bytes));
        },
    );
}
