//! `skydraft compare` end to end, through the built binary.

use std::process::Command;

fn skydraft(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_skydraft"))
        .args(args)
        .output()
        .expect("run skydraft");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn compares_designs_in_one_table_under_the_same_rate() {
    let (code, out, err) = skydraft(&["compare", "alb-asg", "alb-lambda", "--rate", "100"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("at 100 requests/s"), "{out}");
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no row for {name}: {out}"))
            .to_owned()
    };
    assert!(line("alb-asg ").split_whitespace().count() >= 11, "{out}");
    // The Lambda design has no zone to fail: the note says so.
    assert!(
        out.contains("no component runs in an Availability Zone"),
        "{out}"
    );
}

#[test]
fn json_gives_one_object_per_design_and_csv_one_row() {
    let (code, out, err) = skydraft(&[
        "compare",
        "alb-asg",
        "alb-fargate",
        "--json",
        "--rate",
        "100",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["name"], "alb-fargate");
    assert!(rows[0]["cost_per_hour"].as_f64().is_some_and(|c| c > 0.0));
    assert!(rows[0]["scale_s"].as_f64().is_some_and(|s| s > 0.0));
    let (code, out, _) = skydraft(&["compare", "alb-asg", "--csv", "--rate", "100"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("design,cost_per_hour"))
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn bad_input_gets_one_clear_line_and_exit_2() {
    let (code, _, err) = skydraft(&["compare", "no-such-design"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-design"), "{err}");
    let (code, _, err) = skydraft(&["compare", "alb-asg", "--scenario", "sunny"]);
    assert_eq!(code, 2);
    assert!(err.contains("no scenario preset called \"sunny\""), "{err}");
}
