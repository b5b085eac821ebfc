//! Drawing a [`ChartData`] onto any plotters backend.

use plotters::coord::Shift;
use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::ChartError;
use super::data::{ChartData, Series, SeriesStyle, Unit};
use super::layout::{AXIS_FONT, MARGIN, X_LABEL_AREA, Y_LABEL_AREA};
use super::legend::{self, Entry, Glyph};
use super::markers::MarkerKind;
use super::theme::Theme;
use crate::run::mmss;

fn backend_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Backend(e.to_string())
}

/// The x of bucket `k`'s point: the middle of the bucket.
fn mid(data: &ChartData, k: usize) -> f64 {
    data.x_s.get(k).copied().unwrap_or(0.0) + data.bucket_s.max(0.0) / 2.0
}

/// Per series, the top of its band: the sum of the stacked series up to it
/// (separately for the current and the pinned run); `None` for other series.
fn stack_tops(data: &ChartData) -> Vec<Option<Vec<f64>>> {
    let n = data.x_s.len();
    let mut base = [vec![0.0; n], vec![0.0; n]];
    data.series
        .iter()
        .map(|s| {
            (s.style == SeriesStyle::Stacked).then(|| {
                let b = &mut base[usize::from(s.pinned)];
                for (k, v) in s.values.iter().enumerate().take(n) {
                    b[k] += v.filter(|v| v.is_finite()).unwrap_or(0.0);
                }
                b.clone()
            })
        })
        .collect()
}

/// Whether a series has a value other than zero, so it earns a legend entry.
fn shows(values: &[Option<f64>]) -> bool {
    values
        .iter()
        .any(|v| v.is_some_and(|v| v.is_finite() && v != 0.0))
}

/// The chart's coordinates: simulated seconds across (labelled at whole
/// steps of time), the chart's unit up.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<TimeAxis, RangedCoordf64>>;

/// Simulated seconds across, mapped as a plain range and labelled (with a
/// grid line) at [`time_ticks`] only.
struct TimeAxis {
    /// The seconds, mapped onto the pixels.
    inner: RangedCoordf64,
    /// Where the labels go.
    ticks: Vec<f64>,
}

impl TimeAxis {
    /// The axis from 0 to `x_end` seconds.
    fn new(x_end: f64) -> TimeAxis {
        TimeAxis {
            inner: (0.0..x_end).into(),
            ticks: time_ticks(x_end),
        }
    }
}

impl Ranged for TimeAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }
}

/// The labelled times of an axis `x_end` seconds long: whole steps of 10 s,
/// 15 s, 30 s or of whole minutes and hours, at most 8 of them after zero;
/// none in the last 3 % of the axis, where its label would be cut off.
#[must_use]
pub fn time_ticks(x_end: f64) -> Vec<f64> {
    const STEPS: [f64; 14] = [
        10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0,
        21600.0, 43200.0,
    ];
    let end = if x_end.is_finite() {
        x_end.max(1.0)
    } else {
        1.0
    };
    let step = STEPS
        .into_iter()
        .find(|s| end / s <= 8.0)
        .unwrap_or_else(|| (end / 8.0 / 86400.0).ceil() * 86400.0);
    (0..)
        .map(|k| f64::from(k) * step)
        .take_while(|t| *t <= end * 0.97 + 1e-9)
        .collect()
}

/// Top of the y axis: room above the highest value or stack (at least 1),
/// and at least 100 for percentages.
fn y_max(data: &ChartData, tops: &[Option<Vec<f64>>]) -> f64 {
    let y_top = data
        .series
        .iter()
        .zip(tops)
        .flat_map(|(s, top)| match top {
            Some(t) => t.clone(),
            None => s.values.iter().flatten().copied().collect(),
        })
        .filter(|v| v.is_finite())
        .fold(1.0_f64, f64::max);
    if data.unit == Unit::Percent {
        y_top.max(100.0) * 1.05
    } else {
        y_top * 1.2
    }
}

/// Draws the chart onto `area` with the fixed margins of [`super::layout`]:
/// a caption, axes, grid, series and event markers, and under the plot a
/// legend that never covers them.
///
/// # Errors
/// [`ChartError::NoData`] when no series has a value;
/// [`ChartError::Backend`] when the backend fails.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    theme: Theme,
) -> Result<(), ChartError> {
    if !data.has_values() {
        return Err(ChartError::NoData);
    }
    let tops = stack_tops(data);
    let y_max = y_max(data, &tops);

    area.fill(&theme.background()).map_err(backend_err)?;
    let entries = legend_entries(data, theme);
    let (w, h) = area.dim_in_pixel();
    let legend_h = legend::height(&entries, w).min(h / 2);
    let (plot_area, legend_area) = area.split_vertically(h - legend_h);
    let mut chart = axes(&plot_area, data, theme, y_max)?;
    // Markers first, so the series are drawn over them.
    draw_markers(&mut chart, data, theme, y_max)?;
    for (s, top) in data.series.iter().zip(&tops) {
        if !shows(&s.values) {
            // A series that stays at zero would only hide the axis.
            continue;
        }
        let colour = theme.series(s.colour);
        match (top, s.pinned) {
            (Some(top), false) => draw_band(&mut chart, data, s, top, colour)?,
            (Some(top), true) => draw_pinned_band(&mut chart, data, top, style_of(s, colour))?,
            (None, _) => draw_line(&mut chart, data, s, style_of(s, colour))?,
        }
    }
    legend::draw(&legend_area, &entries, theme)?;
    area.present().map_err(backend_err)?;
    Ok(())
}

/// The legend: one entry per series with a value other than zero, in
/// legend order, then one per kind of event marker the chart has.
fn legend_entries(data: &ChartData, theme: Theme) -> Vec<Entry> {
    let mut v: Vec<Entry> = data
        .series
        .iter()
        .filter(|s| shows(&s.values))
        .map(|s| {
            let colour = theme.series(s.colour);
            let glyph = match (s.style, s.pinned) {
                (SeriesStyle::Stacked, false) => Glyph::Band(colour.mix(0.55)),
                (_, pinned) => Glyph::Line(style_of(s, colour), pinned),
            };
            Entry {
                name: s.name.clone(),
                glyph,
            }
        })
        .collect();
    for kind in [MarkerKind::Failure, MarkerKind::Scaling, MarkerKind::Event] {
        if data.markers.iter().any(|m| m.kind == kind) {
            v.push(Entry {
                name: marker_name(kind).to_owned(),
                glyph: Glyph::Mark(theme.marker(kind).mix(0.7).stroke_width(1)),
            });
        }
    }
    v
}

/// The legend's name of a kind of event marker.
fn marker_name(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::Failure => "failure",
        MarkerKind::Scaling => "scaling",
        MarkerKind::Event => "event",
    }
}

/// The caption, axes and grid, over 0..`y_max` up and the run's time across.
fn axes<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    theme: Theme,
    y_max: f64,
) -> Result<Plot<'a, DB>, ChartError> {
    let text = theme.text();
    let font = ("sans-serif", AXIS_FONT).into_font().color(&text);
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .caption(
            data.kind.title(),
            ("sans-serif", 15).into_font().color(&text),
        )
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d(TimeAxis::new(data.x_end()), 0.0..y_max)
        .map_err(backend_err)?;
    let grid = theme.grid();
    chart
        .configure_mesh()
        .light_line_style(grid.mix(0.5))
        .bold_line_style(grid)
        .axis_style(text.mix(0.6))
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .x_desc("simulated time (m:ss)")
        .y_desc(data.kind.y_desc())
        .y_labels(6)
        .x_label_formatter(&|v| mmss(*v))
        .y_label_formatter(&|v| {
            if *v >= 10.0 || v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.2}")
            }
        })
        .draw()
        .map_err(backend_err)?;
    Ok(chart)
}

/// The event markers as vertical lines.
fn draw_markers<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    data: &ChartData,
    theme: Theme,
    y_max: f64,
) -> Result<(), ChartError> {
    for m in &data.markers {
        let style = theme.marker(m.kind).mix(0.7).stroke_width(1);
        let line = PathElement::new(vec![(m.t_s, 0.0), (m.t_s, y_max)], style);
        chart
            .draw_series(std::iter::once(line))
            .map_err(backend_err)?;
    }
    Ok(())
}

/// The stroke of a line series: thin for limits.
fn style_of(s: &Series, colour: RGBColor) -> ShapeStyle {
    let width = if s.style == SeriesStyle::Limit { 1 } else { 2 };
    colour.stroke_width(width)
}

/// A stacked series of the current run: the band between the stack below
/// and this series' top, filled.
fn draw_band<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    data: &ChartData,
    s: &Series,
    top: &[f64],
    colour: RGBColor,
) -> Result<(), ChartError> {
    let n = data.x_s.len();
    let lower: Vec<f64> = (0..n)
        .map(|k| top[k] - s.values[k].filter(|v| v.is_finite()).unwrap_or(0.0))
        .collect();
    let mut pts: Vec<(f64, f64)> = (0..n).map(|k| (mid(data, k), top[k])).collect();
    pts.extend((0..n).rev().map(|k| (mid(data, k), lower[k])));
    let fill = colour.mix(0.55).filled();
    chart
        .draw_series(std::iter::once(Polygon::new(pts, fill)))
        .map_err(backend_err)?;
    Ok(())
}

/// A stacked series of the pinned run: the top of its band, dashed.
fn draw_pinned_band<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    data: &ChartData,
    top: &[f64],
    style: ShapeStyle,
) -> Result<(), ChartError> {
    let n = data.x_s.len();
    let pts: Vec<(f64, f64)> = (0..n).map(|k| (mid(data, k), top[k])).collect();
    chart
        .draw_series(DashedLineSeries::new(pts, 6, 4, style))
        .map_err(backend_err)?;
    Ok(())
}

/// A line or limit series (dashed when pinned); gaps (buckets without a
/// value) split the line.
fn draw_line<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    data: &ChartData,
    s: &Series,
    style: ShapeStyle,
) -> Result<(), ChartError> {
    let n = data.x_s.len();
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (k, v) in s.values.iter().enumerate().take(n) {
        match v.filter(|v| v.is_finite()) {
            Some(v) => runs.last_mut().map_or((), |r| r.push((mid(data, k), v))),
            None => runs.push(Vec::new()),
        }
    }
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        if s.pinned {
            chart.draw_series(DashedLineSeries::new(run, 6, 4, style))
        } else {
            chart.draw_series(LineSeries::new(run, style))
        }
        .map_err(backend_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ticks_fall_on_whole_minutes_like_the_log() {
        let ticks = time_ticks(1200.0);
        assert_eq!(ticks, vec![0.0, 300.0, 600.0, 900.0]);
        let labels: Vec<String> = ticks.iter().map(|t| mmss(*t)).collect();
        assert_eq!(labels, ["0:00", "5:00", "10:00", "15:00"]);
        assert_eq!(time_ticks(90.0), vec![0.0, 15.0, 30.0, 45.0, 60.0, 75.0]);
        assert_eq!(time_ticks(1000.0), vec![0.0, 300.0, 600.0, 900.0]);
        assert!(time_ticks(7.0 * 86400.0).len() <= 9);
        assert_eq!(time_ticks(f64::NAN), vec![0.0]);
    }

    #[test]
    fn axis_times_read_as_minutes_and_seconds() {
        assert_eq!(mmss(0.0), "0:00");
        assert_eq!(mmss(75.0), "1:15");
        assert_eq!(mmss(599.6), "9:59");
        assert_eq!(mmss(3725.0), "1:02:05");
        assert_eq!(mmss(-3.0), "0:00");
    }
}
