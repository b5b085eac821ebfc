//! Share links and JSON files: round trips, hostile input, size targets.
#![allow(clippy::unwrap_used)]

use crate::support::{b64, deflate};
use skydraft_core::design::{self, LoadError};
use skydraft_core::share::{self, DecodeError};
use skydraft_core::template;

#[test]
fn every_template_round_trips_through_a_link() {
    for t in template::all() {
        let code = share::encode(&t.design, &t.scenario);
        assert!(code.starts_with("1."), "{}", t.id);
        let d = share::decode_with_repairs(&code).unwrap();
        assert_eq!(d.design, t.design, "{}", t.id);
        assert_eq!(d.scenario, t.scenario, "{}", t.id);
        assert!(d.repairs.is_empty(), "{}: {:?}", t.id, d.repairs);
    }
}

#[test]
fn every_template_link_fits_in_1200_characters() {
    for t in template::all() {
        let code = share::encode(&t.design, &t.scenario);
        assert!(code.len() <= 1200, "{}: {} characters", t.id, code.len());
    }
}

#[test]
fn codes_use_only_url_safe_characters() {
    let t = template::get(template::DEFAULT_ID).unwrap();
    let code = share::encode(&t.design, &t.scenario);
    assert!(
        code.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    );
}

#[test]
fn whole_urls_and_bare_codes_both_decode() {
    let t = template::get(template::DEFAULT_ID).unwrap();
    let code = share::encode(&t.design, &t.scenario);
    for link in [
        code.clone(),
        format!("https://skydraft.example/#d={code}"),
        format!("https://skydraft.example/?x=1#view&d={code}"),
        format!("  #d={code}\n"),
    ] {
        let (d, _) = share::decode(&link).unwrap();
        assert_eq!(d, t.design);
    }
}

#[test]
fn scenario_changes_travel_in_the_link() {
    let t = template::get(template::DEFAULT_ID).unwrap();
    let mut s = t.scenario.clone();
    s.seed = 42;
    s.duration_s = 1234.5;
    let (_, back) = share::decode(&share::encode(&t.design, &s)).unwrap();
    assert_eq!(back, s);
}

#[test]
fn bad_input_gets_typed_errors() {
    assert_eq!(share::decode(""), Err(DecodeError::Empty));
    assert_eq!(share::decode("#d="), Err(DecodeError::Empty));
    assert!(matches!(share::decode("2.abc"), Err(DecodeError::UnknownVersion(v)) if v == "2"));
    assert_eq!(share::decode("1.$$$"), Err(DecodeError::NotBase64));
    assert_eq!(share::decode("1.AAAA"), Err(DecodeError::NotCompressed));
    let long = format!("1.{}", "A".repeat(share::MAX_CODE_LEN));
    assert!(matches!(
        share::decode(&long),
        Err(DecodeError::TooLong { .. })
    ));
    let not_json = format!("1.{}", b64(&deflate(b"hello")));
    assert!(matches!(
        share::decode(&not_json),
        Err(DecodeError::Malformed(_))
    ));
}

#[test]
fn a_truncated_link_is_refused_not_misread() {
    let t = template::get(template::DEFAULT_ID).unwrap();
    let code = share::encode(&t.design, &t.scenario);
    let cut = &code[..code.len() / 2];
    let err = share::decode(cut).unwrap_err();
    assert!(
        matches!(err, DecodeError::NotCompressed | DecodeError::NotBase64),
        "{err:?}"
    );
}

#[test]
fn a_decompression_bomb_is_refused() {
    let zeros = vec![b' '; share::MAX_INFLATED + 10];
    let code = format!("1.{}", b64(&deflate(&zeros)));
    assert!(code.len() < share::MAX_CODE_LEN);
    assert_eq!(share::decode(&code), Err(DecodeError::TooLarge));
}

#[test]
fn a_link_from_a_newer_version_says_so() {
    let payload = br#"{"v":99,"c":[]}"#;
    let code = format!("1.{}", b64(&deflate(payload)));
    let err = share::decode(&code).unwrap_err();
    assert!(matches!(
        err,
        DecodeError::Design(LoadError::NewerSchema { found: 99, .. })
    ));
    assert!(err.to_string().contains("newer Skydraft"), "{err}");
}

#[test]
fn links_written_by_hand_are_repaired() {
    let payload = br#"{"v":1,"c":[[1,"users","U",0,0,{"rate":-5,"colour":"red"}],[1,"alb","A",100,0,{}],[3,"warp-drive","?",0,0,{}]],"l":[[1,1,2,{}],[2,1,9,{}]]}"#;
    let code = format!("1.{}", b64(&deflate(payload)));
    let d = share::decode_with_repairs(&code).unwrap();
    assert_eq!(d.design.components.len(), 2);
    assert_eq!(d.design.components[1].id.0, 2, "duplicate id renumbered");
    assert_eq!(
        d.design.components[0].params.get("rate"),
        Some(&design::ParamValue::Number(0.0)),
        "rate clamped into 0..=1e6, unknown colour dropped"
    );
    assert_eq!(d.design.links.len(), 1);
    let text: Vec<String> = d.repairs.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|r| r.contains("warp-drive")), "{text:?}");
    assert!(text.iter().any(|r| r.contains("colour")), "{text:?}");
    assert!(text.iter().any(|r| r.contains("l2")), "{text:?}");
}

#[test]
fn unreadable_parts_are_dropped_and_reported_not_fatal() {
    let payload = br#"{"v":1,"c":[[1,"users","U",0,0,{"rate":null,"retries":2}]],"g":[[1,"q","?",0,0,9,9],[2,"a","az",0,0,9,9]],"a":[[1,"z","?",0,0]],"s":{"seed":"abc","duration_s":99}}"#;
    let code = format!("1.{}", b64(&deflate(payload)));
    let d = share::decode_with_repairs(&code).unwrap();
    assert_eq!(d.design.groups.len(), 1);
    assert!(d.design.annotations.is_empty());
    assert_eq!(
        d.design.components[0].params.len(),
        1,
        "retries kept, null rate dropped"
    );
    assert_eq!(d.scenario.duration_s, 99.0);
    assert_eq!(
        d.scenario.seed,
        skydraft_core::scenario::Scenario::default().seed
    );
    let text: Vec<String> = d.repairs.iter().map(ToString::to_string).collect();
    for needle in ["c1.rate", "g1", "n1", "\"seed\""] {
        assert!(
            text.iter().any(|r| r.contains(needle)),
            "{needle}: {text:?}"
        );
    }
}

#[test]
fn json_export_round_trips_and_is_readable() {
    for t in template::all() {
        let json = share::export_json(&t.design, &t.scenario);
        assert!(json.contains("\n  \"design\""), "indented");
        let back = share::import_json(&json).unwrap();
        assert_eq!(back.design, t.design);
        assert_eq!(back.scenario, t.scenario);
    }
}

#[test]
fn a_bare_design_file_imports_with_the_default_scenario() {
    let t = template::get(template::DEFAULT_ID).unwrap();
    let json = design::to_json(&t.design);
    let back = share::import_json(&json).unwrap();
    assert_eq!(back.design, t.design);
    assert_eq!(back.scenario, Default::default());
    let (d, repairs) = design::load_json(&json).unwrap();
    assert_eq!(d, t.design);
    assert!(repairs.is_empty());
}

#[test]
fn json_import_refuses_what_is_not_a_design() {
    assert!(share::import_json("[1,2]").is_err());
    assert!(share::import_json("{").is_err());
    assert!(matches!(
        share::import_json(r#"{"skydraft":7,"design":{}}"#),
        Err(DecodeError::UnknownVersion(_))
    ));
    assert!(share::import_json(r#"{"schema":1,"components":"x"}"#).is_err());
}

mod properties {
    use proptest::prelude::*;
    use skydraft_core::design::{ParamValue, Point};
    use skydraft_core::{share, template};

    fn coord() -> impl Strategy<Value = f64> {
        prop_oneof![(-100_000i32..100_000).prop_map(f64::from), -1.0e6..1.0e6f64,]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn any_positions_labels_and_rates_round_trip_exactly(
            xs in prop::collection::vec((coord(), coord()), 8),
            label in "\\PC{0,40}",
            rate in 0.0..1.0e6f64,
            seed in any::<u64>(),
            duration in 1.0..86_400.0f64,
        ) {
            let mut t = template::get("r53-latency").unwrap();
            for (c, (x, y)) in t.design.components.iter_mut().zip(xs) {
                c.pos = Point { x, y };
            }
            t.design.components[0].label = label.clone();
            t.design.name = label;
            t.design.components[0].params.insert("rate".into(), ParamValue::Number(rate));
            t.scenario.seed = seed;
            t.scenario.duration_s = duration;
            let d = share::decode_with_repairs(&share::encode(&t.design, &t.scenario)).unwrap();
            prop_assert!(d.repairs.is_empty(), "{:?}", d.repairs);
            prop_assert_eq!(&d.design, &t.design);
            prop_assert_eq!(&d.scenario, &t.scenario);
            let j = share::import_json(&share::export_json(&t.design, &t.scenario)).unwrap();
            prop_assert_eq!(j.design, t.design);
        }
    }
}
