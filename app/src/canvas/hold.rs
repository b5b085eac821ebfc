//! Long-press on a touch screen: a finger held still on an item for
//! [`HOLD_MS`] opens its settings, the inspector (a bottom sheet on a small
//! screen), where its actions are.

use gloo::timers::callback::Timeout;
use leptos::prelude::*;

use super::gesture::{Device, Gesture, Phase, PointerInput};

/// How long a finger stays still on an item before its settings open, ms.
pub const HOLD_MS: u32 = 550;

/// The timer of a press that may become a long-press.
#[derive(Clone, Copy)]
pub struct Hold {
    timer: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Hold {
    /// No press under way.
    pub fn new() -> Self {
        Hold {
            timer: StoredValue::new_local(None),
        }
    }

    /// Follows the gesture after each pointer event: a finger's press that
    /// picked an item arms the timer, which runs `on_hold` unless the item
    /// moves or the finger lifts first.
    pub fn follow(self, input: &PointerInput, gesture: &Gesture, on_hold: impl FnOnce() + 'static) {
        let picked = matches!(gesture, Gesture::Moving { .. });
        let still =
            matches!(gesture, Gesture::Moving { delta, .. } if delta.x == 0.0 && delta.y == 0.0);
        if input.phase == Phase::Down && input.device == Device::Touch && picked {
            let timer = self.timer;
            self.timer.set_value(Some(Timeout::new(HOLD_MS, move || {
                timer.set_value(None);
                on_hold();
            })));
        } else if !still {
            // Dropping the timeout cancels it.
            self.timer.set_value(None);
        }
    }
}

impl Default for Hold {
    fn default() -> Self {
        Self::new()
    }
}
