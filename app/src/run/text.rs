//! Words and numbers of the run view: durations, plain explanations of why a
//! run cannot start, escaping, and the rate preview drawn without plotters. Pure functions, tested natively.

use skydraft_core::catalog::Kind;
use std::fmt::Write as _;

use skydraft_core::design::Design;
use skydraft_core::scenario::Scenario;
use skydraft_core::sim::SimError;

/// A duration as `m:ss`, or `h:mm:ss` from an hour up: core's format, the
/// one the charts' time axes use too.
#[must_use]
pub fn dur(t_s: f64) -> String {
    skydraft_core::run::mmss(t_s)
}

/// "12:30 of 1:00:00 simulated".
#[must_use]
pub fn sim_progress(now_s: f64, duration_s: f64) -> String {
    format!("{} of {} simulated", dur(now_s), dur(duration_s))
}

/// Why a run cannot start or stopped, and what to do about it: (what, fix).
#[must_use]
pub fn explain(e: &SimError) -> (String, &'static str) {
    let fix = match e {
        SimError::NoTraffic => {
            "Drag Users from the palette and connect it to the first component requests reach."
        }
        SimError::Refused { .. } => {
            "Click the red count in the status line to see each error and its fix."
        }
        SimError::Invalid { .. } => "Change the link or setting named above, then run again.",
        SimError::Unsupported { .. } => {
            "Take it out of the request path, or use a component the simulator models."
        }
        SimError::BadScenario { .. } => "Change it in the Scenario tab, then run again.",
        SimError::TooManyEvents { .. } => {
            "Shorten the scenario's duration or lower the Users' request rate, then run again."
        }
        SimError::TooManyInFlight { .. } => {
            "Add capacity (more or larger instances) or lower the request rate."
        }
        _ => "Change the design or the scenario, then run again.",
    };
    (crate::state::sentence(&e.to_string()), fix)
}

/// The total request rate the design's Users send at `t_s`, requests/s.
#[must_use]
pub fn rate_at(design: &Design, sc: &Scenario, t_s: f64) -> f64 {
    design
        .components
        .iter()
        .filter(|c| c.is(Kind::Users))
        .map(|c| c.number("rate") * sc.factor(c.id, t_s))
        .sum()
}

/// Escapes text for HTML content and attribute values.
#[must_use]
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Geometry of the small charts drawn by [`lines_svg`]: plot area left and
/// right edges within a width of [`W`].
pub const PLOT: (f64, f64) = (44.0, 592.0);
/// Width of [`lines_svg`]'s view box.
pub const W: f64 = 600.0;

/// A small line chart as SVG markup (numbers and fixed words only): each
/// series is (css class, points over x in `0..x_end`), y from 0 to the
/// largest value. Classes colour the lines from the page's stylesheet.
#[must_use]
pub fn lines_svg(series: &[(&str, Vec<(f64, f64)>)], x_end: f64, h: f64, y_unit: &str) -> String {
    let top = 8.0;
    let bottom = h - 18.0;
    let y_max = series
        .iter()
        .flat_map(|s| s.1.iter().map(|p| p.1))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max)
        .max(1e-9)
        * 1.15;
    let x_end = x_end.max(1e-9);
    let sx = |x: f64| PLOT.0 + (PLOT.1 - PLOT.0) * (x / x_end).clamp(0.0, 1.0);
    let sy = |y: f64| bottom - (bottom - top) * (y / y_max).clamp(0.0, 1.0);
    // Named for screen readers by its peak, in fixed words and numbers.
    let mut s = format!(
        "<svg viewBox=\"0 0 {W} {h}\" class=\"mini\" role=\"img\" aria-label=\"Line chart, peak {}{}\" \
         preserveAspectRatio=\"none\">",
        short(y_max / 1.15),
        esc(y_unit)
    );
    for k in 0..=2 {
        let v = y_max / 1.15 * f64::from(k) / 2.0;
        let y = sy(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}{y_unit}</text>",
            PLOT.0,
            PLOT.1,
            PLOT.0 - 4.0,
            y + 4.0,
            short(v)
        );
    }
    for k in 0..=4 {
        let t = x_end * f64::from(k) / 4.0;
        let anchor = match k {
            0 => "start",
            4 => "end",
            _ => "middle",
        };
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            sx(t),
            h - 4.0,
            dur(t)
        );
    }
    for (class, pts) in series {
        let _ = write!(s, "<polyline class=\"{class}\" points=\"");
        for (x, y) in pts.iter().filter(|p| p.0.is_finite() && p.1.is_finite()) {
            let _ = write!(s, "{:.1},{:.1} ", sx(*x), sy(*y));
        }
        s.push_str("\"/>");
    }
    s.push_str("</svg>");
    s
}

/// A number in at most four characters: 950, 1.2k, 3.4M.
#[must_use]
pub fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if a >= 10.0 || a == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A signed change of `b` against `a` in percent, or "—" when `a` is 0.
#[must_use]
pub fn delta(a: f64, b: f64) -> String {
    if a.abs() < 1e-12 {
        if b.abs() < 1e-12 {
            "±0%".into()
        } else {
            "new".into()
        }
    } else {
        let d = (b - a) / a * 100.0;
        format!("{}{d:.0}%", if d >= 0.0 { "+" } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::scenario::Shape;

    #[test]
    fn durations_read_like_clocks() {
        assert_eq!(dur(750.0), "12:30");
        assert_eq!(dur(3600.0), "1:00:00");
        assert_eq!(sim_progress(750.0, 3600.0), "12:30 of 1:00:00 simulated");
        assert_eq!(dur(f64::NAN), "0:00");
    }

    #[test]
    fn errors_come_with_a_fix() {
        let (what, fix) = explain(&SimError::TooManyEvents {
            estimated: 5_000_000_000,
            fit: skydraft_core::sim::RunFit {
                duration_s: 360.0,
                users_scale: 0.4,
            },
        });
        assert!(what.starts_with("This scenario needs about 5,000,000,000"));
        assert!(fix.contains("Shorten"));
        let (what, fix) = explain(&SimError::NoTraffic);
        assert!(what.ends_with('.'));
        assert!(fix.contains("Users"));
    }

    #[test]
    fn preview_rate_follows_the_shape() {
        let t = skydraft_core::template::get("alb-asg").expect("template");
        let mut sc = t.scenario.clone();
        sc.traffic.push(skydraft_core::scenario::Traffic {
            source: None,
            shape: Shape::of_kind("step", 600.0).expect("a step"),
        });
        assert_eq!(rate_at(&t.design, &sc, 10.0), 200.0);
        assert_eq!(rate_at(&t.design, &sc, 400.0), 400.0);
    }

    #[test]
    fn mini_charts_hold_only_numbers_and_classes() {
        let svg = lines_svg(&[("a", vec![(0.0, 1.0), (5.0, 3.0)])], 10.0, 80.0, "/s");
        assert!(svg.contains("<polyline class=\"a\" points=\"44.0,"));
        assert!(
            svg.contains("aria-label=\"Line chart, peak 3.0/s\""),
            "{svg}"
        );
        assert!(svg.contains("5:00") || svg.contains("0:10"));
        assert_eq!(short(1234.0), "1.2k");
        assert_eq!(delta(100.0, 150.0), "+50%");
        assert_eq!(delta(0.0, 0.0), "±0%");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
    }
}
