//! The scenario's timeline as a service: its events and each one's target,
//! resolved once at build (`target`), and what applying or ending an event
//! means (`step`), as a [`Step`] or an [`EndStep`] over those indices.
//!
//! The service owns its events and targets and logs and schedules through
//! [`Cx`]; it never sees the engine. The engine's glue
//! (`sim/engine/timeline.rs`) carries a step out across the services (it
//! crashes instances, slows pools, reconciles groups) and reports back how
//! it went, as [`Applied`], so the service can log an ignored event or
//! schedule the end of a timed one.

use super::Ev;
use super::cx::Cx;
use super::ix::PoolIx;
use super::model::{Node, Pool};
use crate::scenario::{Event, TimedEvent};

mod step;
mod target;

pub(crate) use step::{EndStep, Step};
pub(crate) use target::Target;

/// Time a single-AZ database takes to come back after its instance fails.
/// Assumption: not in the reference notes; 10 minutes.
pub(crate) const RDS_RESTORE_US: u64 = 600_000_000;

/// The timeline of a run: the scenario's events and their targets.
#[derive(Debug, Default)]
pub(crate) struct Timeline {
    /// The scenario's events, in the order it lists them.
    events: Vec<TimedEvent>,
    /// Each event's target, as indices into the engine's arrays.
    targets: Vec<Target>,
}

/// What applying an event did, as the engine's glue reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    /// Its target cannot take it: say so in the log.
    Ignored,
    /// It took effect and ends after its duration, if it has one.
    Timed,
    /// It took effect (or was skipped with its own log line) and has no end.
    Done,
}

impl Timeline {
    /// The timeline of `events`, each target found once among `nodes`,
    /// `pools` and the zones `azs`.
    pub(crate) fn new(
        events: Vec<TimedEvent>,
        nodes: &[Node],
        pools: &[Pool],
        azs: &[String],
    ) -> Timeline {
        let targets = events
            .iter()
            .map(|te| Target::resolve(&te.event, nodes, pools, azs))
            .collect();
        Timeline { events, targets }
    }

    /// Logs that event `idx` was ignored: its target cannot take it.
    pub(crate) fn ignored(&self, idx: usize, cx: &mut Cx) {
        if let Some(te) = self.events.get(idx) {
            let e = &te.event;
            cx.log(
                None,
                format!("timeline event ignored: its target cannot take it ({e:?})"),
            );
        }
    }

    /// Finishes event `idx` as the glue reports it went: logs it ignored, or
    /// schedules the end of a timed event with a duration.
    pub(crate) fn applied(&self, idx: usize, applied: Applied, cx: &mut Cx) {
        match applied {
            Applied::Ignored => self.ignored(idx, cx),
            Applied::Timed => {
                let end = self.events.get(idx).and_then(|te| duration_s(&te.event));
                if let Some(d) = end {
                    let t = cx.now + (d.max(0.0) * 1e6) as u64;
                    cx.schedule(t, Ev::TimelineEnd { idx: idx as u16 });
                }
            }
            Applied::Done => {}
        }
    }
}

impl Timeline {
    /// The pool event `idx` names.
    fn pool(&self, idx: usize) -> Option<PoolIx> {
        self.targets.get(idx).and_then(|t| t.pool)
    }

    /// The group event `idx` names.
    fn asg(&self, idx: usize) -> Option<usize> {
        self.targets.get(idx).and_then(|t| t.asg).map(usize::from)
    }

    /// What applying event `idx` asks; `None` when there is no such event.
    pub(crate) fn step(&self, idx: usize) -> Option<Step> {
        let te = self.events.get(idx)?;
        let pool = self.pool(idx);
        let asg = self.asg(idx);
        let step = match &te.event {
            Event::InstanceFailure { count, mode, .. } => pool.map(|pool| Step::FailInstances {
                pool,
                count: *count,
                mode: *mode,
            }),
            Event::AzOutage { az, .. } => {
                let zone = self.targets.get(idx).and_then(|t| t.az).map(usize::from);
                zone.map(|zone| Step::AzOutage {
                    zone,
                    name: az.clone(),
                })
            }
            Event::AzRecovery { az } => Some(Step::AzRecovery { name: az.clone() }),
            Event::RegionOutage { region, .. } => Some(Step::RegionOutage {
                region: region.clone(),
            }),
            Event::SpotInterruption { target, share } => Some(Step::SpotInterruption {
                target: *target,
                share: *share,
            }),
            Event::SpotPriceChange {
                instance_type,
                az,
                factor,
            } => Some(Step::SpotPrice {
                ty: instance_type.clone(),
                az: az.clone(),
                factor: *factor,
            }),
            Event::DependencySlowdown { factor, .. } => pool.map(|pool| Step::Slowdown {
                pool,
                factor: *factor,
            }),
            Event::BadDeployment { error_rate, .. } => pool.map(|pool| Step::BadDeployment {
                pool,
                error_rate: *error_rate,
            }),
            Event::ScheduledAction { .. }
            | Event::Suspend { .. }
            | Event::Resume { .. }
            | Event::InstanceRefresh { .. }
            | Event::TerminateInstances { .. }
            | Event::EcsDeployment { .. } => asg.and_then(|asg| group_step(&te.event, asg)),
            Event::ApiDeployment {
                error_rate, canary, ..
            } => pool.map(|pool| Step::ApiDeploy {
                pool,
                error_rate: *error_rate,
                canary: *canary,
            }),
            Event::StageRollback { .. } => pool.map(|pool| Step::ApiRollback { pool }),
            Event::WeightChange { link, weight } => Some(Step::Weight {
                link: *link,
                weight: *weight,
            }),
        };
        Some(step.unwrap_or(Step::Ignored))
    }

    /// What the end of timed event `idx` asks; `None` when nothing ends.
    pub(crate) fn end(&self, idx: usize) -> Option<EndStep> {
        match &self.events.get(idx)?.event {
            Event::AzOutage { az, .. } => Some(EndStep::AzRecovery(az.clone())),
            Event::RegionOutage { region, .. } => Some(EndStep::RegionBack(region.clone())),
            Event::DependencySlowdown { .. } => self.pool(idx).map(EndStep::NormalSpeed),
            Event::BadDeployment { .. } => self.pool(idx).map(EndStep::Rollback),
            _ => None,
        }
    }
}

/// What a group event asks of group `asg`; `None` for other events.
fn group_step(e: &Event, asg: usize) -> Option<Step> {
    match e {
        Event::ScheduledAction {
            min, max, desired, ..
        } => Some(Step::Scheduled {
            asg,
            min: *min,
            max: *max,
            desired: *desired,
        }),
        Event::Suspend { process, .. } | Event::Resume { process, .. } => {
            let suspend = matches!(e, Event::Suspend { .. });
            Some(Step::Suspend {
                asg,
                process: *process,
                suspend,
            })
        }
        Event::InstanceRefresh {
            min_healthy,
            warmup_s,
            ..
        } => Some(Step::Refresh {
            asg,
            min_healthy: *min_healthy,
            warmup_us: warmup_s.map(|s| (s.max(0.0) * 1e6) as u64),
        }),
        Event::EcsDeployment { error_rate, .. } => Some(Step::EcsDeploy {
            asg,
            error_rate: *error_rate,
        }),
        Event::TerminateInstances {
            count, decrement, ..
        } => Some(Step::Terminate {
            asg,
            count: *count,
            decrement: *decrement,
        }),
        _ => None,
    }
}

/// How long a timed event lasts; `None` lasts to the end of the run.
fn duration_s(e: &Event) -> Option<f64> {
    match e {
        Event::AzOutage { duration_s, .. }
        | Event::RegionOutage { duration_s, .. }
        | Event::DependencySlowdown { duration_s, .. }
        | Event::BadDeployment { duration_s, .. } => *duration_s,
        _ => None,
    }
}

/// Logs that a region outage names a Region frame the design lacks.
pub(crate) fn no_region(cx: &mut Cx, name: &str) {
    let name = name.trim();
    cx.log(
        None,
        format!(
            "timeline event ignored: the design has no Region frame called \"{name}\" (region outage)"
        ),
    );
}
