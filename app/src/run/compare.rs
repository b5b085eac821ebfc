//! Compare: a pinned run beside the latest one, with the difference in totals
//! and their latency charts side by side.

use std::fmt::Write as _;

use leptos::prelude::*;
use skydraft_core::chart::{self, Theme};
use skydraft_core::run::Run;

use super::results::totals_rows;
use super::text::esc;
use super::{RunCtx, text};
use crate::theme::ThemeCtx;

/// A run's latency chart, 560×220, in `theme`.
fn latency(r: &Run, theme: Theme) -> String {
    chart::latency_svg(r, theme, 560, 220).unwrap_or_else(|e| {
        format!(
            "<p class=\"chart-note\">{}</p>",
            crate::state::sentence(&e.to_string())
        )
    })
}

/// The warning above a comparison of runs that differ in duration or
/// traffic, as HTML; empty when they compare like for like.
fn warning_html(pinned: &Run, now: &Run) -> String {
    chart::runs_differ(pinned, now).map_or_else(String::new, |w| {
        format!(
            "<p class=\"compare-warn\" data-testid=\"compare-warning\" role=\"note\">{}</p>",
            esc(&w)
        )
    })
}

/// The comparison as HTML: a warning when the runs differ in what they
/// were asked, totals with their change, both latency charts.
fn compare_html(name: &str, pinned: &Run, now: &Run, theme: Theme) -> String {
    let mut o = warning_html(pinned, now);
    o.push_str(
        "<table class=\"data diff\" data-testid=\"compare-table\"><caption>Totals: pinned run \
         against the latest</caption><thead><tr><th></th><th scope=\"col\">Pinned</th>\
         <th scope=\"col\">Latest</th><th scope=\"col\">Change</th></tr></thead><tbody>",
    );
    for (a, b) in totals_rows(pinned).into_iter().zip(totals_rows(now)) {
        let _ = write!(
            o,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"delta\">{}</td></tr>",
            a.0,
            a.1,
            b.1,
            text::delta(a.2, b.2)
        );
    }
    let _ = write!(
        o,
        "</tbody></table><div class=\"side-by-side\"><figure><figcaption>Pinned: {}</figcaption>\
         <div class=\"chart\" data-testid=\"compare-pinned\">{}</div></figure><figure>\
         <figcaption>Latest run</figcaption><div class=\"chart\" data-testid=\"compare-latest\">{}\
         </div></figure></div>",
        esc(name),
        latency(pinned, theme),
        latency(now, theme)
    );
    o
}

/// The Compare tab.
#[component]
pub fn Compare() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let theme = ThemeCtx::get();
    let body = move || {
        match (ctx.pinned.get(), ctx.run()) {
        (None, _) => "<p class=\"res-empty\" data-testid=\"compare-empty\">Nothing pinned yet. After \
                      a run, press “Pin for compare” in Results, change the design or the scenario, \
                      run again, and both runs appear here side by side.</p>"
            .to_owned(),
        (Some((name, _)), None) => format!(
            "<p class=\"res-empty\">Pinned: a run of “{}”. Run again to compare with it.</p>",
            esc(&name)
        ),
        (Some((name, pinned)), Some(now)) => compare_html(&name, &pinned, &now, theme.effective()),
    }
    };
    let arch = crate::compare::CompareCtx::get();
    view! {
        <div class="compare" data-testid="compare">
            <div class="arch-entry">
                <button class="btn" data-testid="open-arch-compare" aria-haspopup="dialog"
                    on:click=move |_| arch.open.set(true)>"Compare architectures\u{2026}"</button>
                <span class="muted">"Several designs under one workload, an AZ outage and a spike, in one table."</span>
            </div>
            <div inner_html=body />
            <Show when=move || ctx.pinned.with(Option::is_some)>
                <button class="btn small" data-testid="unpin" on:click=move |_| ctx.pinned.set(None)>"Unpin"</button>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_different_lengths_are_flagged_above_the_totals() {
        let t = skydraft_core::template::get("alb-asg").expect("template");
        let run = |s: f64| {
            let sc = skydraft_core::scenario::Scenario {
                duration_s: s,
                ..t.scenario.clone()
            };
            skydraft_core::sim::run(&t.design, &sc).expect("runs")
        };
        let (short, long) = (run(120.0), run(300.0));
        assert_eq!(warning_html(&short, &short), "");
        let html = compare_html("pinned", &long, &short, Theme::Light);
        assert!(
            html.starts_with(
                "<p class=\"compare-warn\" data-testid=\"compare-warning\" role=\"note\">\
                 These runs differ: duration 5 min vs 2 min"
            ),
            "{html}"
        );
    }
}
