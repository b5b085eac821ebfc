//! A live class: the teacher's board on every student's screen, through a
//! relay that forwards ciphertext it cannot read.
//!
//! One writer, the teacher, sends the design's share code and small view
//! messages; every student re-runs the same deterministic simulation
//! locally, so a class needs no shared database and no CRDT. This module
//! holds everything of a live class that is not the network or the
//! browser's crypto, so it is tested natively:
//!
//! - [`link`]: the class's link (`#live=<room>.<key>`, and the teacher's
//!   `&t=<secret>`), its keys made from random bytes the page supplies, and
//!   typed errors for a damaged link;
//! - [`message`]: what travels, as a versioned, ordered [`message::Envelope`]
//!   (teacher to students: snapshots, views, selection, replay moment,
//!   presentation step, laser, lock, a student's design shown to all;
//!   students to the teacher: hand-ins and raised hands), and the wire frame
//!   around the page's AES-GCM ciphertext;
//! - [`inbox`]: what a receiver accepts: newer than anything seen from that
//!   sender, so a replayed or reordered message is dropped with a reason;
//! - [`follow`]: the student's side as a state machine: following or free
//!   after a pan, locked or working on their own copy, and the hand-ins list
//!   on the teacher's side.
//!
//! ```
//! use skydraft_core::live::link::ClassKeys;
//! let keys = ClassKeys::new([7; 32], [1; 32]);
//! let teacher = keys.teacher_fragment();
//! let student = keys.student_fragment();
//! assert!(teacher.starts_with(&student) && teacher.contains("&t="));
//! let opened = ClassKeys::parse(&student)?;
//! assert_eq!(opened.room(), keys.room());
//! assert!(opened.secret().is_none(), "a student's link cannot broadcast");
//! # Ok::<(), skydraft_core::live::link::LiveLinkError>(())
//! ```

pub mod follow;
pub mod inbox;
pub mod link;
pub mod message;
