//! Edits: every change the editor makes is a [`Command`]; [`apply`] performs
//! it and returns a [`Change`] whose undo is its exact inverse; [`History`]
//! keeps the undo and redo stacks.
//!
//! ```
//! use skydraft_core::design::{Design, Point};
//! use skydraft_core::edit::{Command, History};
//! let mut design = Design::default();
//! let mut history = History::new();
//! let add = |kind: &str, x| Command::AddComponent { kind: kind.into(), pos: Point { x, y: 0.0 }, label: None };
//! history.apply(&mut design, &add("alb", 0.0))?;
//! history.apply(&mut design, &add("asg", 160.0))?;
//! let (alb, asg) = (design.components[0].id, design.components[1].id);
//! history.apply(&mut design, &Command::Connect { from: alb, to: asg })?;
//! assert_eq!(design.links.len(), 1);
//! history.undo(&mut design);
//! assert!(design.links.is_empty());
//! # Ok::<(), skydraft_core::edit::EditError>(())
//! ```

mod apply;
mod change;
mod command;
mod error;
mod history;
mod rules;

pub use apply::apply;
pub use change::Change;
pub use command::{Command, Fragment, Named, ParamOwner, Selection, frame_around};
pub use error::EditError;
pub use history::{DEFAULT_LIMIT, History};
pub use rules::{can_connect, carried};
