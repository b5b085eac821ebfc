//! One chart of the Results tab: the drawing in the page's colours, the
//! values under the pointer, the replay moment, and the same numbers as a
//! table.

use std::fmt::Write as _;
use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::chart::{self, CHART_SIZE, ChartData, ChartKind};

use crate::run::RunCtx;
use crate::run::text::esc;
use crate::theme::ThemeCtx;

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

/// The read-out of the values under the pointer, `left` percent across the
/// chart, as HTML (cells escaped: series and event lines hold labels).
fn tip_html(h: &chart::Hover, left: f64) -> String {
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
}

/// One chart with its hover read-out, the replay moment and its table.
#[component]
pub(super) fn ChartView(
    /// The chart drawn.
    data: Arc<ChartData>,
) -> impl IntoView {
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
    let tip = move || hover.with(|h| h.as_ref().map(|(h, left)| tip_html(h, *left)));
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
