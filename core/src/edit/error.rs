//! Why an edit was refused. The document is untouched when an edit fails.

use std::fmt;

use crate::catalog::{LinkRefusal, ValueError};
use crate::design::{AnnotationId, ComponentId, GroupId, LinkId};

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EditError {
    /// No catalog kind has this id.
    UnknownKind(String),
    /// The kind is a frame or note, which are added with `Group` / `Annotate`.
    NotAComponent(String),
    /// No component has this id.
    NoComponent(ComponentId),
    /// No link has this id.
    NoLink(LinkId),
    /// No frame has this id.
    NoGroup(GroupId),
    /// No annotation has this id.
    NoAnnotation(AnnotationId),
    /// A component cannot be linked to itself.
    SelfLink,
    /// The two components are already linked in this direction.
    AlreadyLinked,
    /// The catalog does not allow this link; the refusal says why.
    IllegalLink(LinkRefusal),
    /// The component or link has no such setting.
    UnknownParam {
        /// The owner, displayed ("c3", "l2").
        owner: String,
        /// The setting's id.
        param: String,
    },
    /// The value does not fit the setting.
    InvalidValue(ValueError),
    /// A position or size that is not a finite number, or a negative size.
    BadGeometry,
    /// A label or note beyond its length limit.
    TextTooLong {
        /// Longest accepted length in characters.
        max: usize,
    },
    /// The scenario has no traffic shape at this index.
    NoTraffic(usize),
    /// The scenario has no timeline event at this index.
    NoEvent(usize),
    /// The shape or event has no such field, or no such kind exists.
    UnknownField {
        /// The field's or kind's id.
        field: String,
    },
    /// A stroke with no finite point, or a note kind given to `Draw` (or a
    /// stroke kind to `Annotate`).
    NotAStroke,
    /// The design has no presentation step at this index.
    NoStep(usize),
    /// The step cannot be stored; the text says why.
    BadStep(&'static str),
    /// The design would exceed a size limit.
    TooMany {
        /// What ("components").
        what: &'static str,
        /// The limit.
        max: usize,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownKind(k) => write!(f, "there is no component kind \"{k}\""),
            EditError::NotAComponent(k) => {
                write!(f, "\"{k}\" is a frame or a note, not a component")
            }
            EditError::NoComponent(id) => write!(f, "component {id} does not exist"),
            EditError::NoLink(id) => write!(f, "link {id} does not exist"),
            EditError::NoGroup(id) => write!(f, "frame {id} does not exist"),
            EditError::NoAnnotation(id) => write!(f, "note {id} does not exist"),
            EditError::SelfLink => f.write_str("a component cannot be linked to itself"),
            EditError::AlreadyLinked => f.write_str("these two components are already linked"),
            EditError::IllegalLink(r) => write!(f, "{r}"),
            EditError::UnknownParam { owner, param } => {
                write!(f, "{owner} has no setting \"{param}\"")
            }
            EditError::InvalidValue(e) => write!(f, "{e}"),
            EditError::BadGeometry => {
                f.write_str("positions and sizes must be finite numbers and sizes not negative")
            }
            EditError::TextTooLong { max } => write!(f, "the text is limited to {max} characters"),
            EditError::NoTraffic(i) => write!(f, "traffic shape {} does not exist", i + 1),
            EditError::NoEvent(i) => write!(f, "timeline event {} does not exist", i + 1),
            EditError::UnknownField { field } => write!(f, "there is no field \"{field}\" here"),
            EditError::NotAStroke => {
                f.write_str("a stroke is a pen or highlighter line through at least one point")
            }
            EditError::NoStep(i) => write!(f, "presentation step {} does not exist", i + 1),
            EditError::BadStep(why) => write!(f, "this step cannot be kept: {why}"),
            EditError::TooMany { what, max } => write!(f, "a design holds at most {max} {what}"),
        }
    }
}

impl std::error::Error for EditError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EditError::IllegalLink(e) => Some(e),
            EditError::InvalidValue(e) => Some(e),
            _ => None,
        }
    }
}

impl From<LinkRefusal> for EditError {
    fn from(e: LinkRefusal) -> Self {
        EditError::IllegalLink(e)
    }
}

impl From<ValueError> for EditError {
    fn from(e: ValueError) -> Self {
        EditError::InvalidValue(e)
    }
}
