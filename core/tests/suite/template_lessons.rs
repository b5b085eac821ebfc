//! Each of these templates is run for the lesson its note teaches: the
//! effect must show in the run, and disappear when the design or the
//! scenario no longer has what the note points at.

use crate::support::{log_times, n, t as t_};
use skydraft_core::design::{ComponentId, Design};
use skydraft_core::run::Run;
use skydraft_core::scenario::Scenario;
use skydraft_core::template::{self, Template};
use skydraft_core::validate::{self, Severity};
use skydraft_core::{catalog::Kind, sim};

fn template(id: &str) -> Template {
    template::get(id).unwrap_or_else(|| panic!("template {id}"))
}

fn id_of(d: &Design, label: &str) -> ComponentId {
    d.components
        .iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("no component {label}"))
        .id
}

fn run(d: &Design, s: &Scenario) -> Run {
    sim::run(d, s).expect("runs")
}

fn set(d: &mut Design, id: ComponentId, param: &str, v: f64) {
    let c = d.components.iter_mut().find(|c| c.id == id).expect("part");
    c.params.insert(param.into(), n(v));
}

/// Requests a component received in the buckets from `from_s` to `to_s`.
fn requests_between(r: &Run, id: ComponentId, from_s: f64, to_s: f64) -> u64 {
    let series = r.series_of(id).expect("series");
    let (a, b) = ((from_s / r.bucket_s) as usize, (to_s / r.bucket_s) as usize);
    series.points[a..b].iter().map(|p| p.requests).sum()
}

/// Path rules give each group its share, and a slow API release slows the
/// API alone: the other paths keep their latency.
#[test]
fn path_rules_keep_a_slow_api_from_slowing_images_and_pages() {
    let t = template("alb-path-routing");
    let d = &t.design;
    let (api, img, web) = (id_of(d, "API"), id_of(d, "Images"), id_of(d, "Web pages"));
    let slowed = run(d, &t.scenario);
    let calm = run(
        d,
        &Scenario {
            timeline: vec![],
            ..t.scenario.clone()
        },
    );
    let total: u64 = [api, img, web]
        .iter()
        .map(|&i| slowed.component(i).expect("group").requests)
        .sum();
    for (id, want) in [(api, 0.40), (img, 0.35), (web, 0.25)] {
        let got = slowed.component(id).expect("group").requests as f64 / total as f64;
        assert!((got - want).abs() < 0.01, "{id:?}: {got} vs {want}");
    }
    let ms = |r: &Run, id| r.component(id).expect("group").mean_time_ms;
    assert!(
        ms(&slowed, api) > 2.0 * ms(&calm, api),
        "API {} ms slowed vs {} ms calm",
        ms(&slowed, api),
        ms(&calm, api)
    );
    for id in [img, web] {
        let (s, c) = (ms(&slowed, id), ms(&calm, id));
        assert!(
            (s - c).abs() < 0.05 * c,
            "{id:?}: {s} ms slowed vs {c} ms calm"
        );
    }
}

/// Route 53's weights move the users from the CLB to the ALB at 5:00, as
/// their cached answers expire; and the CLB cannot take the ALB's place for
/// several domains.
#[test]
fn weighted_dns_moves_the_users_from_the_clb_to_the_alb() {
    let t = template("clb-to-alb");
    let d = &t.design;
    let (clb, alb) = (id_of(d, "Old CLB"), id_of(d, "New ALB"));
    let r = run(d, &t.scenario);
    assert_eq!(requests_between(&r, alb, 0.0, 300.0), 0);
    assert!(requests_between(&r, clb, 0.0, 300.0) > 40_000);
    // A minute's TTL later every client has asked again.
    assert_eq!(requests_between(&r, clb, 400.0, 900.0), 0);
    assert!(requests_between(&r, alb, 400.0, 900.0) > 70_000);
    // In between, both serve while answers expire.
    assert!(requests_between(&r, clb, 300.0, 360.0) > 0);
    assert!(requests_between(&r, alb, 300.0, 360.0) > 0);
    assert_eq!(r.totals.errors.total(), 0, "{:?}", r.totals.errors);

    let refused = |d: &Design| {
        validate::validate(d)
            .iter()
            .any(|x| x.rule == "clb-one-certificate" && x.severity == Severity::Error)
    };
    assert!(!refused(d));
    let mut more = d.clone();
    set(&mut more, clb, "certificates", 3.0);
    assert!(refused(&more));
    assert!(d.components.iter().any(|c| c.id == alb && c.is(Kind::Alb)));
}

/// The On-Demand base serves through the reclaim of every Spot instance,
/// replacements wait out the launch hook before they serve, and Spot makes
/// the group cheaper.
#[test]
fn the_on_demand_base_serves_through_a_spot_reclaim_and_replacements_wait_for_their_hook() {
    let t = template("asg-spot-hooks");
    let group = id_of(&t.design, "Workers");
    let r = run(&t.design, &t.scenario);
    let points = &r.series_of(group).expect("series").points;
    // After the first launches, two On-Demand instances are in the group at
    // every moment, the reclaim included.
    for (k, p) in points.iter().enumerate().skip(30) {
        assert_eq!(p.instances.on_demand, 2, "bucket {k}: {:?}", p.instances);
        assert!(p.instances.in_service >= 2, "bucket {k}: {:?}", p.instances);
    }
    let reclaimed = log_times(&r, "interrupt");
    assert!(
        reclaimed.iter().any(|&s| (300.0..=430.0).contains(&s)),
        "{:#?}",
        r.log
    );

    let mut unhooked = t.design.clone();
    set(&mut unhooked, group, "launch_hook_s", 0.0);
    let plain = run(&unhooked, &t.scenario);
    let served = |r: &Run| {
        log_times(r, "is in service")
            .into_iter()
            .filter(|&s| s > 300.0)
            .fold(f64::NAN, f64::max)
    };
    let (hooked, bare) = (served(&r), served(&plain));
    assert!(
        (hooked - bare - 60.0).abs() < 1e-6,
        "replacements serve at {hooked} s hooked, {bare} s without"
    );

    let mut on_demand = t.design.clone();
    set(&mut on_demand, group, "spot_pct", 0.0);
    let all_on_demand = run(&on_demand, &t.scenario);
    let cost = |r: &Run| r.component(group).expect("group").cost_usd;
    assert!(
        cost(&r) < 0.9 * cost(&all_on_demand),
        "{} with Spot, {} all On-Demand",
        cost(&r),
        cost(&all_on_demand)
    );
}

/// The Fargate template's note quotes the comparison's times to add
/// capacity in the spike; they are the simulated ones.
#[test]
fn the_fargate_note_quotes_the_simulated_times_to_scale() {
    use skydraft_core::compare::{self, Outcome, Workload};
    let ids = ["alb-fargate", "alb-asg", "alb-ecs-ec2"];
    let designs: Vec<Design> = ids.iter().map(|id| template(id).design).collect();
    let jobs = compare::plan(&designs, &Workload::default()).expect("plan");
    let outcomes: Vec<Outcome> = jobs
        .iter()
        .map(|j| match &j.input {
            Ok((d, s)) => sim::run(d, s).map_err(|e| e.to_string()),
            Err(why) => Err(why.clone()),
        })
        .collect();
    let note = template("alb-fargate").note;
    let mut quoted = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let mine: Vec<_> = jobs
            .iter()
            .zip(&outcomes)
            .filter(|(j, _)| j.contender == i)
            .collect();
        let scale_s = compare::row(id, &mine).scale_s.expect("a time to scale");
        let said = format!("{scale_s:.0} s");
        let at = note
            .find(&said)
            .unwrap_or_else(|| panic!("{id}: the note does not say {said}: {note}"));
        quoted.push(at);
    }
    // In the order the note names them: Fargate, the group, ECS on EC2.
    assert!(quoted.windows(2).all(|w| w[0] < w[1]), "{quoted:?}");
    // The 40 s and 60 s launch times it quotes are checked where they are
    // simulated: `sim_spot_fidelity::fargate_adds_capacity_sooner_than_an_ec2_auto_scaling_group`.
}

/// The AMI rollout replaces all ten instances one at a time: nine always
/// serve, nothing fails, and it takes about the 20 minutes the note says.
#[test]
fn the_ami_rollout_replaces_every_instance_and_keeps_nine_serving() {
    let t = template("asg-ami-rollout");
    let web = id_of(&t.design, "Web tier (new AMI)");
    let r = run(&t.design, &t.scenario);
    assert_eq!(log_times(&r, "instance refresh: replacing").len(), 10);
    let done = log_times(&r, "instance refresh complete: 10 instances replaced");
    let took_min = (done.first().copied().expect("completes") - 120.0) / 60.0;
    assert!((19.0..=21.0).contains(&took_min), "{took_min} min");
    let points = &r.series_of(web).expect("series").points;
    for p in &points[12..] {
        assert!(p.instances.in_service >= 9, "{:?}", p.instances);
    }
    assert_eq!(r.totals.errors.total(), 0, "{:?}", r.totals.errors);
    // Without the refresh, nothing is replaced.
    let still = run(
        &t.design,
        &Scenario {
            timeline: vec![],
            ..t.scenario.clone()
        },
    );
    assert!(log_times(&still, "instance refresh").is_empty());
}

/// The private zone's name resolves inside the VPC: the orders service gets
/// the web tier's calls through it. A caller on the internet, or a VPC
/// without DNS hostnames, is refused by validation and by the simulator.
#[test]
fn a_private_zone_serves_the_vpc_and_refuses_the_internet() {
    let t = template("r53-private-zone");
    let d = &t.design;
    let (users, dns, orders) = (
        id_of(d, "Users"),
        id_of(d, "orders.shop.internal"),
        id_of(d, "Orders"),
    );
    let errors = |d: &Design| {
        validate::validate(d)
            .into_iter()
            .filter(|x| x.severity == Severity::Error)
            .map(|x| x.rule)
            .collect::<Vec<_>>()
    };
    assert!(errors(d).is_empty(), "{:?}", errors(d));
    let r = run(d, &t.scenario);
    let through = r.component(dns).expect("record").requests;
    let served = r.component(orders).expect("orders").requests;
    assert!(through > 10_000, "{through}");
    assert!(
        served as f64 > 0.99 * through as f64,
        "{served} of {through}"
    );
    assert!(r.totals.errors.total() * 1000 < r.totals.requests);
    let mut public = d.clone();
    let id = skydraft_core::design::LinkId(public.links.len() as u32 + 100);
    public.links.push(skydraft_core::design::Link {
        id,
        from: users,
        to: dns,
        params: Default::default(),
    });
    assert_eq!(errors(&public), ["r53-private-from-internet"]);
    assert!(sim::run(&public, &t.scenario).is_err());
    let mut no_hostnames = d.clone();
    let rec = no_hostnames
        .components
        .iter_mut()
        .find(|c| c.id == dns)
        .expect("record");
    rec.params.remove("vpc_dns_hostnames");
    assert_eq!(errors(&no_hostnames), ["r53-private-vpc-dns"]);
    assert!(sim::run(&no_hostnames, &t.scenario).is_err());
}

/// Failed invocations of a component in the buckets from `from_s` to `to_s`.
fn failures_between(r: &Run, id: ComponentId, from_s: f64, to_s: f64) -> u64 {
    let series = r.series_of(id).expect("series");
    let (a, b) = ((from_s / r.bucket_s) as usize, (to_s / r.bucket_s) as usize);
    series.points[a..b].iter().map(|p| p.failures).sum()
}

/// The alias gives the bad version 2 its canary tenth at 2:00 and nothing
/// more: the error alarm rolls it back within a minute and errors stop. The
/// same release without traffic shifting fails 3 % of everything for good.
#[test]
fn the_alias_canary_fails_a_tenth_of_its_share_and_its_alarm_rolls_it_back() {
    let t = template("lambda-alias-canary");
    let d = &t.design;
    let f = id_of(d, "Orders (alias live)");
    let r = run(d, &t.scenario);
    let share = |r: &Run, from: f64, to: f64| {
        failures_between(r, f, from, to) as f64 / requests_between(r, f, from, to) as f64
    };
    assert_eq!(log_times(&r, "shifts 10 %"), [120.0], "{:?}", r.log);
    let back = log_times(&r, "rolls back");
    assert_eq!(back.len(), 1, "{:?}", r.log);
    assert!(
        back[0] > 120.0 && back[0] <= 181.0,
        "rolled back at {}",
        back[0]
    );
    assert!(log_times(&r, "deployment completes").is_empty());
    assert_eq!(failures_between(&r, f, 0.0, 120.0), 0);
    // The canary: 10 % of traffic on a version failing 3 %, about 0.3 %.
    let canary = share(&r, 120.0, back[0]);
    assert!((canary - 0.003).abs() < 0.0015, "canary fails {canary}");
    let after = (back[0] / 10.0).ceil() * 10.0;
    assert_eq!(failures_between(&r, f, after, 600.0), 0);
    // All at once instead: every user gets version 2.
    let mut plain = d.clone();
    let c = plain.components.iter_mut().find(|c| c.id == f).expect("fn");
    c.params.insert("shift".into(), t_("none"));
    let p = run(&plain, &t.scenario);
    let all = share(&p, 130.0, 600.0);
    assert!((all - 0.03).abs() < 0.005, "all at once fails {all}");
    println!(
        "canary {canary}, rolled back at {}, all at once {all}",
        back[0]
    );
}

/// Whether validation warns that clients allow-listing addresses reach a
/// load balancer whose addresses change.
fn allow_list_warned(d: &Design) -> bool {
    validate::validate(d)
        .iter()
        .any(|x| x.rule == "allow-list-changing-ips")
}

/// The partner allow-lists the NLB's two Elastic IPs; when us-east-1a
/// fails, the NLB answers from the other zone's address and instances
/// after about 10 s of lost requests, and the group relaunches there
/// within 70 s. The Elastic IPs cost the $0.01/h the note says, and an ALB
/// in the NLB's place is flagged.
#[test]
fn an_allow_listed_nlb_keeps_answering_on_the_other_zones_address() {
    let t = template("nlb-static-ip");
    let d = &t.design;
    let (nlb, web) = (id_of(d, "NLB"), id_of(d, "Order intake"));
    let r = run(d, &t.scenario);
    let erred: Vec<f64> = r
        .buckets
        .iter()
        .filter(|b| b.errors.total() > 0)
        .map(|b| b.start_s)
        .collect();
    // Only requests in flight or sent to us-east-1a in its first 10 s fail.
    assert!(
        erred.iter().all(|&s| (290.0..310.0).contains(&s)),
        "{erred:?}"
    );
    let lost = r.totals.errors.total();
    assert!((900..=1_200).contains(&lost), "{lost} lost");
    assert_eq!(lost, r.totals.errors.instance_lost);
    // From then on us-east-1b's instances serve everything; the group has
    // its four there 70 s after the outage.
    let points = &r.series_of(web).expect("series").points;
    let az = |k: usize, z: usize| points[k].instances.in_service_by_az[z];
    assert_eq!((az(28, 0), az(28, 1)), (2, 2));
    for k in 30..points.len() {
        assert_eq!(az(k, 0), 0, "bucket {k}");
    }
    let full = (0..points.len())
        .find(|&k| k > 29 && az(k, 1) == 4)
        .expect("relaunched");
    let ends_s = (full + 1) as f64 * r.bucket_s;
    assert!(
        (ends_s - 300.0 - 70.0).abs() < 1e-9,
        "four in us-east-1b at {ends_s} s"
    );
    let after = requests_between(&r, nlb, 310.0, 900.0);
    assert!(after > 110_000, "{after}");
    // Two Elastic IPs, one per zone: $0.005/h each [P-CLOUDBURN-NAT].
    let mut own = d.clone();
    let c = own
        .components
        .iter_mut()
        .find(|c| c.id == nlb)
        .expect("nlb");
    c.params.remove("ip_address");
    let aws = run(&own, &t.scenario);
    let rate = |r: &Run| r.series_of(nlb).expect("series").points[0].cost_per_hour;
    let extra = rate(&r) - rate(&aws);
    assert!((extra - 0.01).abs() < 1e-9, "{extra}");
    // The figures the note quotes are the ones checked here.
    for said in [
        "$0.005/h each",
        "$0.01/h for two",
        "about 1,000",
        "first 10 s",
        "70 s after",
    ] {
        assert!(t.note.contains(said), "{said}: {}", t.note);
    }
    // An ALB in the NLB's place: its addresses change, and the partner's
    // allow-list is flagged.
    assert!(!allow_list_warned(d));
    let mut alb = own;
    let c = alb
        .components
        .iter_mut()
        .find(|c| c.id == nlb)
        .expect("nlb");
    c.kind = "alb".into();
    assert!(allow_list_warned(&alb));
}
