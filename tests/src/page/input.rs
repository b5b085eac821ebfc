//! Real input through WebDriver actions: trusted pointer and keyboard events,
//! as a person would produce them (no synthetic `dispatchEvent`).

use std::time::Duration;

use thirtyfour::action_chain::ActionChain;
use thirtyfour::{Key, TypingData, WebElement};

use super::Page;
use crate::error::Result;

/// Duration of each pointer move; chromedriver interpolates the move over it,
/// so the page sees a stream of `pointermove` events.
const POINTER_STEP: Duration = Duration::from_millis(120);
/// The first move of a drag, in CSS pixels: enough to pass any drag threshold.
const DRAG_START: i64 = 8;

impl Page {
    fn actions(&self) -> ActionChain {
        self.driver()
            .action_chain_with_delay(None, Some(POINTER_STEP))
    }

    /// Moves the pointer to the centre of `el` and clicks it.
    ///
    /// # Errors
    /// WebDriver failures (e.g. the element is hidden or stale).
    pub async fn click(&self, el: &WebElement) -> Result<()> {
        self.actions()
            .move_to_element_center(el)
            .click()
            .perform()
            .await?;
        Ok(())
    }

    /// Presses the primary button on `el`'s centre, moves by (`dx`, `dy`) in
    /// two steps, and releases.
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn drag_by(&self, el: &WebElement, dx: i64, dy: i64) -> Result<()> {
        self.actions()
            .click_and_hold_element(el)
            .move_by_offset(dx / 2, dy / 2)
            .move_by_offset(dx - dx / 2, dy - dy / 2)
            .release()
            .perform()
            .await?;
        Ok(())
    }

    /// Drags from `el`'s centre onto `target`, releasing (`ox`, `oy`) pixels
    /// from the target's centre.
    ///
    /// # Errors
    /// WebDriver failures, or a drop point outside the viewport.
    pub async fn drag_to(
        &self,
        el: &WebElement,
        target: &WebElement,
        ox: i64,
        oy: i64,
    ) -> Result<()> {
        self.actions()
            .click_and_hold_element(el)
            .move_by_offset(DRAG_START, DRAG_START)
            .move_to_element_with_offset(target, ox, oy)
            .release()
            .perform()
            .await?;
        Ok(())
    }

    /// Drags from `el`'s centre to the viewport point (`x`, `y`) in CSS pixels.
    ///
    /// # Errors
    /// WebDriver failures, or a point outside the viewport.
    pub async fn drag_to_point(&self, el: &WebElement, x: i64, y: i64) -> Result<()> {
        self.actions()
            .click_and_hold_element(el)
            .move_by_offset(DRAG_START, DRAG_START)
            .move_to(x, y)
            .release()
            .perform()
            .await?;
        Ok(())
    }

    /// Types `keys` into whatever has focus (text, or [`Key`] values such as `Key::Escape`).
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn press(&self, keys: impl Into<TypingData>) -> Result<()> {
        self.actions().send_keys(keys).perform().await?;
        Ok(())
    }

    /// Presses `key` while holding `modifier` (e.g. `Key::Control` + `'z'`).
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn press_with(&self, modifier: Key, key: char) -> Result<()> {
        self.actions()
            .key_down(modifier.clone())
            .key_down(key)
            .key_up(key)
            .key_up(modifier)
            .perform()
            .await?;
        Ok(())
    }

    /// Clicks a text field, selects what it holds, and types `text` over it.
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn type_into(&self, field: &WebElement, text: &str) -> Result<()> {
        self.click(field).await?;
        self.press_with(Key::Control, 'a').await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// The centre of `el` in viewport CSS pixels, from `getBoundingClientRect`
    /// (works for SVG groups too).
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn center_of(&self, el: &WebElement) -> Result<(f64, f64)> {
        let xy: (f64, f64) = self
            .eval_with(
                "const r = arguments[0].getBoundingClientRect(); \
                 return [r.left + r.width / 2, r.top + r.height / 2];",
                vec![el.to_json()?],
            )
            .await?;
        Ok(xy)
    }
}
