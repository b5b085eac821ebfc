//! A CodeDeploy traffic-shifting configuration and a deployment in progress:
//! the data the deployment behaviour in `deploy.rs` works on.

/// A CodeDeploy deployment configuration for Lambda [CDK-CD].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    /// No CodeDeploy: the alias moves at once, without checks.
    None,
    /// `AllAtOnce`.
    AllAtOnce,
    /// `Canary10PercentNMinutes`: 10 %, then the rest after the interval.
    Canary { interval_us: u64 },
    /// `Linear10PercentEveryNMinutes`: 10 % more every interval.
    Linear { interval_us: u64 },
}

impl Shift {
    /// The catalog's `shift` choice.
    pub(crate) fn parse(s: &str) -> Shift {
        let min = |m: u64| m * 60_000_000;
        match s {
            "all_at_once" => Shift::AllAtOnce,
            "canary10_5m" => Shift::Canary {
                interval_us: min(5),
            },
            "canary10_10m" => Shift::Canary {
                interval_us: min(10),
            },
            "canary10_15m" => Shift::Canary {
                interval_us: min(15),
            },
            "canary10_30m" => Shift::Canary {
                interval_us: min(30),
            },
            "linear10_1m" => Shift::Linear {
                interval_us: min(1),
            },
            "linear10_2m" => Shift::Linear {
                interval_us: min(2),
            },
            "linear10_3m" => Shift::Linear {
                interval_us: min(3),
            },
            "linear10_10m" => Shift::Linear {
                interval_us: min(10),
            },
            _ => Shift::None,
        }
    }
}

/// A deployment in progress.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deploy {
    /// Steps of 10 % done.
    pub(crate) step: u8,
}
