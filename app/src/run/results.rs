//! The Results tab: totals, the charts (whole design or one component) with
//! values on hover and a table alternative, CSV download, the replay controls
//! and the event log.

use std::fmt::Write as _;
use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::chart;
use skydraft_core::design::ComponentId;
use skydraft_core::run::Run;

use super::log::EventLog;
use super::replay::ReplayBar;
use super::{RunCtx, RunState, text};
use crate::state::{Editor, Tone};

/// One chart of a run: its picture and the numbers behind it.
#[derive(Debug, PartialEq)]
pub(super) struct Chart {
    /// Stable id (`latency`, `traffic`, …).
    pub id: &'static str,
    /// Title on the tab.
    pub title: &'static str,
    /// Unit of the values.
    pub unit: &'static str,
    /// Series names, in column order.
    pub names: Vec<&'static str>,
    /// One row per bucket: start in s and a value per series.
    pub rows: Vec<(f64, Vec<f64>)>,
    /// The picture: SVG markup made of numbers and fixed words, or a note.
    pub svg: String,
    /// Plot area's left and right edges and the picture's width, in SVG units.
    pub plot: (f64, f64, f64),
}

/// End of the time axis: the end of the last bucket.
pub(super) fn x_end(run: &Run) -> f64 {
    run.buckets
        .iter()
        .map(|b| b.start_s + run.bucket_s)
        .fold(run.duration_s.max(1.0), f64::max)
}

fn mine(
    id: &'static str,
    title: &'static str,
    unit: &'static str,
    names: Vec<&'static str>,
    rows: Vec<(f64, Vec<f64>)>,
    x_end: f64,
) -> Chart {
    let series: Vec<(&str, Vec<(f64, f64)>)> = (0..names.len())
        .map(|k| {
            (
                ["s0", "s1", "s2"][k.min(2)],
                rows.iter().map(|r| (r.0, r.1[k])).collect(),
            )
        })
        .collect();
    let svg = text::lines_svg(&series, x_end, 170.0, "");
    Chart {
        id,
        title,
        unit,
        names,
        rows,
        svg,
        plot: (text::PLOT.0, text::PLOT.1, text::W),
    }
}

/// The charts of the whole design, or of one component.
pub(super) fn charts(run: &Run, comp: Option<ComponentId>, width: u32) -> Vec<Chart> {
    let end = x_end(run);
    let per_s = |n: u64| n as f64 / run.bucket_s.max(1e-9);
    let Some(id) = comp else {
        let lat_rows = run
            .buckets
            .iter()
            .map(|b| (b.start_s, vec![b.p50_ms, b.p95_ms, b.p99_ms]))
            .collect();
        let svg = chart::latency_svg(run, width, 240).unwrap_or_else(|e| {
            format!(
                "<p class=\"chart-note\">{}</p>",
                crate::state::sentence(&e.to_string())
            )
        });
        let latency = Chart {
            id: "latency",
            title: "Latency",
            unit: "ms",
            names: vec!["p50", "p95", "p99"],
            rows: lat_rows,
            svg,
            plot: (68.0, f64::from(width) - 12.0, f64::from(width)),
        };
        let traffic = run
            .buckets
            .iter()
            .map(|b| {
                (
                    b.start_s,
                    vec![
                        per_s(b.requests),
                        per_s(b.completions),
                        per_s(b.errors.total()),
                    ],
                )
            })
            .collect();
        let cost = run
            .buckets
            .iter()
            .map(|b| {
                (
                    b.start_s,
                    vec![b.cost_usd / run.bucket_s.max(1e-9) * 3600.0],
                )
            })
            .collect();
        return vec![
            latency,
            mine(
                "traffic",
                "Requests & errors",
                "/s",
                vec!["sent", "served", "errors"],
                traffic,
                end,
            ),
            mine("cost", "Cost rate", "$/h", vec!["cost"], cost, end),
        ];
    };
    let Some(s) = run.series_of(id) else {
        return Vec::new();
    };
    let t = |k: usize| {
        run.buckets
            .get(k)
            .map_or(k as f64 * run.bucket_s, |b| b.start_s)
    };
    let rows = |f: &dyn Fn(&skydraft_core::run::ComponentPoint) -> Vec<f64>| {
        s.points
            .iter()
            .enumerate()
            .map(|(k, p)| (t(k), f(p)))
            .collect::<Vec<_>>()
    };
    let mut out = vec![
        mine(
            "load",
            "Load",
            "%",
            vec!["workers busy", "CPU"],
            rows(&|p| vec![p.utilization * 100.0, p.cpu * 100.0]),
            end,
        ),
        mine(
            "requests",
            "Requests",
            "/s",
            vec!["arrived", "refused", "failed"],
            rows(&|p| vec![per_s(p.requests), per_s(p.rejections), per_s(p.failures)]),
            end,
        ),
        mine(
            "queue",
            "Queue",
            "",
            vec!["waiting", "inside"],
            rows(&|p| vec![p.queue_len, p.in_flight]),
            end,
        ),
    ];
    let inst = rows(&|p| {
        let i = &p.instances;
        vec![
            f64::from(i.in_service),
            f64::from(i.pending),
            f64::from(i.draining + i.terminating),
        ]
    });
    if inst.iter().any(|r| r.1.iter().any(|v| *v > 0.0)) {
        out.insert(
            1,
            mine(
                "instances",
                "Instances",
                "",
                vec!["in service", "launching", "leaving"],
                inst,
                end,
            ),
        );
    }
    out.push(mine(
        "cost",
        "Cost rate",
        "$/h",
        vec!["cost"],
        rows(&|p| vec![p.cost_per_hour]),
        end,
    ));
    out
}

fn fmt(v: f64) -> String {
    if v.abs() >= 100.0 || v == 0.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
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

/// A chart's numbers as an accessible table.
fn table_html(c: &Chart, bucket_s: f64) -> String {
    let mut o = format!(
        "<table class=\"data\" data-testid=\"chart-table\"><caption>{} per {bucket_s} s bucket{}</caption>\
         <thead><tr><th scope=\"col\">Time</th>",
        c.title,
        if c.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.unit)
        }
    );
    for n in &c.names {
        let _ = write!(o, "<th scope=\"col\">{n}</th>");
    }
    o.push_str("</tr></thead><tbody>");
    for (t, v) in &c.rows {
        let _ = write!(o, "<tr><th scope=\"row\">{}</th>", text::dur(*t));
        for x in v {
            let _ = write!(o, "<td>{}</td>", fmt(*x));
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table>");
    o
}

/// One chart with its hover read-out, the replay moment and its table.
#[component]
fn ChartView(chart: Arc<Chart>, end: f64, bucket_s: f64) -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let table = RwSignal::new(false);
    let hover = RwSignal::new(None::<(usize, f64)>);
    let c = Arc::clone(&chart);
    let frac_of = move |t: f64| {
        let (l, r, w) = c.plot;
        (l + (r - l) * (t / end).clamp(0.0, 1.0)) / w * 100.0
    };
    let c = Arc::clone(&chart);
    let on_move = move |ev: web_sys::MouseEvent| {
        let Some(el) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let (l, rt, w) = c.plot;
        let x = (f64::from(ev.client_x()) - r.left()) / r.width().max(1.0) * w;
        let t = (x - l) / (rt - l) * end;
        if !(0.0..=end).contains(&t) || c.rows.is_empty() {
            hover.set(None);
            return;
        }
        let k = ((t / bucket_s.max(1e-9)) as usize).min(c.rows.len() - 1);
        hover.set(Some((
            k,
            (f64::from(ev.client_x()) - r.left()) / r.width().max(1.0) * 100.0,
        )));
    };
    let c = Arc::clone(&chart);
    let tip = move || {
        hover.get().and_then(|(k, left)| {
            let (t, vals) = c.rows.get(k)?;
            let mut o = format!("<div class=\"tip\" data-testid=\"chart-tip\" style=\"left:{left:.1}%\"><strong>{}</strong>", text::dur(*t));
            for (n, v) in c.names.iter().zip(vals) {
                let _ = write!(o, "<span>{n}: {} {}</span>", fmt(*v), c.unit);
            }
            o.push_str("</div>");
            Some(o)
        })
    };
    let moment = move || {
        ctx.moment
            .get()
            .map(|t| view! { <div class="moment" style=format!("left:{:.2}%", frac_of(t)) /> })
    };
    let c = Arc::clone(&chart);
    let testid = if chart.id == "latency" {
        "latency-chart".to_owned()
    } else {
        format!("chart-{}", chart.id)
    };
    let title = chart.title;
    view! {
        <div class="chart-box">
            <div class="chart-tools">
                <label class="table-toggle">
                    <input type="checkbox" data-testid="table-toggle" prop:checked=move || table.get()
                        on:change=move |ev| table.set(event_target_checked(&ev)) />" Table"
                </label>
            </div>
            <div class="chart" data-testid=testid data-chart=chart.id role="img" aria-label=title
                on:mousemove=on_move on:mouseleave=move |_| hover.set(None)
                inner_html=chart.svg.clone() />
            <div class="chart-over">{moment}<div inner_html=move || tip().unwrap_or_default() /></div>
            <Show when=move || table.get()>
                <div class="table-wrap" inner_html=table_html(&c, bucket_s) />
            </Show>
        </div>
    }
}

/// The Results tab.
#[component]
pub fn Results() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let editor = Editor::get();
    let comp = RwSignal::new(None::<ComponentId>);
    let pick = RwSignal::new(0_usize);
    let body = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(760_u32);
    Effect::new(move |_| {
        if let Some(el) = body.get() {
            // The side column takes up to 340 px beside the charts on wide screens.
            let full = el.client_width();
            let side = if full > 1100 { 340 } else { 0 };
            let w = u32::try_from(full - side - 30).unwrap_or(0);
            if w >= chart::MIN_SIZE.0 {
                width.set(w.min(1400));
            }
        }
    });
    let all = Memo::new(move |_| {
        ctx.run().map(|r| {
            Arc::new(
                charts(&r, comp.get(), width.get())
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
                    .filter(|c| c.kind != "users")
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
                &text::run_csv(&run),
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
        <div class="results" node_ref=body data-testid="results">
            {move || match ctx.state.get() {
                RunState::Done(run) => {
                    let end = x_end(&run);
                    let bucket_s = run.bucket_s;
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
                                        <button role="tab" class="tab small" data-testid=format!("chart-tab-{}", c.id)
                                            aria-selected=move || (pick.get() == i).to_string()
                                            on:click=move |_| pick.set(i)>{c.title}</button>
                                    }).collect_view())}
                                </div>
                            </div>
                            {move || all.get().and_then(|cs| cs.get(pick.get()).or(cs.first()).cloned())
                                .map(|c| view! { <ChartView chart=c end bucket_s /> })}
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
