//! Challenge links: built-in by id, custom packed, a design and a name;
//! broken and hostile input gives typed errors, never a panic.

use skydraft_core::challenge::{self, link, link::LinkError};
use skydraft_core::share::DecodeError;

use crate::support::{b64, deflate};

#[test]
fn a_builtin_travels_by_id_and_a_changed_one_in_full() {
    let c = challenge::get("spot-mix").expect("exists");
    let text = link::encode(&c, None, None);
    assert_eq!(text, "c=spot-mix");
    let opened = link::decode(&text).expect("opens");
    assert!(opened.built_in && opened.design.is_none() && opened.name.is_none());

    let mut custom = c.clone();
    custom.title = "Spot, harder".into();
    custom.goals[0].value = 0.5;
    let text = link::encode(&custom, Some(&custom.start), Some("  Grace  "));
    assert!(text.starts_with("c=1."), "{text}");
    let opened = link::decode(&format!("https://skydraft.example/#{text}&view")).expect("opens");
    assert!(!opened.built_in);
    assert_eq!(opened.challenge, custom);
    assert_eq!(opened.design.as_ref(), Some(&custom.start));
    assert_eq!(opened.name.as_deref(), Some("Grace"));
    assert!(opened.repairs.is_empty());
    assert!(link::is_challenge_link(&text));
    assert!(!link::is_challenge_link("#d=1.abc"));
}

#[test]
fn broken_links_give_typed_errors() {
    let err = |s: &str| link::decode(s).expect_err(s);
    assert_eq!(err(""), LinkError::NoChallenge);
    assert_eq!(err("#d=1.abc"), LinkError::NoChallenge);
    assert_eq!(err("#c="), LinkError::NoChallenge);
    assert_eq!(
        err("#c=no-such"),
        LinkError::UnknownChallenge("no-such".into())
    );
    assert!(matches!(
        err("#c=9.abc"),
        LinkError::Code(DecodeError::UnknownVersion(_))
    ));
    assert!(matches!(
        err("#c=1.!!!"),
        LinkError::Code(DecodeError::NotBase64)
    ));
    assert!(matches!(
        err("#c=1.AAAA"),
        LinkError::Code(DecodeError::NotCompressed)
    ));
    let long = format!("#c=1.{}", "A".repeat(70_000));
    assert!(matches!(
        err(&long),
        LinkError::Code(DecodeError::TooLong { .. })
    ));
    // Valid packing of something that is not a challenge.
    let not = format!("#c=1.{}", b64(&deflate(br#"{"v":1}"#)));
    assert!(matches!(err(&not), LinkError::NotAChallenge(_)));
    // A deflate bomb stops at the cap.
    let bomb = format!("#c=1.{}", b64(&deflate(&vec![b' '; 2 << 20])));
    assert!(matches!(err(&bomb), LinkError::Code(DecodeError::TooLarge)));
    // A sound record that cannot be judged.
    let mut c = challenge::get("dns-failover").expect("exists");
    c.goals.clear();
    let unsound = link::encode(&c, None, None);
    assert!(matches!(err(&unsound), LinkError::Invalid(_)));
    // A good challenge with a damaged design or name.
    assert!(matches!(err("#c=spot-mix&d=1.%%"), LinkError::Design(_)));
    assert_eq!(err("#c=spot-mix&n=***"), LinkError::BadName);
    for e in [err("#c=x"), err("#c=spot-mix&d=2.x")] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn hostile_names_are_cut_and_cleaned() {
    let c = challenge::get("spot-mix").expect("exists");
    let long = "é".repeat(500);
    let opened = link::decode(&link::encode(&c, None, Some(&long))).expect("opens");
    assert_eq!(
        opened.name.map(|n| n.chars().count()),
        Some(link::MAX_NAME_CHARS)
    );
    let ctl = format!("c=spot-mix&n={}", b64("a\u{7}b\nc".as_bytes()));
    assert_eq!(
        link::decode(&ctl).expect("opens").name.as_deref(),
        Some("abc")
    );
}

#[test]
fn arbitrary_text_never_panics() {
    let samples = [
        "c",
        "#c",
        "#c=&d=&n=",
        "c=1.",
        "c=1.=",
        "#&&&c=spot-mix&&",
        "c=1.\u{1F600}",
    ];
    for s in samples {
        let _ = link::decode(s);
    }
    let mut seed: u64 = 7;
    for _ in 0..500 {
        let mut s = String::from("c=1.");
        for _ in 0..(seed % 200) {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let ch = b"ABCDEFabcdef0123456789-_=&#."[(seed >> 33) as usize % 28];
            s.push(ch as char);
        }
        let _ = link::decode(&s);
    }
}

/// The frozen fixture: a teacher's own challenge (a changed built-in with a
/// bonus goal and a hint of its own), a student's design and a name.
fn fixture_challenge() -> (challenge::Challenge, skydraft_core::design::Design) {
    let mut c = challenge::get("az-outage").expect("exists");
    c.id = "az-outage-class-3b".into();
    c.title = "Survive a zone — class 3B".into();
    c.goals[0].value = 2.0;
    c.hints.push(challenge::Hint {
        goal: None,
        after_failures: 3,
        text: "Ask a neighbour how they sized the minimum.".into(),
    });
    let design = c.reference.clone().expect("a reference");
    (c, design)
}

#[test]
fn frozen_challenge_links_open_to_the_same_challenge_forever() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/challenge");
    let txt = dir.join("v1_class-3b.txt");
    if std::env::var_os("SKYDRAFT_BLESS").is_some_and(|v| v == "1") && !txt.exists() {
        let (c, design) = fixture_challenge();
        std::fs::write(
            &txt,
            link::encode(&c, Some(&design), Some("Ada Lovelace")) + "\n",
        )
        .expect("write the link");
        let expected =
            serde_json::json!({ "challenge": c, "design": design, "name": "Ada Lovelace" });
        std::fs::write(
            txt.with_extension("json"),
            serde_json::to_string_pretty(&expected).expect("json") + "\n",
        )
        .expect("write the expected record");
    }
    let text = std::fs::read_to_string(&txt).expect("the frozen link exists");
    let opened = link::decode(text.trim()).expect("the frozen link opens");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(txt.with_extension("json")).expect("the expected record"),
    )
    .expect("json");
    let challenge: challenge::Challenge =
        serde_json::from_value(expected["challenge"].clone()).expect("a challenge");
    let design: skydraft_core::design::Design =
        serde_json::from_value(expected["design"].clone()).expect("a design");
    assert!(!opened.built_in);
    assert_eq!(opened.challenge, challenge);
    assert_eq!(opened.design, Some(design));
    assert_eq!(opened.name.as_deref(), expected["name"].as_str());
    assert!(opened.repairs.is_empty(), "{:?}", opened.repairs);
    assert!(text.starts_with("c=1."), "a packed challenge of format 1");
}

#[test]
fn an_attempt_in_progress_is_marked_and_opens_to_the_same_work() {
    let c = challenge::get("az-outage").expect("exists");
    let mut work = c.start.clone();
    work.components[0].label = "Edited".into();
    let text = link::encode_attempt(&c, &work);
    assert!(
        text.starts_with("c=az-outage&d=1.") && text.ends_with("&a=1"),
        "{text}"
    );
    assert!(link::is_attempt(&format!("https://example.org/#{text}")));
    let opened = link::decode(&text).expect("opens");
    assert!(opened.built_in);
    assert_eq!(opened.challenge, c);
    assert_eq!(
        opened
            .design
            .as_ref()
            .map(|d| d.components[0].label.as_str()),
        Some("Edited")
    );
    // A submission is not an attempt.
    assert!(!link::is_attempt(&link::encode(
        &c,
        Some(&work),
        Some("Ada")
    )));
    assert!(!link::is_attempt("c=az-outage&a=2"));
}
