//! Replay on the canvas: while a [`Frame`] of a run is set, the canvas paints
//! it over the design (health and load of each component, its instances, the
//! request rate of each link, the zones that are down). With `None` the
//! canvas is the plain editor.
//!
//! The run panel owns the timeline and sets the frame; the canvas only reads
//! it. The wording and sizes of the paint are plain functions, tested natively.

use leptos::prelude::*;
use skydraft_core::run::{Frame, Health, Instances};

/// The frame the canvas paints, shared through context from the app root.
#[derive(Clone, Copy)]
pub struct Replay(pub RwSignal<Option<Frame>>);

impl Replay {
    /// No frame: the canvas shows the design as it is edited.
    #[must_use]
    pub fn new() -> Self {
        Replay(RwSignal::new(None))
    }

    /// The replay of the page (a fresh, empty one outside the app, e.g. in tests).
    #[must_use]
    pub fn get() -> Self {
        use_context::<Replay>().unwrap_or_default()
    }
}

impl Default for Replay {
    fn default() -> Self {
        Replay::new()
    }
}

/// Stroke width of a link carrying `share` of the busiest link's rate, in
/// canvas units: 1.5 when idle, up to 9.
#[must_use]
pub fn link_width(share: f64) -> f64 {
    let s = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    1.5 + 7.5 * s.sqrt()
}

/// A request rate in few characters: `0`, `8.5`, `120`, `4.2k`, `1.3M` (req/s).
#[must_use]
pub fn rate_text(per_s: f64) -> String {
    let r = if per_s.is_finite() {
        per_s.max(0.0)
    } else {
        0.0
    };
    if r >= 999_500.0 {
        format!("{:.1}M", r / 1e6)
    } else if r >= 9_995.0 {
        format!("{:.0}k", r / 1e3)
    } else if r >= 1_000.0 {
        format!("{:.1}k", r / 1e3)
    } else if r >= 10.0 || r == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The instance badge: the count in service, with launching (`+2`) and
/// draining (`−1`) instances when there are any.
#[must_use]
pub fn badge_text(i: Instances) -> String {
    let mut s = i.in_service.to_string();
    if i.pending > 0 {
        s.push_str(&format!(" +{}", i.pending));
    }
    if i.draining > 0 {
        s.push_str(&format!(" −{}", i.draining));
    }
    s
}

/// The badge's tooltip, in words.
#[must_use]
pub fn badge_title(i: Instances) -> String {
    let mut s = format!("{} in service", i.in_service);
    if i.pending > 0 {
        s.push_str(&format!(", {} launching", i.pending));
    }
    if i.draining > 0 {
        s.push_str(&format!(", {} draining", i.draining));
    }
    s
}

/// Utilization band of the load meter: `low` below 60 %, `high` from 90 %.
#[must_use]
pub fn load_class(utilization: f64) -> &'static str {
    if utilization >= 0.9 {
        "load high"
    } else if utilization >= 0.6 {
        "load mid"
    } else {
        "load low"
    }
}

/// A component's state in words, for its tooltip during a replay.
#[must_use]
pub fn health_words(h: Health, utilization: f64, error_share: f64) -> String {
    let state = match h {
        Health::Ok => "healthy",
        Health::Degraded => "degraded",
        Health::Failing => "failing",
    };
    format!(
        "{state} · {:.0} % busy · {:.1} % errors",
        utilization * 100.0,
        error_share * 100.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_widen_with_their_share() {
        assert_eq!(link_width(0.0), 1.5);
        assert_eq!(link_width(1.0), 9.0);
        assert!(link_width(0.25) > link_width(0.1));
        assert_eq!(link_width(f64::NAN), 1.5);
        assert_eq!(link_width(7.0), 9.0);
    }

    #[test]
    fn rates_are_short() {
        assert_eq!(rate_text(0.0), "0");
        assert_eq!(rate_text(8.46), "8.5");
        assert_eq!(rate_text(120.2), "120");
        assert_eq!(rate_text(4_210.0), "4.2k");
        assert_eq!(rate_text(52_000.0), "52k");
        assert_eq!(rate_text(1_300_000.0), "1.3M");
        assert_eq!(rate_text(-3.0), "0");
    }

    #[test]
    fn the_badge_shows_launching_and_draining() {
        let i = Instances {
            in_service: 4,
            pending: 2,
            draining: 1,
        };
        assert_eq!(badge_text(i), "4 +2 −1");
        assert_eq!(badge_title(i), "4 in service, 2 launching, 1 draining");
        assert_eq!(badge_text(Instances::default()), "0");
    }

    #[test]
    fn load_bands() {
        assert_eq!(load_class(0.2), "load low");
        assert_eq!(load_class(0.7), "load mid");
        assert_eq!(load_class(0.95), "load high");
    }
}
