//! Id newtypes, so a component id can never be used as a link id.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Identity of a component; shown as `c12`.
    ComponentId,
    "c"
);
id_type!(
    /// Identity of a link; shown as `l3`.
    LinkId,
    "l"
);
id_type!(
    /// Identity of a grouping frame; shown as `g2`.
    GroupId,
    "g"
);
id_type!(
    /// Identity of an annotation; shown as `n4`.
    AnnotationId,
    "n"
);
