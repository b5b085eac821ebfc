//! A run as CSV (RFC 4180): one row per bucket for the whole system, then one
//! row per bucket for each component, in one table with a `scope` column.
//!
//! Cells that do not apply to a row are empty. Component labels are user
//! text: every text cell is quoted, and one starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return gets a leading `'` so a spreadsheet shows it as
//! text instead of running it as a formula.

use super::{Bucket, ComponentPoint, Run};

/// The column headers, in order.
pub const HEADERS: [&str; 28] = [
    "scope",
    "component_id",
    "component",
    "start_s",
    "requests",
    "completions",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "mean_ms",
    "throttled",
    "timed_out",
    "rejected",
    "no_healthy_target",
    "failed",
    "retries",
    "cost_usd",
    "rejections",
    "failures",
    "utilization",
    "cpu",
    "queue_len",
    "in_flight",
    "instances_pending",
    "instances_in_service",
    "instances_draining",
    "group_desired",
    "cost_per_hour",
];

/// A text cell: quoted, quotes doubled, a formula-like start neutralised.
#[must_use]
pub fn text_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let mut out = String::with_capacity(s.len() + 3);
    out.push('"');
    if risky {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A number cell; non-finite values become empty cells.
fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

fn system_row(b: &Bucket) -> Vec<String> {
    let e = &b.errors;
    let mut row = vec![text_cell("system"), String::new(), String::new()];
    row.push(num(b.start_s));
    row.extend([b.requests, b.completions].map(|n| n.to_string()));
    row.extend([b.p50_ms, b.p95_ms, b.p99_ms, b.mean_ms].map(num));
    row.extend(
        [
            e.throttled,
            e.timed_out,
            // A load balancer still scaling refuses with a 503 as well.
            e.rejected + e.lb_scaling,
            e.no_healthy_target,
            e.all_failed(),
            b.retries,
        ]
        .map(|n| n.to_string()),
    );
    row.push(num(b.cost_usd));
    row.resize(HEADERS.len(), String::new());
    row
}

fn component_row(id: &str, label: &str, start_s: f64, p: &ComponentPoint) -> Vec<String> {
    let mut row = vec![text_cell("component"), text_cell(id), text_cell(label)];
    row.push(num(start_s));
    row.extend([p.requests, p.completions].map(|n| n.to_string()));
    row.resize(17, String::new());
    row.extend([p.rejections, p.failures].map(|n| n.to_string()));
    row.extend([p.utilization, p.cpu, p.queue_len, p.in_flight].map(num));
    let i = &p.instances;
    row.extend([i.pending, i.in_service, i.draining].map(|n| n.to_string()));
    row.push(p.group.map(|g| g.desired.to_string()).unwrap_or_default());
    row.push(num(p.cost_per_hour));
    row
}

/// The run as CSV text, rows ended by CRLF as RFC 4180 asks.
#[must_use]
pub fn to_csv(run: &Run) -> String {
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&HEADERS.map(str::to_owned));
    for b in &run.buckets {
        line(&system_row(b));
    }
    for s in &run.series {
        let label = run.component(s.id).map_or("", |c| c.label.as_str());
        for (b, p) in run.buckets.iter().zip(&s.points) {
            line(&component_row(&s.id.to_string(), label, b.start_s, p));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::ComponentId;
    use crate::run::{ComponentSeries, ComponentSummary};

    /// Splits RFC 4180 text into records of unquoted fields.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    fn sample(label: &str) -> Run {
        let bucket = |s: f64| -> Bucket {
            serde_json::from_value(serde_json::json!({
                "start_s": s, "requests": 10, "completions": 9,
                "p50_ms": 12.5, "p95_ms": 30.0, "p99_ms": 41.0,
            }))
            .unwrap()
        };
        let mut run = Run {
            bucket_s: 10.0,
            buckets: vec![bucket(0.0), bucket(10.0)],
            ..Run::default()
        };
        run.buckets[1].errors.timed_out = 1;
        run.series.push(ComponentSeries {
            id: ComponentId(7),
            points: vec![
                ComponentPoint {
                    utilization: 0.25,
                    ..ComponentPoint::default()
                };
                2
            ],
        });
        run.components.push(ComponentSummary {
            id: ComponentId(7),
            label: label.to_owned(),
            ..ComponentSummary::default()
        });
        run
    }

    #[test]
    fn rows_have_every_column_and_round_trip() {
        let label = "web, \"tier\"\nA";
        let rows = parse(&to_csv(&sample(label)));
        assert_eq!(rows.len(), 1 + 2 + 2);
        assert!(rows.iter().all(|r| r.len() == HEADERS.len()), "{rows:?}");
        assert_eq!(rows[0][0], "scope");
        assert_eq!(rows[1][6], "12.5");
        assert_eq!(rows[2][11], "1", "timed_out of the second bucket");
        assert_eq!(rows[3][2], label);
        assert_eq!(rows[3][1], "c7");
        assert_eq!(rows[4][19], "0.25");
        assert_eq!(rows[3][6], "", "no latency for a component row");
    }

    #[test]
    fn lines_end_with_crlf() {
        let text = to_csv(&sample("a"));
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches("\r\n").count(), 5);
    }

    #[test]
    fn formula_starts_are_neutralised() {
        for evil in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx"] {
            let rows = parse(&to_csv(&sample(evil)));
            assert_eq!(rows[3][2], format!("'{evil}"));
        }
        assert_eq!(text_cell("web"), "\"web\"");
        assert_eq!(text_cell("a\"b"), "\"a\"\"b\"");
    }
}
