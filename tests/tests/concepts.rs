//! The concept map (`docs/concepts.md`) held to the code: every test it cites
//! as `file::function` is a `fn function` in that file, every catalog setting
//! it cites as `kind.setting` names a kind and a setting of the catalog,
//! every simulator module it cites exists, every validation rule it cites is
//! a rule id, and every template, challenge and preset it cites is one.

use std::fs;
use std::path::{Path, PathBuf};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The text of a file under the root, or an empty string if it is missing.
fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_default()
}

/// The text of every `.rs` file in a folder under the root.
fn read_dir(rel: &str) -> String {
    let mut all = String::new();
    if let Ok(entries) = fs::read_dir(root().join(rel)) {
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "rs") {
                all.push_str(&fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    all
}

/// The table rows of the map, each split into its cells.
fn rows(doc: &str) -> Vec<Vec<String>> {
    doc.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|--") && !l.starts_with("| Concept"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// The backticked tokens of a cell.
fn ticks(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// Whether `text` holds `"word"`.
fn quoted(text: &str, word: &str) -> bool {
    text.contains(&format!("\"{word}\""))
}

/// What is wrong with one `kind.setting` (or `kind`, or `link.setting`).
fn check_drawn(token: &str, kinds: &str, links: &str) -> Option<String> {
    let (kind, setting) = token.split_once('.').unwrap_or((token, ""));
    let (known, settings) = if kind == "link" {
        (true, links)
    } else {
        (quoted(kinds, kind), kinds)
    };
    if !known {
        return Some(format!("kind `{kind}` is not in the catalog"));
    }
    (!setting.is_empty() && !quoted(settings, setting))
        .then(|| format!("setting `{token}` is not in the catalog"))
}

/// What is wrong with one simulator module or validation rule id.
fn check_simulated(token: &str, rules: &str) -> Option<String> {
    if token.ends_with(".rs") {
        let path = format!("core/src/sim/{token}");
        return (!root().join(&path).is_file()).then(|| format!("no module {path}"));
    }
    (!quoted(rules, token)).then(|| format!("no validation rule `{token}`"))
}

/// What is wrong with one `file::function` test name.
fn check_test(token: &str) -> Option<String> {
    let Some((file, function)) = token.split_once("::") else {
        return Some(format!("`{token}` is not file::function"));
    };
    let text = read(file);
    let defined = text
        .split("fn ")
        .skip(1)
        .any(|rest| rest.starts_with(function) && rest[function.len()..].starts_with('('));
    (!defined).then(|| format!("no `fn {function}` in {file}"))
}

/// What is wrong with one `template:`, `challenge:` or `preset:` id.
fn check_teaching(token: &str, sources: &[(&str, String)]) -> Option<String> {
    let Some((what, id)) = token.split_once(':') else {
        return Some(format!("`{token}` is not template:, challenge: or preset:"));
    };
    match sources.iter().find(|(w, _)| *w == what) {
        Some((_, text)) if text.contains(&format!("id: \"{id}\"")) => None,
        Some(_) => Some(format!("no {what} `{id}`")),
        None => Some(format!("`{what}` is not template, challenge or preset")),
    }
}

#[test]
fn the_concept_map_cites_only_what_exists() {
    let doc = read("docs/concepts.md");
    let kinds = read_dir("core/src/catalog/kinds") + &read("core/src/catalog/kind.rs");
    let links = read("core/src/catalog/links.rs");
    let rules = read("core/src/validate/rules.rs");
    let sources = [
        ("template", read_dir("core/src/template")),
        ("challenge", read_dir("core/src/challenge/builtin")),
        ("preset", read("core/src/scenario/presets.rs")),
    ];
    let table = rows(&doc);
    assert!(table.len() >= 40, "the map lists {} concepts", table.len());
    let mut wrong = Vec::new();
    let mut tests = 0;
    for row in &table {
        assert_eq!(row.len(), 5, "a row needs five cells: {row:?}");
        let found = ticks(&row[1])
            .into_iter()
            .filter_map(|t| check_drawn(t, &kinds, &links))
            .chain(
                ticks(&row[2])
                    .into_iter()
                    .filter_map(|t| check_simulated(t, &rules)),
            )
            .chain(ticks(&row[3]).into_iter().filter_map(check_test))
            .chain(
                ticks(&row[4])
                    .into_iter()
                    .filter_map(|t| check_teaching(t, &sources)),
            );
        wrong.extend(found.map(|w| format!("{}: {w}", row[0])));
        tests += ticks(&row[3]).len();
    }
    assert!(tests >= 40, "the map cites only {tests} tests");
    assert!(
        wrong.is_empty(),
        "the map cites what does not exist:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checks_refuse_what_does_not_exist() {
    assert!(check_test("core/tests/suite/sim_edge.rs::no_such_test").is_some());
    assert!(check_test("core/tests/suite/sim_edge.rs::templates_run_without_errors").is_none());
    assert!(check_drawn("asg.no_such_setting", "\"asg\"", "").is_some());
    assert!(check_drawn("no_such_kind", "\"asg\"", "").is_some());
    assert!(check_simulated("no_such_module.rs", "").is_some());
    assert!(check_simulated("no-such-rule", "\"asg-min-max\"").is_some());
    assert!(check_teaching("template:no-such", &[("template", String::new())]).is_some());
}
