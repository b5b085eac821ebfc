//! Helpers the test modules share: parameter values and hand-made links.

use std::io::Write;

use base64::Engine;
use skydraft_core::design::{
    Component, ComponentId, Design, Link, LinkId, ParamValue, Params, Point,
};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, Scenario, TimedEvent};

/// A number parameter.
pub fn n(v: f64) -> ParamValue {
    ParamValue::Number(v)
}

/// A text parameter.
pub fn t(v: &str) -> ParamValue {
    ParamValue::Text(v.into())
}

/// A switch parameter.
pub fn b(v: bool) -> ParamValue {
    ParamValue::Bool(v)
}

/// Raw deflate of `bytes`, as a link's payload is packed.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("finishing in memory")
}

/// Base64url without padding, as links carry their payload.
pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// One component: id, kind and parameters.
pub type Part<'a> = (u32, &'a str, Vec<(&'a str, ParamValue)>);

/// A design of these components (labelled `kind-id`, all at the origin) and
/// links between them by component id, numbered in order.
pub fn design(parts: &[Part<'_>], links: &[(u32, u32)]) -> Design {
    let mut d = Design::default();
    for (id, kind, params) in parts {
        let mut p = Params::new();
        for (k, v) in params {
            p.insert((*k).to_owned(), v.clone());
        }
        d.components.push(Component {
            id: ComponentId(*id),
            kind: (*kind).into(),
            label: format!("{kind}-{id}"),
            pos: Point::default(),
            params: p,
        });
    }
    for (k, (from, to)) in links.iter().enumerate() {
        d.links.push(Link {
            id: LinkId(k as u32 + 1),
            from: ComponentId(*from),
            to: ComponentId(*to),
            params: Params::new(),
        });
    }
    d
}

/// Serves `request` as the worker does, after a trip through bytes; every
/// reply also goes through bytes. The fake clock moves `tick_ms` per reading.
pub fn serve_as_worker(
    request: &skydraft_core::remote::Request,
    tick_ms: f64,
) -> Vec<skydraft_core::remote::Reply> {
    use skydraft_core::remote::{self, Reply, Request};
    let request = Request::from_bytes(&request.to_bytes()).expect("request decodes");
    let mut now = 0.0;
    let mut replies = Vec::new();
    remote::serve(
        &request,
        || {
            now += tick_ms;
            now
        },
        |r| replies.push(Reply::from_bytes(&r.to_bytes()).expect("reply decodes")),
    );
    replies
}

/// A scenario of `duration_s` seconds with `seed`, `bucket_s` buckets and
/// these timeline events `(at_s, event)`.
pub fn scenario(duration_s: f64, seed: u64, bucket_s: f64, events: Vec<(f64, Event)>) -> Scenario {
    Scenario {
        duration_s,
        seed,
        bucket_s,
        timeline: events
            .into_iter()
            .map(|(at_s, event)| TimedEvent { at_s, event })
            .collect(),
        ..Scenario::default()
    }
}

/// When (seconds) the run's log says something containing `needle`.
pub fn log_times(run: &Run, needle: &str) -> Vec<f64> {
    run.log
        .iter()
        .filter(|e| e.text.contains(needle))
        .map(|e| e.t_s)
        .collect()
}

/// Share of the users' requests that failed inside the design (not
/// refused, throttled or timed out) in the `width_s` seconds from `from_s`.
pub fn failing(r: &Run, from_s: f64, width_s: f64) -> f64 {
    let picked = r
        .buckets
        .iter()
        .filter(|b| b.start_s >= from_s && b.start_s < from_s + width_s);
    let (failed, all) = picked.fold((0, 0), |(f, a), b| (f + b.errors.failed, a + b.requests));
    failed as f64 / all.max(1) as f64
}
