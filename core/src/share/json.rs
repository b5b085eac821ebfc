//! JSON export and import of a design with its scenario, for people and files.

use serde::Serialize;

use super::{DecodeError, Decoded, scenario_from_diff};
use crate::design::{self, Design, LoadError};
use crate::scenario::Scenario;

/// Marks an exported file and gives its format version.
const FORMAT_KEY: &str = "skydraft";

#[derive(Serialize)]
struct Export<'a> {
    skydraft: u32,
    design: &'a Design,
    scenario: &'a Scenario,
}

/// The design and scenario as indented JSON:
/// `{"skydraft": 1, "design": {...}, "scenario": {...}}`.
#[must_use]
pub fn export_json(design: &Design, scenario: &Scenario) -> String {
    let doc = Export {
        skydraft: 1,
        design,
        scenario,
    };
    // Plain records with string keys always serialize.
    crate::json::to_json_pretty(&doc)
}

/// Reads an exported file, or a bare design (then the scenario is the default).
/// The design goes through [`design::repair`]; missing scenario fields take
/// their defaults.
///
/// # Errors
/// [`DecodeError`] when the text is not JSON, not a design, or too large.
pub fn import_json(text: &str) -> Result<Decoded, DecodeError> {
    if text.len() > design::MAX_JSON_BYTES {
        return Err(LoadError::TooLarge {
            what: "bytes",
            count: text.len(),
            max: design::MAX_JSON_BYTES,
        }
        .into());
    }
    let value: serde_json::Value = serde_json::from_slice(text.as_bytes())
        .map_err(|e| LoadError::NotADesign(format!("not JSON: {e}")))?;
    let serde_json::Value::Object(mut doc) = value else {
        return Err(LoadError::NotADesign("expected a JSON object".to_owned()).into());
    };
    let (design_value, scenario_fields) = if doc.contains_key(FORMAT_KEY) {
        match doc.get(FORMAT_KEY).and_then(serde_json::Value::as_u64) {
            Some(1) => {}
            other => {
                let v = other.map_or_else(|| "?".to_owned(), |v| v.to_string());
                return Err(DecodeError::UnknownVersion(v));
            }
        }
        let design = doc
            .remove("design")
            .ok_or_else(|| LoadError::NotADesign("no \"design\" field".to_owned()))?;
        let scenario = match doc.remove("scenario") {
            None | Some(serde_json::Value::Null) => serde_json::Map::new(),
            Some(serde_json::Value::Object(m)) => m,
            Some(_) => {
                return Err(DecodeError::Scenario("expected an object".to_owned()));
            }
        };
        (design, scenario)
    } else {
        (serde_json::Value::Object(doc), serde_json::Map::new())
    };
    let mut design: Design =
        serde_json::from_value(design_value).map_err(|e| LoadError::NotADesign(e.to_string()))?;
    let mut repairs = design::repair(&mut design)?;
    let scenario = scenario_from_diff(scenario_fields, &mut repairs)?;
    Ok(Decoded {
        design,
        scenario,
        repairs,
    })
}
