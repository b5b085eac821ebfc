//! The class's AES-GCM through the browser's WebCrypto: the page seals every
//! envelope before it leaves and opens every frame that arrives. No crypto
//! is written here; the browser does it, under a key imported once, not
//! extractable.

use js_sys::{Array, Uint8Array};
use skydraft_core::live::message::{Frame, Kind, NONCE_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, SubtleCrypto};

/// Why the page could not use the browser's cryptography.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CryptoError(pub String);

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the browser's encryption is not available ({})", self.0)
    }
}

impl std::error::Error for CryptoError {}

fn error(e: &JsValue) -> CryptoError {
    CryptoError(
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "unknown error".to_owned()),
    )
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let window = web_sys::window().ok_or_else(|| CryptoError("no window".into()))?;
    let crypto = window.crypto().map_err(|e| error(&e))?;
    Ok(crypto.subtle())
}

/// `N` random bytes from the browser's `crypto.getRandomValues`.
///
/// # Errors
/// When the browser has no cryptographic random source.
pub fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0; N];
    let window = web_sys::window().ok_or_else(|| CryptoError("no window".into()))?;
    let crypto = window.crypto().map_err(|e| error(&e))?;
    crypto
        .get_random_values_with_u8_array(&mut out)
        .map_err(|e| error(&e))?;
    Ok(out)
}

/// A class's key, imported into WebCrypto, and its room (bound into every
/// frame as additional data).
#[derive(Clone)]
pub struct Cipher {
    key: CryptoKey,
    room: [u8; 16],
}

impl Cipher {
    /// Imports the class key.
    ///
    /// # Errors
    /// When WebCrypto refuses (a page not served from a secure origin has no
    /// `crypto.subtle`).
    pub async fn new(key: &[u8; 32], room: [u8; 16]) -> Result<Cipher, CryptoError> {
        let subtle = subtle()?;
        let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
        let raw = Uint8Array::from(&key[..]);
        let promise = subtle
            .import_key_with_str("raw", &raw, "AES-GCM", false, &usages)
            .map_err(|e| error(&e))?;
        let key = JsFuture::from(promise)
            .await
            .map_err(|e| error(&e))?
            .dyn_into::<CryptoKey>()
            .map_err(|e| error(&e))?;
        Ok(Cipher { key, room })
    }

    fn params(&self, kind: Kind, nonce: &[u8; NONCE_BYTES]) -> AesGcmParams {
        let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&nonce[..]));
        let ad = Frame::associated_data(kind, &self.room);
        params.set_additional_data_u8_array(&Uint8Array::from(&ad[..]));
        params
    }

    /// Encrypts `plaintext` under a fresh nonce into a frame's bytes.
    ///
    /// # Errors
    /// When WebCrypto fails.
    pub async fn seal(&self, kind: Kind, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let nonce = random::<NONCE_BYTES>()?;
        let promise = subtle()?
            .encrypt_with_object_and_js_u8_array(
                &self.params(kind, &nonce),
                &self.key,
                &Uint8Array::from(plaintext),
            )
            .map_err(|e| error(&e))?;
        let sealed = JsFuture::from(promise).await.map_err(|e| error(&e))?;
        let frame = Frame {
            kind,
            nonce,
            ciphertext: Uint8Array::new(&sealed).to_vec(),
        };
        Ok(frame.to_bytes())
    }

    /// Decrypts a frame; `None` when it is not one or does not authenticate
    /// (changed on the way, another class's key, moved to another room or
    /// promoted to a snapshot).
    pub async fn open(&self, bytes: &[u8]) -> Option<Vec<u8>> {
        let frame = Frame::from_bytes(bytes)?;
        let promise = subtle()
            .ok()?
            .decrypt_with_object_and_js_u8_array(
                &self.params(frame.kind, &frame.nonce),
                &self.key,
                &Uint8Array::from(&frame.ciphertext[..]),
            )
            .ok()?;
        let plain = JsFuture::from(promise).await.ok()?;
        Some(Uint8Array::new(&plain).to_vec())
    }
}
