//! One moment of a run, as the canvas paints it during a replay: each
//! component's health, load and instances, each link's request rate, the
//! zones that are down, and the event-log lines of that moment.

use serde::{Deserialize, Serialize};

use super::{ComponentPoint, Run};
use crate::design::{ComponentId, LinkId};

/// Share of a bucket's requests that fail before a component counts as
/// failing (assumption: half the requests failing is an outage to the users).
pub const FAILING_ERROR_SHARE: f64 = 0.5;
/// Share of failed requests from which a component counts as degraded
/// (assumption: 1 %, a common error-rate alarm threshold).
pub const DEGRADED_ERROR_SHARE: f64 = 0.01;
/// Utilization from which a component counts as degraded: its queue grows
/// quickly beyond it (assumption, the usual saturation rule of thumb).
pub const DEGRADED_UTILIZATION: f64 = 0.9;

/// How a component is doing at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Health {
    /// Serving without trouble.
    #[default]
    Ok,
    /// Serving, but some requests fail or it is close to saturation.
    Degraded,
    /// Most requests fail, or nothing is left to serve them.
    Failing,
}

impl Health {
    /// A stable lower-case name (`ok`, `degraded`, `failing`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Ok => "ok",
            Health::Degraded => "degraded",
            Health::Failing => "failing",
        }
    }
}

/// Instances of a group or instance at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Instances {
    /// In service and running (crashed instances are left out).
    pub in_service: u32,
    /// Launching.
    pub pending: u32,
    /// Deregistered, finishing their requests.
    pub draining: u32,
}

/// One component at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentFrame {
    /// The component.
    pub id: ComponentId,
    /// Its health.
    pub health: Health,
    /// Share of its workers held, 0..1 (0 for components without workers).
    pub utilization: f64,
    /// Share of the requests it received that failed or were refused, 0..1.
    pub error_share: f64,
    /// Requests it received per second.
    pub requests_per_s: f64,
    /// Its instances, for components that had instances during the run.
    pub instances: Option<Instances>,
}

/// One link at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkFrame {
    /// The link.
    pub id: LinkId,
    /// Requests it carried per second.
    pub rate_per_s: f64,
    /// The rate as a share of the busiest link's busiest bucket in the run, 0..1.
    pub share: f64,
}

/// One moment of a run: what the canvas shows at simulated second `t_s`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Frame {
    /// The moment, simulated seconds (clamped to the run).
    pub t_s: f64,
    /// The metric bucket it falls in, if the run has any.
    pub bucket: Option<usize>,
    /// Every component the run modelled.
    pub components: Vec<ComponentFrame>,
    /// Every link the run modelled.
    pub links: Vec<LinkFrame>,
    /// Availability Zones that are down at that moment.
    pub failed_azs: Vec<String>,
    /// Whether every region is down at that moment.
    pub region_down: bool,
    /// Region frames (by label) that are down at that moment.
    #[serde(default)]
    pub failed_regions: Vec<String>,
    /// Indexes into [`Run::log`] of the lines of that moment: those of the
    /// last bucket-width before it, or else the last line before it.
    pub log_lines: Vec<usize>,
}

impl Frame {
    /// The frame of one component.
    #[must_use]
    pub fn component(&self, id: ComponentId) -> Option<&ComponentFrame> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The frame of one link.
    #[must_use]
    pub fn link(&self, id: LinkId) -> Option<&LinkFrame> {
        self.links.iter().find(|l| l.id == id)
    }
}

impl Run {
    /// The run at simulated second `t_s`, for the replay.
    ///
    /// Rates and utilization are those of the metric bucket holding `t_s`;
    /// instance counts are those at the end of that bucket.
    #[must_use]
    pub fn frame_at(&self, t_s: f64) -> Frame {
        let t_s = if t_s.is_finite() {
            t_s.clamp(0.0, self.duration_s.max(0.0))
        } else {
            0.0
        };
        let bucket = self.bucket_at(t_s);
        let down = self.down_at(t_s);
        Frame {
            t_s,
            bucket,
            components: self.component_frames(bucket),
            links: self.link_frames(bucket),
            failed_azs: down.azs,
            region_down: down.everywhere,
            failed_regions: down.regions,
            log_lines: self.log_lines_at(t_s),
        }
    }

    /// Every component's frame in `bucket`.
    fn component_frames(&self, bucket: Option<usize>) -> Vec<ComponentFrame> {
        let width = bucket.map_or(0.0, |k| self.bucket_width(k));
        self.series
            .iter()
            .map(|s| {
                let empty = ComponentPoint::default();
                let p = bucket.and_then(|k| s.points.get(k)).unwrap_or(&empty);
                let had_instances = s.points.iter().any(|q| {
                    let i = &q.instances;
                    i.pending + i.in_service + i.draining + i.terminating > 0
                });
                let balancer = self
                    .component(s.id)
                    .is_some_and(|c| is_load_balancer(&c.kind));
                let mut f = component_frame(s.id, p, per_second(p.requests, width), had_instances);
                // A load balancer with no healthy target answers every request with a 503.
                if balancer && bucket.is_some() && p.healthy_targets == 0 {
                    f.health = Health::Failing;
                }
                f
            })
            .collect()
    }

    /// Every link's frame in `bucket`, its rate also as a share of the
    /// busiest link's busiest bucket.
    fn link_frames(&self, bucket: Option<usize>) -> Vec<LinkFrame> {
        let width = bucket.map_or(0.0, |k| self.bucket_width(k));
        let max = self
            .links
            .iter()
            .flat_map(|l| l.requests.iter().enumerate())
            .map(|(k, &n)| per_second(n, self.bucket_width(k)))
            .fold(0.0, f64::max);
        self.links
            .iter()
            .map(|l| {
                let n = bucket.and_then(|k| l.requests.get(k).copied()).unwrap_or(0);
                let rate = per_second(n, width);
                LinkFrame {
                    id: l.id,
                    rate_per_s: rate,
                    share: if max > 0.0 {
                        (rate / max).clamp(0.0, 1.0)
                    } else {
                        0.0
                    },
                }
            })
            .collect()
    }

    /// The zones, regions and whole outages in effect at `t_s`.
    fn down_at(&self, t_s: f64) -> Down {
        let mut down = Down::default();
        for o in self.outages.iter().filter(|o| o.covers(t_s)) {
            match (&o.az, &o.region) {
                (Some(az), _) if !down.azs.contains(az) => down.azs.push(az.clone()),
                (Some(_), _) => {}
                (None, Some(r)) if !down.regions.contains(r) => down.regions.push(r.clone()),
                (None, Some(_)) => {}
                (None, None) => down.everywhere = true,
            }
        }
        down
    }

    /// The bucket holding `t_s` (the last one from the end of the run on).
    fn bucket_at(&self, t_s: f64) -> Option<usize> {
        let last = self.buckets.len().checked_sub(1)?;
        if self.bucket_s <= 0.0 {
            return Some(last);
        }
        Some(((t_s / self.bucket_s).floor().max(0.0) as usize).min(last))
    }

    /// Seconds bucket `k` covers (the last one may be cut short by the end).
    fn bucket_width(&self, k: usize) -> f64 {
        let Some(b) = self.buckets.get(k) else {
            return 0.0;
        };
        let end = match self.buckets.get(k + 1) {
            Some(next) => next.start_s,
            None => (b.start_s + self.bucket_s).min(self.duration_s),
        };
        (end - b.start_s).max(0.0)
    }

    /// Log lines in `(t_s - bucket_s, t_s]`, or else the last one at or before `t_s`.
    fn log_lines_at(&self, t_s: f64) -> Vec<usize> {
        // The log is in time order: the lines up to `t_s` are a prefix.
        let end = self.log.partition_point(|e| e.t_s <= t_s);
        let from = t_s - self.bucket_s.max(0.0);
        let start = self.log[..end].partition_point(|e| e.t_s <= from);
        if start < end {
            (start..end).collect()
        } else {
            end.checked_sub(1).into_iter().collect()
        }
    }
}

/// What is down at one moment.
#[derive(Default)]
struct Down {
    /// Availability Zones, in the order their outages were recorded.
    azs: Vec<String>,
    /// Region frames (by label), in the same order.
    regions: Vec<String>,
    /// Whether every region is down.
    everywhere: bool,
}

/// `n` requests over `width` seconds, per second (0 for an empty width).
fn per_second(n: u64, width: f64) -> f64 {
    if width > 0.0 { n as f64 / width } else { 0.0 }
}

/// Whether a catalog kind is a load balancer (the kinds that report healthy targets).
fn is_load_balancer(kind: &str) -> bool {
    crate::catalog::kind(kind).is_some_and(|k| k.role == crate::catalog::Role::LoadBalancer)
}

/// A component's frame from its bucket point.
fn component_frame(
    id: ComponentId,
    p: &ComponentPoint,
    requests_per_s: f64,
    had_instances: bool,
) -> ComponentFrame {
    let errors = p.rejections + p.failures;
    let error_share = if p.requests > 0 {
        (errors as f64 / p.requests as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let instances = had_instances.then(|| {
        let i = &p.instances;
        let running: u32 = i.in_service_by_az.iter().sum();
        Instances {
            in_service: if i.in_service_by_az.is_empty() {
                i.in_service
            } else {
                running
            },
            pending: i.pending,
            draining: i.draining,
        }
    });
    let utilization = p.utilization.clamp(0.0, 1.0);
    let nothing_serves = instances.is_some_and(|i| i.in_service == 0 && i.draining == 0);
    let health = if error_share >= FAILING_ERROR_SHARE || (nothing_serves && p.requests > 0) {
        Health::Failing
    } else if error_share >= DEGRADED_ERROR_SHARE
        || utilization >= DEGRADED_UTILIZATION
        || nothing_serves
    {
        Health::Degraded
    } else {
        Health::Ok
    };
    ComponentFrame {
        id,
        health,
        utilization,
        error_share,
        requests_per_s,
        instances,
    }
}
