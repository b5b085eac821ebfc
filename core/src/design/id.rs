//! Id newtypes, so a component id can never be used as a link id.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Text that is not an id of the expected kind (`c12` for a component).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseIdError {
    /// What kind of id was expected ("component").
    pub expected: &'static str,
    /// The text, cut to 24 characters.
    pub text: String,
}

impl fmt::Display for ParseIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a {} id", self.text, self.expected)
    }
}

impl std::error::Error for ParseIdError {}

/// The number after `prefix`: decimal digits only (no sign, no spaces).
fn id_number(text: &str, prefix: char) -> Option<u32> {
    let digits = text.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl FromStr for $name {
            type Err = ParseIdError;

            /// Reads the id as [`fmt::Display`] writes it.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let prefix = $prefix.chars().next().unwrap_or_default();
                id_number(text, prefix).map($name).ok_or_else(|| ParseIdError {
                    expected: $what,
                    text: text.chars().take(24).collect(),
                })
            }
        }
    };
}

id_type!(
    /// Identity of a component; shown as `c12`.
    ComponentId,
    "c",
    "component"
);
id_type!(
    /// Identity of a link; shown as `l3`.
    LinkId,
    "l",
    "link"
);
id_type!(
    /// Identity of a grouping frame; shown as `g2`.
    GroupId,
    "g",
    "frame"
);
id_type!(
    /// Identity of an annotation; shown as `n4`.
    AnnotationId,
    "n",
    "note"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_what_they_display_and_nothing_else() {
        assert_eq!("c12".parse(), Ok(ComponentId(12)));
        assert_eq!(LinkId(3).to_string().parse(), Ok(LinkId(3)));
        assert_eq!(GroupId(u32::MAX).to_string().parse(), Ok(GroupId(u32::MAX)));
        assert_eq!("n0".parse(), Ok(AnnotationId(0)));
        for bad in [
            "",
            "c",
            "l3",
            "c+1",
            "c-1",
            "c 1",
            "c1x",
            "C1",
            "c4294967296",
            "c١",
        ] {
            assert!(bad.parse::<ComponentId>().is_err(), "{bad:?}");
        }
        let Err(e) = "x".repeat(40).parse::<AnnotationId>() else {
            panic!("a long text read as a note id");
        };
        assert_eq!(
            e.to_string(),
            format!("\"{}\" is not a note id", "x".repeat(24))
        );
    }
}
