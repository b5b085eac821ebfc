//! Charts of a run, drawn with plotters.
//!
//! The drawing functions are generic over plotters' [`DrawingBackend`], so the
//! same chart renders to SVG in the page and the CLI, or to any other backend a
//! caller picks. Every label is a fixed English string or a number: no user
//! text becomes markup: component labels appear only as SVG text, which
//! plotters' SVG backend escapes (a test proves it).
//!
//! [`chart_data`] takes a chart's numbers from a run; [`draw`] draws them,
//! [`table`] gives them as a table and [`hover`] reads them at a pixel, so the
//! three always agree. [`layout`] fixes the chart's size and margins.

mod compare;
mod data;
mod draw;
pub mod layout;
mod legend;
mod markers;
mod scope;
mod table;
mod theme;

use std::fmt;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::run::Run;

pub use compare::{TotalsDiff, compare_totals, duration_words, peak_capacity, runs_differ};
pub use data::{ChartData, ChartKind, Series, SeriesStyle, Unit, chart_data};
pub use draw::{draw, time_ticks};
pub use layout::CHART_SIZE;
pub use markers::{Marker, MarkerKind, classify, markers};
pub use scope::Scope;
pub use table::{Hover, Table, hover, table};
pub use theme::Theme;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChartError {
    /// The chart has no value to plot (for latency: no request completed).
    NoData,
    /// The chart does not apply to the scope (latency of one component).
    NotForScope,
    /// The width or height is too small to hold the axes.
    TooSmall {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
    },
    /// The backend failed while drawing.
    Backend(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::NoData => f.write_str("the run has nothing to show in this chart"),
            ChartError::NotForScope => {
                f.write_str("this chart covers the whole system, not one component")
            }
            ChartError::TooSmall { width, height } => {
                write!(f, "a chart of {width}×{height} pixels is too small to draw")
            }
            ChartError::Backend(e) => write!(f, "the chart could not be drawn: {e}"),
        }
    }
}

impl std::error::Error for ChartError {}

/// Smallest width and height a chart accepts, in pixels.
pub const MIN_SIZE: (u32, u32) = (160, 120);

/// Draws p50, p95 and p99 end-to-end latency per bucket onto `area`, light theme.
///
/// # Errors
/// [`ChartError::NoData`] when no bucket has completions;
/// [`ChartError::Backend`] when the backend fails.
pub fn draw_latency<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &Run,
) -> Result<(), ChartError> {
    let data = chart_data(run, ChartKind::Latency, Scope::System).ok_or(ChartError::NoData)?;
    draw(area, &data, Theme::Light)
}

/// A chart as a standalone SVG document of `width`×`height` pixels.
///
/// # Errors
/// [`ChartError::TooSmall`] below [`MIN_SIZE`], otherwise as [`draw`].
pub fn svg_sized(
    data: &ChartData,
    theme: Theme,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return Err(ChartError::TooSmall { width, height });
    }
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&area, data, theme)?;
    }
    Ok(out)
}

/// A chart as an SVG document of [`CHART_SIZE`], the size [`hover`] maps.
///
/// # Errors
/// As [`draw`].
pub fn svg(data: &ChartData, theme: Theme) -> Result<String, ChartError> {
    svg_sized(data, theme, CHART_SIZE.0, CHART_SIZE.1)
}

/// Chart `kind` of `run` for `scope`, with `pinned`'s series overlaid when
/// given, as an SVG document of [`CHART_SIZE`].
///
/// # Errors
/// [`ChartError::NotForScope`] when the chart does not apply to the scope,
/// otherwise as [`draw`].
pub fn chart_svg(
    run: &Run,
    kind: ChartKind,
    scope: Scope,
    pinned: Option<&Run>,
    theme: Theme,
) -> Result<String, ChartError> {
    let mut data = chart_data(run, kind, scope).ok_or(ChartError::NotForScope)?;
    if let Some(p) = pinned.and_then(|p| chart_data(p, kind, scope)) {
        data.overlay(&p);
    }
    svg(&data, theme)
}

/// The latency chart of a run as a standalone SVG document of `width`×`height` pixels, in `theme`.
///
/// # Errors
/// [`ChartError::TooSmall`] below [`MIN_SIZE`], otherwise as [`draw_latency`].
pub fn latency_svg(run: &Run, theme: Theme, width: u32, height: u32) -> Result<String, ChartError> {
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return Err(ChartError::TooSmall { width, height });
    }
    let data = chart_data(run, ChartKind::Latency, Scope::System).ok_or(ChartError::NoData)?;
    svg_sized(&data, theme, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Bucket;

    fn bucket(start_s: f64, completions: u64, p50: f64) -> Bucket {
        // Through serde so fields added to `Bucket` later take their defaults.
        serde_json::from_value(serde_json::json!({
            "start_s": start_s,
            "requests": completions,
            "completions": completions,
            "p50_ms": p50,
            "p95_ms": p50 * 2.0,
            "p99_ms": p50 * 3.0,
        }))
        .unwrap()
    }

    fn sample() -> Run {
        Run {
            bucket_s: 10.0,
            buckets: (0..12)
                .map(|i| bucket(f64::from(i) * 10.0, 100, 20.0 + f64::from(i)))
                .collect(),
            ..Run::default()
        }
    }

    #[test]
    fn draws_three_labelled_lines() {
        let svg = latency_svg(&sample(), Theme::Light, 640, 320).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        for colour in ["#2563EB", "#F59E0B", "#DC2626"] {
            // One series line and one legend mark per percentile.
            let n = svg.matches(&format!("stroke=\"{colour}\"")).count();
            assert_eq!(n, 2, "{colour}");
        }
        for label in ["p50", "p95", "p99", "latency (ms)", "simulated time (m:ss)"] {
            assert!(svg.contains(label), "missing {label}");
        }
    }

    #[test]
    fn same_run_same_svg() {
        assert_eq!(
            latency_svg(&sample(), Theme::Light, 500, 300),
            latency_svg(&sample(), Theme::Light, 500, 300)
        );
    }

    #[test]
    fn empty_or_idle_runs_have_no_data() {
        assert_eq!(
            latency_svg(&Run::default(), Theme::Light, 640, 320),
            Err(ChartError::NoData)
        );
        let mut idle = sample();
        for b in &mut idle.buckets {
            b.completions = 0;
        }
        assert_eq!(
            latency_svg(&idle, Theme::Light, 640, 320),
            Err(ChartError::NoData)
        );
    }

    #[test]
    fn gaps_and_bad_values_are_skipped() {
        let mut run = sample();
        run.buckets[3].completions = 0;
        run.buckets[4].p99_ms = f64::INFINITY;
        assert!(latency_svg(&run, Theme::Light, 640, 320).is_ok());
    }

    #[test]
    fn tiny_sizes_are_refused() {
        assert_eq!(
            latency_svg(&sample(), Theme::Light, 10, 10),
            Err(ChartError::TooSmall {
                width: 10,
                height: 10
            })
        );
    }

    #[test]
    fn log_entries_are_classified() {
        let entry = |text: &str| crate::run::LogEntry {
            t_s: 1.0,
            component: None,
            text: text.to_owned(),
        };
        let kind = |t: &str| classify(&entry(t));
        assert_eq!(kind("target tracking; desired 2 → 3"), MarkerKind::Scaling);
        assert_eq!(
            kind("Availability Zone us-east-1a is down"),
            MarkerKind::Failure
        );
        assert_eq!(
            kind("i-3 is unhealthy (EC2 status check)"),
            MarkerKind::Failure
        );
        assert_eq!(
            kind("Availability Zone us-east-1a is back"),
            MarkerKind::Event
        );
    }

    #[test]
    fn pinned_runs_are_overlaid_and_labelled() {
        let mut pinned = sample();
        for b in &mut pinned.buckets {
            b.p50_ms *= 2.0;
        }
        let svg = chart_svg(
            &sample(),
            ChartKind::Latency,
            Scope::System,
            Some(&pinned),
            Theme::Light,
        )
        .unwrap();
        for label in ["pinned p50", "pinned p95", "pinned p99"] {
            assert!(svg.contains(label), "{label}");
        }
        let alone = chart_svg(
            &sample(),
            ChartKind::Latency,
            Scope::System,
            None,
            Theme::Light,
        );
        assert!(!alone.unwrap().contains("pinned"));
    }

    #[test]
    fn units_format_values() {
        assert_eq!(Unit::Ms.format(12.34), "12.3 ms");
        assert_eq!(Unit::Count.format(3.0), "3");
        assert_eq!(Unit::Usd.format(0.01234), "$0.0123");
        assert_eq!(Unit::Usd.format(12.5), "$12.50");
        assert_eq!(Unit::Percent.format(55.55), "55.5 %");
    }
}
