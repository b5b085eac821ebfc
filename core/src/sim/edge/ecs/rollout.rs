//! An ECS rolling deployment's bounds [ECS-SVC]: for a desired count, how
//! many tasks may run or start at once (maximumPercent, rounded down) and
//! how many must stay healthy (minimumHealthyPercent, rounded up).

/// Tolerance for shares that are whole in percent (0.29 × 100 is not 29).
const EPS: f64 = 1e-9;

/// The bounds of a deployment of `desired` tasks at minimum healthy share
/// `min_healthy` (0..1) and maximum share `max` (1..2): (most tasks running
/// or starting, old and new together; fewest healthy).
pub(crate) fn bounds(desired: u32, min_healthy: f64, max: f64) -> (u32, u32) {
    let d = f64::from(desired);
    let most = (d * max.clamp(1.0, 2.0) + EPS).floor() as u32;
    let fewest = (d * min_healthy.clamp(0.0, 1.0) - EPS).ceil() as u32;
    (most.max(desired), fewest.min(desired))
}

/// Whether a deployment of `desired` tasks can replace any: a task may start
/// above the desired count or stop below it.
pub(crate) fn can_progress(desired: u32, min_healthy: f64, max: f64) -> bool {
    let (most, fewest) = bounds(desired, min_healthy, max);
    desired == 0 || most > desired || fewest < desired
}

/// New tasks a deployment starts at a time: the room between the bounds, at
/// most the desired count.
pub(crate) fn batch(desired: u32, min_healthy: f64, max: f64) -> u32 {
    let (most, fewest) = bounds(desired, min_healthy, max);
    (most - fewest).min(desired)
}

#[cfg(test)]
mod tests {
    use super::{batch, bounds, can_progress};

    #[test]
    fn bounds_round_the_maximum_down_and_the_minimum_up() {
        assert_eq!(bounds(4, 1.0, 2.0), (8, 4));
        assert_eq!(bounds(4, 0.5, 1.0), (4, 2));
        assert_eq!(bounds(3, 0.5, 1.5), (4, 2));
        assert_eq!(bounds(10, 0.29, 1.29), (12, 3));
        assert_eq!(bounds(0, 1.0, 2.0), (0, 0));
    }

    #[test]
    fn a_deployment_needs_room_on_one_side() {
        assert!(can_progress(4, 1.0, 2.0));
        assert!(can_progress(4, 0.5, 1.0));
        assert!(!can_progress(4, 1.0, 1.0));
        // 120 % of 2 is 2 tasks, 75 % of 2 is 2: no room either way.
        assert!(!can_progress(2, 0.75, 1.2));
        assert!(can_progress(10, 0.75, 1.2));
        assert_eq!(batch(4, 1.0, 2.0), 4);
        assert_eq!(batch(4, 0.5, 1.0), 2);
        assert_eq!(batch(4, 0.0, 2.0), 4);
        assert_eq!(batch(4, 0.75, 1.25), 2);
    }
}
