//! Whole-run figures of a pinned run against the current one.

use crate::run::Run;

use super::Scope;
use super::data::{Unit, capacity_scoped};

/// One figure compared.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalsDiff {
    /// What is compared (`p95 latency`, `errors`, …).
    pub name: &'static str,
    /// The pinned run's value.
    pub pinned: f64,
    /// The current run's value.
    pub current: f64,
    /// `current - pinned`.
    pub delta: f64,
    /// How the values print.
    pub unit: Unit,
}

impl TotalsDiff {
    /// The pinned value as text.
    #[must_use]
    pub fn pinned_text(&self) -> String {
        self.unit.format(self.pinned)
    }

    /// The current value as text.
    #[must_use]
    pub fn current_text(&self) -> String {
        self.unit.format(self.current)
    }

    /// The delta as text, with its sign (`+12.0 ms`, `-3`, `±0`).
    #[must_use]
    pub fn delta_text(&self) -> String {
        if self.delta == 0.0 {
            return format!("±{}", self.unit.format(0.0));
        }
        let sign = if self.delta > 0.0 { "+" } else { "-" };
        format!("{sign}{}", self.unit.format(self.delta.abs()))
    }
}

/// Most instances alive at once (pending, in service or draining) at the
/// end of any bucket, summed over what the whole design's capacity chart
/// counts (its groups, never a database).
#[must_use]
pub fn peak_capacity(run: &Run) -> u32 {
    let comps = capacity_scoped(run, Scope::System);
    (0..run.buckets.len())
        .map(|k| {
            comps
                .iter()
                .filter_map(|(_, pts)| pts.get(k))
                .map(|p| p.instances.pending + p.instances.in_service + p.instances.draining)
                .sum::<u32>()
        })
        .max()
        .unwrap_or(0)
}

/// Latency p50/p95/p99, errors, peak capacity and cost of both runs, with deltas.
#[must_use]
pub fn compare_totals(pinned: &Run, current: &Run) -> Vec<TotalsDiff> {
    let row = |name, unit, f: &dyn Fn(&Run) -> f64| {
        let (p, c) = (f(pinned), f(current));
        TotalsDiff {
            name,
            pinned: p,
            current: c,
            delta: c - p,
            unit,
        }
    };
    vec![
        row("p50 latency", Unit::Ms, &|r| r.totals.p50_ms),
        row("p95 latency", Unit::Ms, &|r| r.totals.p95_ms),
        row("p99 latency", Unit::Ms, &|r| r.totals.p99_ms),
        row("errors", Unit::Count, &|r| r.totals.errors.total() as f64),
        row("peak capacity", Unit::Count, &|r| {
            f64::from(peak_capacity(r))
        }),
        row("cost", Unit::Usd, &|r| r.totals.cost_usd),
    ]
}

/// Requests the users sent per simulated second over the whole run
/// (warm-up included), and its standard error under Poisson arrivals.
fn offered(run: &Run) -> (f64, f64) {
    let n: u64 = run.buckets.iter().map(|b| b.requests).sum();
    let d = run.duration_s.max(1e-9);
    (n as f64 / d, (n as f64).sqrt() / d)
}

/// A duration in words: `90 s`, `15 min`, `2 min 30 s`, `1 h 30 min`.
#[must_use]
pub fn duration_words(t_s: f64) -> String {
    let t = if t_s.is_finite() {
        t_s.max(0.0).round() as u64
    } else {
        0
    };
    let (h, m, s) = (t / 3600, (t / 60) % 60, t % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// Why two runs' totals do not compare like for like, as one sentence:
/// they differ in simulated duration, or in the traffic the users sent
/// (mean requests per second, by more than 10 % and more than chance
/// explains). `None` when they match.
#[must_use]
pub fn runs_differ(pinned: &Run, current: &Run) -> Option<String> {
    let mut parts = Vec::new();
    if (pinned.duration_s - current.duration_s).abs() >= 1.0 {
        parts.push(format!(
            "duration {} vs {}",
            duration_words(pinned.duration_s),
            duration_words(current.duration_s)
        ));
    }
    let ((a, sa), (b, sb)) = (offered(pinned), offered(current));
    let noise = 3.0 * (sa * sa + sb * sb).sqrt();
    if (a - b).abs() > (0.1 * a.max(b)).max(noise) {
        parts.push(format!("traffic {a:.1} vs {b:.1} requests/s on average"));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "These runs differ: {} (pinned vs latest). Totals such as errors and cost grow with both, so compare them with care.",
            parts.join("; ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Bucket;

    /// A run of `duration_s` seconds in 60 s buckets of `per_bucket` requests.
    fn run(duration_s: f64, per_bucket: u64) -> Run {
        let bucket = Bucket {
            start_s: 0.0,
            requests: per_bucket,
            completions: per_bucket,
            p50_ms: 0.0,
            p95_ms: 0.0,
            p99_ms: 0.0,
            mean_ms: 0.0,
            errors: crate::run::Errors::default(),
            retries: 0,
            latency: crate::run::Histogram::default(),
            cost_usd: 0.0,
        };
        Run {
            duration_s,
            bucket_s: 60.0,
            buckets: vec![bucket; (duration_s / 60.0) as usize],
            ..Run::default()
        }
    }

    #[test]
    fn runs_of_another_length_or_load_are_flagged() {
        let same = runs_differ(&run(900.0, 6000), &run(900.0, 6050));
        assert_eq!(same, None, "chance alone");
        let longer = runs_differ(&run(900.0, 6000), &run(300.0, 6000)).expect("differ");
        assert!(
            longer.starts_with("These runs differ: duration 15 min vs 5 min"),
            "{longer}"
        );
        assert!(!longer.contains("traffic"), "{longer}");
        let busier = runs_differ(&run(300.0, 6000), &run(300.0, 12000)).expect("differ");
        assert!(
            busier.contains("traffic 100.0 vs 200.0 requests/s"),
            "{busier}"
        );
    }

    #[test]
    fn durations_read_in_words() {
        assert_eq!(duration_words(90.0), "1 min 30 s");
        assert_eq!(duration_words(45.0), "45 s");
        assert_eq!(duration_words(900.0), "15 min");
        assert_eq!(duration_words(5400.0), "1 h 30 min");
        assert_eq!(duration_words(7200.0), "2 h");
    }
}
