//! The design commands of the `skydraft` binary, run as a user would.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

fn skydraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skydraft"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("skydraft-design-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn templates_lists_every_template_id() {
    let o = skydraft(&["templates"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for id in skydraft_core::template::ids() {
        assert!(out.lines().any(|l| l.starts_with(id)), "{id} missing");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&skydraft(&["templates", "--json"]).stdout).unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        skydraft_core::template::ids().len()
    );
}

#[test]
fn link_then_decode_round_trips_a_template() {
    let o = skydraft(&["link", "alb-asg"]);
    assert!(o.status.success());
    let code = stdout(&o).trim().to_owned();
    assert!(code.starts_with("1."));
    let url = stdout(&skydraft(&[
        "link",
        "alb-asg",
        "--base",
        "https://example.org/",
    ]));
    assert_eq!(url.trim(), format!("https://example.org/#d={code}"));
    for arg in [code.clone(), url.trim().to_owned()] {
        let o = skydraft(&["decode", &arg]);
        assert!(o.status.success(), "{}", stderr(&o));
        let back = skydraft_core::share::import_json(&stdout(&o)).unwrap();
        let t = skydraft_core::template::get("alb-asg").unwrap();
        assert_eq!(back.design, t.design);
        assert_eq!(back.scenario, t.scenario);
    }
}

#[test]
fn link_accepts_a_design_file() {
    let t = skydraft_core::template::get("apigw-lambda").unwrap();
    let path = temp(
        "apigw.json",
        &skydraft_core::share::export_json(&t.design, &t.scenario),
    );
    let o = skydraft(&["link", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        skydraft_core::share::encode(&t.design, &t.scenario)
    );
}

#[test]
fn validate_passes_templates_and_fails_broken_designs() {
    let o = skydraft(&["validate", "alb-asg"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 errors"));

    let mut t = skydraft_core::template::get("alb-asg").unwrap();
    let asg = t
        .design
        .components
        .iter_mut()
        .find(|c| c.kind == "asg")
        .unwrap();
    asg.params.insert("min".into(), 9.0.into());
    asg.params.insert("max".into(), 3.0.into());
    let path = temp("broken.json", &skydraft_core::design::to_json(&t.design));
    let o = skydraft(&["validate", &path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error [asg-min-max]"), "{}", stdout(&o));

    let code = skydraft_core::share::encode(&t.design, &t.scenario);
    let o = skydraft(&["validate", "--json", &format!("https://x/#d={code}")]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "asg-min-max")
    );
}

#[test]
fn malformed_input_gets_one_clear_line_and_exit_2() {
    let not_json = temp("junk.json", "{ this is not json");
    for args in [
        vec!["decode", "1.@@@"],
        vec!["decode", "9.abc"],
        vec!["decode", ""],
        vec!["validate", "no-such-template"],
        vec!["validate", &not_json],
        vec!["link", "/no/such/file.json"],
    ] {
        let o = skydraft(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("skydraft: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}
