//! Failed requests by cause, and the words that name each cause.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::Run;

/// Failed requests by cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub struct Errors {
    /// Refused by a rate limit (429).
    #[serde(default)]
    pub throttled: u64,
    /// Not answered within the client's timeout.
    #[serde(default)]
    pub timed_out: u64,
    /// Refused because every worker was busy and the queue was full (503).
    #[serde(default)]
    pub rejected: u64,
    /// A load balancer had no target to send to (503).
    #[serde(default)]
    pub no_healthy_target: u64,
    /// Failed in the application or a service it called (5xx, connection
    /// reset), other than the two causes below.
    #[serde(default)]
    pub failed: u64,
    /// Lost with the instance that was serving them: it failed, or was
    /// terminated while they were in progress.
    #[serde(default)]
    pub instance_lost: u64,
    /// A database had no primary in service: failing over to its standby,
    /// or down until it is restored.
    #[serde(default)]
    pub database: u64,
    /// Refused by a load balancer still scaling up to a sudden peak (503).
    /// Left out of a readable record (JSON) when zero, so a run without any
    /// reads, and digests, as before; binary records always carry it.
    #[serde(default)]
    pub lb_scaling: u64,
}

impl Serialize for Errors {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let skip = s.is_human_readable() && self.lb_scaling == 0;
        let mut st = s.serialize_struct("Errors", if skip { 7 } else { 8 })?;
        st.serialize_field("throttled", &self.throttled)?;
        st.serialize_field("timed_out", &self.timed_out)?;
        st.serialize_field("rejected", &self.rejected)?;
        st.serialize_field("no_healthy_target", &self.no_healthy_target)?;
        st.serialize_field("failed", &self.failed)?;
        st.serialize_field("instance_lost", &self.instance_lost)?;
        st.serialize_field("database", &self.database)?;
        if skip {
            st.skip_field("lb_scaling")?;
        } else {
            st.serialize_field("lb_scaling", &self.lb_scaling)?;
        }
        st.end()
    }
}

/// One cause of failed requests, as the charts and totals name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCause {
    /// A rate or concurrency limit refused the request (429).
    Throttled,
    /// No answer within the client's timeout.
    TimedOut,
    /// Every worker busy and the queue full (503).
    Rejected,
    /// A load balancer had no healthy target (503).
    NoHealthyTarget,
    /// The application or a service it called failed.
    Failed,
    /// The instance serving the request failed or was terminated.
    InstanceLost,
    /// The database had no primary in service.
    Database,
    /// A load balancer still scaling refused the request (503).
    LbScaling,
}

impl ErrorCause {
    /// Every cause, in the order the charts stack them and the totals list them.
    pub const ALL: [ErrorCause; 8] = [
        ErrorCause::Throttled,
        ErrorCause::TimedOut,
        ErrorCause::Rejected,
        ErrorCause::LbScaling,
        ErrorCause::NoHealthyTarget,
        ErrorCause::Database,
        ErrorCause::InstanceLost,
        ErrorCause::Failed,
    ];

    /// The count of this cause in `e`.
    #[must_use]
    pub fn count(self, e: &Errors) -> u64 {
        match self {
            ErrorCause::Throttled => e.throttled,
            ErrorCause::TimedOut => e.timed_out,
            ErrorCause::Rejected => e.rejected,
            ErrorCause::NoHealthyTarget => e.no_healthy_target,
            ErrorCause::Failed => e.failed,
            ErrorCause::InstanceLost => e.instance_lost,
            ErrorCause::Database => e.database,
            ErrorCause::LbScaling => e.lb_scaling,
        }
    }

    /// The cause in words, for a chart's legend and the totals of `run`
    /// ("Database failover (90 s)" when the run's databases fail over in
    /// 90 s).
    #[must_use]
    pub fn label(self, run: &Run) -> String {
        match self {
            ErrorCause::Throttled => match throttlers(run).as_slice() {
                [] => "Throttled by a rate limit (429)".to_owned(),
                [one] => format!("Throttled by {one} (429)"),
                [a, b] => format!("Throttled by {a} and {b} (429)"),
                [a, rest @ ..] => format!("Throttled by {a} and {} more (429)", rest.len()),
            },
            ErrorCause::TimedOut => "Timed out at the client".to_owned(),
            ErrorCause::Rejected => "Rejected: workers busy, queue full".to_owned(),
            ErrorCause::LbScaling => "Load balancer still scaling (503)".to_owned(),
            ErrorCause::NoHealthyTarget => "No healthy target behind the load balancer".to_owned(),
            ErrorCause::Failed => "Failed in the application".to_owned(),
            ErrorCause::InstanceLost => "Instance failed".to_owned(),
            ErrorCause::Database => match failover_s(run) {
                Some(s) => format!("Database failover ({s:.0} s)"),
                None => "Database down".to_owned(),
            },
        }
    }
}

/// The components of `run` that refused requests with a rate or concurrency
/// limit, by their labels (their kind's name when unlabelled), in design order.
fn throttlers(run: &Run) -> Vec<String> {
    run.components
        .iter()
        .filter(|c| c.rejections > 0)
        .filter_map(|c| {
            let spec = crate::catalog::kind(&c.kind)?;
            spec.role.throttles().then(|| {
                let label = c.label.trim();
                if label.is_empty() {
                    spec.name.to_owned()
                } else {
                    label.to_owned()
                }
            })
        })
        .collect()
}

/// The failover time of the run's Multi-AZ databases: the longest, when
/// they differ; `None` when it has none.
fn failover_s(run: &Run) -> Option<f64> {
    run.components
        .iter()
        .filter_map(|c| c.failover_s)
        .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))))
}

impl Errors {
    /// All errors together.
    #[must_use]
    pub fn total(&self) -> u64 {
        ErrorCause::ALL.iter().map(|c| c.count(self)).sum()
    }

    /// Failures inside the design, whatever failed: the application, an
    /// instance or a database (the `failed` column of the CSV and the CLI).
    #[must_use]
    pub fn all_failed(&self) -> u64 {
        self.failed + self.instance_lost + self.database
    }

    /// Adds another count.
    pub fn add(&mut self, o: &Errors) {
        self.throttled += o.throttled;
        self.timed_out += o.timed_out;
        self.rejected += o.rejected;
        self.no_healthy_target += o.no_healthy_target;
        self.failed += o.failed;
        self.instance_lost += o.instance_lost;
        self.database += o.database;
        self.lb_scaling += o.lb_scaling;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::ComponentSummary;

    #[test]
    fn database_cause_names_the_failover_time() {
        let mut run = Run::default();
        assert_eq!(ErrorCause::Database.label(&run), "Database down");
        run.components.push(ComponentSummary {
            failover_s: Some(90.0),
            ..ComponentSummary::default()
        });
        assert_eq!(ErrorCause::Database.label(&run), "Database failover (90 s)");
        assert_eq!(ErrorCause::InstanceLost.label(&run), "Instance failed");
    }

    #[test]
    fn throttle_cause_names_the_services_that_refused() {
        use crate::catalog::Kind;
        let summary = |kind: Kind, label: &str, rejections: u64| ComponentSummary {
            kind: kind.id().to_owned(),
            label: label.to_owned(),
            rejections,
            ..ComponentSummary::default()
        };
        let mut run = Run::default();
        assert_eq!(
            ErrorCause::Throttled.label(&run),
            "Throttled by a rate limit (429)"
        );
        // A load balancer's refusals are not throttling; an idle API is not named.
        run.components.push(summary(Kind::Alb, "Front", 50));
        run.components
            .push(summary(Kind::ApiGateway, "Public API", 0));
        assert_eq!(
            ErrorCause::Throttled.label(&run),
            "Throttled by a rate limit (429)"
        );
        run.components
            .push(summary(Kind::ApiGateway, "Public API", 12));
        assert_eq!(
            ErrorCause::Throttled.label(&run),
            "Throttled by Public API (429)"
        );
        run.components.push(summary(Kind::Lambda, " ", 3));
        assert_eq!(
            ErrorCause::Throttled.label(&run),
            "Throttled by Public API and Lambda function (429)"
                .replace("Lambda function", Kind::Lambda.spec().name)
        );
        run.components.push(summary(Kind::DynamoDb, "Orders", 1));
        assert_eq!(
            ErrorCause::Throttled.label(&run),
            "Throttled by Public API and 2 more (429)"
        );
    }

    #[test]
    fn scaling_refusals_are_left_out_of_json_only_when_none() {
        let none = Errors::default();
        let json = serde_json::to_string(&none).unwrap();
        assert!(!json.contains("lb_scaling"), "{json}");
        let some = Errors {
            lb_scaling: 3,
            ..Errors::default()
        };
        let json = serde_json::to_string(&some).unwrap();
        assert_eq!(serde_json::from_str::<Errors>(&json).unwrap(), some);
        // Binary records carry every field, in order.
        for e in [none, some] {
            let bytes = postcard::to_allocvec(&e).unwrap();
            assert_eq!(postcard::from_bytes::<Errors>(&bytes).unwrap(), e);
        }
    }

    #[test]
    fn total_counts_every_cause_once() {
        let e = Errors {
            throttled: 1,
            timed_out: 2,
            rejected: 4,
            no_healthy_target: 8,
            failed: 16,
            instance_lost: 32,
            database: 64,
            lb_scaling: 128,
        };
        assert_eq!(e.total(), 255);
        assert_eq!(e.all_failed(), 112);
        let mut twice = e;
        twice.add(&e);
        assert_eq!(twice.total(), 510);
    }
}
