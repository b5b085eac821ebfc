//! Presets aimed at the tier that runs the application: a Spot reclaim and a
//! bad canary; which component that tier is, and where a canary goes.

use super::{Applied, Misfit, at, runs_code};
use crate::catalog::{Kind, Role};
use crate::design::{ComponentId, Design, LinkId};
use crate::scenario::Event;

/// Kinds that run the application code (the catalog's [`Role::runs_code`]),
/// in the order a preset prefers them as a target: groups before single
/// instances, AWS before outside servers. A test checks it lists exactly
/// the kinds whose role runs code.
const COMPUTE: [Kind; 8] = [
    Kind::Asg,
    Kind::EcsService,
    Kind::Fargate,
    Kind::SpotFleet,
    Kind::Ec2,
    Kind::Lambda,
    Kind::HttpBackend,
    Kind::OnPremIp,
];

/// At 10:00 half of the first Spot group's instances are reclaimed.
pub(super) fn spot_reclaim(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let target = design
        .components
        .iter()
        .find(|c| c.is(Kind::SpotFleet) || (c.is(Kind::Asg) && c.number("spot_pct") > 0.0))
        .ok_or(Misfit::NoSpot)?;
    applied.scenario.timeline.push(at(
        600.0,
        Event::SpotInterruption {
            target: Some(target.id),
            share: 0.5,
        },
    ));
    applied.notes.push(format!(
        "Half of \"{}\"'s Spot instances are reclaimed.",
        target.label
    ));
    Ok(())
}

/// At 5:00 a version failing 30% of its requests goes to a canary behind a
/// load balancer (or, without one, to the whole tier) for ten minutes.
pub(super) fn bad_canary(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    applied.scenario.duration_s = 1500.0;
    if let Some((link, target)) = canary_link(design) {
        canary(design, link, target, applied);
    } else {
        let target = compute(design).ok_or(Misfit::NoCompute)?;
        applied.scenario.timeline.push(at(
            300.0,
            Event::BadDeployment {
                target,
                error_rate: 0.3,
                duration_s: Some(600.0),
            },
        ));
        applied.notes.push(format!(
            "No load balancer splits traffic between two targets, so the new version \
             goes to all of \"{}\": there is no canary to limit the damage.",
            label(design, target)
        ));
    }
    Ok(())
}

/// The bad version on `target`, which gets about a tenth of the traffic
/// through `link` until it is rolled back.
fn canary(design: &Design, link: LinkId, target: ComponentId, applied: &mut Applied) {
    // The canary gets weight 1, every sibling nine times its own.
    let siblings: Vec<_> = design
        .links
        .iter()
        .filter(|l| l.id != link && siblings(design, link, l.id))
        .map(|l| (l.id, (weight(design, l.id) * 9.0).min(255.0)))
        .collect();
    let timeline = &mut applied.scenario.timeline;
    timeline.push(at(0.0, Event::WeightChange { link, weight: 0.0 }));
    for (l, w) in siblings {
        timeline.push(at(300.0, Event::WeightChange { link: l, weight: w }));
    }
    timeline.extend([
        at(300.0, Event::WeightChange { link, weight: 1.0 }),
        at(
            300.0,
            Event::BadDeployment {
                target,
                error_rate: 0.3,
                duration_s: None,
            },
        ),
        at(900.0, Event::WeightChange { link, weight: 0.0 }),
    ]);
    applied.notes.push(format!(
        "\"{}\" gets the new version and about 10% of the traffic, then none \
         once it is rolled back.",
        label(design, target)
    ));
}

/// A component's label (empty when there is no such component).
fn label(design: &Design, id: ComponentId) -> String {
    design
        .component(id)
        .map(|c| c.label.clone())
        .unwrap_or_default()
}

/// The component that runs the application, by [`COMPUTE`] preference.
#[must_use]
pub fn compute(design: &Design) -> Option<ComponentId> {
    COMPUTE
        .iter()
        .find_map(|k| design.components.iter().find(|c| c.is(*k)).map(|c| c.id))
}

/// Whether links `a` and `b` leave the same load balancer.
fn siblings(design: &Design, a: LinkId, b: LinkId) -> bool {
    match (design.link(a), design.link(b)) {
        (Some(x), Some(y)) => x.from == y.from,
        _ => false,
    }
}

/// A link's weight (1 when there is no such link).
fn weight(design: &Design, link: LinkId) -> f64 {
    design.link(link).map_or(1.0, |l| l.number("weight"))
}

/// The last link from a load balancer (or Route 53) that has at least two
/// compute targets, and its target: where a canary goes.
fn canary_link(design: &Design) -> Option<(LinkId, ComponentId)> {
    design
        .components
        .iter()
        .filter(|c| {
            c.role()
                .is_some_and(|r| matches!(r, Role::LoadBalancer | Role::Dns))
        })
        .find_map(|lb| {
            let targets: Vec<_> = design
                .links_from(lb.id)
                .filter(|l| design.component(l.to).is_some_and(runs_code))
                .collect();
            (targets.len() >= 2).then(|| targets.last().map(|l| (l.id, l.to)))?
        })
}

#[cfg(test)]
mod tests {
    use super::COMPUTE;

    #[test]
    fn the_preference_order_lists_exactly_the_kinds_that_run_code() {
        let mut listed = COMPUTE.to_vec();
        listed.sort();
        let by_role = crate::catalog::kinds_where(|k| k.role.runs_code());
        assert_eq!(listed, by_role);
    }
}
