//! Fuzzing, in the test suite: share decoding and JSON import never panic,
//! and whatever they accept re-encodes to itself without further repair.
//!
//! Each target runs `SKYDRAFT_FUZZ_CASES` inputs (default 2,000) and prints
//! how many it executed: `cargo test --test document_fuzz -- --nocapture`.
#![allow(clippy::unwrap_used)]

use crate::support::deflate;
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

fn run<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value) -> bool) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let n = std::cell::Cell::new(0u64);
    let accepted = std::cell::Cell::new(0u64);
    runner
        .run(&strategy, |v| {
            n.set(n.get() + 1);
            if check(v) {
                accepted.set(accepted.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    println!(
        "fuzz {name}: {} executions without a crash ({} accepted)",
        n.get(),
        accepted.get()
    );
}

fn code_of(bytes: &[u8]) -> String {
    format!(
        "1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Whatever decodes is stable: encoding it and decoding again needs no repair.
/// Returns whether the input was accepted.
fn check_link(link: &str) -> bool {
    if let Ok(d) = share::decode_with_repairs(link) {
        let again = share::decode_with_repairs(&share::encode(&d.design, &d.scenario)).unwrap();
        assert_eq!(again.design, d.design);
        assert!(again.repairs.is_empty(), "{:?}", again.repairs);
        let _ = skydraft_core::validate::validate(&d.design);
        true
    } else {
        let e = share::decode(link).unwrap_err();
        assert!(!e.to_string().is_empty());
        false
    }
}

fn check_json(text: &str) -> bool {
    let Ok(d) = share::import_json(text) else {
        return false;
    };
    let again = share::import_json(&share::export_json(&d.design, &d.scenario)).unwrap();
    assert_eq!(again.design, d.design);
    assert!(again.repairs.is_empty());
    true
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
            check_link(&String::from_utf8_lossy(&mutated))
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
            check_json(&String::from_utf8_lossy(&bytes))
        },
    );
}

/// Structure-aware payloads: plausible wire layouts with hostile values,
/// so most inputs get past the parser and exercise the repair path.
mod structured {
    use proptest::prelude::*;
    use serde_json::{Value, json};
    use skydraft_core::catalog;

    fn kind() -> impl Strategy<Value = String> {
        let mut ids: Vec<String> = catalog::kinds().iter().map(|k| k.id.to_owned()).collect();
        ids.push("warp-drive".into());
        prop::sample::select(ids)
    }

    fn param_id() -> impl Strategy<Value = String> {
        let mut ids: Vec<String> = catalog::kinds()
            .iter()
            .flat_map(|k| k.params.iter().map(|p| p.id.to_owned()))
            .chain(catalog::LINK_PARAMS.iter().map(|p| p.spec.id.to_owned()))
            .collect();
        ids.sort();
        ids.dedup();
        ids.push("bogus".into());
        prop::sample::select(ids)
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-5i32..5000).prop_map(f64::from),
            any::<f64>().prop_filter("finite", |v| v.is_finite()),
            Just(1.0e300),
            Just(-1.0e300),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<bool>().prop_map(Value::from),
            number().prop_map(|v| json!(v)),
            prop::sample::select(vec!["elb", "ec2", "host", "failover", "primary", "x", ""])
                .prop_map(Value::from),
            "\\PC{0,300}".prop_map(Value::from),
            Just(Value::Null),
            Just(json!([1, 2])),
        ]
    }

    fn params() -> impl Strategy<Value = Value> {
        prop::collection::btree_map(param_id(), value(), 0..5)
            .prop_map(|m| Value::Object(m.into_iter().collect()))
    }

    fn id() -> impl Strategy<Value = Value> {
        prop_oneof![60 => (0u32..12).prop_map(Value::from), 2 => Just(json!(u32::MAX)), 1 => Just(json!(-1))]
    }

    pub(super) fn payload() -> impl Strategy<Value = Value> {
        let comp = (id(), kind(), "\\PC{0,150}", number(), number(), params())
            .prop_map(|(i, k, l, x, y, p)| json!([i, k, l, x, y, p]));
        let link = (id(), id(), id(), params()).prop_map(|(i, a, b, p)| json!([i, a, b, p]));
        let group = (
            id(),
            prop::sample::select(vec!["r", "a", "v", "q"]),
            "\\PC{0,10}",
            number(),
            number(),
            number(),
            number(),
        )
            .prop_map(|(i, k, l, x, y, w, h)| json!([i, k, l, x, y, w, h]));
        let note = (
            id(),
            prop::sample::select(vec!["t", "s"]),
            "\\PC{0,50}",
            number(),
            number(),
        )
            .prop_map(|(i, k, t, x, y)| json!([i, k, t, x, y]));
        let scenario = prop::collection::btree_map(
            prop::sample::select(vec![
                "duration_s",
                "seed",
                "bucket_s",
                "warmup_s",
                "traffic",
                "zzz",
            ]),
            value(),
            0..3,
        );
        (
            prop_oneof![30 => Just(1u32), 1 => 0u32..4],
            prop::collection::vec(comp, 0..12),
            prop::collection::vec(link, 0..12),
            prop::collection::vec(group, 0..3),
            prop::collection::vec(note, 0..3),
            scenario,
        )
            .prop_map(|(v, c, l, g, a, s)| {
                json!({"v": v, "c": c, "l": l, "g": g, "a": a,
                       "s": Value::Object(s.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())})
            })
    }
}

#[test]
fn fuzz_decode_structured_hostile_payloads() {
    run(
        "decode(structured hostile payload)",
        structured::payload(),
        |v| check_link(&code_of(&deflate(&serde_json::to_vec(&v).unwrap()))),
    );
}
