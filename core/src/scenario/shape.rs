//! Traffic shapes: a multiplier of a Users component's request rate over time.

use serde::{Deserialize, Serialize};

/// How a request rate moves over time, as a factor of the base rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    try_from = "super::record::ShapeRecord"
)]
pub enum Shape {
    /// The same factor throughout.
    Constant {
        /// The factor (1 = the component's rate).
        factor: f64,
    },
    /// From one factor to another, linearly between two times.
    Ramp {
        /// Factor before `start_s`.
        from: f64,
        /// Factor after `end_s`.
        to: f64,
        /// Start of the ramp, s.
        start_s: f64,
        /// End of the ramp, s.
        end_s: f64,
    },
    /// 1 before `at_s`, `factor` from then on.
    Step {
        /// When the step happens, s.
        at_s: f64,
        /// The factor after the step.
        factor: f64,
    },
    /// `factor` during `[at_s, at_s + duration_s)`, 1 otherwise.
    Spike {
        /// Start, s.
        at_s: f64,
        /// Length, s.
        duration_s: f64,
        /// The factor during the spike.
        factor: f64,
    },
    /// A daily wave: `1 + amplitude · cos(2π (t − peak_s) / period_s)`.
    Diurnal {
        /// Length of one cycle, s (86,400 for a day).
        period_s: f64,
        /// Relative swing around the mean, 0..1.
        amplitude: f64,
        /// When the peak is, s.
        peak_s: f64,
    },
    /// `factor` for `duration_s` at the start of every `every_s`, 1 otherwise.
    Bursts {
        /// Time between burst starts, s.
        every_s: f64,
        /// Length of a burst, s.
        duration_s: f64,
        /// The factor during a burst.
        factor: f64,
    },
    /// A replayed series: `factors[i]` during `[i·step_s, (i+1)·step_s)`; the
    /// last value holds after the end.
    Series {
        /// Width of one step, s.
        step_s: f64,
        /// One factor per step.
        factors: Vec<f64>,
    },
}

impl Shape {
    /// The factor at `t` seconds (never negative).
    #[must_use]
    pub fn factor(&self, t: f64) -> f64 {
        let f = match self {
            Shape::Constant { factor } => *factor,
            Shape::Ramp {
                from,
                to,
                start_s,
                end_s,
            } => {
                if t <= *start_s {
                    *from
                } else if t >= *end_s || end_s <= start_s {
                    *to
                } else {
                    from + (to - from) * (t - start_s) / (end_s - start_s)
                }
            }
            Shape::Step { at_s, factor } => {
                if t >= *at_s {
                    *factor
                } else {
                    1.0
                }
            }
            Shape::Spike {
                at_s,
                duration_s,
                factor,
            } => {
                if t >= *at_s && t < at_s + duration_s {
                    *factor
                } else {
                    1.0
                }
            }
            Shape::Diurnal {
                period_s,
                amplitude,
                peak_s,
            } => {
                if *period_s <= 0.0 {
                    1.0
                } else {
                    let phase = 2.0 * std::f64::consts::PI * (t - peak_s) / period_s;
                    1.0 + amplitude * libm::cos(phase)
                }
            }
            Shape::Bursts {
                every_s,
                duration_s,
                factor,
            } => {
                if *every_s > 0.0 && t.rem_euclid(*every_s) < *duration_s {
                    *factor
                } else {
                    1.0
                }
            }
            Shape::Series { step_s, factors } => series_at(*step_s, factors, t),
        };
        if f.is_finite() { f.max(0.0) } else { 0.0 }
    }

    /// An upper bound of the factor over `[t0, t1]`.
    #[must_use]
    pub fn max_factor(&self, t0: f64, t1: f64) -> f64 {
        let ends = self.factor(t0).max(self.factor(t1));
        let m = match self {
            Shape::Constant { .. } | Shape::Ramp { .. } => ends,
            Shape::Step { factor, .. }
            | Shape::Spike { factor, .. }
            | Shape::Bursts { factor, .. } => ends.max(*factor).max(1.0),
            Shape::Diurnal { amplitude, .. } => 1.0 + amplitude.abs(),
            Shape::Series { step_s, factors } => {
                if *step_s <= 0.0 || factors.is_empty() {
                    ends
                } else {
                    let i0 = (t0 / step_s).floor().max(0.0) as usize;
                    let i1 = ((t1 / step_s).floor().max(0.0) as usize).min(factors.len() - 1);
                    factors[i0.min(factors.len() - 1)..=i1]
                        .iter()
                        .fold(ends, |a, &b| a.max(b))
                }
            }
        };
        if m.is_finite() { m.max(0.0) } else { 0.0 }
    }
}

fn series_at(step_s: f64, factors: &[f64], t: f64) -> f64 {
    if factors.is_empty() || step_s <= 0.0 {
        return 1.0;
    }
    let i = (t / step_s).floor().max(0.0) as usize;
    factors[i.min(factors.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes() -> Vec<Shape> {
        vec![
            Shape::Constant { factor: 2.0 },
            Shape::Ramp {
                from: 1.0,
                to: 5.0,
                start_s: 10.0,
                end_s: 50.0,
            },
            Shape::Step {
                at_s: 30.0,
                factor: 3.0,
            },
            Shape::Spike {
                at_s: 20.0,
                duration_s: 5.0,
                factor: 10.0,
            },
            Shape::Diurnal {
                period_s: 100.0,
                amplitude: 0.5,
                peak_s: 25.0,
            },
            Shape::Bursts {
                every_s: 30.0,
                duration_s: 3.0,
                factor: 4.0,
            },
            Shape::Series {
                step_s: 10.0,
                factors: vec![1.0, 0.5, 7.0, 2.0],
            },
        ]
    }

    #[test]
    fn bounds_hold() {
        for s in shapes() {
            for w in 0..100 {
                let (t0, t1) = (w as f64, w as f64 + 1.0);
                let m = s.max_factor(t0, t1);
                for k in 0..=20 {
                    let t = t0 + k as f64 / 20.0;
                    assert!(s.factor(t) <= m + 1e-12, "{s:?} at {t}");
                }
            }
        }
    }

    #[test]
    fn shapes_have_their_values() {
        let s = shapes();
        assert_eq!(s[1].factor(30.0), 3.0);
        assert_eq!(s[3].factor(22.0), 10.0);
        assert_eq!(s[3].factor(25.0), 1.0);
        assert!((s[4].factor(25.0) - 1.5).abs() < 1e-12);
        assert_eq!(s[5].factor(61.0), 4.0);
        assert_eq!(s[6].factor(25.0), 7.0);
        assert_eq!(s[6].factor(500.0), 2.0);
    }
}
