//! The shape of the source tree, held to its limits: no file over 500 lines
//! and no function over 80 lines in core/src and app/src, no two modules of
//! the simulator naming each other, and no kind id written as a string
//! outside the catalog. The figures print with `--nocapture`
//! (`scripts/structure.sh`).
//!
//! What still exceeds a limit is listed below by name. The lists must match
//! the tree exactly: a new excess fails, and so does an entry that no longer
//! exceeds (take it off the list).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use skydraft_core::catalog;
use skydraft_tests::structure::{self, FileFacts};

/// Longest file, in lines.
const FILE_LIMIT: usize = 500;
/// Longest function, in lines.
const FUNCTION_LIMIT: usize = 80;

/// Files still over the limit.
const LONG_FILES: &[&str] = &[];

/// Functions still over the limit, as `file: name`.
const LONG_FUNCTIONS: &[&str] = &[];

/// Pairs of simulator modules that still name each other.
const SIM_MUTUAL_PAIRS: &[&str] = &[];

/// Modules in the simulator's largest import circle: none. Each service keeps
/// its data in a leaf module (`lambda/function.rs`, `route53/records.rs`, ...)
/// that the engine names, and its behaviour in a file that names the engine.
const SIM_LARGEST_CIRCLE: usize = 0;

/// Simulator files outside the engine (`sim::engine` and its glue in
/// `sim::engine::*`) that name the engine: only `build`, which makes it and
/// schedules its first events. Every service (load balancers, groups,
/// policies, Spot, serverless, messaging, Route 53, caches, ECS, RDS, alarms,
/// metrics, the timeline) is handed the narrow context `sim::cx::Cx` and
/// never sees the engine; `impl Engine` is written only in `sim::engine` and
/// its glue (checked below).
const ENGINE_SIDE: &[&str] = &["sim::build", "sim::build::start"];

/// Files outside the catalog that may still hold kind ids as strings: "ec2"
/// is also a value of the health-check setting.
const KIND_LITERAL_FILES: &[&str] = &["core/src/validate/rules/scaling.rs"];

/// Data tables, exempt from the file limit: rows of the catalog (kinds, and
/// the sources its help texts cite).
const DATA_TABLES: &[&str] = &[
    "core/src/catalog/kinds/compute.rs",
    "core/src/catalog/sources.rs",
];

/// The tree measured: this workspace, or another checkout named by
/// `STRUCTURE_ROOT` (to compare with an earlier commit).
fn root() -> PathBuf {
    match std::env::var_os("STRUCTURE_ROOT") {
        Some(r) => PathBuf::from(r),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf(),
    }
}

fn kind_ids() -> Vec<&'static str> {
    catalog::kinds()
        .iter()
        .filter(|k| k.placement.is_node())
        .map(|k| k.id)
        .collect()
}

fn measure(krate: &str) -> Vec<FileFacts> {
    let ids = kind_ids();
    let src = root().join(krate).join("src");
    match structure::measure(&root(), &src, &ids) {
        Ok(files) => files,
        Err(e) => panic!("measuring {krate}: {e}"),
    }
}

fn report(title: &str, items: &[String]) {
    println!("{title}: {}", items.len());
    for i in items {
        println!("  {i}");
    }
}

#[test]
fn the_source_tree_keeps_its_limits() {
    let core = measure("core");
    let app = measure("app");
    let cli = measure("cli");
    let limited: Vec<&FileFacts> = core.iter().chain(&app).collect();

    let long_files: BTreeSet<String> = limited
        .iter()
        .filter(|f| f.lines > FILE_LIMIT && !DATA_TABLES.contains(&f.file.as_str()))
        .map(|f| f.file.clone())
        .collect();
    report(
        &format!("files over {FILE_LIMIT} lines"),
        &limited
            .iter()
            .filter(|f| f.lines > FILE_LIMIT)
            .map(|f| format!("{} ({} lines)", f.file, f.lines))
            .collect::<Vec<_>>(),
    );

    let mut functions: Vec<_> = limited.iter().flat_map(|f| f.functions.iter()).collect();
    functions.sort_by_key(|f| std::cmp::Reverse(f.lines));
    let long_functions: BTreeSet<String> = functions
        .iter()
        .filter(|f| f.lines > FUNCTION_LIMIT)
        .map(|f| format!("{}: {}", f.file, f.name))
        .collect();
    report(
        &format!("functions over {FUNCTION_LIMIT} lines"),
        &functions
            .iter()
            .filter(|f| f.lines > FUNCTION_LIMIT)
            .map(|f| format!("{}: {} ({} lines)", f.file, f.name, f.lines))
            .collect::<Vec<_>>(),
    );
    if let Some(f) = functions.first() {
        println!(
            "largest function: {}: {} ({} lines)",
            f.file, f.name, f.lines
        );
    }

    let graph = structure::module_graph(&core, "sim");
    let graph = structure::without(graph, "sim");
    let pairs = structure::mutual_pairs(&graph);
    let circles = structure::circles(&graph);
    report(
        "simulator module pairs that name each other",
        &pairs
            .iter()
            .map(|(a, b)| format!("{a} <-> {b}"))
            .collect::<Vec<_>>(),
    );
    println!(
        "simulator import circles: {} (largest holds {} of {} modules)",
        circles.len(),
        circles.first().map_or(0, Vec::len),
        graph.len()
    );
    for c in &circles {
        println!("  {}", c.join(", "));
    }

    let engine_side: BTreeSet<String> = core
        .iter()
        .filter(|f| f.module.starts_with("sim::") && !f.module.starts_with("sim::engine"))
        .filter(|f| {
            f.names
                .iter()
                .any(|n| n == "sim::engine" || n.starts_with("sim::engine::"))
        })
        .map(|f| f.module.clone())
        .collect();
    report(
        "simulator files outside the engine that name it",
        &engine_side.iter().cloned().collect::<Vec<_>>(),
    );
    assert_eq!(
        engine_side,
        ENGINE_SIDE
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>(),
        "simulator files naming the engine differ from ENGINE_SIDE: a service takes &mut Cx"
    );

    let engine_impls: BTreeSet<String> = core
        .iter()
        .filter(|f| f.impls.contains("Engine"))
        .filter(|f| f.module != "sim::engine" && !f.module.starts_with("sim::engine::"))
        .map(|f| f.module.clone())
        .collect();
    report(
        "simulator files outside the engine that write impl Engine",
        &engine_impls.iter().cloned().collect::<Vec<_>>(),
    );
    assert!(
        engine_impls.is_empty(),
        "impl Engine outside sim::engine and sim::engine::*: {engine_impls:?}"
    );

    let outside_catalog = |f: &&FileFacts| !f.module.starts_with("catalog");
    let literals: usize = core
        .iter()
        .chain(&app)
        .chain(&cli)
        .filter(outside_catalog)
        .map(|f| f.kind_literals)
        .sum();
    report(
        &format!("kind ids as string literals outside the catalog and tests: {literals}, in"),
        &core
            .iter()
            .chain(&app)
            .chain(&cli)
            .filter(outside_catalog)
            .filter(|f| f.kind_literals > 0)
            .map(|f| format!("{} ({})", f.file, f.kind_literals))
            .collect::<Vec<_>>(),
    );

    let literal_files: BTreeSet<String> = core
        .iter()
        .chain(&app)
        .chain(&cli)
        .filter(outside_catalog)
        .filter(|f| f.kind_literals > 0)
        .map(|f| f.file.clone())
        .collect();
    let listed = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>();
    assert_eq!(
        literal_files,
        listed(KIND_LITERAL_FILES),
        "kind ids written as strings outside the catalog: name the kind with catalog::Kind"
    );
    assert_eq!(
        long_files,
        listed(LONG_FILES),
        "files over {FILE_LIMIT} lines differ from LONG_FILES"
    );
    assert_eq!(
        long_functions,
        listed(LONG_FUNCTIONS),
        "functions over {FUNCTION_LIMIT} lines differ from LONG_FUNCTIONS"
    );
    assert_eq!(
        pairs
            .iter()
            .map(|(a, b)| format!("{a} <-> {b}"))
            .collect::<BTreeSet<_>>(),
        listed(SIM_MUTUAL_PAIRS),
        "simulator modules naming each other differ from SIM_MUTUAL_PAIRS"
    );
    assert_eq!(
        circles.first().map_or(0, Vec::len),
        SIM_LARGEST_CIRCLE,
        "the simulator's largest import circle changed size"
    );
}

#[test]
fn the_measures_see_what_they_should() {
    // The module graph resolves super:: and crate:: paths to files, and the
    // circle finder sees a loop of three.
    let f = |module: &str, names: &[&str]| FileFacts {
        module: module.to_owned(),
        names: names.iter().map(|s| (*s).to_owned()).collect(),
        ..FileFacts::default()
    };
    let files = [
        f("sim::a", &["sim::b::thing"]),
        f("sim::b", &["sim::c"]),
        f("sim::c", &["sim::a::x::y", "run"]),
        f("sim::d", &["sim::a"]),
        f("sim", &[]),
    ];
    let g = structure::module_graph(&files, "sim");
    assert_eq!(g["sim::a"], BTreeSet::from(["sim::b".to_owned()]));
    assert_eq!(g["sim::c"], BTreeSet::from(["sim::a".to_owned()]));
    let c = structure::circles(&g);
    assert_eq!(
        c,
        vec![vec!["sim::a".to_owned(), "sim::b".into(), "sim::c".into()]]
    );
    assert!(structure::mutual_pairs(&g).is_empty());
    // This very file: its functions and literals are measured.
    let me = measure("tests")
        .into_iter()
        .find(|x| x.file.ends_with("src/structure.rs"));
    let me = me.map(|m| m.functions.len()).unwrap_or(0);
    assert!(me >= 8, "the parser found {me} functions in structure.rs");
    // The engine's glue is seen writing `impl Engine`, so the check that no
    // other file does is not vacuous.
    let core = measure("core");
    let glue = core.iter().find(|x| x.module == "sim::engine::flow");
    assert!(glue.is_some_and(|g| g.impls.contains("Engine")));
}
