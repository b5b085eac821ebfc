//! Presets that take a place down: the Availability Zone with the most
//! capacity at the daily peak, or the first region drawn; and the zones and
//! regions a design runs in.

use super::{Applied, Misfit, all, at, runs_code};
use crate::catalog::Kind;
use crate::design::{Design, GroupKind};
use crate::scenario::{Event, Shape};

/// At the daily peak (15:00) the zone holding the most capacity fails for
/// ten minutes.
pub(super) fn az_outage(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let zones = zones(design);
    // The first zone among those with the most capacity.
    let (zone, most) = zones
        .iter()
        .fold(None::<&(String, f64)>, |best, z| match best {
            Some(b) if b.1 >= z.1 => Some(b),
            _ => Some(z),
        })
        .cloned()
        .ok_or(Misfit::NoZone)?;
    let share = most / zones.iter().map(|z| z.1).sum::<f64>();
    let sc = &mut applied.scenario;
    sc.traffic.push(all(Shape::Diurnal {
        period_s: 3600.0,
        amplitude: 0.3,
        peak_s: 900.0,
    }));
    sc.timeline.push(at(
        900.0,
        Event::AzOutage {
            az: zone.clone(),
            duration_s: Some(600.0),
        },
    ));
    if zones.len() == 1 {
        applied.notes.push(format!(
            "Everything runs in {zone}, so the outage takes the whole service down: \
             spread it over two zones to survive."
        ));
    } else {
        applied.notes.push(format!(
            "{zone} holds {:.0}% of the capacity, so it is the zone that fails.",
            share * 100.0
        ));
    }
    Ok(())
}

/// At 5:00 the first region drawn stops answering for 15 minutes.
pub(super) fn region_outage(design: &Design, applied: &mut Applied) -> Result<(), Misfit> {
    let regions = regions(design);
    let region = regions.first().cloned().ok_or(Misfit::NoRegion)?;
    applied.scenario.timeline.push(at(
        300.0,
        Event::RegionOutage {
            region: Some(region.clone()),
            duration_s: Some(900.0),
        },
    ));
    if regions.len() == 1 {
        applied.notes.push(format!(
            "Everything drawn in a region runs in {region}, so the outage takes it all \
             down: run a copy in a second region to survive."
        ));
    } else {
        applied.notes.push(format!(
            "{region} fails; {} keep running.",
            regions[1..].join(", ")
        ));
    }
    Ok(())
}

/// Labels of the Region frames holding a component other than Users or
/// Route 53 (both are outside any region), in the order they were drawn.
pub fn regions(design: &Design) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in design.groups.iter().filter(|g| g.kind == GroupKind::Region) {
        let label = g.label.trim();
        let holds = design
            .components
            .iter()
            .any(|c| !c.is(Kind::Users) && !c.is(Kind::Route53) && g.rect.contains(c.pos));
        if holds && !label.is_empty() && !out.iter().any(|r| r == label) {
            out.push(label.to_owned());
        }
    }
    out
}

/// Availability Zones the design has capacity in, with a rough capacity
/// (instances) in each, in first-seen order.
///
/// Groups with an `azs` setting spread their desired capacity evenly over
/// the first N zones of us-east-1; other components sit in the zone their
/// `az` setting names, or the AZ frame they are drawn in.
#[must_use]
pub fn zones(design: &Design) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    let mut add = |zone: &str, n: f64| {
        if let Some(z) = out.iter_mut().find(|z| z.0 == zone) {
            z.1 += n;
        } else {
            out.push((zone.to_owned(), n));
        }
    };
    for c in &design.components {
        if !runs_code(c) && !c.is(Kind::Rds) {
            continue;
        }
        if c.has_param("azs") {
            let n = c.number("azs").clamp(1.0, 6.0) as usize;
            let desired = c.number("desired").max(1.0);
            for z in &crate::catalog::ZONES[..n] {
                add(z, desired / n as f64);
            }
            continue;
        }
        let mut zone = if c.has_param("az") {
            c.text("az").trim().to_owned()
        } else {
            String::new()
        };
        if zone.is_empty()
            && let Some(g) = design
                .groups
                .iter()
                .find(|g| g.kind == GroupKind::AvailabilityZone && g.rect.contains(c.pos))
        {
            zone = g.label.trim().to_owned();
        }
        if !zone.is_empty() {
            add(&zone, 1.0);
        }
    }
    out
}
