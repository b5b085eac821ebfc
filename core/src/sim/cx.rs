//! The narrow context every service of the simulator receives: the clock,
//! the event queue, the run's log and the replay's tallies.
//!
//! A service owns its own arrays and behaviour and is handed a `&mut Cx`
//! for what the whole run shares; it never sees the engine. Imports run one
//! way: services depend on `cx`, the engine on the services.

use super::Ev;
use super::ix::NodeIx;
use super::queue::EventQueue;
use super::tally::Tally;
use super::time::SimTime;
use crate::design::ComponentId;
use crate::run::LogEntry;

/// Cap on log entries kept.
pub(crate) const MAX_LOG: usize = 5_000;

/// What every service may read and touch: time, the queue, the log, tallies.
#[derive(Debug)]
pub(crate) struct Cx {
    /// The current simulated time.
    pub(crate) now: SimTime,
    /// When the run ends.
    pub(crate) end: SimTime,
    /// When the warm-up ends: totals count from here.
    pub(crate) warm: SimTime,
    /// Pending events, ordered by (time, sequence).
    pub(crate) q: EventQueue,
    /// The run's event log.
    pub(crate) log: RunLog,
    /// Requests per link and outages, for the replay.
    pub(crate) tally: Tally,
}

impl Cx {
    /// A context at time zero with nothing scheduled.
    pub(crate) fn new(end: SimTime, warm: SimTime, log: RunLog, tally: Tally) -> Cx {
        Cx {
            now: SimTime::ZERO,
            end,
            warm,
            q: EventQueue::default(),
            log,
            tally,
        }
    }

    /// Schedules `ev` at time `t`.
    pub(crate) fn schedule(&mut self, t: SimTime, ev: Ev) {
        self.q.push(t, ev);
    }

    /// Logs `text` now, about node `node` if any.
    pub(crate) fn log(&mut self, node: Option<NodeIx>, text: String) {
        self.log.push(self.now, node, text);
    }
}

/// The run's event log: at most [`MAX_LOG`] entries, then a count of the rest.
#[derive(Debug, Default)]
pub(crate) struct RunLog {
    /// The entries kept, in time order.
    pub(crate) entries: Vec<LogEntry>,
    /// Entries not kept because the log was full.
    pub(crate) dropped: u64,
    /// Each node's component, to name it in an entry.
    ids: Vec<ComponentId>,
}

impl RunLog {
    /// An empty log naming nodes by `ids` (the component of each node).
    pub(crate) fn new(ids: Vec<ComponentId>) -> RunLog {
        RunLog {
            entries: Vec::new(),
            dropped: 0,
            ids,
        }
    }

    /// Adds an entry at `now`, or counts it when full.
    pub(crate) fn push(&mut self, now: SimTime, node: Option<NodeIx>, text: String) {
        if self.entries.len() >= MAX_LOG {
            self.dropped += 1;
            return;
        }
        self.entries.push(LogEntry {
            t_s: now.as_secs_f64(),
            component: node.map(|n| self.ids[n.idx()]),
            text,
        });
    }
}
