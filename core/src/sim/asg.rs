//! Auto Scaling groups: what a group decides about its instances (which
//! zone to launch in, which instance to take out, which are unhealthy, when
//! to rebalance), as functions over the group, its pool and the instances.
//!
//! They log and schedule through [`Cx`] and never see the engine; the
//! engine's glue (`sim/engine/asg.rs`) launches, registers and terminates
//! what they pick, in the order the run always had.

use super::Ev;
use super::cx::Cx;
use super::ix::InstIx;
use super::ix::NodeIx;
use super::ix::PoolIx;
use super::model::*;
use super::time::SimTime;
use crate::scenario::Process;

/// How often a group checks its instances' health, µs. Assumption: the
/// period is not documented [AS-HC] (UNCONFIRMED; the notes suggest 10–60 s).
pub(crate) const ASG_TICK_US: u64 = 10_000_000;
/// The two-minute Spot interruption notice [EC2-SPOT-NOTICE].
pub(crate) const SPOT_NOTICE_US: u64 = 120_000_000;

/// Whether process `p` of group `asg` is suspended.
pub(crate) fn suspended(asg: &Asg, p: Process) -> bool {
    asg.suspended & p.bit() != 0
}

/// Instance `inst`'s name as the log writes it: "i-3 in us-east-1a".
pub(crate) fn inst_name(inst: &Inst, azs: &[String]) -> String {
    format!("i-{} in {}", inst.name, azs[inst.az as usize])
}

/// Whether an instance counts toward its group's capacity: launching or in
/// service, and not already being replaced.
pub(crate) fn counts(inst: &Inst) -> bool {
    matches!(inst.state, St::Pending | St::InService) && !inst.replaced
}

/// Whether group `asg`'s next launch (in `pool`) is Spot: the On-Demand base
/// first, then the Spot share above it.
pub(crate) fn next_is_spot(asg: &Asg, pool: &Pool, insts: &[Inst]) -> bool {
    let (mut od, mut spot) = (0u32, 0u32);
    for &i in &pool.insts {
        let inst = &insts[i.idx()];
        if counts(inst) {
            if inst.spot { spot += 1 } else { od += 1 }
        }
    }
    wants_spot(od, spot, asg.od_base, asg.spot_pct)
}

/// Whether a Spot launch at price factor `f` in zone `zone` is above group
/// `asg`'s max price; the first refusal is logged (on `node`).
pub(crate) fn spot_blocked(asg: &mut Asg, cx: &mut Cx, node: NodeIx, zone: &str, f: f64) -> bool {
    if f <= asg.max_price {
        return false;
    }
    if !asg.spot_blocked_logged {
        asg.spot_blocked_logged = true;
        let text = format!(
            "no Spot capacity at the max price in {zone} (price {:.0} % of On-Demand); launch waits",
            f * 100.0
        );
        cx.log(Some(node), text);
    }
    true
}

/// What a launch makes: the zone, whether Spot, and the instance type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Launch {
    /// The zone's index.
    pub(crate) az: u8,
    /// Whether the instance is Spot.
    pub(crate) spot: bool,
    /// The instance type's index in the pool's types.
    pub(crate) ty: u8,
}

/// Adds a pending instance of pool `p` as `launch` says, named from
/// `next_name`; returns its index.
pub(crate) fn add_inst(
    insts: &mut Vec<Inst>,
    pool: &mut Pool,
    p: PoolIx,
    next_name: &mut u32,
    launch: Launch,
    now: SimTime,
) -> InstIx {
    let name = *next_name;
    *next_name += 1;
    let i = InstIx::new(insts.len());
    let mut inst = new_inst(p, name, launch.az, St::Pending, launch.spot, now);
    inst.ty = launch.ty;
    insts.push(inst);
    pool.insts.push(i);
    i
}

/// Instance `i` (of group `asg`, pool `pool`) boots: its readiness is
/// scheduled after the boot and the launch hook, and the launch logged on
/// the pool's node with `why`.
pub(crate) fn boot(
    cx: &mut Cx,
    asg: &Asg,
    pool: &Pool,
    i: InstIx,
    inst: &Inst,
    azs: &[String],
    why: &str,
) {
    let ready = cx.now + asg.boot_us + asg.hook_launch_us;
    cx.q.push(ready, Ev::Booted { inst: i });
    let kind = if inst.spot { " (Spot)" } else { "" };
    let tname = if pool.types.len() > 1 {
        format!(" {}", pool.types[inst.ty as usize].name)
    } else {
        String::new()
    };
    let text = format!(
        "launching i-{}{kind}{tname} in {} ({why})",
        inst.name, azs[inst.az as usize]
    );
    cx.log(Some(pool.node), text);
}

/// Group `asg`'s instances in `pool` that count, per zone.
pub(crate) fn counts_by_az(asg: &Asg, pool: &Pool, insts: &[Inst]) -> Vec<u32> {
    let mut c = vec![0u32; asg.azs as usize];
    for &i in &pool.insts {
        let inst = &insts[i.idx()];
        if counts(inst)
            && let Some(x) = c.get_mut(inst.az as usize)
        {
            *x += 1;
        }
    }
    c
}

/// Whether any instance of `pool` is still launching.
pub(crate) fn any_pending(pool: &Pool, insts: &[Inst]) -> bool {
    pool.insts
        .iter()
        .any(|&i| insts[i.idx()].state == St::Pending)
}

/// The zones of `n` launches, each in the zone with the fewest instances
/// among those up; `counts` is updated as they are placed.
pub(crate) fn launch_zones(counts: &mut [u32], az_down: &[bool], n: u32) -> Vec<u8> {
    let mut zones = Vec::new();
    for _ in 0..n {
        let Some(az) = (0..counts.len())
            .filter(|&z| !az_down[z])
            .min_by_key(|&z| counts[z])
        else {
            break;
        };
        counts[az] += 1;
        zones.push(az as u8);
    }
    zones
}

/// Scale-in's next instance: a random in-service one in the zone with the
/// most (`counts`, updated), drawn from group `asg`'s stream; `None` when
/// that zone has none left.
pub(crate) fn pick_victim(
    asg: &mut Asg,
    pool: &Pool,
    insts: &[Inst],
    counts: &mut [u32],
) -> Option<InstIx> {
    let az = (0..counts.len()).max_by_key(|&z| (counts[z], usize::MAX - z))?;
    let candidates: Vec<InstIx> = pool
        .insts
        .iter()
        .copied()
        .filter(|&i| {
            let x = &insts[i.idx()];
            x.az as usize == az && x.state == St::InService && !x.replaced
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let k = asg.rng.below(candidates.len());
    counts[az] -= 1;
    Some(candidates[k])
}

/// Marks instance `i` as being replaced, logging `text` on `node`.
pub(crate) fn mark_replaced(
    cx: &mut Cx,
    insts: &mut [Inst],
    node: NodeIx,
    i: InstIx,
    text: String,
) {
    cx.log(Some(node), text);
    insts[i.idx()].replaced = true;
}

/// The group's health check over its instances in `pool`: an in-service
/// instance that stopped, or that a load balancer finds unhealthy
/// (`lb_unhealthy`, with ELB checks on and past the grace period), is marked
/// unhealthy and logged on `node`.
pub(crate) fn check_health(
    cx: &mut Cx,
    asg: &Asg,
    pool: &Pool,
    insts: &mut [Inst],
    azs: &[String],
    node: NodeIx,
    lb_unhealthy: impl Fn(InstIx) -> bool,
) {
    for &i in &pool.insts {
        let inst = &insts[i.idx()];
        if inst.state != St::InService || inst.unhealthy {
            continue;
        }
        let elb_bad = asg.elb_hc && cx.now >= inst.in_service_at + asg.grace_us && lb_unhealthy(i);
        if inst.crashed || elb_bad {
            let inst = &mut insts[i.idx()];
            inst.unhealthy = true;
            let why = if elb_bad && !inst.crashed {
                "ELB health check"
            } else {
                "EC2 status check"
            };
            let text = format!("{} is unhealthy ({why})", inst_name(inst, azs));
            cx.log(Some(node), text);
        }
    }
}

/// The unhealthy instances group `asg` replaces now: at most 10 % of
/// desired at a time, at least one [AS-HC].
pub(crate) fn unhealthy_batch(asg: &Asg, pool: &Pool, insts: &[Inst]) -> Vec<InstIx> {
    let batch = (asg.desired / 10).max(1) as usize;
    pool.insts
        .iter()
        .copied()
        .filter(|&i| {
            let x = &insts[i.idx()];
            x.unhealthy && !x.replaced && x.alive()
        })
        .take(batch)
        .collect()
}

/// AZRebalance: the zone to launch in when the group's zones are
/// unbalanced by more than one, within 10 % over max [AS-SUSP]; `None` when
/// balanced, suspended, a Spot Fleet (which places by its allocation
/// strategy) or still launching.
pub(crate) fn rebalance_zone(
    asg: &Asg,
    pool: &Pool,
    insts: &[Inst],
    az_down: &[bool],
) -> Option<u8> {
    if suspended(asg, Process::AzRebalance)
        || suspended(asg, Process::Launch)
        || asg.fleet.is_some()
        || any_pending(pool, insts)
    {
        return None;
    }
    let counts = counts_by_az(asg, pool, insts);
    let up: Vec<usize> = (0..counts.len()).filter(|&z| !az_down[z]).collect();
    let lo = *up.iter().min_by_key(|&&z| counts[z])?;
    let hi = *up.iter().max_by_key(|&&z| counts[z])?;
    let live: u32 = counts.iter().sum();
    let ceiling = (f64::from(asg.max) * 1.1).ceil() as u32;
    (counts[hi] > counts[lo] + 1 && live < ceiling.max(asg.max + 1)).then_some(lo as u8)
}

/// Whether the next launch is Spot: the On-Demand base first, then the Spot
/// share of what is above the base.
pub(crate) fn wants_spot(od: u32, spot: u32, od_base: u32, spot_pct: f64) -> bool {
    if od < od_base || spot_pct <= 0.0 {
        return false;
    }
    let above = od + spot + 1 - od_base;
    f64::from(spot) < spot_pct / 100.0 * f64::from(above) - 1e-9
}

/// A new instance of pool `pool`, called i-`name`, in zone `az`, launched now.
pub(crate) fn new_inst(
    pool: PoolIx,
    name: u32,
    az: u8,
    state: St,
    spot: bool,
    now: SimTime,
) -> Inst {
    Inst {
        pool,
        ty: 0,
        name,
        az,
        state,
        epoch: 0,
        spot,
        crashed: false,
        hung: false,
        unhealthy: false,
        notice: false,
        busy: 0,
        cpu: 0,
        queue: std::collections::VecDeque::new(),
        active: Vec::new(),
        launched: now,
        in_service_at: now,
        accrued_to: now,
        cpu_sum: 0,
        cpu_mark: 0,
        received: 0,
        received_mark: 0,
        replaced: false,
        stopped: false,
        rebalance: false,
        error_rate: 0.0,
    }
}
