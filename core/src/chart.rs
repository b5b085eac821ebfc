//! Charts of a run, drawn with plotters.
//!
//! The drawing functions are generic over plotters' [`DrawingBackend`], so the
//! same chart renders to SVG in the page and the CLI, or to any other backend a
//! caller picks. Every label is a fixed English string or a number: no user
//! text reaches the markup, and plotters' SVG backend escapes text anyway.

use std::fmt;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::run::{Bucket, Run};

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChartError {
    /// The run has no bucket with completed requests, so there is nothing to plot.
    NoData,
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
            ChartError::NoData => {
                f.write_str("no request completed during the run, so there is no latency to chart")
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

/// Colours of the three percentile lines (p50, p95, p99).
const LINE_COLOURS: [RGBColor; 3] = [
    RGBColor(0x25, 0x63, 0xeb),
    RGBColor(0xf5, 0x9e, 0x0b),
    RGBColor(0xdc, 0x26, 0x26),
];
const AXIS_TEXT: RGBColor = RGBColor(0x47, 0x55, 0x69);
const GRID: RGBColor = RGBColor(0xe2, 0xe8, 0xf0);

fn backend_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Backend(e.to_string())
}

/// The points of one percentile series: (bucket start in s, latency in ms),
/// leaving out buckets without completions and values that are not finite.
fn series(run: &Run, pick: fn(&Bucket) -> f64) -> Vec<(f64, f64)> {
    run.buckets
        .iter()
        .filter(|b| b.completions > 0)
        .map(|b| (b.start_s, pick(b)))
        .filter(|(x, y)| x.is_finite() && y.is_finite() && *y >= 0.0)
        .collect()
}

/// Draws p50, p95 and p99 end-to-end latency per bucket over simulated time
/// onto `area`, with axes, grid and a legend.
///
/// # Errors
/// [`ChartError::NoData`] when no bucket has completions;
/// [`ChartError::Backend`] when the backend fails.
pub fn draw_latency<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &Run,
) -> Result<(), ChartError> {
    let lines: [(&str, Vec<(f64, f64)>); 3] = [
        ("p50", series(run, |b| b.p50_ms)),
        ("p95", series(run, |b| b.p95_ms)),
        ("p99", series(run, |b| b.p99_ms)),
    ];
    if lines.iter().all(|(_, pts)| pts.is_empty()) {
        return Err(ChartError::NoData);
    }
    let x_end = run
        .buckets
        .iter()
        .map(|b| b.start_s + run.bucket_s.max(0.0))
        .filter(|x| x.is_finite())
        .fold(1.0_f64, f64::max);
    let y_max = lines
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|p| p.1))
        .fold(1.0_f64, f64::max)
        * 1.3;

    area.fill(&WHITE).map_err(backend_err)?;
    let label_font = ("sans-serif", 13).into_font().color(&AXIS_TEXT);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..x_end, 0.0..y_max)
        .map_err(backend_err)?;
    chart
        .configure_mesh()
        .light_line_style(GRID.mix(0.6))
        .bold_line_style(GRID)
        .axis_style(AXIS_TEXT.mix(0.6))
        .label_style(label_font.clone())
        .axis_desc_style(label_font.clone())
        .x_desc("simulated time (s)")
        .y_desc("latency (ms)")
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(backend_err)?;
    for ((name, pts), colour) in lines.into_iter().zip(LINE_COLOURS) {
        let style = colour.stroke_width(2);
        chart
            .draw_series(LineSeries::new(pts, style))
            .map_err(backend_err)?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(GRID)
        .label_font(label_font)
        .draw()
        .map_err(backend_err)?;
    area.present().map_err(backend_err)?;
    Ok(())
}

/// The latency chart of a run as a standalone SVG document of `width`×`height` pixels.
///
/// # Errors
/// [`ChartError::TooSmall`] below [`MIN_SIZE`], otherwise as [`draw_latency`].
pub fn latency_svg(run: &Run, width: u32, height: u32) -> Result<String, ChartError> {
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return Err(ChartError::TooSmall { width, height });
    }
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw_latency(&area, run)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let svg = latency_svg(&sample(), 640, 320).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        for colour in ["#2563EB", "#F59E0B", "#DC2626"] {
            // One series line and one legend mark per percentile.
            let n = svg.matches(&format!("stroke=\"{colour}\"")).count();
            assert_eq!(n, 2, "{colour}");
        }
        for label in ["p50", "p95", "p99", "latency (ms)", "simulated time (s)"] {
            assert!(svg.contains(label), "missing {label}");
        }
    }

    #[test]
    fn same_run_same_svg() {
        assert_eq!(
            latency_svg(&sample(), 500, 300),
            latency_svg(&sample(), 500, 300)
        );
    }

    #[test]
    fn empty_or_idle_runs_have_no_data() {
        assert_eq!(
            latency_svg(&Run::default(), 640, 320),
            Err(ChartError::NoData)
        );
        let mut idle = sample();
        for b in &mut idle.buckets {
            b.completions = 0;
        }
        assert_eq!(latency_svg(&idle, 640, 320), Err(ChartError::NoData));
    }

    #[test]
    fn gaps_and_bad_values_are_skipped() {
        let mut run = sample();
        run.buckets[3].completions = 0;
        run.buckets[4].p99_ms = f64::INFINITY;
        assert!(latency_svg(&run, 640, 320).is_ok());
    }

    #[test]
    fn tiny_sizes_are_refused() {
        assert_eq!(
            latency_svg(&sample(), 10, 10),
            Err(ChartError::TooSmall {
                width: 10,
                height: 10
            })
        );
    }
}
