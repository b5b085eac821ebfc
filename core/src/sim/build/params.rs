//! Reading settings: the scenario's ranges, zones, schedules, suspended processes.

use super::super::SimError;
use super::super::time::SimTime;
use super::limits::MAX_BUCKETS;
use crate::design::{Component, Design, GroupKind};
use crate::scenario::{Process, Scenario};

/// The catalog's "suspended from the start" flag of a process [AS-SUSP].
pub(super) fn suspend_param(p: Process) -> &'static str {
    match p {
        Process::Launch => "suspend_launch",
        Process::Terminate => "suspend_terminate",
        Process::HealthCheck => "suspend_health_check",
        Process::ReplaceUnhealthy => "suspend_replace_unhealthy",
        Process::AzRebalance => "suspend_az_rebalance",
        Process::AlarmNotification => "suspend_alarm_notification",
        Process::ScheduledActions => "suspend_scheduled_actions",
        Process::AddToLoadBalancer => "suspend_add_to_lb",
    }
}

/// Scheduled actions from the group's `schedule` parameter: `minute:desired`
/// pairs separated by commas [AS-SCHED]. Unreadable pairs are skipped.
pub(super) fn parse_schedule(s: &str) -> Vec<(SimTime, u32)> {
    s.split(',')
        .filter_map(|pair| {
            let (m, d) = pair.split_once(':')?;
            let m: f64 = m.trim().parse().ok()?;
            let d: u32 = d.trim().parse().ok()?;
            (m.is_finite() && m >= 0.0).then_some((SimTime::from_us((m * 60e6) as u64), d))
        })
        .collect()
}

pub(super) fn check_scenario(sc: &Scenario) -> Result<(), SimError> {
    let bad = |reason: &str| {
        Err(SimError::BadScenario {
            reason: reason.to_owned(),
        })
    };
    if !(sc.duration_s.is_finite() && sc.duration_s > 0.0) {
        return bad("the duration must be a positive number of seconds");
    }
    if sc.duration_s > 30.0 * 86_400.0 {
        return bad("the duration is longer than 30 days");
    }
    if !(sc.bucket_s.is_finite() && sc.bucket_s >= 0.001) {
        return bad("the metric bucket must be at least 1 ms wide");
    }
    if sc.duration_s / sc.bucket_s > MAX_BUCKETS as f64 {
        return bad("too many metric buckets; widen the bucket or shorten the run");
    }
    if !(sc.warmup_s.is_finite() && sc.warmup_s >= 0.0) {
        return bad("the warm-up must be zero or more seconds");
    }
    Ok(())
}

/// Zone of a lone instance or database: its `az` parameter, else the AZ frame it sits in.
pub(super) fn az_of(d: &Design, c: &Component, azs: &mut Vec<String>) -> u8 {
    let mut name = c.text("az");
    if name.is_empty()
        && let Some(g) = d
            .groups
            .iter()
            .find(|g| g.kind == GroupKind::AvailabilityZone && g.rect.contains(c.pos))
    {
        name = g.label.trim().to_owned();
    }
    if name.is_empty() {
        return 0;
    }
    if let Some(i) = azs.iter().position(|z| *z == name) {
        return i as u8;
    }
    if azs.len() < 64 {
        azs.push(name);
        (azs.len() - 1) as u8
    } else {
        0
    }
}
