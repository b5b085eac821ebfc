//! The one place that fixes a chart's size and margins, so a pixel in the
//! drawn chart maps exactly back to a time (for the hover read-out).

/// Width and height of every chart, pixels.
pub const CHART_SIZE: (u32, u32) = (720, 320);
/// Margin around the chart, pixels.
pub const MARGIN: u32 = 12;
/// Height of the area under the plot for the x labels, pixels.
pub const X_LABEL_AREA: u32 = 36;
/// Width of the area left of the plot for the y labels, pixels.
pub const Y_LABEL_AREA: u32 = 64;
/// Size of the axis labels and descriptions, pixels.
pub const AXIS_FONT: i32 = 13;
/// Size of the legend's names, pixels.
pub const LEGEND_FONT: i32 = 12;
/// Height of one row of the legend, under the plot, pixels.
pub const LEGEND_ROW: u32 = 18;

/// The plot's horizontal pixel range in a chart `width` pixels wide: the
/// x of time 0 and the x of the end of the time axis (plotters maps a range
/// onto the pixels from the plot's left edge to its last pixel column).
#[must_use]
pub fn plot_x_range(width: u32) -> (f64, f64) {
    (
        f64::from(MARGIN + Y_LABEL_AREA),
        f64::from(width.saturating_sub(MARGIN + 1)),
    )
}

/// The simulated time at pixel `x` of a chart `width` pixels wide whose time
/// axis ends at `x_end` seconds; `None` outside the plot.
#[must_use]
pub fn time_at(width: u32, x_end: f64, x: f64) -> Option<f64> {
    let (left, right) = plot_x_range(width);
    if !(x.is_finite() && right > left && x >= left && x <= right) {
        return None;
    }
    Some((x - left) / (right - left) * x_end)
}

/// The pixel column plotters draws simulated second `t_s` in (its mapping
/// rounds down); [`time_at`] of it falls within one pixel of `t_s`.
#[must_use]
pub fn x_at(width: u32, x_end: f64, t_s: f64) -> f64 {
    let (left, right) = plot_x_range(width);
    left + ((right - left) * t_s / x_end + 1e-3).floor()
}
