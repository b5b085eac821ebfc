//! Drawing a [`ChartData`] onto any plotters backend.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::ChartError;
use super::data::{ChartData, Series, SeriesStyle, Unit};
use super::layout::{MARGIN, X_LABEL_AREA, Y_LABEL_AREA};
use super::markers::MarkerKind;
use super::theme::Theme;

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

/// The chart's coordinates: simulated seconds across, the chart's unit up.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

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

/// A legend entry for a line: a short stroke in the series' style.
fn legend_line(style: ShapeStyle) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y): (i32, i32)| PathElement::new(vec![(x, y), (x + 18, y)], style)
}

/// Draws the chart onto `area` with the fixed margins of [`super::layout`]:
/// a caption, axes, grid, series, event markers and a legend.
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
    let mut chart = axes(area, data, theme, y_max)?;
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
            (Some(top), true) => draw_pinned_band(&mut chart, data, s, top, style_of(s, colour))?,
            (None, _) => draw_line(&mut chart, data, s, style_of(s, colour))?,
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(theme.background().mix(0.85))
        .border_style(theme.grid())
        .label_font(("sans-serif", 11).into_font().color(&theme.text()))
        .draw()
        .map_err(backend_err)?;
    area.present().map_err(backend_err)?;
    Ok(())
}

/// The caption, axes and grid, over 0..`y_max` up and the run's time across.
fn axes<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    theme: Theme,
    y_max: f64,
) -> Result<Plot<'a, DB>, ChartError> {
    let text = theme.text();
    let font = ("sans-serif", 12).into_font().color(&text);
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .caption(
            data.kind.title(),
            ("sans-serif", 15).into_font().color(&text),
        )
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d(0.0..data.x_end(), 0.0..y_max)
        .map_err(backend_err)?;
    let grid = theme.grid();
    chart
        .configure_mesh()
        .light_line_style(grid.mix(0.5))
        .bold_line_style(grid)
        .axis_style(text.mix(0.6))
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .x_desc("simulated time (s)")
        .y_desc(data.kind.y_desc())
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|v| format!("{v:.0}"))
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

/// The event markers as vertical lines, with one legend entry per kind.
fn draw_markers<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    data: &ChartData,
    theme: Theme,
    y_max: f64,
) -> Result<(), ChartError> {
    let mut seen = [false; 3];
    for m in &data.markers {
        let colour = theme.marker(m.kind);
        let style = colour.mix(0.7).stroke_width(1);
        let line = PathElement::new(vec![(m.t_s, 0.0), (m.t_s, y_max)], style);
        let i = m.kind as usize;
        let anno = chart
            .draw_series(std::iter::once(line))
            .map_err(backend_err)?;
        if !seen[i] {
            seen[i] = true;
            let name = match m.kind {
                MarkerKind::Failure => "failure",
                MarkerKind::Scaling => "scaling",
                MarkerKind::Event => "event",
            };
            anno.label(name).legend(move |(x, y)| {
                PathElement::new(vec![(x + 9, y - 6), (x + 9, y + 6)], style)
            });
        }
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
    let anno = chart
        .draw_series(std::iter::once(Polygon::new(pts, fill)))
        .map_err(backend_err)?;
    anno.legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 18, y + 5)], fill));
    anno.label(s.name.as_str());
    Ok(())
}

/// A stacked series of the pinned run: the top of its band, dashed.
fn draw_pinned_band<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    data: &ChartData,
    s: &Series,
    top: &[f64],
    style: ShapeStyle,
) -> Result<(), ChartError> {
    let n = data.x_s.len();
    let pts: Vec<(f64, f64)> = (0..n).map(|k| (mid(data, k), top[k])).collect();
    let anno = chart
        .draw_series(DashedLineSeries::new(pts, 6, 4, style))
        .map_err(backend_err)?;
    anno.legend(legend_line(style));
    anno.label(s.name.as_str());
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
    let mut first = true;
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        let a = if s.pinned {
            chart.draw_series(DashedLineSeries::new(run, 6, 4, style))
        } else {
            chart.draw_series(LineSeries::new(run, style))
        }
        .map_err(backend_err)?;
        if std::mem::take(&mut first) {
            a.legend(legend_line(style)).label(s.name.as_str());
        }
    }
    Ok(())
}
