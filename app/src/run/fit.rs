//! One-click fixes for a run too big to simulate: the shorter duration that
//! fits, or every Users component's rate scaled down at once. The labels and
//! edits are pure functions (tested natively); the buttons apply one as a
//! single undo step and run again.

use leptos::prelude::*;
use skydraft_core::catalog::Kind;
use skydraft_core::design::{Design, ParamValue};
use skydraft_core::edit::{Command, ParamOwner, ScenarioCommand};
use skydraft_core::sim::RunFit;

use super::RunCtx;
use super::form::send;
use crate::state::Editor;

/// The shorter duration offered, if it is shorter than `duration_s`:
/// (button label, seconds).
#[must_use]
pub fn shorter(fit: &RunFit, duration_s: f64) -> Option<(String, f64)> {
    let minutes = (fit.duration_s / 60.0).floor().max(1.0);
    let secs = minutes * 60.0;
    (secs < duration_s).then(|| {
        let unit = if minutes == 1.0 { "minute" } else { "minutes" };
        (format!("Run {minutes} {unit} instead"), secs)
    })
}

/// The label of the scale offered, if any ("Scale every Users to 61 %").
#[must_use]
pub fn scale_label(fit: &RunFit) -> Option<String> {
    let s = fit.users_scale;
    (s > 0.0 && s < 1.0).then(|| {
        // Two significant digits at most; the rounding only drops float noise.
        let pct = (s * 100.0 * 1e6).round() / 1e6;
        format!("Scale every Users to {pct} %")
    })
}

/// One command that multiplies every Users component's rate by `scale`
/// (rounded down to a hundredth of a request per second, so the run still
/// fits); `None` when the design has no Users.
#[must_use]
pub fn scale_users(design: &Design, scale: f64) -> Option<Command> {
    let commands: Vec<Command> = design
        .components
        .iter()
        .filter(|c| c.is(Kind::Users))
        .map(|c| {
            let rate = (c.number("rate") * scale * 100.0).floor() / 100.0;
            Command::SetParam {
                owner: ParamOwner::Component(c.id),
                param: "rate".to_owned(),
                value: Some(ParamValue::Number(rate.max(0.0))),
            }
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

/// The two buttons under a refusal for size: each applies its change as
/// one undo step, then runs again.
#[component]
pub fn FitButtons(
    /// What would fit.
    fit: RunFit,
) -> impl IntoView {
    let editor = Editor::get();
    let ctx = expect_context::<RunCtx>();
    let duration_s = editor.scenario.with_untracked(|s| s.duration_s);
    let shorter = shorter(&fit, duration_s).map(|(label, secs)| {
        let run = move |_| {
            if send(editor, &ScenarioCommand::SetDuration(secs)) {
                ctx.start(editor);
            }
        };
        view! { <button class="btn" data-testid="fit-duration" on:click=run>{label}</button> }
    });
    let scale = scale_label(&fit).map(|label| {
        let run = move |_| {
            let Some(cmd) = editor
                .design
                .with_untracked(|d| scale_users(d, fit.users_scale))
            else {
                return;
            };
            editor.seal();
            if editor.dispatch(&cmd).is_some() {
                ctx.start(editor);
            }
        };
        view! { <button class="btn" data-testid="fit-scale" on:click=run>{label}</button> }
    });
    view! { <span class="fit-buttons">{shorter}" "{scale}</span> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::edit::{Doc, History};

    fn fit(duration_s: f64, users_scale: f64) -> RunFit {
        RunFit {
            duration_s,
            users_scale,
        }
    }

    #[test]
    fn the_shorter_run_is_offered_in_whole_minutes() {
        assert_eq!(
            shorter(&fit(420.0, 0.5), 900.0),
            Some(("Run 7 minutes instead".to_owned(), 420.0))
        );
        assert_eq!(
            shorter(&fit(60.0, 0.5), 900.0),
            Some(("Run 1 minute instead".to_owned(), 60.0))
        );
        // Nothing shorter to offer.
        assert_eq!(shorter(&fit(900.0, 0.5), 900.0), None);
    }

    #[test]
    fn the_scale_reads_as_a_percentage() {
        assert_eq!(
            scale_label(&fit(60.0, 0.61)).as_deref(),
            Some("Scale every Users to 61 %")
        );
        assert_eq!(
            scale_label(&fit(60.0, 0.045)).as_deref(),
            Some("Scale every Users to 4.5 %")
        );
        assert_eq!(scale_label(&fit(60.0, 0.0)), None);
        assert_eq!(scale_label(&fit(60.0, 1.0)), None);
    }

    #[test]
    fn every_users_rate_is_scaled_in_one_undo_step() {
        let t = skydraft_core::template::get("r53-latency").expect("template");
        let users: Vec<_> = t
            .design
            .components
            .iter()
            .filter(|c| c.is(Kind::Users))
            .map(|c| (c.id, c.number("rate")))
            .collect();
        assert!(users.len() > 1, "the template has several Users");
        let cmd = scale_users(&t.design, 0.33).expect("a command");
        let mut doc = Doc {
            design: t.design.clone(),
            scenario: t.scenario.clone(),
        };
        let mut h = History::new();
        h.apply(&mut doc, &cmd).expect("applies");
        assert_eq!(h.len(), 1);
        for (id, before) in &users {
            let after = doc.design.component(*id).expect("kept").number("rate");
            assert!(after <= before * 0.33 && after > before * 0.33 - 0.01);
        }
        h.undo(&mut doc).expect("undoes");
        assert_eq!(doc.design, t.design);
        assert!(!h.can_undo());
    }

    #[test]
    fn a_design_without_users_has_nothing_to_scale() {
        assert_eq!(scale_users(&Design::default(), 0.5), None);
    }
}
