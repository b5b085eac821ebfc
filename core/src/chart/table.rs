//! The text alternative of a chart (a table) and the hover read-out.

use crate::run::clock;

use super::data::ChartData;
use super::layout::time_at;

/// A chart's data as a table: the page shows it as an accessible table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column headers: `time`, then one per series, then `events`.
    pub headers: Vec<String>,
    /// One row per bucket, cells formatted; `–` where a series has no value.
    pub rows: Vec<Vec<String>>,
}

/// The values of each series in bucket `k`, formatted.
fn cells(data: &ChartData, k: usize) -> Vec<String> {
    data.series
        .iter()
        .map(|s| {
            s.values
                .get(k)
                .copied()
                .flatten()
                .filter(|v| v.is_finite())
                .map_or_else(|| "–".to_owned(), |v| data.unit.format(v))
        })
        .collect()
}

/// The log lines of the events in bucket `k`.
fn events(data: &ChartData, k: usize) -> Vec<String> {
    let start = data.x_s.get(k).copied().unwrap_or(0.0);
    let end = start + data.bucket_s;
    data.markers
        .iter()
        .filter(|m| m.t_s >= start && m.t_s < end)
        .map(|m| format!("{} {}", clock(m.t_s), m.text))
        .collect()
}

/// The chart as a table.
#[must_use]
pub fn table(data: &ChartData) -> Table {
    let mut headers = vec!["time".to_owned()];
    headers.extend(data.series.iter().map(|s| s.name.clone()));
    headers.push("events".to_owned());
    let rows = (0..data.x_s.len())
        .map(|k| {
            let mut row = vec![clock(data.x_s[k])];
            row.extend(cells(data, k));
            row.push(events(data, k).join("; "));
            row
        })
        .collect();
    Table { headers, rows }
}

/// What the chart shows at one time, for a tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Hover {
    /// Index of the bucket.
    pub bucket: usize,
    /// Start of the bucket, simulated seconds.
    pub start_s: f64,
    /// The bucket's time span as `hh:mm:ss–hh:mm:ss`.
    pub time: String,
    /// Each series' name and formatted value.
    pub values: Vec<(String, String)>,
    /// Log lines of the events in the bucket.
    pub events: Vec<String>,
}

/// The bucket under pixel `x` of the chart drawn `width` pixels wide (see
/// [`super::layout`]) and its values; `None` outside the plot or past the
/// last bucket.
#[must_use]
pub fn hover(data: &ChartData, width: u32, x: f64) -> Option<Hover> {
    let t = time_at(width, data.x_end(), x)?;
    let k = data.x_s.iter().rposition(|&s| s <= t)?;
    let start_s = data.x_s[k];
    if t > start_s + data.bucket_s {
        return None;
    }
    let names = data.series.iter().map(|s| s.name.clone());
    Some(Hover {
        bucket: k,
        start_s,
        time: format!("{}–{}", clock(start_s), clock(start_s + data.bucket_s)),
        values: names.zip(cells(data, k)).collect(),
        events: events(data, k),
    })
}
