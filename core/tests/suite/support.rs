//! Helpers the test modules share: parameter values and hand-made links.

use std::io::Write;

use base64::Engine;
use skydraft_core::design::ParamValue;

/// A number parameter.
pub fn n(v: f64) -> ParamValue {
    ParamValue::Number(v)
}

/// A text parameter.
pub fn t(v: &str) -> ParamValue {
    ParamValue::Text(v.into())
}

/// A switch parameter.
pub fn b(v: bool) -> ParamValue {
    ParamValue::Bool(v)
}

/// Raw deflate of `bytes`, as a link's payload is packed.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("finishing in memory")
}

/// Base64url without padding, as links carry their payload.
pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
