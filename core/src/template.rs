//! Templates: the classic solution architectures, each a valid design with a
//! default scenario and a short teaching note.

pub(crate) mod build;
mod caching;
mod classic;
mod dns;
mod serverless;
mod targets;

use crate::design::Design;
use crate::scenario::Scenario;

/// Id of the template a new page opens with.
pub const DEFAULT_ID: &str = "alb-asg";

/// A ready-made design for the gallery.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Stable id, used in URLs (`?t=alb-asg`) and on the command line.
    pub id: &'static str,
    /// Title shown in the gallery.
    pub name: &'static str,
    /// What the design teaches and what to try with it.
    pub note: &'static str,
    /// The design.
    pub design: Design,
    /// The scenario it opens with.
    pub scenario: Scenario,
}

/// Every template, in gallery order.
#[must_use]
pub fn all() -> Vec<Template> {
    vec![
        classic::ec2_eip(),
        classic::ec2_route53(),
        classic::alb_asg(),
        classic::alb_ecs_ec2(),
        classic::alb_fargate(),
        targets::alb_path_routing(),
        targets::clb_to_alb(),
        targets::asg_spot_hooks(),
        targets::asg_ami_rollout(),
        targets::nlb_static_ip(),
        serverless::alb_lambda(),
        serverless::apigw_lambda(),
        serverless::lambda_alias_canary(),
        serverless::apigw_sqs_worker(),
        serverless::apigw_http(),
        dns::r53_blue_green(),
        dns::r53_latency(),
        dns::rds_failover(),
        dns::r53_private_zone(),
        serverless::s3_presigned(),
        serverless::spot_batch(),
        caching::cache_aside(),
    ]
}

/// The template with this id.
#[must_use]
pub fn get(id: &str) -> Option<Template> {
    all().into_iter().find(|t| t.id == id)
}

/// Ids of every template, in gallery order.
#[must_use]
pub fn ids() -> Vec<&'static str> {
    all().iter().map(|t| t.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{design, share, validate};

    #[test]
    fn there_are_twenty_two_templates_with_unique_ids_and_notes() {
        let all = all();
        assert_eq!(all.len(), 22);
        let mut ids = ids();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 22);
        for t in &all {
            assert!(t.note.len() > 100, "{} needs a teaching note", t.id);
            assert!(!t.design.name.is_empty());
        }
        assert!(get(DEFAULT_ID).is_some());
        assert!(get("nope").is_none());
    }

    #[test]
    fn templates_need_no_repair_and_report_their_link_length() {
        for t in all() {
            let mut d = t.design.clone();
            assert!(design::repair(&mut d).unwrap().is_empty(), "{}", t.id);
            let code = share::encode(&t.design, &t.scenario);
            let warnings: Vec<_> = validate::validate(&t.design)
                .into_iter()
                .map(|d| d.rule)
                .collect();
            println!("{:18} {:5} chars  warnings: {warnings:?}", t.id, code.len());
        }
    }

    #[test]
    fn the_default_flows_left_to_right_inside_its_region() {
        let t = get(DEFAULT_ID).unwrap();
        let kinds: Vec<&str> = t
            .design
            .components
            .iter()
            .map(|c| c.kind.as_str())
            .collect();
        assert_eq!(kinds, ["users", "alb", "asg", "rds"]);
        let xs: Vec<f64> = t.design.components.iter().map(|c| c.pos.x).collect();
        assert!(xs.windows(2).all(|w| w[1] >= w[0]), "{xs:?}");
        let region = &t.design.groups[0];
        assert!(
            t.design.components[1..]
                .iter()
                .all(|c| region.rect.contains(c.pos))
        );
    }

    /// The box a component covers on the canvas: its 56 px icon centred on
    /// its position and its two-line label below, about 120 px wide.
    fn footprint(c: &design::Component) -> design::Rect {
        design::Rect {
            x: c.pos.x - 60.0,
            y: c.pos.y - 28.0,
            w: 120.0,
            h: 56.0 + 38.0,
        }
    }

    fn overlap(a: &design::Rect, b: &design::Rect) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn no_template_draws_components_over_each_other_or_over_frame_labels() {
        for t in all() {
            let comps = &t.design.components;
            for (i, a) in comps.iter().enumerate() {
                for b in &comps[i + 1..] {
                    assert!(
                        !overlap(&footprint(a), &footprint(b)),
                        "{}: {} overlaps {}",
                        t.id,
                        a.label,
                        b.label
                    );
                }
                for g in &t.design.groups {
                    // A frame's label sits in its top-left corner.
                    let label = design::Rect {
                        x: g.rect.x,
                        y: g.rect.y,
                        w: 120.0,
                        h: 28.0,
                    };
                    assert!(
                        !overlap(&footprint(a), &label),
                        "{}: {} covers the label of frame {}",
                        t.id,
                        a.label,
                        g.label
                    );
                }
            }
        }
    }
}
