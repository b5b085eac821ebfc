//! The one load path: parse, migrate, repair what can be repaired, reject the rest.
//!
//! Everything that enters a document from outside (a share link, a JSON file,
//! local storage) goes through [`load_json`] or [`repair`], like Excalidraw's
//! `restore`. Repairs are reported, never silent.

use std::collections::BTreeSet;
use std::fmt;

use super::{ComponentId, Design, GroupId, LinkId, Params, SCHEMA_VERSION};
use crate::catalog::{self, ParamSpec};

/// Most components a design may hold.
pub const MAX_COMPONENTS: usize = 1_000;
/// Most links a design may hold.
pub const MAX_LINKS: usize = 4_000;
/// Most grouping frames a design may hold.
pub const MAX_GROUPS: usize = 200;
/// Most annotations a design may hold.
pub const MAX_ANNOTATIONS: usize = 500;
/// Largest JSON document accepted, in bytes.
pub const MAX_JSON_BYTES: usize = 4 << 20;
/// Longest label or design name, in characters.
pub const MAX_LABEL: usize = 120;
/// Longest annotation text, in characters.
pub const MAX_NOTE: usize = 2_000;
/// Canvas coordinates are kept within ± this.
pub const MAX_COORD: f64 = 1.0e6;

/// A design that cannot be loaded.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LoadError {
    /// The text is not a design document (bad JSON or missing fields).
    NotADesign(String),
    /// Written by a newer Skydraft that this one does not understand.
    NewerSchema {
        /// Schema version of the document.
        found: u32,
        /// Newest version this build reads.
        supported: u32,
    },
    /// A schema version that never existed.
    UnknownSchema(u32),
    /// More of something than a design may hold.
    TooLarge {
        /// What there is too much of ("components").
        what: &'static str,
        /// How many the document has.
        count: usize,
        /// The limit.
        max: usize,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotADesign(why) => write!(f, "this is not a Skydraft design ({why})"),
            LoadError::NewerSchema { found, supported } => write!(
                f,
                "this design was saved by a newer Skydraft (format {found}; this version reads up to {supported})"
            ),
            LoadError::UnknownSchema(v) => write!(f, "unknown design format version {v}"),
            LoadError::TooLarge { what, count, max } => {
                write!(
                    f,
                    "the design has {count} {what}; at most {max} are allowed"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// One thing the load path fixed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Repair {
    /// A component of a kind this version does not know was removed.
    UnknownKindRemoved {
        /// The removed component.
        component: ComponentId,
        /// Its kind id.
        kind: String,
    },
    /// Two records shared an id; the later one got a new id.
    DuplicateIdRenumbered {
        /// The shared id, displayed ("c3").
        old: String,
        /// The new id, displayed ("c9").
        new: String,
    },
    /// A parameter the kind does not have, or a value of the wrong type, was dropped.
    ParamDropped {
        /// The owner, displayed ("c3" or "l2").
        subject: String,
        /// Parameter id.
        param: String,
        /// Why it was dropped.
        reason: String,
    },
    /// A value outside its bounds was brought into them.
    ParamClamped {
        /// The owner, displayed.
        subject: String,
        /// Parameter id.
        param: String,
    },
    /// A link whose end does not exist, or that joins a component to itself, was removed.
    LinkRemoved {
        /// The removed link.
        link: LinkId,
        /// Why.
        reason: &'static str,
    },
    /// A label, note or name was shortened.
    TextShortened {
        /// The owner, displayed.
        subject: String,
    },
    /// A position or frame outside the canvas was brought back.
    GeometryFixed {
        /// The owner, displayed.
        subject: String,
    },
    /// A frame or note of an unknown type was dropped.
    RecordDropped {
        /// The record, displayed ("g2").
        record: String,
        /// Why.
        reason: &'static str,
    },
    /// A scenario setting that could not be read was reset to its default.
    ScenarioFieldDropped {
        /// The setting's name.
        field: String,
    },
    /// A presentation step was mended (a caption shortened, records that do
    /// not exist dropped, a bad moment or region cleared).
    StepRepaired {
        /// The step, counted from 1.
        step: usize,
        /// What was done.
        what: &'static str,
    },
    /// The document was migrated from an older schema.
    Migrated {
        /// Schema version it was written with.
        from: u32,
    },
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Repair::UnknownKindRemoved { component, kind } => {
                write!(f, "removed {component}: unknown kind \"{kind}\"")
            }
            Repair::DuplicateIdRenumbered { old, new } => {
                write!(f, "two records shared id {old}; the second is now {new}")
            }
            Repair::ParamDropped {
                subject,
                param,
                reason,
            } => write!(f, "dropped {subject}.{param}: {reason}"),
            Repair::ParamClamped { subject, param } => {
                write!(f, "brought {subject}.{param} within its bounds")
            }
            Repair::LinkRemoved { link, reason } => write!(f, "removed link {link}: {reason}"),
            Repair::TextShortened { subject } => write!(f, "shortened the text of {subject}"),
            Repair::GeometryFixed { subject } => write!(f, "moved {subject} back onto the canvas"),
            Repair::RecordDropped { record, reason } => write!(f, "dropped {record}: {reason}"),
            Repair::ScenarioFieldDropped { field } => {
                write!(
                    f,
                    "reset the scenario's \"{field}\" to its default: it could not be read"
                )
            }
            Repair::StepRepaired { step, what } => write!(f, "mended step {step}: {what}"),
            Repair::Migrated { from } => {
                write!(f, "upgraded from format {from} to {SCHEMA_VERSION}")
            }
        }
    }
}

/// Parses a design from JSON, then [`repair`]s it.
///
/// # Errors
/// [`LoadError`] when the text is not a design, is from a newer version, or is too large.
pub fn load_json(json: &str) -> Result<(Design, Vec<Repair>), LoadError> {
    if json.len() > MAX_JSON_BYTES {
        return Err(LoadError::TooLarge {
            what: "bytes",
            count: json.len(),
            max: MAX_JSON_BYTES,
        });
    }
    let mut design: Design = crate::json::from_json(json.as_bytes())
        .map_err(|e| LoadError::NotADesign(e.to_string()))?;
    let repairs = repair(&mut design)?;
    Ok((design, repairs))
}

/// The design as indented JSON, readable by people.
#[must_use]
pub fn to_json(design: &Design) -> String {
    // Serializing plain records with string keys cannot fail.
    crate::json::to_json_pretty(design)
}

/// Brings a design into a state every other module can trust: known kinds,
/// unique ids, parameters within bounds, links between existing components.
///
/// # Errors
/// [`LoadError`] for what cannot be repaired: a schema from the future, or a
/// design larger than the limits.
pub fn repair(design: &mut Design) -> Result<Vec<Repair>, LoadError> {
    let mut out = Vec::new();
    if design.schema > SCHEMA_VERSION {
        return Err(LoadError::NewerSchema {
            found: design.schema,
            supported: SCHEMA_VERSION,
        });
    }
    if design.schema == 0 {
        return Err(LoadError::UnknownSchema(0));
    }
    check_size("components", design.components.len(), MAX_COMPONENTS)?;
    check_size("links", design.links.len(), MAX_LINKS)?;
    check_size("frames", design.groups.len(), MAX_GROUPS)?;
    check_size("annotations", design.annotations.len(), MAX_ANNOTATIONS)?;
    check_size("steps", design.steps.len(), super::MAX_STEPS)?;

    shorten(&mut design.name, MAX_LABEL, "the design name", &mut out);
    repair_components(design, &mut out);
    repair_links(design, &mut out);
    repair_frames_and_notes(design, &mut out);
    repair_ink(design, &mut out);
    out.extend(
        super::present::repair_steps(design)
            .into_iter()
            .map(|(i, what)| Repair::StepRepaired { step: i + 1, what }),
    );
    Ok(out)
}

fn check_size(what: &'static str, count: usize, max: usize) -> Result<(), LoadError> {
    if count > max {
        Err(LoadError::TooLarge { what, count, max })
    } else {
        Ok(())
    }
}

fn shorten(text: &mut String, max: usize, subject: &str, out: &mut Vec<Repair>) {
    if text.chars().count() > max {
        *text = text.chars().take(max).collect();
        out.push(Repair::TextShortened {
            subject: subject.to_owned(),
        });
    }
}

fn fix_coord(v: &mut f64) -> bool {
    let fixed = if v.is_finite() {
        v.clamp(-MAX_COORD, MAX_COORD)
    } else {
        0.0
    };
    let changed = fixed != *v;
    *v = fixed;
    changed
}

fn repair_components(design: &mut Design, out: &mut Vec<Repair>) {
    design.components.retain(|c| {
        let known = catalog::kind(&c.kind).is_some_and(|k| k.placement.is_node());
        if !known {
            out.push(Repair::UnknownKindRemoved {
                component: c.id,
                kind: c.kind.chars().take(40).collect(),
            });
        }
        known
    });
    dedup_ids(
        &mut design.components,
        |r| r.id.0,
        |r, id| r.id = ComponentId(id),
        |id| ComponentId(id).to_string(),
        out,
    );
    for c in &mut design.components {
        let subject = c.id.to_string();
        shorten(&mut c.label, MAX_LABEL, &subject, out);
        if fix_coord(&mut c.pos.x) | fix_coord(&mut c.pos.y) {
            out.push(Repair::GeometryFixed {
                subject: subject.clone(),
            });
        }
        if let Some(spec) = c.spec() {
            repair_params(&mut c.params, &subject, |id| spec.param(id), out);
        }
    }
}

fn repair_params<'a>(
    params: &mut Params,
    subject: &str,
    spec_of: impl Fn(&str) -> Option<&'a ParamSpec>,
    out: &mut Vec<Repair>,
) {
    let mut keep = Params::new();
    for (id, value) in std::mem::take(params) {
        let Some(spec) = spec_of(&id) else {
            out.push(Repair::ParamDropped {
                subject: subject.to_owned(),
                param: id.chars().take(40).collect(),
                reason: "not a setting of this kind".to_owned(),
            });
            continue;
        };
        match spec.check(&value) {
            Ok(()) => {
                if !spec.is_default(&value) {
                    keep.insert(id, value);
                }
            }
            Err(why) => match spec.repair(&value) {
                Some(fixed) => {
                    out.push(Repair::ParamClamped {
                        subject: subject.to_owned(),
                        param: id.clone(),
                    });
                    if !spec.is_default(&fixed) {
                        keep.insert(id, fixed);
                    }
                }
                None => out.push(Repair::ParamDropped {
                    subject: subject.to_owned(),
                    param: id,
                    reason: why.to_string(),
                }),
            },
        }
    }
    *params = keep;
}

fn repair_links(design: &mut Design, out: &mut Vec<Repair>) {
    let ids: BTreeSet<ComponentId> = design.components.iter().map(|c| c.id).collect();
    let mut pairs = BTreeSet::new();
    design.links.retain(|l| {
        let reason = if !ids.contains(&l.from) || !ids.contains(&l.to) {
            Some("one of its ends does not exist")
        } else if l.from == l.to {
            Some("it joined a component to itself")
        } else if !pairs.insert((l.from, l.to)) {
            Some("the same two components were already linked")
        } else {
            None
        };
        if let Some(reason) = reason {
            out.push(Repair::LinkRemoved { link: l.id, reason });
        }
        reason.is_none()
    });
    dedup_ids(
        &mut design.links,
        |r| r.id.0,
        |r, id| r.id = LinkId(id),
        |id| LinkId(id).to_string(),
        out,
    );
    for l in &mut design.links {
        let subject = l.id.to_string();
        repair_params(
            &mut l.params,
            &subject,
            |id| catalog::link_param(id).map(|p| &p.spec),
            out,
        );
    }
}

fn repair_frames_and_notes(design: &mut Design, out: &mut Vec<Repair>) {
    dedup_ids(
        &mut design.groups,
        |r| r.id.0,
        |r, id| r.id = GroupId(id),
        |id| GroupId(id).to_string(),
        out,
    );
    for g in &mut design.groups {
        let subject = g.id.to_string();
        shorten(&mut g.label, MAX_LABEL, &subject, out);
        let r = &mut g.rect;
        let mut moved = fix_coord(&mut r.x) | fix_coord(&mut r.y);
        moved |= fix_coord(&mut r.w) | fix_coord(&mut r.h);
        if r.w < 0.0 || r.h < 0.0 {
            r.w = r.w.abs();
            r.h = r.h.abs();
            moved = true;
        }
        if moved {
            out.push(Repair::GeometryFixed { subject });
        }
    }
    dedup_ids(
        &mut design.annotations,
        |r| r.id.0,
        |r, id| r.id = super::AnnotationId(id),
        |id| super::AnnotationId(id).to_string(),
        out,
    );
    for a in &mut design.annotations {
        let subject = a.id.to_string();
        shorten(&mut a.text, MAX_NOTE, &subject, out);
        if fix_coord(&mut a.pos.x) | fix_coord(&mut a.pos.y) {
            out.push(Repair::GeometryFixed { subject });
        }
    }
}

/// Strokes within their caps: points tidied, a stroke without points or
/// beyond [`super::MAX_STROKES`] dropped, a note's stray stroke removed.
fn repair_ink(design: &mut Design, out: &mut Vec<Repair>) {
    let mut strokes = 0usize;
    design.annotations.retain_mut(|a| {
        let record = a.id.to_string();
        let verdict = super::ink::repair_stroke(a).and_then(|changed| {
            if a.kind.is_ink() {
                strokes += 1;
                if strokes > super::MAX_STROKES {
                    return Err("more strokes than a design may hold");
                }
            }
            Ok(changed)
        });
        match verdict {
            Ok(changed) => {
                if changed {
                    out.push(Repair::GeometryFixed { subject: record });
                }
                true
            }
            Err(reason) => {
                out.push(Repair::RecordDropped { record, reason });
                false
            }
        }
    });
}

/// Gives every record a unique id: a later duplicate gets the smallest id no
/// record uses.
fn dedup_ids<T>(
    items: &mut [T],
    id: impl Fn(&T) -> u32,
    set: impl Fn(&mut T, u32),
    show: impl Fn(u32) -> String,
    out: &mut Vec<Repair>,
) {
    let mut used: BTreeSet<u32> = items.iter().map(&id).collect();
    let mut seen = BTreeSet::new();
    let mut next = 1u32;
    for item in items.iter_mut() {
        let current = id(item);
        if !seen.insert(current) {
            // Fewer records than ids exist, so a free id is always found.
            while used.contains(&next) {
                next = next.saturating_add(1);
            }
            used.insert(next);
            seen.insert(next);
            out.push(Repair::DuplicateIdRenumbered {
                old: show(current),
                new: show(next),
            });
            set(item, next);
        }
    }
}
