//! Frozen share links of every released format decode forever, to the same design.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use skydraft_core::share;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/share")
}

#[test]
fn every_frozen_link_decodes_to_its_frozen_design() {
    let mut checked = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let version = name.split('_').next().unwrap().trim_start_matches('v');
        let code = std::fs::read_to_string(&path).unwrap();
        assert!(code.starts_with(&format!("{version}.")), "{name}");
        let decoded = share::decode_with_repairs(code.trim())
            .unwrap_or_else(|e| panic!("{name} no longer decodes: {e}"));
        assert!(decoded.repairs.is_empty(), "{name}: {:?}", decoded.repairs);
        let expected = std::fs::read_to_string(path.with_extension("json")).unwrap();
        let expected = share::import_json(&expected).unwrap();
        assert_eq!(decoded.design, expected.design, "{name}");
        assert_eq!(decoded.scenario, expected.scenario, "{name}");
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} fixtures found");
}

#[test]
fn the_feature_fixture_keeps_every_record_type() {
    let code = std::fs::read_to_string(dir().join("v1_features.txt")).unwrap();
    let (d, s) = share::decode(code.trim()).unwrap();
    assert_eq!(d.name, "Every record type — ünïcode ✓");
    assert_eq!(d.components.len(), 6);
    assert_eq!(d.links.len(), 5);
    assert_eq!(d.groups.len(), 3);
    assert_eq!(d.annotations.len(), 2);
    assert_eq!(d.components[0].pos.y, 240.5);
    assert_eq!(d.annotations[1].text, "Line one\nline two");
    assert_eq!(d.links[3].params.len(), 3);
    assert_eq!((s.duration_s, s.seed, s.bucket_s), (1200.0, 7, 5.0));
}
