//! Presets that tell one story of the notes each: a hung application and the
//! health-check type, a Spot price above the maximum, a known daily peak met
//! by scheduled scaling, suspending processes while troubleshooting, a slow
//! dependency, a cold-start burst, and a sudden peak before the load
//! balancer has scaled.

use super::{Applied, Misfit, all, at, compute};
use crate::catalog::{Kind, Role};
use crate::design::{Component, ComponentId, Design};
use crate::scenario::{Event, FailureMode, Process, Shape};

/// The first Auto Scaling group drawn.
fn group(design: &Design) -> Option<&Component> {
    design.components.iter().find(|c| c.is(Kind::Asg))
}

/// At 5:00 the application on one instance of the compute tier hangs: the
/// instance keeps running, so only load-balancer checks see it [AS-HC].
pub(super) fn hung_app(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let target = group(design).map(|c| c.id).or_else(|| compute(design));
    let target = target.ok_or(Misfit::NoCompute)?;
    applied.scenario.timeline.push(at(
        300.0,
        Event::InstanceFailure {
            target,
            count: 1,
            mode: FailureMode::Hang,
        },
    ));
    let c = design.component(target);
    let label = c.map(|c| c.label.clone()).unwrap_or_default();
    applied.notes.push(
        match c
            .filter(|c| c.is(Kind::Asg))
            .map(|c| c.text("health_check"))
        {
            Some(t) if t == "elb" => format!(
                "\"{label}\" uses ELB health checks: the load balancer sees the hung \
                 instance fail its checks and the group replaces it."
            ),
            Some(_) => format!(
                "\"{label}\" uses EC2 status checks, which a hung application passes: the \
                 instance stays in service and keeps failing. Set its health check type to \
                 ELB and run again to see it replaced."
            ),
            None => format!(
                "\"{label}\" is not in an Auto Scaling group, so nothing replaces the hung \
                 instance: put it in a group with ELB health checks."
            ),
        },
    );
    Ok(())
}

/// At 10:00 the Spot price rises above On-Demand, over the default maximum
/// price, and falls back at 20:00: price-driven reclaims with the two-minute
/// notice [EC2-SPOT-MAXPRICE].
pub(super) fn spot_above_max(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let spot = design
        .components
        .iter()
        .find(|c| c.is(Kind::SpotFleet) || (c.is(Kind::Asg) && c.number("spot_pct") > 0.0))
        .ok_or(Misfit::NoSpot)?;
    let price = |factor: f64| Event::SpotPriceChange {
        instance_type: None,
        az: None,
        factor,
    };
    applied
        .scenario
        .timeline
        .extend([at(600.0, price(1.2)), at(1200.0, price(0.35))]);
    applied.notes.push(format!(
        "The Spot price climbs to 120% of On-Demand, above \"{}\"'s maximum price: its \
         Spot instances get the two-minute notice. Lower the Spot share, or add an \
         On-Demand base, to keep serving.",
        spot.label
    ));
    Ok(())
}

/// A 3× peak every day at 15:00 for 15 minutes, met by a scheduled action at
/// 13:00 that triples the group, and one at 31:00 that returns it [AS-SCHED].
pub(super) fn known_peak(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let g = group(design).ok_or(Misfit::NoGroup)?;
    let desired = g.number("desired").max(1.0) as u32;
    let (min, max) = (g.number("min") as u32, g.number("max") as u32);
    let peak = desired.saturating_mul(3);
    let sc = &mut applied.scenario;
    sc.duration_s = 2400.0;
    sc.traffic.push(all(Shape::Spike {
        at_s: 900.0,
        duration_s: 900.0,
        factor: 3.0,
    }));
    sc.timeline.extend([
        at(
            780.0,
            Event::ScheduledAction {
                target: g.id,
                min: Some(peak),
                max: Some(max.max(peak)),
                desired: Some(peak),
            },
        ),
        at(
            1860.0,
            Event::ScheduledAction {
                target: g.id,
                min: Some(min),
                max: Some(max),
                desired: Some(desired),
            },
        ),
    ]);
    applied.notes.push(format!(
        "\"{}\" is raised to {peak} instances two minutes before the known peak and \
         returned to {desired} after it. Delete the two scheduled actions and run again \
         to see the peak met by the scaling policy alone.",
        g.label
    ));
    Ok(())
}

/// Troubleshooting: at 4:00 ReplaceUnhealthy is suspended, at 5:00 an
/// instance fails and stays for inspection, at 15:00 the process resumes and
/// the group replaces it [AS-SUSP].
pub(super) fn troubleshoot(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let g = group(design).ok_or(Misfit::NoGroup)?;
    let target = g.id;
    let process = Process::ReplaceUnhealthy;
    applied.scenario.timeline.extend([
        at(240.0, Event::Suspend { target, process }),
        at(
            300.0,
            Event::InstanceFailure {
                target,
                count: 1,
                mode: FailureMode::Crash,
            },
        ),
        at(900.0, Event::Resume { target, process }),
    ]);
    applied.notes.push(format!(
        "ReplaceUnhealthy is suspended on \"{}\" while the failed instance is examined; \
         once it resumes at 15:00 the group replaces it.",
        g.label
    ));
    Ok(())
}

/// The first component the compute tier calls that is not itself compute:
/// a database, cache or outside service.
fn dependency(design: &Design) -> Option<ComponentId> {
    let callers: Vec<ComponentId> = design
        .components
        .iter()
        .filter(|c| c.role().is_some_and(Role::runs_code))
        .map(|c| c.id)
        .collect();
    design
        .links
        .iter()
        .filter(|l| callers.contains(&l.from))
        .filter_map(|l| design.component(l.to))
        .find(|c| {
            matches!(
                c.role(),
                Some(Role::Database | Role::Cache | Role::External | Role::Managed)
            )
        })
        .map(|c| c.id)
}

/// At 5:00 the application's first dependency answers five times slower
/// for ten minutes.
pub(super) fn slow_dependency(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let target = dependency(design).ok_or(Misfit::NoDependency)?;
    applied.scenario.timeline.push(at(
        300.0,
        Event::DependencySlowdown {
            target,
            factor: 5.0,
            duration_s: Some(600.0),
        },
    ));
    let label = design
        .component(target)
        .map(|c| c.label.clone())
        .unwrap_or_default();
    applied.notes.push(format!(
        "\"{label}\" answers five times slower: callers hold their workers while they \
         wait, so the slowness spreads upstream. Watch queues and timeouts."
    ));
    Ok(())
}

/// A quiet start, then ten times the traffic at 5:00 for two minutes: every
/// new execution environment starts cold [LAM-SCALE].
pub(super) fn cold_burst(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let f = design
        .components
        .iter()
        .find(|c| c.is(Kind::Lambda))
        .ok_or(Misfit::NoFunction)?;
    applied.scenario.traffic.push(all(Shape::Spike {
        at_s: 300.0,
        duration_s: 120.0,
        factor: 10.0,
    }));
    applied.notes.push(format!(
        "The burst needs many new environments of \"{}\" at once, each with a cold \
         start. Set its provisioned concurrency to the burst's concurrency and run \
         again: the cold starts go.",
        f.label
    ));
    Ok(())
}

/// Ten times the traffic within seconds at 5:00 for five minutes: an ALB or
/// CLB scaled for the steady traffic refuses part of it while it scales
/// (assumed rate, §5.3); reserving capacity ahead avoids it [ALB-LCUR].
pub(super) fn lb_scaling(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let lb = design
        .components
        .iter()
        .find(|c| c.is(Kind::Alb) || c.is(Kind::Clb))
        .ok_or(Misfit::NoBalancer)?;
    applied.scenario.traffic.push(all(Shape::Spike {
        at_s: 300.0,
        duration_s: 300.0,
        factor: 10.0,
    }));
    let peak: f64 = design
        .components
        .iter()
        .filter(|c| c.is(Kind::Users))
        .map(|c| c.number("rate") * 10.0)
        .sum();
    let per_lcu = crate::cost::LCU_REQUESTS_PER_S;
    // A quarter more than the peak's mean for its busiest seconds.
    let lcu = (peak * 1.25 / per_lcu).ceil();
    let reserve = if lb.is(Kind::Alb) {
        format!(
            " Reserve about {lcu} LCU on it (the peak of {peak:.0} req/s and a quarter more \
             for its busiest seconds, at {per_lcu:.0} req/s per LCU) and run again: the load \
             balancer refuses nothing, the tier behind it must still keep up, and the \
             reservation shows in the cost."
        )
    } else {
        " A Classic Load Balancer cannot reserve capacity; an ALB can.".to_owned()
    };
    applied.notes.push(format!(
        "\"{}\" is scaled for the steady traffic and takes a while to grow: it refuses \
         part of the peak (\"load balancer still scaling\") for a few minutes. The \
         scaling rate is an assumption: AWS documents none.{reserve}",
        lb.label
    ));
    Ok(())
}
