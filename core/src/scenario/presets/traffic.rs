//! Presets that only shape the traffic: a steady day and a launch spike.

use super::all;
use crate::scenario::{Scenario, Shape};

/// One hour of ordinary traffic swinging 20% either side of the drawn rate.
pub(super) fn steady_day(sc: &mut Scenario) {
    sc.duration_s = 3600.0;
    sc.bucket_s = 15.0;
    sc.traffic.push(all(Shape::Diurnal {
        period_s: 3600.0,
        amplitude: 0.2,
        peak_s: 1800.0,
    }));
}

/// Traffic at 4× for five minutes from 10:00.
pub(super) fn launch_spike(sc: &mut Scenario) {
    sc.traffic.push(all(Shape::Spike {
        at_s: 600.0,
        duration_s: 300.0,
        factor: 4.0,
    }));
}
