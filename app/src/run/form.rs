//! The scenario's traffic and timeline as HTML, and the edits its controls
//! make. Every control carries `data-act` (what it edits), `data-i` (which
//! traffic entry or timeline event) and, for shape fields, `data-k`; one
//! delegated listener reads them and calls [`apply`]. Rendering to a string
//! keeps the page small; user text (labels) is always escaped.

use std::fmt::Write as _;

use skydraft_core::design::{ComponentId, Design, LinkId};
use skydraft_core::scenario::presets;
use skydraft_core::scenario::{Event, FailureMode, Scenario, TimedEvent, Traffic};

use super::text;

/// Escapes text for HTML content and attribute values.
#[must_use]
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const RUNS_APP: [&str; 11] = [
    "ec2",
    "asg",
    "spot_fleet",
    "ecs_service",
    "fargate",
    "lambda",
    "rds",
    "dynamodb",
    "elasticache",
    "http_backend",
    "onprem_ip",
];
const GROUPS: [&str; 3] = ["asg", "spot_fleet", "ecs_service"];

fn comps(d: &Design, kinds: &[&str]) -> Vec<(String, String)> {
    d.components
        .iter()
        .filter(|c| kinds.contains(&c.kind.as_str()))
        .map(|c| (c.id.0.to_string(), c.label.clone()))
        .collect()
}

/// Links that carry a weight (from a load balancer or Route 53), as options.
fn weighted_links(d: &Design) -> Vec<(String, String)> {
    d.links
        .iter()
        .filter(|l| {
            d.component(l.from)
                .is_some_and(|c| matches!(c.kind.as_str(), "alb" | "nlb" | "clb" | "route53"))
        })
        .map(|l| {
            let name = |id| d.component(id).map_or("?", |c| c.label.as_str());
            (
                l.id.0.to_string(),
                format!("{} → {}", name(l.from), name(l.to)),
            )
        })
        .collect()
}

/// A new event of kind `id`, aimed at the first fitting target.
#[must_use]
pub fn new_event(id: &str, d: &Design) -> Option<Event> {
    let first = |kinds: &[&str]| {
        d.components
            .iter()
            .find(|c| kinds.contains(&c.kind.as_str()))
            .map(|c| c.id)
    };
    let zone = presets::zones(d)
        .first()
        .map_or_else(|| "us-east-1a".to_owned(), |z| z.0.clone());
    Some(match id {
        "instance_failure" => Event::InstanceFailure {
            target: first(&RUNS_APP)?,
            count: 1,
            mode: FailureMode::Crash,
        },
        "az_outage" => Event::AzOutage {
            az: zone,
            duration_s: Some(600.0),
        },
        "region_outage" => Event::RegionOutage {
            region: presets::regions(d).into_iter().next(),
            duration_s: Some(300.0),
        },
        "spot_interruption" => Event::SpotInterruption {
            target: None,
            share: 0.5,
        },
        "spot_price_change" => Event::SpotPriceChange {
            instance_type: None,
            az: None,
            factor: 0.9,
        },
        "dependency_slowdown" => Event::DependencySlowdown {
            target: first(&RUNS_APP)?,
            factor: 3.0,
            duration_s: Some(300.0),
        },
        "bad_deployment" => Event::BadDeployment {
            target: first(&RUNS_APP)?,
            error_rate: 0.2,
            duration_s: Some(600.0),
        },
        "scheduled_action" => Event::ScheduledAction {
            target: first(&GROUPS)?,
            min: None,
            max: None,
            desired: Some(4),
        },
        "weight_change" => Event::WeightChange {
            link: LinkId(weighted_links(d).first()?.0.parse().ok()?),
            weight: 0.0,
        },
        _ => return None,
    })
}

fn num(o: &mut String, label: &str, unit: &str, act: &str, i: usize, k: usize, v: Option<f64>) {
    let v = v.map(|v| format!("{}", (v * 1000.0).round() / 1000.0));
    let _ = write!(
        o,
        "<label class=\"sfield\"><span>{label}</span><input type=\"number\" min=\"0\" step=\"any\" \
         data-act=\"{act}\" data-i=\"{i}\" data-k=\"{k}\" data-field=\"{label}\" value=\"{}\" \
         placeholder=\"{}\"><span class=\"unit\">{unit}</span></label>",
        v.unwrap_or_default(),
        if unit == "s" && act == "edur" {
            "to the end"
        } else {
            ""
        }
    );
}

fn pick(o: &mut String, label: &str, act: &str, i: usize, opts: &[(String, String)], cur: &str) {
    let _ = write!(
        o,
        "<label class=\"sfield\"><span>{label}</span><select data-act=\"{act}\" data-i=\"{i}\" \
         data-field=\"{label}\">"
    );
    for (v, name) in opts {
        let sel = if v == cur { " selected" } else { "" };
        let _ = write!(
            o,
            "<option value=\"{}\"{sel}>{}</option>",
            esc(v),
            esc(name)
        );
    }
    o.push_str("</select></label>");
}

fn del(o: &mut String, act: &str, i: usize, what: &str) {
    let _ = write!(
        o,
        "<button class=\"btn icon small\" data-act=\"{act}\" data-i=\"{i}\" aria-label=\"Remove this {what}\" \
         title=\"Remove\">×</button>"
    );
}

/// The traffic rows.
#[must_use]
pub fn traffic_html(d: &Design, s: &Scenario) -> String {
    let mut users = vec![(String::new(), "All users".to_owned())];
    users.extend(comps(d, &["users"]));
    let shapes: Vec<(String, String)> = text::SHAPES
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let mut o = String::new();
    for (i, tr) in s.traffic.iter().enumerate() {
        o.push_str("<li class=\"srow\" data-testid=\"traffic-row\">");
        let src = tr.source.map(|c| c.0.to_string()).unwrap_or_default();
        pick(&mut o, "Users", "tsrc", i, &users, &src);
        pick(
            &mut o,
            "Shape",
            "tshape",
            i,
            &shapes,
            text::shape_id(&tr.shape),
        );
        for (k, (label, unit, v)) in text::shape_fields(&tr.shape).into_iter().enumerate() {
            num(&mut o, label, unit, "tnum", i, k, Some(v));
        }
        del(&mut o, "tdel", i, "shape");
        o.push_str("</li>");
    }
    o
}

/// The timeline rows, in time order.
#[must_use]
pub fn timeline_html(d: &Design, s: &Scenario) -> String {
    let mut order: Vec<usize> = (0..s.timeline.len()).collect();
    order.sort_by(|a, b| s.timeline[*a].at_s.total_cmp(&s.timeline[*b].at_s));
    let mut o = String::new();
    for i in order {
        let te = &s.timeline[i];
        o.push_str("<li class=\"srow\" data-testid=\"timeline-row\">");
        num(&mut o, "At", "s", "eat", i, 0, Some(te.at_s));
        let _ = write!(
            o,
            "<strong class=\"ev-name\">{}</strong>",
            text::event_name(&te.event)
        );
        let target = |o: &mut String, label, kinds: &[&str], t: ComponentId| {
            pick(o, label, "etarget", i, &comps(d, kinds), &t.0.to_string());
        };
        match &te.event {
            Event::InstanceFailure {
                target: t,
                count,
                mode,
            } => {
                target(&mut o, "Target", &RUNS_APP, *t);
                num(&mut o, "Count", "", "ecount", i, 0, Some(f64::from(*count)));
                let modes = [
                    ("crash".to_owned(), "Crash".to_owned()),
                    ("hang".to_owned(), "Hang".to_owned()),
                ];
                let cur = if *mode == FailureMode::Hang {
                    "hang"
                } else {
                    "crash"
                };
                pick(&mut o, "How", "emode", i, &modes, cur);
            }
            Event::AzOutage { az, duration_s } => {
                let mut zones: Vec<(String, String)> = presets::zones(d)
                    .into_iter()
                    .map(|z| (z.0.clone(), z.0))
                    .collect();
                if !zones.iter().any(|z| z.0 == *az) {
                    zones.push((az.clone(), az.clone()));
                }
                pick(&mut o, "Zone", "ezone", i, &zones, az);
                num(&mut o, "For", "s", "edur", i, 0, *duration_s);
            }
            Event::RegionOutage { region, duration_s } => {
                let mut regions = vec![(String::new(), "Every region".to_owned())];
                regions.extend(presets::regions(d).into_iter().map(|r| (r.clone(), r)));
                let cur = region.clone().unwrap_or_default();
                if !regions.iter().any(|r| r.0 == cur) {
                    regions.push((cur.clone(), cur.clone()));
                }
                pick(&mut o, "Region", "eregion", i, &regions, &cur);
                num(&mut o, "For", "s", "edur", i, 0, *duration_s);
            }
            Event::SpotInterruption { target: t, share } => {
                let mut opts = vec![(String::new(), "Every Spot group".to_owned())];
                opts.extend(comps(d, &GROUPS));
                let cur = t.map(|t| t.0.to_string()).unwrap_or_default();
                pick(&mut o, "Group", "espot", i, &opts, &cur);
                num(&mut o, "Share", "%", "epct", i, 0, Some(share * 100.0));
            }
            Event::SpotPriceChange { factor, .. } => {
                num(
                    &mut o,
                    "Price",
                    "× On-Demand",
                    "efactor",
                    i,
                    0,
                    Some(*factor),
                );
            }
            Event::DependencySlowdown {
                target: t,
                factor,
                duration_s,
            } => {
                target(&mut o, "Target", &RUNS_APP, *t);
                num(&mut o, "Slower", "×", "efactor", i, 0, Some(*factor));
                num(&mut o, "For", "s", "edur", i, 0, *duration_s);
            }
            Event::BadDeployment {
                target: t,
                error_rate,
                duration_s,
            } => {
                target(&mut o, "Target", &RUNS_APP, *t);
                num(
                    &mut o,
                    "Failing",
                    "%",
                    "epct",
                    i,
                    0,
                    Some(error_rate * 100.0),
                );
                num(&mut o, "For", "s", "edur", i, 0, *duration_s);
            }
            Event::ScheduledAction {
                target: t,
                min,
                max,
                desired,
            } => {
                target(&mut o, "Group", &GROUPS, *t);
                for (k, (label, v)) in [("Min", min), ("Max", max), ("Desired", desired)]
                    .into_iter()
                    .enumerate()
                {
                    num(&mut o, label, "", "ecap", i, k, v.map(f64::from));
                }
            }
            Event::WeightChange { link, weight } => {
                pick(
                    &mut o,
                    "Link",
                    "elink",
                    i,
                    &weighted_links(d),
                    &link.0.to_string(),
                );
                num(&mut o, "Weight", "", "eweight", i, 0, Some(*weight));
            }
            _ => {}
        }
        del(&mut o, "edel", i, "event");
        o.push_str("</li>");
    }
    o
}

/// The markers of the timeline strip.
#[must_use]
pub fn markers_html(s: &Scenario) -> String {
    let d = s.duration_s.max(1.0);
    let mut o = String::new();
    for (i, te) in s.timeline.iter().enumerate() {
        let left = (te.at_s / d * 100.0).clamp(0.0, 100.0);
        let title = format!("{} at {}", text::event_name(&te.event), text::dur(te.at_s));
        let _ = write!(
            o,
            "<button class=\"marker\" data-testid=\"timeline-marker\" data-act=\"drag\" data-i=\"{i}\" \
             style=\"left:{left:.2}%\" title=\"{title}\" aria-label=\"{title}\"></button>"
        );
    }
    o
}

/// Why an edit could not be made, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Applies the edit of control `act` on entry `i` (field `k`) with `value`.
///
/// # Errors
/// When the value is not usable (not a number where one is needed) or a new
/// event has nothing in the design to act on.
pub fn apply(
    s: &mut Scenario,
    d: &Design,
    act: &str,
    i: usize,
    k: usize,
    value: &str,
) -> Result<(), Refused> {
    let n = value.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let need = || {
        n.map(|v| v.max(0.0))
            .ok_or_else(|| Refused("Enter a number.".into()))
    };
    let id = value.parse::<u32>().ok();
    let duration = s.duration_s;
    if let Some(rest) = act.strip_prefix('t') {
        if rest == "add" {
            s.traffic.push(Traffic {
                source: None,
                shape: text::new_shape("spike", duration),
            });
            return Ok(());
        }
        if i >= s.traffic.len() {
            return Ok(());
        }
        match rest {
            "del" => {
                s.traffic.remove(i);
            }
            "src" => s.traffic[i].source = id.map(ComponentId),
            "shape" => s.traffic[i].shape = text::new_shape(value, duration),
            "num" => text::set_shape_field(&mut s.traffic[i].shape, k, need()?),
            _ => {}
        }
        return Ok(());
    }
    if act == "eadd" {
        let at_s = (duration / 3.0).round();
        let event = new_event(value, d).ok_or_else(|| {
            Refused(
                "The design has nothing this event can act on (no fitting component or link)."
                    .into(),
            )
        })?;
        s.timeline.push(TimedEvent { at_s, event });
        return Ok(());
    }
    if i >= s.timeline.len() {
        return Ok(());
    }
    if act == "edel" {
        s.timeline.remove(i);
        return Ok(());
    }
    if act == "eat" {
        s.timeline[i].at_s = need()?;
        return Ok(());
    }
    let e = &mut s.timeline[i].event;
    match (act, e) {
        (
            "etarget",
            Event::InstanceFailure { target, .. }
            | Event::DependencySlowdown { target, .. }
            | Event::BadDeployment { target, .. }
            | Event::ScheduledAction { target, .. },
        ) => {
            if let Some(id) = id {
                *target = ComponentId(id);
            }
        }
        ("ecount", Event::InstanceFailure { count, .. }) => {
            *count = need()?.clamp(1.0, 1000.0) as u32;
        }
        ("emode", Event::InstanceFailure { mode, .. }) => {
            *mode = if value == "hang" {
                FailureMode::Hang
            } else {
                FailureMode::Crash
            };
        }
        ("ezone", Event::AzOutage { az, .. }) => value.clone_into(az),
        ("eregion", Event::RegionOutage { region, .. }) => {
            *region = (!value.is_empty()).then(|| value.to_owned());
        }
        (
            "edur",
            Event::AzOutage { duration_s, .. }
            | Event::RegionOutage { duration_s, .. }
            | Event::DependencySlowdown { duration_s, .. }
            | Event::BadDeployment { duration_s, .. },
        ) => *duration_s = n.map(|v| v.max(0.0)),
        ("espot", Event::SpotInterruption { target, .. }) => *target = id.map(ComponentId),
        (
            "epct",
            Event::SpotInterruption { share: p, .. } | Event::BadDeployment { error_rate: p, .. },
        ) => *p = need()?.min(100.0) / 100.0,
        (
            "efactor",
            Event::DependencySlowdown { factor, .. } | Event::SpotPriceChange { factor, .. },
        ) => *factor = need()?,
        (
            "ecap",
            Event::ScheduledAction {
                min, max, desired, ..
            },
        ) => {
            let v = n.map(|v| v.clamp(0.0, 10_000.0) as u32);
            match k {
                0 => *min = v,
                1 => *max = v,
                _ => *desired = v,
            }
        }
        ("elink", Event::WeightChange { link, .. }) => {
            if let Some(id) = id {
                *link = LinkId(id);
            }
        }
        ("eweight", Event::WeightChange { weight, .. }) => *weight = need()?.min(255.0),
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::scenario::Shape;

    fn default() -> (Design, Scenario) {
        let t = skydraft_core::template::get("alb-asg").expect("template");
        (t.design, t.scenario)
    }

    #[test]
    fn labels_are_escaped() {
        let (mut d, mut s) = default();
        d.components[0].label = "<img src=x onerror=alert(1)>".into();
        apply(&mut s, &d, "tadd", 0, 0, "").unwrap();
        let html = traffic_html(&d, &s);
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;img"));
        assert_eq!(esc("a\"'&"), "a&quot;&#39;&amp;");
    }

    #[test]
    fn traffic_edits_change_the_scenario() {
        let (d, mut s) = default();
        apply(&mut s, &d, "tadd", 0, 0, "").unwrap();
        apply(&mut s, &d, "tshape", 0, 0, "step").unwrap();
        apply(&mut s, &d, "tnum", 0, 1, "3").unwrap();
        assert_eq!(
            s.traffic[0].shape,
            Shape::Step {
                at_s: 450.0,
                factor: 3.0
            }
        );
        assert_eq!(
            apply(&mut s, &d, "tnum", 0, 1, "x"),
            Err(Refused("Enter a number.".into()))
        );
        apply(&mut s, &d, "tsrc", 0, 0, "1").unwrap();
        assert_eq!(s.traffic[0].source, Some(ComponentId(1)));
        assert!(traffic_html(&d, &s).contains("data-act=\"tnum\" data-i=\"0\" data-k=\"1\""));
        apply(&mut s, &d, "tdel", 0, 0, "").unwrap();
        assert!(s.traffic.is_empty());
    }

    #[test]
    fn every_event_kind_can_be_added_edited_and_removed() {
        let (d, mut s) = default();
        for (id, _) in text::EVENT_KINDS {
            if id == "weight_change" {
                continue;
            }
            apply(&mut s, &d, "eadd", 0, 0, id).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        }
        assert_eq!(s.timeline.len(), text::EVENT_KINDS.len() - 1);
        // The default design's ALB has one target link: a weight change fits it.
        assert!(apply(&mut s, &d, "eadd", 0, 0, "weight_change").is_ok());
        let mut empty = Scenario::default();
        assert!(
            apply(
                &mut empty,
                &Design::default(),
                "eadd",
                0,
                0,
                "bad_deployment"
            )
            .is_err()
        );

        let html = timeline_html(&d, &s);
        assert_eq!(
            html.matches("data-testid=\"timeline-row\"").count(),
            s.timeline.len()
        );
        apply(&mut s, &d, "eat", 1, 0, "42").unwrap();
        assert_eq!(s.timeline[1].at_s, 42.0);
        apply(&mut s, &d, "edur", 1, 0, "").unwrap();
        assert!(matches!(
            s.timeline[1].event,
            Event::AzOutage {
                duration_s: None,
                ..
            }
        ));
        apply(&mut s, &d, "epct", 5, 0, "50").unwrap();
        assert!(
            matches!(s.timeline[5].event, Event::BadDeployment { error_rate, .. } if error_rate == 0.5)
        );
        apply(&mut s, &d, "ecap", 6, 0, "3").unwrap();
        assert!(matches!(
            s.timeline[6].event,
            Event::ScheduledAction { min: Some(3), .. }
        ));
        apply(&mut s, &d, "emode", 0, 0, "hang").unwrap();
        assert!(matches!(
            s.timeline[0].event,
            Event::InstanceFailure {
                mode: FailureMode::Hang,
                ..
            }
        ));
        let n = s.timeline.len();
        apply(&mut s, &d, "edel", 0, 0, "").unwrap();
        assert_eq!(s.timeline.len(), n - 1);
        assert!(markers_html(&s).contains("data-act=\"drag\""));
    }

    #[test]
    fn a_region_outage_names_the_first_region_and_can_be_widened_to_every_region() {
        let t = skydraft_core::template::get("r53-latency").unwrap();
        let (d, mut s) = (t.design, t.scenario);
        apply(&mut s, &d, "eadd", 0, 0, "region_outage").unwrap();
        let region = |s: &Scenario| match &s.timeline[0].event {
            Event::RegionOutage { region, .. } => region.clone(),
            _ => panic!("not a region outage"),
        };
        assert_eq!(region(&s).as_deref(), Some("us-east-1"));
        assert!(timeline_html(&d, &s).contains("eu-west-1"));
        apply(&mut s, &d, "eregion", 0, 0, "eu-west-1").unwrap();
        assert_eq!(region(&s).as_deref(), Some("eu-west-1"));
        apply(&mut s, &d, "eregion", 0, 0, "").unwrap();
        assert_eq!(region(&s), None);
    }
}
