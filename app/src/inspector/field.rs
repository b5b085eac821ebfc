//! One editable parameter of the inspector: the input its type calls for,
//! the value shown and read back, its help and bounds.

use leptos::prelude::*;
use skydraft_core::catalog::{ParamSpec, ParamType, Unset};
use skydraft_core::design::ParamValue;

use crate::state::{Editor, Tone};

/// How a value looks in an input.
#[must_use]
pub fn show_value(v: &ParamValue) -> String {
    match v {
        ParamValue::Number(n) => format!("{n}"),
        ParamValue::Bool(b) => b.to_string(),
        ParamValue::Text(t) => t.clone(),
    }
}

/// Reads an input's text as a value for `spec`, or says why it cannot.
///
/// # Errors
/// When a number field does not hold a number.
pub fn parse_value(spec: &ParamSpec, text: &str) -> Result<ParamValue, String> {
    match spec.ty {
        ParamType::Number { .. } => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(ParamValue::Number)
            .ok_or_else(|| format!("{} expects a number.", spec.label)),
        ParamType::Bool => Ok(ParamValue::Bool(text == "true")),
        ParamType::Choice(_) | ParamType::Text { .. } => Ok(ParamValue::Text(text.to_owned())),
    }
}

/// The bounds of a number parameter, as help text.
fn bounds(spec: &ParamSpec) -> Option<String> {
    match spec.ty {
        ParamType::Number { min, max, step } => {
            // A "not set" value at the bottom is the checkbox's, not a number to type.
            let low = match spec.unset {
                Some(u) if u.value == min => min + step,
                _ => min,
            };
            Some(format!("{low} – {max} {}", spec.unit).trim_end().to_owned())
        }
        _ => None,
    }
}

/// The checkbox of a number's "not set" state: ticked stores `u.value`,
/// cleared stores `u.enabled` and frees the number.
fn unset_box(
    spec: &'static ParamSpec,
    u: Unset,
    ticked: impl Fn() -> bool + Send + Sync + Copy + 'static,
    commit: Callback<ParamValue>,
) -> impl IntoView {
    view! {
        <label class="unset">
            <input
                type="checkbox"
                data-unset=spec.id
                prop:checked=ticked
                on:change=move |ev| {
                    let v = if event_target_checked(&ev) { u.value } else { u.enabled };
                    commit.run(ParamValue::Number(v));
                }
            />
            <span>{u.label}</span>
        </label>
    }
}

/// A number's input with its unit, and its "not set" box if it has one.
fn number_input(
    spec: &'static ParamSpec,
    (min, max, step): (f64, f64, f64),
    current: Signal<ParamValue>,
    on_text: impl Fn(String) + Send + Sync + Copy + 'static,
    commit: Callback<ParamValue>,
) -> impl IntoView {
    let unset = move || spec.is_unset(&current.get());
    view! {
        <div class="input-unit">
            <input
                type="number"
                data-param=spec.id
                aria-label=spec.label
                min=min
                max=max
                step=step
                prop:disabled=unset
                prop:value=move || if unset() { String::new() } else { show_value(&current.get()) }
                on:change=move |ev| on_text(event_target_value(&ev))
            />
            <span class="unit">{spec.unit}</span>
            {spec.unset.map(|u| unset_box(spec, u, unset, commit))}
        </div>
    }
}

/// One editable field. `current` reads the value; `commit` stores a new one.
#[component]
pub fn Field(
    /// The parameter.
    spec: &'static ParamSpec,
    /// The current value (reactive).
    current: Signal<ParamValue>,
    /// Called with a checked new value.
    commit: Callback<ParamValue>,
) -> impl IntoView {
    let editor = Editor::get();
    let on_text = move |text: String| match parse_value(spec, &text) {
        Ok(v) => commit.run(v),
        Err(why) => editor.notify(why, Tone::Error),
    };
    let input = match spec.ty {
        ParamType::Number { min, max, step } => {
            number_input(spec, (min, max, step), current, on_text, commit).into_any()
        }
        ParamType::Bool => view! {
            <label class="switch">
                <input
                    type="checkbox"
                    data-param=spec.id
                    aria-label=spec.label
                    prop:checked=move || current.get().as_bool().unwrap_or(false)
                    on:change=move |ev| commit.run(ParamValue::Bool(event_target_checked(&ev)))
                />
                <span>{move || if current.get().as_bool().unwrap_or(false) { "On" } else { "Off" }}</span>
            </label>
        }
        .into_any(),
        ParamType::Choice(options) => view! {
            <select data-param=spec.id aria-label=spec.label prop:value=move || show_value(&current.get()) on:change=move |ev| on_text(event_target_value(&ev))>
                {options
                    .iter()
                    .map(|o| view! { <option value=*o selected=move || current.get().as_text() == Some(*o)>{o.replace('_', " ")}</option> })
                    .collect_view()}
            </select>
        }
        .into_any(),
        ParamType::Text { max_len } => view! {
            <input
                type="text"
                data-param=spec.id
                aria-label=spec.label
                maxlength=max_len
                prop:value=move || show_value(&current.get())
                on:change=move |ev| on_text(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label class="field-label">{spec.label}</label>
            {input}
            <p class="help">
                {crate::cite::cited(spec.help)}
                {bounds(spec).map(|b| view! { <span class="bounds">{format!(" Range {b}.")}</span> })}
            </p>
        </div>
    }
}
