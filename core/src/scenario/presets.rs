//! Ready-made scenarios a newcomer can apply to whatever is drawn: an ordinary
//! hour, a launch spike, an AZ outage at peak, a Spot reclaim, a bad canary,
//! a region outage; and stories from the notes (a hung application, a Spot
//! price above the maximum, a known peak, troubleshooting with processes
//! suspended, a slow dependency, a cold-start burst, a sudden peak before the
//! load balancer has scaled).
//!
//! A preset is not a fixed scenario: [`apply`] reads the design to pick its
//! targets (the busiest Availability Zone, the compute tier, the group that
//! runs Spot, the second target of a load balancer) and says in plain words
//! why it cannot apply when the design has nothing to aim at.
//!
//! Each family of presets has its module: `traffic` (steady day, launch
//! spike), `outages` (AZ and region outages, and the zones and regions a
//! design runs in) and `compute_tier` (Spot reclaim and bad canary, and
//! which component runs the application).

mod compute_tier;
mod deploys;
mod outages;
mod stories;
mod traffic;

use std::fmt;

use super::{Event, Scenario, Shape, TimedEvent, Traffic};
use crate::catalog::{Kind, Role};
use crate::design::{Component, Design};

pub use compute_tier::compute;
pub use outages::{regions, zones};

/// A preset's identity and what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Stable id.
    pub id: &'static str,
    /// Name on the button.
    pub name: &'static str,
    /// What happens and what to look at, one or two sentences.
    pub about: &'static str,
}

/// Every preset, in the order the page offers them.
pub const PRESETS: [Preset; 14] = [
    Preset {
        id: "steady-day",
        name: "Steady day",
        about: "One hour of ordinary traffic swinging 20% either side of the drawn rate. \
                The baseline: latency, capacity and cost when nothing goes wrong.",
    },
    Preset {
        id: "launch-spike",
        name: "Launch spike",
        about: "Traffic jumps to 4× for five minutes at 10:00. Watch latency climb while \
                scaling alarms wait, then instances boot.",
    },
    Preset {
        id: "az-outage",
        name: "AZ outage at peak",
        about: "At the daily peak (15:00) the Availability Zone holding the most capacity \
                fails for ten minutes. Watch health checks notice and capacity move.",
    },
    Preset {
        id: "spot-reclaim",
        name: "Spot reclaim",
        about: "At 10:00 AWS reclaims half of the Spot instances with the two-minute \
                notice. Watch the group replace them.",
    },
    Preset {
        id: "bad-canary",
        name: "Bad canary",
        about: "At 5:00 a new version that fails 30% of its requests goes out to a small \
                share of traffic (or the whole tier), and is rolled back ten minutes later.",
    },
    Preset {
        id: "region-outage",
        name: "Region outage",
        about: "At 5:00 the first region drawn (its Region frame) stops answering for 15 \
                minutes. Watch Route 53 and failover alarms move users to another region.",
    },
    Preset {
        id: "hung-app",
        name: "Hung application",
        about: "At 5:00 the application on one instance hangs while the instance keeps \
                running. EC2 status checks pass it; only ELB health checks replace it.",
    },
    Preset {
        id: "spot-above-max",
        name: "Spot price above the maximum",
        about: "At 10:00 the Spot price climbs above On-Demand, over the maximum price: \
                Spot instances get the two-minute notice. At 20:00 it falls back.",
    },
    Preset {
        id: "known-peak",
        name: "Known daily peak",
        about: "Traffic triples at 15:00 for 15 minutes, as it does every day; a scheduled \
                action raises the group two minutes before and lowers it after.",
    },
    Preset {
        id: "troubleshoot",
        name: "Troubleshooting, processes suspended",
        about: "ReplaceUnhealthy is suspended at 4:00, an instance fails at 5:00 and stays \
                for inspection, and the process resumes at 15:00.",
    },
    Preset {
        id: "slow-dependency",
        name: "Slow dependency",
        about: "At 5:00 the application's database or downstream service answers five \
                times slower for ten minutes. Watch the slowness spread upstream.",
    },
    Preset {
        id: "cold-start-burst",
        name: "Cold-start burst",
        about: "Ten times the traffic at 5:00 for two minutes: every new Lambda environment \
                starts cold, unless provisioned concurrency keeps them warm.",
    },
    Preset {
        id: "lb-scaling",
        name: "Sudden peak before the load balancer has scaled",
        about: "Steady traffic, then ten times as much within seconds at 5:00 for five \
                minutes. The load balancer refuses part of it for a few minutes while it \
                scales (an assumed rate), unless capacity was reserved ahead (LCU reservation).",
    },
    Preset {
        id: "ecs-rollout",
        name: "Rolling deployment (ECS)",
        about: "At 5:00 a new task definition that fails 30% of its requests rolls through \
                the first ECS service within its minimum healthy and maximum percent. Watch \
                when its tasks take over, and how many serve meanwhile.",
    },
];

/// Why a preset does not fit the design as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Misfit {
    /// No preset has this id.
    Unknown(String),
    /// Nothing sends requests.
    NoUsers,
    /// Nothing runs the application, so there is nothing to fail or deploy to.
    NoCompute,
    /// No component sits in an Availability Zone.
    NoZone,
    /// No group runs Spot instances.
    NoSpot,
    /// No component sits in a Region frame.
    NoRegion,
    /// No Auto Scaling group to schedule or suspend.
    NoGroup,
    /// The application calls no database, cache or outside service.
    NoDependency,
    /// No Lambda function.
    NoFunction,
    /// No Application or Classic Load Balancer to scale.
    NoBalancer,
    /// No ECS service (on EC2 or Fargate) to deploy to.
    NoEcsService,
}

impl fmt::Display for Misfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Misfit::Unknown(id) => write!(f, "there is no preset called \"{id}\""),
            Misfit::NoUsers => f.write_str(
                "nothing sends requests yet: add a Users component and connect it to the design",
            ),
            Misfit::NoCompute => f.write_str(
                "nothing in the design runs the application (an EC2 instance, Auto Scaling \
                 group, ECS service or Lambda function), so there is nothing to fail or deploy to",
            ),
            Misfit::NoZone => f.write_str(
                "no component runs in an Availability Zone: add an Auto Scaling group or place \
                 an instance inside an AZ frame",
            ),
            Misfit::NoSpot => f.write_str(
                "no group runs Spot instances: raise an Auto Scaling group's Spot share above 0% \
                 or add a Spot Fleet, then apply this preset again",
            ),
            Misfit::NoGroup => f.write_str(
                "no Auto Scaling group to act on: add one (it runs the application) and \
                 apply this preset again",
            ),
            Misfit::NoDependency => f.write_str(
                "the application calls no database, cache or outside service: connect the \
                 compute tier to one and apply this preset again",
            ),
            Misfit::NoFunction => {
                f.write_str("no Lambda function to start cold: add one and apply this preset again")
            }
            Misfit::NoBalancer => f.write_str(
                "no Application or Classic Load Balancer in front of the application: add \
                 one between the users and the compute tier and apply this preset again",
            ),
            Misfit::NoEcsService => f.write_str(
                "no ECS service (on EC2 or Fargate) to deploy a task definition to: add one \
                 and apply this preset again",
            ),
            Misfit::NoRegion => f.write_str(
                "no component sits in a Region frame: draw a Region frame (labelled with its \
                 name, e.g. us-east-1) around the components that run in that region",
            ),
        }
    }
}

impl std::error::Error for Misfit {}

/// A preset applied to a design: the scenario and what the person should know.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The scenario to run (seed, request mix and bucket kept from the old one).
    pub scenario: Scenario,
    /// Plain sentences about the choices made (which zone, which target).
    pub notes: Vec<String>,
}

/// The preset with this id.
#[must_use]
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// Applies preset `id` to `design`, keeping `base`'s seed, request mix and
/// metric bucket.
///
/// # Errors
/// A [`Misfit`] saying why the design gives the preset nothing to act on.
pub fn apply(id: &str, design: &Design, base: &Scenario) -> Result<Applied, Misfit> {
    if !design.components.iter().any(|c| c.is(Kind::Users)) {
        return Err(Misfit::NoUsers);
    }
    let mut applied = Applied {
        scenario: Scenario {
            duration_s: 1800.0,
            seed: base.seed,
            bucket_s: 10.0,
            warmup_s: 0.0,
            traffic: Vec::new(),
            mix: base.mix.clone(),
            timeline: Vec::new(),
        },
        notes: Vec::new(),
    };
    match id {
        "steady-day" => traffic::steady_day(&mut applied.scenario),
        "launch-spike" => traffic::launch_spike(&mut applied.scenario),
        "az-outage" => outages::az_outage(design, &mut applied)?,
        "spot-reclaim" => compute_tier::spot_reclaim(design, &mut applied)?,
        "bad-canary" => compute_tier::bad_canary(design, &mut applied)?,
        "region-outage" => outages::region_outage(design, &mut applied)?,
        "hung-app" => stories::hung_app(design, &mut applied)?,
        "spot-above-max" => stories::spot_above_max(design, &mut applied)?,
        "known-peak" => stories::known_peak(design, &mut applied)?,
        "troubleshoot" => stories::troubleshoot(design, &mut applied)?,
        "slow-dependency" => stories::slow_dependency(design, &mut applied)?,
        "cold-start-burst" => stories::cold_burst(design, &mut applied)?,
        "lb-scaling" => stories::lb_scaling(design, &mut applied)?,
        "ecs-rollout" => deploys::ecs_rollout(design, &mut applied)?,
        other => return Err(Misfit::Unknown(other.to_owned())),
    }
    Ok(applied)
}

/// Whether component `c` runs the application code.
fn runs_code(c: &Component) -> bool {
    c.role().is_some_and(Role::runs_code)
}

/// Traffic of every source shaped by `shape`.
fn all(shape: Shape) -> Traffic {
    Traffic {
        source: None,
        shape,
    }
}

/// `event` at simulated second `at_s`.
fn at(at_s: f64, event: Event) -> TimedEvent {
    TimedEvent { at_s, event }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{ComponentId, Link, LinkId, ParamValue, Params, Point};
    use crate::{sim, template};

    fn default_template() -> (Design, Scenario) {
        let t = template::get(template::DEFAULT_ID).expect("default template");
        (t.design, t.scenario)
    }

    fn node(d: &mut Design, id: u32, kind: &str) -> ComponentId {
        d.components.push(Component {
            id: ComponentId(id),
            kind: kind.into(),
            label: format!("{kind} {id}"),
            pos: Point::default(),
            params: Params::new(),
        });
        ComponentId(id)
    }

    fn link(d: &mut Design, id: u32, from: ComponentId, to: ComponentId) {
        d.links.push(Link {
            id: LinkId(id),
            from,
            to,
            params: Params::new(),
        });
    }

    #[test]
    fn every_preset_fits_the_default_design_but_spot() {
        let (d, base) = default_template();
        for p in PRESETS {
            let r = apply(p.id, &d, &base);
            if ["spot-reclaim", "spot-above-max"].contains(&p.id) {
                assert_eq!(r, Err(Misfit::NoSpot));
            } else if p.id == "cold-start-burst" {
                assert_eq!(r, Err(Misfit::NoFunction));
            } else if p.id == "ecs-rollout" {
                assert_eq!(r, Err(Misfit::NoEcsService));
            } else {
                let a = r.unwrap_or_else(|e| panic!("{}: {e}", p.id));
                assert_eq!(a.scenario.seed, base.seed);
                assert_eq!(a.scenario.mix, base.mix);
            }
            assert!(preset(p.id).is_some());
        }
        assert_eq!(
            apply("nope", &d, &base),
            Err(Misfit::Unknown("nope".into()))
        );
    }

    #[test]
    fn az_outage_hits_the_zone_with_most_capacity_at_the_peak() {
        let (d, base) = default_template();
        let a = apply("az-outage", &d, &base).unwrap();
        let outage = &a.scenario.timeline[0];
        assert_eq!(
            outage.event,
            Event::AzOutage {
                az: "us-east-1a".into(),
                duration_s: Some(600.0)
            }
        );
        // The outage starts where the traffic peaks.
        let peak = a.scenario.factor(ComponentId(1), outage.at_s);
        assert!((peak - 1.3).abs() < 1e-9, "{peak}");
        assert!(a.notes[0].contains("50%"), "{:?}", a.notes);

        // Move the database into us-east-1b with two more instances there.
        let mut d2 = d.clone();
        let web = node(&mut d2, 50, "ec2");
        let web2 = node(&mut d2, 51, "ec2");
        for id in [web, web2] {
            if let Some(c) = d2.components.iter_mut().find(|c| c.id == id) {
                c.params
                    .insert("az".into(), ParamValue::Text("us-east-1b".into()));
            }
        }
        let a = apply("az-outage", &d2, &base).unwrap();
        assert!(
            matches!(&a.scenario.timeline[0].event, Event::AzOutage { az, .. } if az == "us-east-1b")
        );
    }

    #[test]
    fn az_outage_runs_and_shows_in_log_and_errors() {
        let (d, base) = default_template();
        let steady = apply("steady-day", &d, &base).unwrap().scenario;
        let mut outage = apply("az-outage", &d, &base).unwrap().scenario;
        let mut calm = outage.clone();
        calm.timeline.clear();
        outage.duration_s = 1200.0;
        calm.duration_s = 1200.0;
        let hit = sim::run(&d, &outage).expect("outage runs");
        let ok = sim::run(&d, &calm).expect("calm runs");
        assert!(
            hit.log.iter().any(|l| l.text.contains("us-east-1a")),
            "{:#?}",
            hit.log.iter().map(|l| l.line()).collect::<Vec<_>>()
        );
        let worse = hit.totals.errors.total() > ok.totals.errors.total()
            || hit.totals.p99_ms > ok.totals.p99_ms * 1.2;
        assert!(worse, "{:?} vs {:?}", hit.totals, ok.totals);
        assert!(steady.duration_s >= 3600.0);
    }

    #[test]
    fn one_zone_is_named_as_a_single_point_of_failure() {
        let t = template::get("ec2-eip").expect("ec2 template");
        let a = apply("az-outage", &t.design, &t.scenario).unwrap();
        assert!(a.notes[0].contains("whole service"), "{:?}", a.notes);
        let mut d = Design::default();
        let u = node(&mut d, 1, "users");
        let h = node(&mut d, 2, "ec2");
        link(&mut d, 1, u, h);
        assert_eq!(
            apply("az-outage", &d, &Scenario::default()),
            Err(Misfit::NoZone)
        );
    }

    #[test]
    fn misfits_explain_themselves() {
        let empty = Design::default();
        assert_eq!(
            apply("launch-spike", &empty, &Scenario::default()),
            Err(Misfit::NoUsers)
        );
        let mut d = Design::default();
        node(&mut d, 1, "users");
        assert_eq!(
            apply("bad-canary", &d, &Scenario::default()),
            Err(Misfit::NoCompute)
        );
        for m in [
            Misfit::NoUsers,
            Misfit::NoCompute,
            Misfit::NoZone,
            Misfit::NoSpot,
        ] {
            assert!(m.to_string().len() > 40, "{m}");
        }
    }

    #[test]
    fn spot_reclaim_targets_the_spot_group() {
        let (mut d, base) = default_template();
        let asg = compute(&d).unwrap();
        if let Some(c) = d.components.iter_mut().find(|c| c.id == asg) {
            c.params.insert("spot_pct".into(), ParamValue::Number(50.0));
        }
        let a = apply("spot-reclaim", &d, &base).unwrap();
        assert_eq!(
            a.scenario.timeline[0].event,
            Event::SpotInterruption {
                target: Some(asg),
                share: 0.5
            }
        );
    }

    #[test]
    fn a_canary_gets_a_tenth_of_the_traffic_behind_a_balancer() {
        let mut d = Design::default();
        let u = node(&mut d, 1, "users");
        let lb = node(&mut d, 2, "alb");
        let blue = node(&mut d, 3, "asg");
        let green = node(&mut d, 4, "asg");
        link(&mut d, 1, u, lb);
        link(&mut d, 2, lb, blue);
        link(&mut d, 3, lb, green);
        let a = apply("bad-canary", &d, &Scenario::default()).unwrap();
        let ev: Vec<_> = a.scenario.timeline.iter().map(|t| &t.event).collect();
        for (link, weight) in [(3, 1.0), (2, 9.0)] {
            assert!(ev.contains(&&Event::WeightChange {
                link: LinkId(link),
                weight
            }));
        }
        assert!(
            ev.iter()
                .any(|e| matches!(e, Event::BadDeployment { target, .. } if *target == green))
        );
        // Without a balancer the whole tier gets the bad version.
        let (d, base) = default_template();
        let a = apply("bad-canary", &d, &base).unwrap();
        assert!(matches!(
            a.scenario.timeline[0].event,
            Event::BadDeployment {
                duration_s: Some(_),
                ..
            }
        ));
        assert!(a.notes[0].contains("no canary"));
    }

    #[test]
    fn presets_travel_in_share_links() {
        let (d, base) = default_template();
        let sc = apply("az-outage", &d, &base).unwrap().scenario;
        let code = crate::share::encode(&d, &sc);
        let (_, back) = crate::share::decode(&code).unwrap();
        assert_eq!(back, sc);
    }
}
