//! `skydraft challenges` and `skydraft grade` end to end, through the built binary.

use std::io::Write as _;
use std::process::{Command, Stdio};

use serde_json::Value;
use skydraft_core::challenge::{self, link};
use skydraft_core::{share, template};

fn skydraft(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skydraft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Links for `id`: the starting design (named "start") and the reference
/// (named "reference").
fn links(id: &str) -> (String, String) {
    let c = challenge::get(id).expect("exists");
    let reference = c.reference.clone().expect("reference");
    (
        format!(
            "https://skydraft.example/#{}",
            link::encode(&c, Some(&c.start), Some("start"))
        ),
        format!("#{}", link::encode(&c, Some(&reference), Some("reference"))),
    )
}

#[test]
fn challenges_lists_every_builtin() {
    let (code, out, err) = skydraft(&["challenges"], "");
    assert_eq!(code, 0, "{err}");
    for id in challenge::ids() {
        assert!(out.contains(&id), "{id} missing from\n{out}");
    }
    let (code, out, _) = skydraft(&["challenges", "--json"], "");
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(challenge::ids().len()));
    assert!(v[0]["note"].as_str().is_some_and(|n| n.len() > 100));
}

#[test]
fn grade_prints_a_table_with_reasons_and_keeps_going_past_bad_input() {
    let (start, reference) = links("cheapest-latency");
    let (code, out, err) = skydraft(
        &[
            "grade",
            "cheapest-latency",
            &start,
            "#c=cheapest-latency&d=1.AAAA",
            &reference,
            "no-such-file.json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    println!("{out}");
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in\n{out}"))
    };
    assert!(line("start ").contains("2/3") && line("start ").contains("fail"));
    assert!(out.contains("costs the most"), "{out}");
    assert!(line("reference").contains("3/3") && line("reference").contains("pass"));
    assert!(line("#c=cheapest").contains("unreadable"));
    assert!(line("no-such-file").contains("unreadable"));
    // Input order is kept whatever thread finished first.
    let order: Vec<usize> = ["start ", "#c=cheapest", "reference", "no-such-file"]
        .iter()
        .map(|n| out.find(&format!("\n{n}")).expect("row"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
}

#[test]
fn grade_as_csv_gives_one_row_per_submission_and_goal() {
    let (start, reference) = links("az-outage");
    let stdin = format!("# one per line\n{start}\n\n{reference}\nnot a link\n");
    let (code, out, err) = skydraft(&["grade", "az-outage", "-", "--csv", "--jobs", "2"], &stdin);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows[0].starts_with("submission,challenge,score,passed,goal"));
    // Two goals and a bonus goal for each of the two links, one row for
    // the bad line.
    assert_eq!(rows.len(), 1 + 3 + 3 + 1, "{out}");
    assert!(rows[3].contains("\"errors-low\",true,"), "{}", rows[3]);
    assert!(
        rows[1].starts_with("\"start\",\"az-outage\",0.000,false,\"errors\""),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains("us-east-1a lost"), "{}", rows[1]);
    assert!(
        rows[4].starts_with("\"reference\",\"az-outage\",1.000,true"),
        "{}",
        rows[4]
    );
    assert!(rows[7].starts_with("\"line 5\""), "{}", rows[7]);
}

#[test]
fn grade_as_json_and_from_files_and_other_links() {
    let dir = std::env::temp_dir().join(format!("skydraft-grade-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let c = challenge::get("canary-rollback").expect("exists");
    // A challenge file, a design file and a share link as submissions.
    let challenge_file = dir.join("challenge.json");
    std::fs::write(&challenge_file, serde_json::to_string(&c).expect("json")).expect("write");
    let design_file = dir.join("fixed.json");
    let reference = c.reference.clone().expect("reference");
    std::fs::write(&design_file, share::export_json(&reference, &c.scenario)).expect("write");
    let plain = share::encode(&c.start, &c.scenario);
    // A link for another challenge is refused with a reason.
    let (other, _) = links("spot-mix");
    let (code, out, err) = skydraft(
        &[
            "grade",
            challenge_file.to_str().expect("path"),
            design_file.to_str().expect("path"),
            &plain,
            &other,
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let objs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object per line"))
        .collect();
    assert_eq!(objs.len(), 3);
    assert_eq!(objs[0]["passed"], true);
    assert_eq!(objs[0]["score"], 1.0);
    assert_eq!(objs[1]["passed"], false);
    let g = &objs[1]["goals"][0];
    assert_eq!(g["pass"], false);
    assert!(g["value"].as_f64().is_some_and(|v| v > 2.0));
    assert!(g["margin"].as_str().is_some_and(|m| m.contains("over")));
    assert!(g["reason"].as_str().is_some_and(|r| !r.is_empty()));
    assert!(
        objs[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("spot-mix")),
        "{}",
        objs[2]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unreadable_challenge_stops_with_a_message() {
    let (code, _, err) = skydraft(&["grade", "nope", template::DEFAULT_ID], "");
    assert_eq!(code, 2);
    assert!(err.contains("neither a challenge"), "{err}");
    let (code, _, err) = skydraft(&["grade", "#c=1.AAAA", "x"], "");
    assert_eq!(code, 2);
    assert!(err.contains("cannot be read"), "{err}");
}
