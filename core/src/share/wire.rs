//! Format 1 of the share link: the compact JSON layout inside the deflate stream.
//!
//! NOTE: this layout is frozen. Links in the wild use it; changing a field's
//! position or meaning breaks them. A new layout is a new version prefix.
//!
//! ```text
//! {"v":1,"n":"name",
//!  "c":[[id,"kind","label",x,y,{params}],...],
//!  "l":[[id,from,to,{params}],...],
//!  "g":[[id,"r"|"a"|"v","label",x,y,w,h],...],
//!  "a":[[id,"t"|"s","text",x,y],...],
//!  "s":{scenario fields that differ from the default}}
//! ```
//! Whole numbers are written without a fraction; empty lists and maps are left out.
//! Strokes and presentation steps came later; see [`extras`].

mod extras;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::design::{
    Annotation, AnnotationId, AnnotationKind, Component, ComponentId, Design, Group, GroupId,
    GroupKind, Link, LinkId, ParamValue, Params, Point, Rect, Repair,
};

/// A number written as an integer when it is whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            // Exact: whole numbers below 2^53 convert without loss.
            #[allow(clippy::cast_possible_truncation)]
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Num)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Val {
    Bool(bool),
    Num(Num),
    Text(String),
    /// Anything else (null, a list, an object): dropped with a repair note.
    Other(serde_json::Value),
}

type WParams = BTreeMap<String, Val>;

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct WComp(u32, String, String, Num, Num, WParams);

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct WLink(u32, u32, u32, WParams);

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct WGroup(u32, String, String, Num, Num, Num, Num);

/// A note, or (with its points as a sixth field) a pen or highlighter stroke.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum WNote {
    Note(u32, String, String, Num, Num),
    Ink(u32, String, String, Num, Num, Vec<i64>),
}

/// The whole payload of a format-1 link.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Wire {
    v: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    n: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    c: Vec<WComp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    l: Vec<WLink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    g: Vec<WGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    a: Vec<WNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    p: Vec<extras::WStep>,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub(super) s: serde_json::Map<String, serde_json::Value>,
}

fn to_wparams(p: &Params) -> WParams {
    p.iter()
        .map(|(k, v)| {
            let w = match v {
                ParamValue::Bool(b) => Val::Bool(*b),
                ParamValue::Number(n) => Val::Num(Num(*n)),
                ParamValue::Text(t) => Val::Text(t.clone()),
            };
            (k.clone(), w)
        })
        .collect()
}

fn from_wparams(p: WParams, owner: &str, repairs: &mut Vec<Repair>) -> Params {
    p.into_iter()
        .filter_map(|(k, v)| {
            let v = match v {
                Val::Bool(b) => ParamValue::Bool(b),
                Val::Num(n) => ParamValue::Number(n.0),
                Val::Text(t) => ParamValue::Text(t),
                Val::Other(_) => {
                    repairs.push(Repair::ParamDropped {
                        subject: owner.to_owned(),
                        param: k.chars().take(40).collect(),
                        reason: "its value is not a number, a switch or a text".to_owned(),
                    });
                    return None;
                }
            };
            Some((k, v))
        })
        .collect()
}

fn group_code(k: GroupKind) -> &'static str {
    match k {
        GroupKind::Region => "r",
        GroupKind::AvailabilityZone => "a",
        GroupKind::Vpc => "v",
    }
}

/// The frame type a code names (the inverse of [`group_code`]).
fn group_kind(code: &str) -> Option<GroupKind> {
    match code {
        "r" => Some(GroupKind::Region),
        "a" => Some(GroupKind::AvailabilityZone),
        "v" => Some(GroupKind::Vpc),
        _ => None,
    }
}

fn note_code(k: AnnotationKind) -> &'static str {
    match k {
        AnnotationKind::Text => "t",
        AnnotationKind::Sticky => "s",
        AnnotationKind::Pen | AnnotationKind::Highlighter => extras::ink_code(k).unwrap_or("t"),
    }
}

/// The note type a code names (the inverse of [`note_code`]).
fn note_kind(code: &str) -> Option<AnnotationKind> {
    match code {
        "t" => Some(AnnotationKind::Text),
        "s" => Some(AnnotationKind::Sticky),
        _ => None,
    }
}

impl Wire {
    /// The wire form of a design; the scenario map is filled by the caller.
    pub(super) fn from_design(d: &Design) -> Self {
        Wire {
            v: d.schema,
            n: d.name.clone(),
            c: d.components
                .iter()
                .map(|c| {
                    WComp(
                        c.id.0,
                        c.kind.clone(),
                        c.label.clone(),
                        Num(c.pos.x),
                        Num(c.pos.y),
                        to_wparams(&c.params),
                    )
                })
                .collect(),
            l: d.links
                .iter()
                .map(|l| WLink(l.id.0, l.from.0, l.to.0, to_wparams(&l.params)))
                .collect(),
            g: d.groups
                .iter()
                .map(|g| {
                    WGroup(
                        g.id.0,
                        group_code(g.kind).to_owned(),
                        g.label.clone(),
                        Num(g.rect.x),
                        Num(g.rect.y),
                        Num(g.rect.w),
                        Num(g.rect.h),
                    )
                })
                .collect(),
            a: d.annotations.iter().map(WNote::from_annotation).collect(),
            p: d.steps.iter().map(extras::WStep::from_step).collect(),
            s: serde_json::Map::new(),
        }
    }

    /// The design this payload describes (not yet repaired by the catalog),
    /// and what had to be dropped to read it.
    pub(super) fn into_design(self) -> (Design, Vec<Repair>) {
        let mut repairs = Vec::new();
        let groups = self
            .g
            .into_iter()
            .filter_map(|g| g.into_group(&mut repairs))
            .collect();
        let annotations = self
            .a
            .into_iter()
            .filter_map(|a| a.into_annotation(&mut repairs))
            .collect();
        let components = self
            .c
            .into_iter()
            .map(|c| c.into_component(&mut repairs))
            .collect();
        let links = self
            .l
            .into_iter()
            .map(|l| l.into_link(&mut repairs))
            .collect();
        let design = Design {
            schema: self.v,
            name: self.n,
            components,
            links,
            groups,
            annotations,
            steps: self.p.into_iter().map(extras::WStep::into_step).collect(),
        };
        (design, repairs)
    }
}

impl WGroup {
    /// The frame, or `None` (with a repair note) for an unknown frame type.
    fn into_group(self, repairs: &mut Vec<Repair>) -> Option<Group> {
        let WGroup(id, kind, label, x, y, w, h) = self;
        let Some(kind) = group_kind(&kind) else {
            repairs.push(Repair::RecordDropped {
                record: GroupId(id).to_string(),
                reason: "unknown frame type",
            });
            return None;
        };
        let rect = Rect {
            x: x.0,
            y: y.0,
            w: w.0,
            h: h.0,
        };
        Some(Group {
            id: GroupId(id),
            kind,
            label,
            rect,
        })
    }
}

impl WNote {
    /// The wire form of a note or stroke.
    fn from_annotation(a: &Annotation) -> Self {
        let (id, kind, x, y) = (
            a.id.0,
            note_code(a.kind).to_owned(),
            Num(a.pos.x),
            Num(a.pos.y),
        );
        match &a.stroke {
            Some(s) if a.kind.is_ink() => {
                let points = extras::pack_points(&s.points);
                WNote::Ink(id, kind, s.colour.code().to_owned(), x, y, points)
            }
            _ => WNote::Note(id, kind, a.text.clone(), x, y),
        }
    }

    /// The note or stroke, or `None` (with a repair note) for an unknown
    /// type. A stroke's points are tidied by the load path.
    fn into_annotation(self, repairs: &mut Vec<Repair>) -> Option<Annotation> {
        let (id, kind, text, x, y, stroke) = match self {
            WNote::Note(id, kind, text, x, y) => (id, kind, text, x, y, None),
            WNote::Ink(id, kind, colour, x, y, points) => {
                let stroke = extras::stroke(&colour, &points);
                (id, kind, String::new(), x, y, Some(stroke))
            }
        };
        let Some(kind) = note_kind(&kind).or_else(|| extras::ink_kind(&kind)) else {
            repairs.push(Repair::RecordDropped {
                record: AnnotationId(id).to_string(),
                reason: "unknown note type",
            });
            return None;
        };
        let pos = Point { x: x.0, y: y.0 };
        Some(Annotation {
            id: AnnotationId(id),
            kind,
            text,
            pos,
            stroke,
        })
    }
}

impl WComp {
    /// The component; parameters of no known type are dropped with a repair note.
    fn into_component(self, repairs: &mut Vec<Repair>) -> Component {
        let WComp(id, kind, label, x, y, p) = self;
        let id = ComponentId(id);
        let params = from_wparams(p, &id.to_string(), repairs);
        Component {
            id,
            kind,
            label,
            pos: Point { x: x.0, y: y.0 },
            params,
        }
    }
}

impl WLink {
    /// The link; parameters of no known type are dropped with a repair note.
    fn into_link(self, repairs: &mut Vec<Repair>) -> Link {
        let WLink(id, from, to, p) = self;
        let id = LinkId(id);
        let params = from_wparams(p, &id.to_string(), repairs);
        Link {
            id,
            from: ComponentId(from),
            to: ComponentId(to),
            params,
        }
    }
}
