//! The colour theme: the user's choice (System, Light or Dark), kept in local
//! storage, and the theme in effect, written to `<html data-theme>` for the
//! style sheet and provided as a signal for what draws its own colours (the
//! charts).
//!
//! "System" follows `prefers-color-scheme` and changes with it while the page
//! is open. A small inline script in `app/index.html` applies the stored
//! choice before the first paint (same key, same rule); this module applies
//! it again when the app starts and keeps it in step afterwards.

use leptos::prelude::*;
use skydraft_core::chart::Theme;
use web_sys::MediaQueryList;

/// Local-storage key of the theme choice (`system`, `light` or `dark`).
pub const STORAGE_KEY: &str = "skydraft.theme";
/// The media query that says the system prefers dark colours.
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// What the user picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// Follow the system's light or dark preference.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Choice {
    /// Every choice, in the order the menu lists them.
    pub const ALL: [Choice; 3] = [Choice::System, Choice::Light, Choice::Dark];

    /// The stored form (`system`, `light`, `dark`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::System => "system",
            Choice::Light => "light",
            Choice::Dark => "dark",
        }
    }

    /// Reads a stored choice; anything else is `None` (storage is untrusted).
    #[must_use]
    pub fn parse(s: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    /// The word the menu shows.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Choice::System => "System",
            Choice::Light => "Light",
            Choice::Dark => "Dark",
        }
    }

    /// The theme in effect with this choice, given whether the system prefers dark.
    #[must_use]
    pub fn effective(self, system_dark: bool) -> Theme {
        match self {
            Choice::Light => Theme::Light,
            Choice::Dark => Theme::Dark,
            Choice::System if system_dark => Theme::Dark,
            Choice::System => Theme::Light,
        }
    }
}

/// The value of `<html data-theme>` for a theme.
#[must_use]
pub fn attribute(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    }
}

/// The control's accessible name: the current choice, and what it gives now
/// when it follows the system.
#[must_use]
pub fn describe(choice: Choice, effective: Theme) -> String {
    match choice {
        Choice::System => format!("Theme: System (now {})", attribute(effective)),
        c => format!("Theme: {}", c.label()),
    }
}

/// The theme state, provided as context: a `Copy` handle.
#[derive(Debug, Clone, Copy)]
pub struct ThemeCtx {
    /// What the user picked; saved to local storage when it changes.
    pub choice: RwSignal<Choice>,
    /// The theme in effect.
    effective: Memo<Theme>,
}

impl ThemeCtx {
    /// Reads the saved choice, applies it to the document at once, follows the
    /// system's preference, and keeps the document and storage in step.
    #[must_use]
    pub fn new() -> Self {
        let choice = RwSignal::new(load());
        let query = dark_query();
        let system_dark = RwSignal::new(query.as_ref().is_some_and(MediaQueryList::matches));
        if let Some(q) = query {
            // The listener lives as long as the page does.
            let list = q.clone();
            gloo::events::EventListener::new(&q, "change", move |_| {
                system_dark.set(list.matches());
            })
            .forget();
        }
        let effective = Memo::new(move |_| choice.get().effective(system_dark.get()));
        // Before the first draw, not only once the effect below has run.
        apply(
            choice
                .get_untracked()
                .effective(system_dark.get_untracked()),
        );
        Effect::new(move |_| apply(effective.get()));
        Effect::new(move |prev: Option<Choice>| {
            let c = choice.get();
            if prev.is_some_and(|p| p != c) {
                save(c);
            }
            c
        });
        ThemeCtx { choice, effective }
    }

    /// The theme context of the app.
    ///
    /// # Panics
    /// Outside the app, where the context is not provided.
    #[must_use]
    pub fn get() -> Self {
        expect_context::<ThemeCtx>()
    }

    /// The theme in effect (tracked).
    #[must_use]
    pub fn effective(self) -> Theme {
        self.effective.get()
    }
}

impl Default for ThemeCtx {
    fn default() -> Self {
        Self::new()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved choice; System when there is none or it does not read.
fn load() -> Choice {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|v| Choice::parse(&v))
        .unwrap_or_default()
}

/// Saves the choice; a browser that refuses storage just forgets it.
fn save(choice: Choice) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, choice.as_str());
    }
}

/// Sets `<html data-theme>` to the theme in effect.
fn apply(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", attribute(theme));
    }
}

/// `matchMedia("(prefers-color-scheme: dark)")`, if the browser has it.
fn dark_query() -> Option<MediaQueryList> {
    web_sys::window()?.match_media(DARK_QUERY).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_choices_round_trip_and_junk_is_refused() {
        for c in Choice::ALL {
            assert_eq!(Choice::parse(c.as_str()), Some(c));
        }
        assert_eq!(Choice::parse(" dark\n"), Some(Choice::Dark));
        assert_eq!(Choice::parse("Dark"), None);
        assert_eq!(Choice::parse("<b>"), None);
        assert_eq!(Choice::parse(""), None);
    }

    #[test]
    fn system_follows_the_preference_and_the_others_do_not() {
        assert_eq!(Choice::System.effective(true), Theme::Dark);
        assert_eq!(Choice::System.effective(false), Theme::Light);
        for dark in [false, true] {
            assert_eq!(Choice::Light.effective(dark), Theme::Light);
            assert_eq!(Choice::Dark.effective(dark), Theme::Dark);
        }
    }

    #[test]
    fn the_name_says_the_choice() {
        assert_eq!(describe(Choice::Dark, Theme::Dark), "Theme: Dark");
        assert_eq!(
            describe(Choice::System, Theme::Light),
            "Theme: System (now light)"
        );
    }
}
