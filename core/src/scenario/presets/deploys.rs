//! A preset aimed at a container service: a rolling deployment of a task
//! definition that fails part of its requests.

use super::{Applied, Misfit, at};
use crate::catalog::Kind;
use crate::design::Design;
use crate::scenario::Event;

/// Share of requests the new task definition fails.
const FAILING: f64 = 0.3;

/// At 5:00 a task definition failing [`FAILING`] of its requests rolls
/// through the first ECS service (on EC2 or Fargate), within the service's
/// minimum healthy and maximum percent [ECS-SVC].
pub(super) fn ecs_rollout(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let svc = design
        .components
        .iter()
        .find(|c| c.is(Kind::EcsService) || c.is(Kind::Fargate))
        .ok_or(Misfit::NoEcsService)?;
    applied.scenario.timeline.push(at(
        300.0,
        Event::EcsDeployment {
            target: svc.id,
            error_rate: FAILING,
        },
    ));
    let (min, max) = (svc.number("min_healthy_pct"), svc.number("max_pct"));
    applied.notes.push(format!(
        "A new task definition of \"{}\" fails 30% of its requests and rolls out within \
         minimum healthy {min}% and maximum {max}%. At 200% a full set of new tasks starts \
         beside the old ones and takes over at once, with no loss of capacity; nothing rolls \
         it back. Set the maximum to 100% and the minimum healthy to 50% to see half the \
         tasks go first: capacity halves and the errors come in two steps.",
        svc.label
    ));
    Ok(())
}
