//! Charts of a seeded run of the default template: golden SVG snapshots of
//! every chart, and checks that series have values, markers sit at the event
//! times, hover maps pixels to the right bucket and user labels stay text.
//!
//! A deliberate change of the charts (or of the simulator) changes the SVGs:
//! rewrite the snapshots with
//! `SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test charts`, and look at them.

use skydraft_core::chart::{
    self, ChartKind, MarkerKind, Scope, SeriesStyle, Theme, chart_data, compare_totals, hover,
    layout, table,
};
use skydraft_core::run::Run;
use skydraft_core::scenario::Scenario;
use skydraft_core::{sim, template};

/// The default template, 20 simulated minutes (so scaling happens), `seed`.
fn fixed_run(seed: u64) -> Run {
    let t = template::get(template::DEFAULT_ID).expect("the default template exists");
    let scenario = Scenario {
        duration_s: 1200.0,
        seed,
        ..t.scenario
    };
    sim::run(&t.design, &scenario).expect("the default template runs")
}

const SEED: u64 = 20_261_128;

/// Compares `svg` with the snapshot `name`, or rewrites it when blessing.
fn check_snapshot(name: &str, svg: &str) {
    let path = format!(
        "{}/tests/data/charts/{name}.svg",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("SKYDRAFT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, svg).expect("write the snapshot");
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{path}: {e}; write it with SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test charts"
        )
    });
    assert!(
        golden == svg,
        "chart {name} differs from {path}; if the change is deliberate, re-bless with \
         SKYDRAFT_BLESS=1 cargo test -p skydraft-core --test charts"
    );
}

#[test]
fn every_chart_matches_its_snapshot() {
    let run = fixed_run(SEED);
    for kind in ChartKind::ALL {
        let svg = chart::chart_svg(&run, kind, Scope::System, None, Theme::Light)
            .unwrap_or_else(|e| panic!("{}: {e}", kind.id()));
        check_snapshot(kind.id(), &svg);
    }
    let dark = chart::chart_svg(&run, ChartKind::Capacity, Scope::System, None, Theme::Dark)
        .expect("dark capacity chart");
    check_snapshot("capacity-dark", &dark);
    let pinned = fixed_run(SEED + 1);
    let compared = chart::chart_svg(
        &run,
        ChartKind::Throughput,
        Scope::System,
        Some(&pinned),
        Theme::Light,
    )
    .expect("compared throughput chart");
    check_snapshot("throughput-compared", &compared);
}

#[test]
fn dark_and_light_differ() {
    let run = fixed_run(SEED);
    let light = chart::chart_svg(&run, ChartKind::Latency, Scope::System, None, Theme::Light);
    let dark = chart::chart_svg(&run, ChartKind::Latency, Scope::System, None, Theme::Dark);
    let (light, dark) = (light.expect("light"), dark.expect("dark"));
    assert!(light.contains("fill=\"#FFFFFF\""));
    assert!(dark.contains("fill=\"#0F172A\""));
    assert_ne!(light, dark);
}

#[test]
fn system_series_have_values() {
    let run = fixed_run(SEED);
    for kind in ChartKind::ALL {
        let data = chart_data(&run, kind, Scope::System).expect("system charts apply");
        assert!(data.has_values(), "{}", kind.id());
        assert_eq!(data.x_s.len(), run.buckets.len());
        for s in &data.series {
            assert_eq!(
                s.values.len(),
                run.buckets.len(),
                "{} {}",
                kind.id(),
                s.name
            );
        }
        let first = &data.series[0];
        assert!(
            first.values.iter().flatten().any(|v| *v > 0.0),
            "{}: {} is all zero",
            kind.id(),
            first.name
        );
    }
}

/// The id of the template's Auto Scaling group.
fn asg(run: &Run) -> skydraft_core::design::ComponentId {
    run.components
        .iter()
        .find(|c| c.kind.contains("asg") || c.kind.contains("auto"))
        .map(|c| c.id)
        .expect("the default template has an Auto Scaling group")
}

#[test]
fn group_drill_down_shows_limits_and_target() {
    let run = fixed_run(SEED);
    let id = asg(&run);
    let cap = chart_data(&run, ChartKind::Capacity, Scope::Component(id)).expect("capacity");
    for name in ["min", "desired", "max"] {
        let s = cap.series.iter().find(|s| s.name == name).expect(name);
        assert_eq!(s.style, SeriesStyle::Limit);
        assert!(s.values.iter().all(Option::is_some), "{name}");
    }
    let max = &cap
        .series
        .iter()
        .find(|s| s.name == "max")
        .expect("max")
        .values;
    let min = &cap
        .series
        .iter()
        .find(|s| s.name == "min")
        .expect("min")
        .values;
    assert!(max[0] >= min[0]);
    let util = chart_data(&run, ChartKind::Utilization, Scope::Component(id)).expect("util");
    let target = util
        .series
        .iter()
        .find(|s| s.name == "scaling target")
        .expect("target line");
    assert!(
        target
            .values
            .iter()
            .flatten()
            .all(|v| *v > 0.0 && *v <= 100.0),
        "{target:?}"
    );
    assert!(target.values.iter().any(Option::is_some));
    assert!(chart_data(&run, ChartKind::Latency, Scope::Component(id)).is_none());
    let svg = chart::chart_svg(
        &run,
        ChartKind::Capacity,
        Scope::Component(id),
        None,
        Theme::Light,
    )
    .expect("drill-down svg");
    assert!(svg.contains("\ndesired\n"));
}

/// The x pixels of the vertical polylines of `colour` in an SVG.
fn vertical_lines(svg: &str, colour: &str) -> Vec<i32> {
    svg.split("<polyline")
        .filter(|el| el.contains(&format!("stroke=\"{colour}\"")))
        .filter_map(|el| {
            let pts = el.split("points=\"").nth(1)?.split('"').next()?;
            let xs: Vec<i32> = pts
                .split_whitespace()
                .filter_map(|p| p.split(',').next()?.parse().ok())
                .collect();
            (xs.len() == 2 && xs[0] == xs[1]).then(|| xs[0])
        })
        .collect()
}

#[test]
fn markers_sit_at_event_times_and_hover_finds_them() {
    let run = fixed_run(SEED);
    assert!(!run.log.is_empty(), "the run logs events");
    let data = chart_data(&run, ChartKind::Throughput, Scope::System).expect("throughput");
    assert_eq!(data.markers.len(), run.log.len());
    assert!(
        data.markers.iter().any(|m| m.kind == MarkerKind::Scaling),
        "the fixed run scales"
    );
    let svg = chart::svg(&data, Theme::Light).expect("svg");
    for kind in [MarkerKind::Failure, MarkerKind::Scaling, MarkerKind::Event] {
        let colour = format!("{:?}", Theme::Light.marker(kind));
        let RgbHex(hex) = RgbHex::of(Theme::Light.marker(kind));
        let drawn = vertical_lines(&svg, &hex);
        for m in data.markers.iter().filter(|m| m.kind == kind) {
            let x = layout::x_at(chart::CHART_SIZE.0, data.x_end(), m.t_s);
            assert!(
                drawn.contains(&(x as i32)),
                "{colour} marker at {} s (x {x}) not drawn: {drawn:?}",
                m.t_s
            );
            let h = hover(&data, chart::CHART_SIZE.0, x).expect("hover on a marker");
            assert!(
                h.start_s <= m.t_s + run.bucket_s * 0.01 && m.t_s < h.start_s + run.bucket_s * 1.01,
                "hover at {x} gave bucket {} for an event at {}",
                h.start_s,
                m.t_s
            );
        }
    }
}

/// A colour as plotters' SVG backend writes it: `#RRGGBB`.
struct RgbHex(String);

impl RgbHex {
    fn of(c: plotters::style::RGBColor) -> RgbHex {
        RgbHex(format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
    }
}

#[test]
fn hover_maps_pixels_to_buckets() {
    let run = fixed_run(SEED);
    let data = chart_data(&run, ChartKind::Latency, Scope::System).expect("latency");
    let w = chart::CHART_SIZE.0;
    let (left, right) = layout::plot_x_range(w);
    assert!(hover(&data, w, left - 1.0).is_none());
    assert!(hover(&data, w, right + 1.0).is_none());
    let first = hover(&data, w, left + 0.5).expect("first bucket");
    assert_eq!(first.bucket, 0);
    let last = hover(&data, w, right - 0.5).expect("last bucket");
    assert_eq!(last.bucket, run.buckets.len() - 1);
    let k = run.buckets.len() / 2;
    let x = layout::x_at(w, data.x_end(), run.buckets[k].start_s + run.bucket_s / 2.0);
    let h = hover(&data, w, x).expect("middle");
    assert_eq!(h.bucket, k);
    assert_eq!(h.values.len(), 3);
    assert_eq!(h.values[0].0, "p50");
    assert_eq!(h.values[0].1, format!("{:.1} ms", run.buckets[k].p50_ms));
}

#[test]
fn table_has_a_row_per_bucket() {
    let run = fixed_run(SEED);
    let data = chart_data(&run, ChartKind::Capacity, Scope::System).expect("capacity");
    let t = table(&data);
    assert_eq!(t.headers.first().map(String::as_str), Some("time"));
    assert_eq!(t.headers.last().map(String::as_str), Some("events"));
    assert_eq!(t.headers.len(), data.series.len() + 2);
    assert_eq!(t.rows.len(), run.buckets.len());
    assert!(t.rows.iter().all(|r| r.len() == t.headers.len()));
    assert_eq!(
        t.rows[1][0],
        skydraft_core::run::clock(run.buckets[1].start_s)
    );
    let with_events = t.rows.iter().filter(|r| !r[r.len() - 1].is_empty()).count();
    assert!(with_events > 0);
}

#[test]
fn totals_compare_with_deltas() {
    let a = fixed_run(SEED);
    let b = fixed_run(SEED + 1);
    let same = compare_totals(&a, &a);
    assert_eq!(same.len(), 6);
    assert!(same.iter().all(|d| d.delta == 0.0));
    let diff = compare_totals(&a, &b);
    let p95 = diff.iter().find(|d| d.name == "p95 latency").expect("p95");
    assert_eq!(p95.pinned, a.totals.p95_ms);
    assert_eq!(p95.current, b.totals.p95_ms);
    assert_eq!(p95.delta, b.totals.p95_ms - a.totals.p95_ms);
    let peak = diff
        .iter()
        .find(|d| d.name == "peak capacity")
        .expect("peak");
    assert!(peak.current >= 1.0);
    assert!(diff.iter().any(|d| d.delta != 0.0));
    let cost = diff.iter().find(|d| d.name == "cost").expect("cost");
    assert!(cost.delta_text().starts_with(['+', '-', '±']));
}

#[test]
fn user_labels_never_become_markup() {
    let mut run = fixed_run(SEED);
    for c in &mut run.components {
        c.label = "<script>alert(1)</script>".to_owned();
    }
    for kind in [ChartKind::Utilization, ChartKind::CostRate] {
        let svg = chart::chart_svg(&run, kind, Scope::System, None, Theme::Light).expect("svg");
        assert!(!svg.contains("<script"), "{}", kind.id());
        assert!(svg.contains("&lt;script&gt;"), "{}", kind.id());
    }
}
