//! An alarm's statistic: how a period's samples make its one datapoint
//! [CW-ALARM] (§15). Latency has a sample per request, so a percentile
//! sees the slow tail an average hides; the other metrics have one sample
//! per watched component and period (assumption: the simulator's own
//! sampling, not CloudWatch's publishing interval).

/// A CloudWatch statistic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Stat {
    Average,
    Maximum,
    Minimum,
    Sum,
    SampleCount,
    /// A percentile, as a share (0.99 for p99), nearest rank.
    Pct(f64),
}

impl Stat {
    /// The catalog's choice id as a statistic (Average for an unknown one).
    pub(crate) fn parse(s: &str) -> Stat {
        match s {
            "maximum" => Stat::Maximum,
            "minimum" => Stat::Minimum,
            "sum" => Stat::Sum,
            "sample_count" => Stat::SampleCount,
            _ => match s.strip_prefix('p').and_then(|q| q.parse::<f64>().ok()) {
                Some(q) if q > 0.0 && q < 100.0 => Stat::Pct(q / 100.0),
                _ => Stat::Average,
            },
        }
    }

    /// The datapoint of weighted samples `(value, count)` sorted by value;
    /// `None` when there are none.
    pub(crate) fn of(self, samples: &[(f64, u64)]) -> Option<f64> {
        let count: u64 = samples.iter().map(|s| s.1).sum();
        if count == 0 {
            return None;
        }
        let sum: f64 = samples.iter().map(|&(v, c)| v * c as f64).sum();
        Some(match self {
            Stat::Average => sum / count as f64,
            Stat::Maximum => samples.iter().rev().find(|s| s.1 > 0)?.0,
            Stat::Minimum => samples.iter().find(|s| s.1 > 0)?.0,
            Stat::Sum => sum,
            Stat::SampleCount => count as f64,
            Stat::Pct(q) => {
                let rank = ((q * count as f64).ceil() as u64).max(1);
                let mut seen = 0;
                samples
                    .iter()
                    .find(|s| {
                        seen += s.1;
                        seen >= rank
                    })?
                    .0
            }
        })
    }

    /// The datapoint of one sample per component (`values`, any order).
    pub(crate) fn of_values(self, values: &mut [f64]) -> Option<f64> {
        values.sort_by(f64::total_cmp);
        let samples: Vec<(f64, u64)> = values.iter().map(|&v| (v, 1)).collect();
        self.of(&samples)
    }
}
