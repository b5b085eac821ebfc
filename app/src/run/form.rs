//! The scenario's traffic and timeline rows. Every control is generated from
//! core's field specs ([`skydraft_core::scenario::fields`]) and maps its DOM
//! event to one typed [`ScenarioCommand`], applied through the editor's
//! history; the rules (bounds, what a new shape starts with) live in core.

use leptos::prelude::*;
use skydraft_core::catalog::INSTANCE_TYPES;
use skydraft_core::design::{ComponentId, Design, LinkId};
use skydraft_core::edit::ScenarioCommand;
use skydraft_core::scenario::fields::{AT, FieldKind, FieldSpec, FieldValue, Targets};
use skydraft_core::scenario::{SHAPE_KINDS, Scenario, Traffic, presets, weighted_links};

use crate::state::{Editor, Tone};

/// A select's options as (value, label).
pub type Options = Vec<(String, String)>;

/// The components a field may name, as options.
fn comps(d: &Design, kinds: Targets) -> Options {
    d.components
        .iter()
        .filter(|c| kinds.admits(c))
        .map(|c| (c.id.0.to_string(), c.label.clone()))
        .collect()
}

/// Links that carry a weight as options, named "from → to".
fn link_options(d: &Design) -> Options {
    let name = |id| d.component(id).map_or("?", |c| c.label.as_str());
    weighted_links(d)
        .into_iter()
        .filter_map(|id| d.link(id))
        .map(|l| {
            (
                l.id.0.to_string(),
                format!("{} → {}", name(l.from), name(l.to)),
            )
        })
        .collect()
}

/// A number as the form shows it: at most three decimals, nothing when empty.
#[must_use]
pub fn shown(v: Option<f64>, scale: f64) -> String {
    v.map(|v| format!("{}", (v * scale * 1000.0).round() / 1000.0))
        .unwrap_or_default()
}

/// What a number field's text means in the stored unit: `None` when empty or
/// not a number.
#[must_use]
pub fn parse(text: &str, scale: f64) -> Option<f64> {
    let v = text.trim().parse::<f64>().ok()?;
    Some(v / scale)
}

/// A select field's options and its current value, for a field of `spec`'s kind.
#[must_use]
pub fn options(d: &Design, spec: &FieldSpec, value: &FieldValue) -> (Options, String) {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut opts = Options::new();
    let cur = match (spec.kind, value) {
        (FieldKind::Component { kinds, every }, FieldValue::Component(c)) => {
            opts.extend(every.map(|e| (String::new(), e.to_owned())));
            opts.extend(comps(d, kinds));
            c.map(|c| c.0.to_string()).unwrap_or_default()
        }
        (FieldKind::WeightedLink, FieldValue::Link(l)) => {
            opts = link_options(d);
            l.0.to_string()
        }
        (FieldKind::Zone { every }, FieldValue::Text(z)) => {
            opts.extend(every.map(|e| (String::new(), e.to_owned())));
            opts.extend(presets::zones(d).into_iter().map(|z| (z.0.clone(), z.0)));
            text(z)
        }
        (FieldKind::InstanceType { every }, FieldValue::Text(t)) => {
            opts.push((String::new(), every.to_owned()));
            opts.extend(
                INSTANCE_TYPES
                    .iter()
                    .map(|t| ((*t).to_owned(), (*t).to_owned())),
            );
            text(t)
        }
        (FieldKind::Region { every }, FieldValue::Text(r)) => {
            opts.push((String::new(), every.to_owned()));
            opts.extend(presets::regions(d).into_iter().map(|r| (r.clone(), r)));
            text(r)
        }
        (FieldKind::Choice(choices), FieldValue::Text(t)) => {
            opts.extend(choices.iter().map(|c| (c.0.to_owned(), c.1.to_owned())));
            text(t)
        }
        _ => String::new(),
    };
    if matches!(spec.kind, FieldKind::Zone { .. } | FieldKind::Region { .. })
        && !opts.iter().any(|o| o.0 == cur)
    {
        opts.push((cur.clone(), cur.clone()));
    }
    (opts, cur)
}

/// The value a select's choice `v` stands for, in a field of `spec`'s kind.
#[must_use]
pub fn chosen(spec: &FieldSpec, v: &str) -> Option<FieldValue> {
    let id = v.parse::<u32>().ok();
    Some(match spec.kind {
        FieldKind::Number { .. } => return None,
        FieldKind::Component { .. } => FieldValue::Component(id.map(ComponentId)),
        FieldKind::WeightedLink => FieldValue::Link(LinkId(id?)),
        FieldKind::Region { .. }
        | FieldKind::InstanceType { .. }
        | FieldKind::Zone { every: Some(_) } => {
            FieldValue::Text((!v.is_empty()).then(|| v.to_owned()))
        }
        FieldKind::Zone { every: None } | FieldKind::Choice(_) => {
            FieldValue::Text(Some(v.to_owned()))
        }
    })
}

/// Applies a scenario edit as its own undo step; returns whether it applied.
pub(super) fn send(editor: Editor, cmd: &ScenarioCommand) -> bool {
    editor.seal();
    editor.dispatch_scenario(cmd)
}

/// A number field; `set` makes the command from the text typed.
fn number(
    editor: Editor,
    label: &'static str,
    unit: &'static str,
    placeholder: &'static str,
    value: String,
    set: impl Fn(&str) -> Option<ScenarioCommand> + 'static,
) -> impl IntoView {
    let old = value.clone();
    let on_change = move |ev: web_sys::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let ok = match set(&input.value()) {
            Some(cmd) => send(editor, &cmd),
            None => {
                editor.notify("Enter a number.", Tone::Error);
                false
            }
        };
        if !ok {
            input.set_value(&old);
        }
    };
    view! {
        <label class="sfield"><span>{label}</span>
            <input type="number" min="0" step="any" data-field=label value=value
                placeholder=placeholder on:change=on_change />
            <span class="unit">{unit}</span></label>
    }
}

/// A select field; `set` makes the command from the option chosen.
fn pick(
    editor: Editor,
    label: &'static str,
    opts: Options,
    cur: String,
    set: impl Fn(&str) -> Option<ScenarioCommand> + 'static,
) -> impl IntoView {
    let on_change = move |ev: web_sys::Event| {
        if let Some(cmd) = set(&event_target_value(&ev)) {
            send(editor, &cmd);
        }
    };
    view! {
        <label class="sfield"><span>{label}</span>
            <select data-field=label on:change=on_change>
                {opts.into_iter().map(|(v, name)| {
                    let selected = v == cur;
                    view! { <option value=v selected=selected>{name}</option> }
                }).collect_view()}
            </select></label>
    }
}

fn remove(editor: Editor, what: &'static str, cmd: ScenarioCommand) -> impl IntoView {
    view! {
        <button class="btn icon small" aria-label=format!("Remove this {what}") title="Remove"
            on:click=move |_| { send(editor, &cmd); }>"×"</button>
    }
}

/// One field of a shape or an event; `make` turns a value into the command.
fn field(
    editor: Editor,
    d: &Design,
    spec: &'static FieldSpec,
    value: &FieldValue,
    make: impl Fn(FieldValue) -> ScenarioCommand + Copy + 'static,
) -> AnyView {
    if let (FieldKind::Number { scale, empty, .. }, FieldValue::Number(v)) = (spec.kind, value) {
        let set = move |t: &str| {
            let v = parse(t, scale);
            (v.is_some() || empty.is_some()).then(|| make(FieldValue::Number(v)))
        };
        let placeholder = empty.unwrap_or("");
        return number(
            editor,
            spec.label,
            spec.unit,
            placeholder,
            shown(*v, scale),
            set,
        )
        .into_any();
    }
    let (opts, cur) = options(d, spec, value);
    pick(editor, spec.label, opts, cur, move |v| {
        chosen(spec, v).map(make)
    })
    .into_any()
}

/// The traffic rows.
pub fn traffic_rows(editor: Editor, d: &Design, s: &Scenario) -> AnyView {
    let mut users = vec![(String::new(), "All users".to_owned())];
    users.extend(comps(d, Targets::Source));
    let shapes: Options = SHAPE_KINDS
        .iter()
        .map(|k| (k.id.to_owned(), k.name.to_owned()))
        .collect();
    s.traffic
        .iter()
        .enumerate()
        .map(|(index, tr)| traffic_row(editor, d, index, tr, users.clone(), shapes.clone()))
        .collect_view()
        .into_any()
}

fn traffic_row(
    editor: Editor,
    d: &Design,
    index: usize,
    tr: &Traffic,
    users: Options,
    shapes: Options,
) -> impl IntoView {
    let src = tr.source.map(|c| c.0.to_string()).unwrap_or_default();
    let source = move |v: &str| {
        Some(ScenarioCommand::SetTrafficSource {
            index,
            source: v.parse().ok().map(ComponentId),
        })
    };
    let kind = move |v: &str| {
        let kind = SHAPE_KINDS.iter().find(|k| k.id == v)?.id;
        Some(ScenarioCommand::SetShapeKind { index, kind })
    };
    let fields = tr
        .shape
        .kind()
        .fields
        .iter()
        .map(|spec| {
            let value = FieldValue::Number(tr.shape.field(spec.id));
            field(editor, d, spec, &value, move |v| match v {
                FieldValue::Number(Some(value)) => ScenarioCommand::SetShapeField {
                    index,
                    field: spec.id,
                    value,
                },
                _ => ScenarioCommand::SetShapeField {
                    index,
                    field: spec.id,
                    value: f64::NAN,
                },
            })
        })
        .collect_view();
    view! {
        <li class="srow" data-testid="traffic-row">
            {pick(editor, "Users", users, src, source)}
            {pick(editor, "Shape", shapes, tr.shape.kind().id.to_owned(), kind)}
            {fields}
            {remove(editor, "shape", ScenarioCommand::RemoveTraffic(index))}
        </li>
    }
}

/// The timeline rows, in time order.
pub fn timeline_rows(editor: Editor, d: &Design, s: &Scenario) -> AnyView {
    let mut order: Vec<usize> = (0..s.timeline.len()).collect();
    order.sort_by(|a, b| s.timeline[*a].at_s.total_cmp(&s.timeline[*b].at_s));
    order
        .into_iter()
        .map(|index| {
            let te = &s.timeline[index];
            let kind = te.event.kind();
            let set = move |field: &'static str| {
                move |value| ScenarioCommand::SetEventField {
                    index,
                    field,
                    value,
                }
            };
            let at = field(
                editor,
                d,
                &AT,
                &FieldValue::Number(Some(te.at_s)),
                set(AT.id),
            );
            let fields = kind
                .fields
                .iter()
                .filter_map(|spec| {
                    let value = te.event.field(spec.id)?;
                    Some(field(editor, d, spec, &value, set(spec.id)))
                })
                .collect_view();
            view! {
                <li class="srow" data-testid="timeline-row">
                    {at}
                    <strong class="ev-name">{kind.name}</strong>
                    {fields}
                    {remove(editor, "event", ScenarioCommand::RemoveEvent(index))}
                </li>
            }
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::scenario::{EVENT_KINDS, new_event};

    #[test]
    fn numbers_show_and_read_in_the_form_units() {
        assert_eq!(shown(Some(0.25), 100.0), "25");
        assert_eq!(shown(Some(1.0 / 3.0), 1.0), "0.333");
        assert_eq!(shown(None, 1.0), "");
        assert_eq!(parse(" 50 ", 100.0), Some(0.5));
        assert_eq!(parse("", 1.0), None);
        assert_eq!(parse("x", 1.0), None);
    }

    #[test]
    fn every_select_field_offers_its_current_value() {
        let t = skydraft_core::template::get("r53-latency").expect("template");
        let d = &t.design;
        for kind in EVENT_KINDS {
            let Some(event) = new_event(kind.id, d) else {
                continue;
            };
            for spec in kind.fields {
                let value = event.field(spec.id).expect("field");
                if matches!(spec.kind, FieldKind::Number { .. }) {
                    assert_eq!(chosen(spec, "1"), None);
                    continue;
                }
                let (opts, cur) = options(d, spec, &value);
                assert!(opts.iter().any(|o| o.0 == cur), "{} {}", kind.id, spec.id);
                assert_eq!(chosen(spec, &cur), Some(value), "{} {}", kind.id, spec.id);
            }
        }
    }

    #[test]
    fn a_region_outage_offers_every_region_and_each_drawn_one() {
        let t = skydraft_core::template::get("r53-latency").expect("template");
        let spec = &EVENT_KINDS[2].fields[0];
        let (opts, cur) = options(&t.design, spec, &FieldValue::Text(None));
        assert_eq!(cur, "");
        assert_eq!(opts[0].1, "Every region");
        assert!(opts.iter().any(|o| o.0 == "eu-west-1"));
        assert_eq!(chosen(spec, ""), Some(FieldValue::Text(None)));
    }
}
