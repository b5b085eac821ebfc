//! Phones and tablets: a tab emulating a touch screen of a given size, and
//! trusted touch input through the DevTools protocol (`Input.dispatchTouchEvent`),
//! which the page receives as real `pointerdown`/`pointermove`/`pointerup`
//! events with `pointerType` "touch".

use serde_json::json;

use super::Page;
use crate::error::Result;

/// A screen to emulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screen {
    /// Name in messages ("phone").
    pub name: &'static str,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

/// A phone in portrait (390 × 844, as an iPhone 12 to 15).
pub const PHONE: Screen = Screen {
    name: "phone",
    width: 390,
    height: 844,
};

/// A tablet in portrait (768 × 1024, as an iPad).
pub const TABLET: Screen = Screen {
    name: "tablet",
    width: 768,
    height: 1024,
};

/// A tablet in landscape (1024 × 768, as an iPad).
pub const TABLET_LANDSCAPE: Screen = Screen {
    name: "tablet in landscape",
    width: 1024,
    height: 768,
};

/// Steps of a finger's move; the page sees one `pointermove` per step.
const TOUCH_STEPS: u32 = 8;

impl Page {
    async fn devtools(&self, method: &str, params: serde_json::Value) -> Result<()> {
        self.driver().cdp().send_raw(method, params).await?;
        Ok(())
    }

    /// Makes this tab a touch screen of `screen`'s size (a coarse pointer, no
    /// hover), for what it loads from now on.
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn emulate(&self, screen: Screen) -> Result<()> {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": screen.width,
                "height": screen.height,
                "deviceScaleFactor": 2,
                "mobile": true,
            }),
        )
        .await?;
        self.devtools(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": true, "maxTouchPoints": 5 }),
        )
        .await
    }

    /// Makes this tab a desktop window (a mouse, no touch) of `screen`'s
    /// size, as the box of an iframe on a course page.
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn emulate_window(&self, screen: Screen) -> Result<()> {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": screen.width,
                "height": screen.height,
                "deviceScaleFactor": 1,
                "mobile": false,
            }),
        )
        .await
    }

    /// Makes this tab's pages see `prefers-reduced-motion: reduce`, as for a
    /// reader who turned animations off in the system's settings.
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn emulate_reduced_motion(&self) -> Result<()> {
        self.devtools(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-reduced-motion", "value": "reduce" }] }),
        )
        .await
    }

    async fn touch(&self, kind: &str, points: &[(f64, f64)]) -> Result<()> {
        let points: Vec<_> = points
            .iter()
            .enumerate()
            .map(|(id, (x, y))| json!({ "x": x, "y": y, "id": id }))
            .collect();
        self.devtools(
            "Input.dispatchTouchEvent",
            json!({ "type": kind, "touchPoints": points }),
        )
        .await
    }

    /// A finger taps the viewport point (`x`, `y`).
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn tap(&self, x: f64, y: f64) -> Result<()> {
        self.touch("touchStart", &[(x, y)]).await?;
        self.touch("touchEnd", &[]).await
    }

    /// A finger presses the viewport point (`x`, `y`), stays still for `held`,
    /// and lifts.
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn long_press(&self, x: f64, y: f64, held: std::time::Duration) -> Result<()> {
        self.touch("touchStart", &[(x, y)]).await?;
        tokio::time::sleep(held).await;
        self.touch("touchEnd", &[]).await
    }

    /// A finger presses `from`, slides to `to` in steps, and lifts.
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn swipe(&self, from: (f64, f64), to: (f64, f64)) -> Result<()> {
        self.touch("touchStart", &[from]).await?;
        for k in 1..=TOUCH_STEPS {
            let f = f64::from(k) / f64::from(TOUCH_STEPS);
            let at = (from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f);
            self.touch("touchMove", &[at]).await?;
        }
        // The finger stops before it lifts, as on a drop: lifted at full
        // speed, the browser starts a fling, and the next tap only stops it
        // (no click follows).
        self.rest(to).await?;
        self.touch("touchEnd", &[]).await
    }

    /// A finger presses `from` and slides to `to` in steps, still touching:
    /// what the page shows mid-gesture can be read before [`Page::lift`].
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn slide(&self, from: (f64, f64), to: (f64, f64)) -> Result<()> {
        self.touch("touchStart", &[from]).await?;
        for k in 1..=TOUCH_STEPS {
            let f = f64::from(k) / f64::from(TOUCH_STEPS);
            let at = (from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f);
            self.touch("touchMove", &[at]).await?;
        }
        self.rest(to).await
    }

    /// Every finger lifts.
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn lift(&self) -> Result<()> {
        self.touch("touchEnd", &[]).await
    }

    /// A finger held still at `at` for a moment, so it leaves no speed.
    async fn rest(&self, at: (f64, f64)) -> Result<()> {
        for _ in 0..3 {
            tokio::time::sleep(std::time::Duration::from_millis(40)).await;
            self.touch("touchMove", &[at]).await?;
        }
        Ok(())
    }

    /// Two fingers press around `centre`, `from` pixels apart horizontally,
    /// and spread (or close) to `to` pixels apart.
    ///
    /// # Errors
    /// DevTools failures.
    pub async fn pinch(&self, centre: (f64, f64), from: f64, to: f64) -> Result<()> {
        let pair = |d: f64| {
            [
                (centre.0 - d / 2.0, centre.1),
                (centre.0 + d / 2.0, centre.1),
            ]
        };
        self.touch("touchStart", &pair(from)).await?;
        for k in 1..=TOUCH_STEPS {
            let f = f64::from(k) / f64::from(TOUCH_STEPS);
            self.touch("touchMove", &pair(from + (to - from) * f))
                .await?;
        }
        self.touch("touchEnd", &[]).await
    }
}
