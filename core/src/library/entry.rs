//! One design in the library: its record as stored, and where it came from.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::thumb::Thumb;

/// Identity of a library entry: unique across the tabs of one browser, as it
/// is made of the creation time and a random number. Text such as
/// `"e18c2f0a1b2-7f3a"`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntryId(String);

impl EntryId {
    /// The id for an entry created at `now_ms` with a random `nonce`.
    #[must_use]
    pub fn new(now_ms: u64, nonce: u32) -> Self {
        EntryId(format!("e{now_ms:x}-{nonce:x}"))
    }

    /// The id as text (for storage keys and page attributes).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Reads an id written by [`EntryId::as_str`]; anything else is refused,
    /// so text from a storage key or the session never becomes a wrong id.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let body = text.strip_prefix('e')?;
        let (time, nonce) = body.split_once('-')?;
        let hex =
            |s: &str| !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
        (hex(time) && hex(nonce)).then(|| EntryId(text.to_owned()))
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a design came into the library.
///
/// Stored as a flat record (`{"from": "link", "code": "…"}`) rather than
/// through serde's tagged-enum reader, which would add its buffering code to
/// the page for this one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "OriginRecord", into = "OriginRecord")]
pub enum Origin {
    /// Drawn in this browser (including the autosave of earlier versions).
    Drawn,
    /// Opened from a share link; `code` is the link's share code as opened,
    /// so opening the same link again finds this entry.
    Link {
        /// The share code the link held.
        code: String,
    },
    /// Opened from a built-in template.
    Template {
        /// The template's id.
        id: String,
    },
    /// Imported from a JSON file.
    Import {
        /// The file's name.
        file: String,
    },
    /// A duplicate of another design.
    Copy,
}

/// [`Origin`] as stored: which kind, and the one field that kind has.
#[derive(Serialize, Deserialize)]
struct OriginRecord {
    from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

impl From<Origin> for OriginRecord {
    fn from(o: Origin) -> Self {
        let mut r = OriginRecord {
            from: String::new(),
            code: None,
            id: None,
            file: None,
        };
        r.from = match o {
            Origin::Drawn => "drawn",
            Origin::Link { code } => {
                r.code = Some(code);
                "link"
            }
            Origin::Template { id } => {
                r.id = Some(id);
                "template"
            }
            Origin::Import { file } => {
                r.file = Some(file);
                "import"
            }
            Origin::Copy => "copy",
        }
        .to_owned();
        r
    }
}

impl From<OriginRecord> for Origin {
    /// An unknown or incomplete record reads as a drawing: the design itself
    /// is kept either way.
    fn from(r: OriginRecord) -> Self {
        match (r.from.as_str(), r.code, r.id, r.file) {
            ("link", Some(code), ..) => Origin::Link { code },
            ("template", _, Some(id), _) => Origin::Template { id },
            ("import", _, _, Some(file)) => Origin::Import { file },
            ("copy", ..) => Origin::Copy,
            _ => Origin::Drawn,
        }
    }
}

impl Origin {
    /// A few words for the list ("from a link").
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Origin::Drawn => "drawn here",
            Origin::Link { .. } => "from a link",
            Origin::Template { .. } => "from a template",
            Origin::Import { .. } => "imported",
            Origin::Copy => "a copy",
        }
    }
}

/// One design as the library stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Identity.
    pub id: EntryId,
    /// The design's name as the list shows it (the design's own name, or
    /// "Untitled design").
    pub name: String,
    /// When it entered the library, ms since the Unix epoch.
    pub created: u64,
    /// When the user last changed it; `None` while it is as it was opened
    /// (an unedited link or template).
    pub edited: Option<u64>,
    /// When it was last opened.
    pub opened: u64,
    /// Where it came from.
    pub origin: Origin,
    /// Counts the writes of its content; a tab compares it with the revision
    /// it loaded to notice another tab's write.
    pub rev: u64,
    /// The sketch the list draws.
    pub thumb: Thumb,
    /// The design and scenario as a share code.
    pub code: String,
}

impl Entry {
    /// Opened from a link or a template and not changed since: the kind of
    /// entry that may be offered for removal when storage is full.
    #[must_use]
    pub fn is_unedited_copy(&self) -> bool {
        self.edited.is_none()
            && matches!(self.origin, Origin::Link { .. } | Origin::Template { .. })
    }

    /// When the list sorts it: its last edit, else its creation.
    #[must_use]
    pub fn last_change(&self) -> u64 {
        self.edited.unwrap_or(self.created)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_round_trip_as_flat_records() {
        let all = [
            Origin::Drawn,
            Origin::Link {
                code: "1.abc".to_owned(),
            },
            Origin::Template {
                id: "alb-asg".to_owned(),
            },
            Origin::Import {
                file: "a.json".to_owned(),
            },
            Origin::Copy,
        ];
        for o in all {
            let text = serde_json::to_string(&o).expect("serializes");
            assert_eq!(
                serde_json::from_str::<Origin>(&text).expect("reads"),
                o,
                "{text}"
            );
        }
        assert_eq!(
            serde_json::to_string(&Origin::Link {
                code: "x".to_owned()
            })
            .ok()
            .as_deref(),
            Some(r#"{"from":"link","code":"x"}"#)
        );
        for odd in [r#"{"from":"link"}"#, r#"{"from":"teleport"}"#] {
            assert_eq!(
                serde_json::from_str::<Origin>(odd).ok(),
                Some(Origin::Drawn),
                "{odd}"
            );
        }
    }

    #[test]
    fn ids_round_trip_and_refuse_other_text() {
        let id = EntryId::new(0x0018_c2f0_a1b2, 0x7f3a);
        assert_eq!(id.as_str(), "e18c2f0a1b2-7f3a");
        assert_eq!(EntryId::parse(id.as_str()), Some(id));
        for bad in [
            "",
            "e",
            "e-1",
            "e1-",
            "x1-2",
            "e1-2-3",
            "e1-<b>",
            "e12345678901234567-1",
        ] {
            assert_eq!(EntryId::parse(bad), None, "{bad:?}");
        }
    }
}
