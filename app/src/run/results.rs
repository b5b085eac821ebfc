//! The Results tab: totals, the charts (whole design or one component) with
//! values on hover and a table alternative, CSV download, the replay controls
//! and the event log.

use skydraft_core::catalog::Kind;
use std::fmt::Write as _;
use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::chart::{self, CHART_SIZE, ChartData, ChartKind, Scope};
use skydraft_core::design::ComponentId;
use skydraft_core::run::Run;

use super::log::EventLog;
use super::replay::ReplayBar;
use super::text::esc;
use super::{RunCtx, RunState};
use crate::state::{Editor, Tone};
use crate::theme::ThemeCtx;

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

/// The totals cards as HTML (numbers and fixed words only).
fn totals_html(run: &Run, comp: Option<ComponentId>) -> String {
    let cards: Vec<(&'static str, String)> = match comp.and_then(|c| run.component(c)) {
        None => {
            let e = &run.totals.errors;
            let mut v: Vec<_> = totals_rows(run).into_iter().map(|r| (r.0, r.1)).collect();
            if e.total() > 0 {
                let causes = [
                    ("no healthy target", e.no_healthy_target),
                    ("timed out", e.timed_out),
                    ("rejected", e.rejected),
                    ("throttled", e.throttled),
                    ("failed", e.failed),
                ]
                .iter()
                .filter(|c| c.1 > 0)
                .map(|c| format!("{} {}", c.1, c.0))
                .collect::<Vec<_>>()
                .join(", ");
                v.push(("Errors by cause", causes));
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

/// A chart's numbers as an accessible table (cells escaped: event lines hold labels).
fn table_html(d: &ChartData) -> String {
    let t = chart::table(d);
    let mut o = format!(
        "<table class=\"data\" data-testid=\"chart-table\"><caption>{}: {}</caption><thead><tr>",
        d.kind.title(),
        d.kind.y_desc()
    );
    for h in &t.headers {
        let _ = write!(o, "<th scope=\"col\">{}</th>", esc(h));
    }
    o.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        o.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(o, "<th scope=\"row\">{}</th>", esc(c));
            } else {
                let _ = write!(o, "<td>{}</td>", esc(c));
            }
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table>");
    o
}

/// One chart with its hover read-out, the replay moment and its table.
#[component]
fn ChartView(data: Arc<ChartData>) -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let table = RwSignal::new(false);
    let hover = RwSignal::new(None::<(chart::Hover, f64)>);
    let width = CHART_SIZE.0;
    let end = data.x_end();
    let d = Arc::clone(&data);
    let on_move = move |ev: web_sys::MouseEvent| {
        let Some(el) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let frac = (f64::from(ev.client_x()) - r.left()) / r.width().max(1.0);
        hover.set(chart::hover(&d, width, frac * f64::from(width)).map(|h| (h, frac * 100.0)));
    };
    let tip = move || {
        hover.with(|h| {
            h.as_ref().map(|(h, left)| {
                let mut o = format!(
                    "<div class=\"tip\" data-testid=\"chart-tip\" style=\"left:{left:.1}%\"><strong>{}</strong>",
                    h.time
                );
                for (n, v) in &h.values {
                    let _ = write!(o, "<span>{}: {}</span>", esc(n), esc(v));
                }
                for e in &h.events {
                    let _ = write!(o, "<em>{}</em>", esc(e));
                }
                o.push_str("</div>");
                o
            })
        })
    };
    let moment = move || {
        ctx.moment.get().map(|t| {
            let x = chart::layout::x_at(width, end, t) / f64::from(width) * 100.0;
            view! { <div class="moment" style=format!("left:{x:.2}%") /> }
        })
    };
    // Drawn again in the page's colours whenever the theme changes.
    let theme = ThemeCtx::get();
    let drawn = Arc::clone(&data);
    let svg = move || {
        chart::svg(&drawn, theme.effective()).unwrap_or_else(|e| {
            format!(
                "<p class=\"chart-note\">{}</p>",
                crate::state::sentence(&e.to_string())
            )
        })
    };
    let testid = if data.kind == ChartKind::Latency {
        "latency-chart".to_owned()
    } else {
        format!("chart-{}", data.kind.id())
    };
    let title = data.kind.title();
    let d = Arc::clone(&data);
    view! {
        <div class="chart-box">
            <div class="chart-tools">
                <label class="table-toggle">
                    <input type="checkbox" data-testid="table-toggle" prop:checked=move || table.get()
                        on:change=move |ev| table.set(event_target_checked(&ev)) />" Table"
                </label>
            </div>
            <div class="chart" data-testid=testid data-chart=data.kind.id() role="img" aria-label=title
                on:mousemove=on_move on:mouseleave=move |_| hover.set(None)
                inner_html=svg />
            <div class="chart-over">{moment}<div inner_html=move || tip().unwrap_or_default() /></div>
            <Show when=move || table.get()>
                <div class="table-wrap" inner_html=table_html(&d) />
            </Show>
        </div>
    }
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

/// The Results tab.
#[component]
pub fn Results() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let editor = Editor::get();
    let comp = RwSignal::new(None::<ComponentId>);
    let pick = RwSignal::new(0_usize);
    let all = Memo::new(move |_| {
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
    });
    let components = move || {
        ctx.run().map(|r| {
            let mut opts = vec![(
                String::new(),
                "Whole design (as the users see it)".to_owned(),
            )];
            opts.extend(
                r.components
                    .iter()
                    .filter(|c| c.kind != Kind::Users.id())
                    .map(|c| (c.id.0.to_string(), c.label.clone())),
            );
            opts
        })
    };
    let csv = move |_| {
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
    };
    let pin = move |_| {
        if let Some(run) = ctx.run() {
            let name = editor.design.with_untracked(|d| d.name.clone());
            ctx.pinned.set(Some((name, run)));
            editor.notify(
                "Run pinned. Change the design or scenario, run again, then open Compare.",
                Tone::Info,
            );
        }
    };
    view! {
        <div class="results" data-testid="results">
            {move || match ctx.state.get() {
                RunState::Done(run) => {
                    let run2 = Arc::clone(&run);
                    view! {
                        <div class="res-main">
                            <ReplayBar run=Arc::clone(&run) />
                            <div class="res-tools">
                                <select data-testid="drill" aria-label="Show the charts of" on:change=move |ev| {
                                    pick.set(0);
                                    comp.set(event_target_value(&ev).parse().ok().map(ComponentId));
                                }>
                                    {components().unwrap_or_default().into_iter().map(|(v, n)| {
                                        let sel = comp.get_untracked().map(|c| c.0.to_string()).unwrap_or_default() == v;
                                        view! { <option value=v selected=sel>{n}</option> }
                                    }).collect_view()}
                                </select>
                                <div class="chart-tabs" role="tablist">
                                    {move || all.get().map(|cs| cs.iter().enumerate().map(|(i, c)| view! {
                                        <button role="tab" class="tab small" data-testid=format!("chart-tab-{}", c.kind.id())
                                            aria-selected=move || (pick.get() == i).to_string()
                                            on:click=move |_| pick.set(i)>{short_title(c.kind)}</button>
                                    }).collect_view())}
                                </div>
                            </div>
                            {move || all.get().and_then(|cs| cs.get(pick.get()).or(cs.first()).cloned())
                                .map(|c| view! { <ChartView data=c /> })}
                        </div>
                        <aside class="res-side">
                            <div class="side-tools">
                                <button class="btn small" data-testid="pin-run" title="Keep this run to compare with the next one" on:click=pin>"Pin for compare"</button>
                                <button class="btn small" data-testid="download-csv" title="Every metric bucket of the run as CSV" on:click=csv>"Download CSV"</button>
                            </div>
                            <dl class="totals" data-testid="totals" inner_html=move || totals_html(&run2, comp.get()) />
                            <EventLog run=Arc::clone(&run) />
                        </aside>
                    }
                    .into_any()
                }
                RunState::Running { .. } => view! { <p class="res-empty">"Running… the charts appear when the run ends. The page stays usable meanwhile."</p> }.into_any(),
                _ => view! { <p class="res-empty">"No results yet. Choose a scenario (or a preset) in the Scenario tab and press Run."</p> }.into_any(),
            }}
        </div>
    }
}
