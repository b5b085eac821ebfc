//! Edits: every change the editor makes to the design is a [`Command`] and
//! every change to the scenario a [`ScenarioCommand`]; [`apply`] and
//! [`apply_scenario`] perform them and return a [`Change`] whose undo is its
//! exact inverse; [`History`] keeps one undo and redo stack for both, over
//! the [`Doc`] (design and scenario).
//!
//! ```
//! use skydraft_core::design::Point;
//! use skydraft_core::edit::{Command, Doc, History, ScenarioCommand};
//! let mut doc = Doc::default();
//! let mut history = History::new();
//! let add = |kind: &str, x| Command::AddComponent { kind: kind.into(), pos: Point { x, y: 0.0 }, label: None };
//! history.apply(&mut doc, &add("alb", 0.0))?;
//! history.apply(&mut doc, &add("asg", 160.0))?;
//! let (alb, asg) = (doc.design.components[0].id, doc.design.components[1].id);
//! history.apply(&mut doc, &Command::Connect { from: alb, to: asg })?;
//! history.apply_scenario(&mut doc, &ScenarioCommand::SetSeed(7))?;
//! assert_eq!(doc.design.links.len(), 1);
//! history.undo(&mut doc);
//! assert_eq!(doc.scenario.seed, 1);
//! history.undo(&mut doc);
//! assert!(doc.design.links.is_empty());
//! # Ok::<(), skydraft_core::edit::EditError>(())
//! ```

mod apply;
mod change;
mod command;
mod error;
mod history;
mod rules;
mod scenario;

pub use apply::apply;
pub use change::{Change, Doc};
pub use command::{Command, Fragment, Named, ParamOwner, Selection, frame_around};
pub use error::EditError;
pub use history::{DEFAULT_LIMIT, History};
pub use rules::{can_connect, carried};
pub use scenario::{ScenarioCommand, apply_scenario};
