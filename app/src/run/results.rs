//! The Results tab: totals, the charts (whole design or one component) with
//! values on hover and a table alternative, CSV download, the replay controls
//! and the event log. The chart itself is in [`chart_view`].

mod chart_view;

use skydraft_core::catalog::Kind;
use std::fmt::Write as _;
use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::chart::{self, ChartData, ChartKind, Scope};
use skydraft_core::design::ComponentId;
use skydraft_core::run::{ErrorCause, Run};

use super::log::EventLog;
use super::replay::ReplayBar;
use super::text::esc;
use super::{RunCtx, RunState};
use crate::state::{Editor, Tone};
use chart_view::ChartView;

/// The charts of a run for a scope, each with the pinned run overlaid when
/// there is one: every chart of core's that applies and has values.
pub(super) fn charts(run: &Run, scope: Scope, pinned: Option<&Run>) -> Vec<ChartData> {
    ChartKind::ALL
        .iter()
        .filter_map(|k| {
            let mut d = chart::chart_data(run, *k, scope)?;
            if let Some(p) = pinned.and_then(|p| chart::chart_data(p, *k, scope)) {
                d.overlay(&p);
            }
            d.has_values().then_some(d)
        })
        .collect()
}

/// The totals of a run, whole design.
pub(super) fn totals_rows(run: &Run) -> Vec<(&'static str, String, f64)> {
    let t = &run.totals;
    let errs = t.errors.total();
    let pct = if t.requests > 0 {
        errs as f64 * 100.0 / t.requests as f64
    } else {
        0.0
    };
    vec![
        ("Requests", t.requests.to_string(), t.requests as f64),
        ("Errors", format!("{errs} ({pct:.2}%)"), errs as f64),
        ("p50", format!("{:.0} ms", t.p50_ms), t.p50_ms),
        ("p95", format!("{:.0} ms", t.p95_ms), t.p95_ms),
        ("p99", format!("{:.0} ms", t.p99_ms), t.p99_ms),
        ("Cost", format!("${:.2}", t.cost_usd), t.cost_usd),
    ]
}

/// The run's errors by cause, each named ("12 Database failover (90 s)"),
/// most frequent first.
pub(super) fn errors_by_cause(run: &Run) -> String {
    let e = &run.totals.errors;
    let mut causes: Vec<(u64, String)> = ErrorCause::ALL
        .iter()
        .map(|c| (c.count(e), c.label(run)))
        .filter(|c| c.0 > 0)
        .collect();
    causes.sort_by_key(|c| std::cmp::Reverse(c.0));
    causes
        .iter()
        .map(|(n, name)| format!("{n} {name}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The totals cards as HTML (numbers and fixed words only).
fn totals_html(run: &Run, comp: Option<ComponentId>) -> String {
    let cards: Vec<(&'static str, String)> = match comp.and_then(|c| run.component(c)) {
        None => {
            let e = &run.totals.errors;
            let mut v: Vec<_> = totals_rows(run).into_iter().map(|r| (r.0, r.1)).collect();
            if e.total() > 0 {
                v.push(("Errors by cause", esc(&errors_by_cause(run))));
            }
            v
        }
        Some(c) => vec![
            ("Requests", c.requests.to_string()),
            ("Served", c.completions.to_string()),
            ("Refused", c.rejections.to_string()),
            ("Failed", c.failures.to_string()),
            ("Busy", format!("{:.0}%", c.utilization * 100.0)),
            ("Time inside", format!("{:.0} ms", c.mean_time_ms)),
            ("Cost", format!("${:.2}", c.cost_usd)),
        ],
    };
    let mut o = String::new();
    for (k, v) in cards {
        let _ = write!(
            o,
            "<div class=\"total\"><dt>{k}</dt><dd data-total=\"{k}\">{v}</dd></div>"
        );
    }
    o
}

/// The name on a chart's tab.
fn short_title(k: ChartKind) -> &'static str {
    match k {
        ChartKind::Latency => "Latency",
        ChartKind::Throughput => "Throughput & errors",
        ChartKind::Capacity => "Capacity",
        ChartKind::Utilization => "Utilization",
        ChartKind::Queue => "Queue",
        ChartKind::CostRate => "Cost rate",
        ChartKind::CumulativeCost => "Total cost",
    }
}

/// The charts of the current run for the chosen component (or the whole
/// design), with the pinned run overlaid.
type ChartList = Memo<Option<Arc<Vec<Arc<ChartData>>>>>;

/// The chart list, following the run, the pinned run and the chosen scope.
fn chart_list(ctx: RunCtx, comp: RwSignal<Option<ComponentId>>) -> ChartList {
    Memo::new(move |_| {
        let scope = comp.get().map_or(Scope::System, Scope::Component);
        let pinned = ctx.pinned.get();
        ctx.run().map(|r| {
            Arc::new(
                charts(&r, scope, pinned.as_ref().map(|p| p.1.as_ref()))
                    .into_iter()
                    .map(Arc::new)
                    .collect::<Vec<_>>(),
            )
        })
    })
}

/// The choices of what the charts show: the whole design, then each
/// component but the users, as (value, label).
fn drill_options(run: &Run) -> Vec<(String, String)> {
    let mut opts = vec![(
        String::new(),
        "Whole design (as the users see it)".to_owned(),
    )];
    opts.extend(
        run.components
            .iter()
            .filter(|c| c.kind != Kind::Users.id())
            .map(|c| (c.id.0.to_string(), c.label.clone())),
    );
    opts
}

/// Downloads every metric bucket of the current run as CSV.
fn download_csv(ctx: RunCtx, editor: Editor) {
    if let Some(run) = ctx.run() {
        let name = editor
            .design
            .with_untracked(|d| crate::export::file_stem(&d.name));
        if let Err(e) = crate::export::download(
            &format!("{name}-run.csv"),
            "text/csv",
            &skydraft_core::run::csv::to_csv(&run),
        ) {
            editor.notify(e, Tone::Error);
        }
    }
}

/// Keeps the current run to compare with the next one.
fn pin_run(ctx: RunCtx, editor: Editor) {
    if let Some(run) = ctx.run() {
        let name = editor.design.with_untracked(|d| d.name.clone());
        ctx.pinned.set(Some((name, run)));
        editor.notify(
            "Run pinned. Change the design or scenario, run again, then open Compare.",
            Tone::Info,
        );
    }
}

/// The select of what the charts show; choosing starts again at the first chart.
#[component]
fn DrillSelect(
    /// The run shown.
    run: Arc<Run>,
    /// The chosen component (none: the whole design).
    comp: RwSignal<Option<ComponentId>>,
    /// The chosen chart.
    pick: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <select data-testid="drill" aria-label="Show the charts of" on:change=move |ev| {
            pick.set(0);
            comp.set(event_target_value(&ev).parse().ok().map(ComponentId));
        }>
            {drill_options(&run).into_iter().map(|(v, n)| {
                let sel = comp.get_untracked().map(|c| c.0.to_string()).unwrap_or_default() == v;
                view! { <option value=v selected=sel>{n}</option> }
            }).collect_view()}
        </select>
    }
}

/// The tabs naming each chart.
#[component]
fn ChartTabs(
    /// The charts.
    all: ChartList,
    /// The chosen chart.
    pick: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <div class="chart-tabs" role="tablist">
            {move || all.get().map(|cs| cs.iter().enumerate().map(|(i, c)| view! {
                <button role="tab" class="tab small" data-testid=format!("chart-tab-{}", c.kind.id())
                    aria-selected=move || (pick.get() == i).to_string()
                    on:click=move |_| pick.set(i)>{short_title(c.kind)}</button>
            }).collect_view())}
        </div>
    }
}

/// Beside the charts: Pin and CSV, the totals and the event log.
#[component]
fn RunSide(
    /// The run shown.
    run: Arc<Run>,
    /// The chosen component (none: the whole design).
    comp: RwSignal<Option<ComponentId>>,
) -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let editor = Editor::get();
    let totals = Arc::clone(&run);
    view! {
        <aside class="res-side">
            <div class="side-tools">
                <button class="btn small" data-testid="pin-run" title="Keep this run to compare with the next one" on:click=move |_| pin_run(ctx, editor)>"Pin for compare"</button>
                <button class="btn small" data-testid="download-csv" title="Every metric bucket of the run as CSV" on:click=move |_| download_csv(ctx, editor)>"Download CSV"</button>
            </div>
            <dl class="totals" data-testid="totals" inner_html=move || totals_html(&totals, comp.get()) />
            <EventLog run=run />
        </aside>
    }
}

/// The results of a finished run.
#[component]
fn RunResults(
    /// The run shown.
    run: Arc<Run>,
    /// The chosen component (none: the whole design).
    comp: RwSignal<Option<ComponentId>>,
    /// The chosen chart.
    pick: RwSignal<usize>,
    /// The charts for the chosen component.
    all: ChartList,
) -> impl IntoView {
    view! {
        <div class="res-main">
            <ReplayBar run=Arc::clone(&run) />
            <div class="res-tools">
                <DrillSelect run=Arc::clone(&run) comp pick />
                <ChartTabs all pick />
            </div>
            {move || all.get().and_then(|cs| cs.get(pick.get()).or(cs.first()).cloned())
                .map(|c| view! { <ChartView data=c /> })}
        </div>
        <RunSide run comp />
    }
}

/// The Results tab.
#[component]
pub fn Results() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    // Kept across runs: a new run shows the same component and chart.
    let comp = RwSignal::new(None::<ComponentId>);
    let pick = RwSignal::new(0_usize);
    let all = chart_list(ctx, comp);
    view! {
        <div class="results" data-testid="results">
            {move || match ctx.state.get() {
                RunState::Done(run) => view! { <RunResults run comp pick all /> }.into_any(),
                RunState::Running { .. } => view! { <p class="res-empty">"Running… the charts appear when the run ends. The page stays usable meanwhile."</p> }.into_any(),
                _ => view! { <p class="res-empty">"No results yet. Choose a scenario (or a preset) in the Scenario tab and press Run."</p> }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::run::{ComponentSummary, Errors};

    #[test]
    fn errors_by_cause_name_the_cause_most_frequent_first() {
        let mut run = Run::default();
        run.components.push(ComponentSummary {
            failover_s: Some(90.0),
            ..ComponentSummary::default()
        });
        run.totals.errors = Errors {
            database: 12,
            instance_lost: 3,
            throttled: 40,
            ..Errors::default()
        };
        assert_eq!(
            errors_by_cause(&run),
            "40 Throttled by a rate limit (429), 12 Database failover (90 s), 3 Instance failed"
        );
    }
}
