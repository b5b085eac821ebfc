//! What the page opens with: the fragment's link as a library entry of its
//! own (or the entry made for it before), else the design edited last, else
//! the starter template; and the messages that go with it (a link that does
//! not open, repairs, an edited copy whose original can still be opened).

use leptos::prelude::*;
use skydraft_core::design::Design;
use skydraft_core::library::{Entry, Library, LibraryError, LinkOpened, Origin};
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};

use crate::library::{self as lib, LibCtx, LocalStore};
use crate::persist::{
    Fragment, NOT_A_LINK, Showing, current_hash, parse_fragment, repairs_sentence,
};
use crate::state::{Editor, Tone};

/// What the page opens with, and how it got there.
pub struct Opening {
    /// The design to open.
    pub design: Design,
    /// Its scenario.
    pub scenario: Scenario,
    /// A message to show once the page is up (bad link, repairs).
    pub message: Option<(String, Tone)>,
    /// Opened from a view-only link.
    pub read_only: bool,
    /// How the link asks to be shown (embed, replay moment, step).
    pub show: Showing,
    /// The library entry it is, when it is stored.
    pub entry: Option<Entry>,
    /// How it enters the library on its first save when it is not stored.
    pub pending: Option<Origin>,
    /// A link whose entry was edited since: its original can be opened.
    pub original: Option<String>,
    /// The reason nothing could be stored, when storage refused.
    pub store_error: Option<LibraryError>,
}

impl Opening {
    pub(crate) fn of_entry(entry: Entry, design: Design, scenario: Scenario) -> Self {
        Opening {
            design,
            scenario,
            message: None,
            read_only: false,
            show: Showing::default(),
            entry: Some(entry),
            pending: None,
            original: None,
            store_error: None,
        }
    }

    pub(crate) fn unstored(design: Design, scenario: Scenario, pending: Option<Origin>) -> Self {
        Opening {
            design,
            scenario,
            message: None,
            read_only: false,
            show: Showing::default(),
            entry: None,
            pending,
            original: None,
            store_error: None,
        }
    }
}

/// What the page opens with: the fragment's link, else the design edited
/// last, else the starter template.
#[must_use]
pub fn opening() -> Opening {
    let mut library = lib::open_library();
    let migration = library.migrate_legacy(lib::now(), lib::nonce()).err();
    let hash = current_hash();
    let mut out = match parse_fragment(&hash) {
        // A live class or projector window opens the design edited last;
        // the class's board replaces it once it arrives (`crate::live`).
        _ if crate::live::is_class_address(&hash) => last_design(&mut library, None),
        _ if skydraft_core::challenge::link::is_challenge_link(&hash) => {
            crate::challenge::open::opening(&mut library, &hash)
        }
        Fragment::Empty => last_design(&mut library, None),
        Fragment::Unrecognised => last_design(&mut library, Some(NOT_A_LINK.to_owned())),
        Fragment::Link {
            code,
            view: true,
            show,
        } => match share::decode_with_repairs(&code) {
            Ok(dec) => Opening {
                read_only: true,
                show,
                message: repairs_sentence(&dec.repairs)
                    .map(|r| (format!("The link was opened with {r}"), Tone::Info)),
                ..Opening::unstored(dec.design, dec.scenario, None)
            },
            Err(e) => last_design(&mut library, Some(e.to_string())),
        },
        Fragment::Link {
            code,
            view: false,
            show,
        } => Opening {
            show,
            ..open_link(&mut library, &code)
        },
    };
    if let (Some(e), None) = (migration, &out.message) {
        out.message = Some((
            format!(
                "Your earlier autosaved design could not be moved into My designs ({e}); it is kept and will be tried again."
            ),
            Tone::Error,
        ));
    }
    out
}

fn open_link(library: &mut Library<LocalStore>, code: &str) -> Opening {
    match library.open_link(code, lib::tab_hint().as_ref(), lib::now(), lib::nonce()) {
        Ok(o) => {
            let original = (o.how == LinkOpened::ReopenedEdited).then(|| code.to_owned());
            let message = repairs_sentence(&o.repairs)
                .map(|r| (format!("The link was opened with {r}"), Tone::Info));
            Opening {
                message,
                original,
                ..Opening::of_entry(o.entry, o.design, o.scenario)
            }
        }
        Err(LibraryError::Decode(e)) => last_design(library, Some(e.to_string())),
        Err(e) => match share::decode(code) {
            // Storage refused: show the link's design all the same.
            Ok((d, s)) => Opening {
                store_error: Some(e),
                ..Opening::unstored(
                    d,
                    s,
                    Some(Origin::Link {
                        code: code.to_owned(),
                    }),
                )
            },
            Err(e) => last_design(library, Some(e.to_string())),
        },
    }
}

/// The design edited last (the starter template in an empty library), with
/// `problem`, why a link could not be opened, said first.
pub(crate) fn last_design(library: &mut Library<LocalStore>, problem: Option<String>) -> Opening {
    let last = library
        .last_edited()
        .and_then(|e| share::decode(&e.code).ok().map(|(d, s)| (e, d, s)));
    let (mut out, fallback) = match last {
        Some((entry, d, s)) => {
            let fallback = format!("your last design, \"{}\", is open", entry.name);
            let entry = library.touch(entry, lib::now());
            (Opening::of_entry(entry, d, s), fallback)
        }
        None => (starter(library), "the starter template is open".to_owned()),
    };
    if let Some(p) = problem {
        out.message = Some((
            format!("This link could not be opened: {p}. Nothing was lost: {fallback}."),
            Tone::Error,
        ));
    }
    out
}

fn starter(library: &mut Library<LocalStore>) -> Opening {
    let Some(t) =
        template::get(template::DEFAULT_ID).or_else(|| template::all().into_iter().next())
    else {
        return Opening::unstored(Design::default(), Scenario::default(), Some(Origin::Drawn));
    };
    match library.open_template(t.id, &t.design, &t.scenario, lib::now(), lib::nonce()) {
        Ok(entry) => Opening::of_entry(entry, t.design, t.scenario),
        Err(e) => Opening {
            store_error: Some(e),
            ..Opening::unstored(
                t.design,
                t.scenario,
                Some(Origin::Template {
                    id: t.id.to_owned(),
                }),
            )
        },
    }
}

/// Puts an opening into the editor and the library context, and says what
/// the user should know; returns how the link asks to be shown, for the
/// page to apply once it is up.
pub fn apply_opening(editor: Editor, ctx: LibCtx, opening: Opening) -> Showing {
    let Opening {
        design,
        scenario,
        message,
        read_only,
        show,
        entry,
        pending,
        original,
        store_error,
    } = opening;
    editor.read_only.set(read_only);
    match &entry {
        Some(e) => ctx.set_open(e),
        None => ctx.set_unstored(pending),
    }
    editor.load(design, scenario);
    if let Some(e) = store_error {
        ctx.report(editor, Err(e));
    } else if let Some(code) = original {
        let first =
            "You have edited this design since you first opened this link; your version is open.";
        let text = match message {
            Some((m, _)) => format!("{first} {m}"),
            None => first.to_owned(),
        };
        editor.notify_with(text, Tone::Info, "Open the original", move || {
            open_original(editor, ctx, &code)
        });
    } else if let Some((text, tone)) = message {
        editor.notify(text, tone);
    }
    show
}

/// Opens a link's original design as a new entry beside the edited one.
fn open_original(editor: Editor, ctx: LibCtx, code: &str) {
    let mut library = lib::open_library();
    match library.open_original(code, lib::now(), lib::nonce()) {
        Ok(o) => {
            lib::show_entry(editor, ctx, &o.entry, o.design, o.scenario);
            editor.notify(
                "The link's original design is open; your edited version stays in My designs.",
                Tone::Info,
            );
        }
        Err(e) => editor.notify(
            format!("The original could not be opened: {e}."),
            Tone::Error,
        ),
    }
}
