//! Where a class lives in the page's address and on the network: the
//! relay's address (the link's, the teacher's setting, or the page's own
//! origin) and the fragment that names the class.

use skydraft_core::live::link;

use super::RELAY_KEY;

/// The relay address this page uses: the link's, else the teacher's
/// setting, else the page's own origin (`ws(s)://host`).
pub(super) fn relay_base(link_relay: Option<String>) -> String {
    if let Some(r) = link_relay {
        return r;
    }
    let stored = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(RELAY_KEY).ok().flatten())
        .and_then(|r| link::relay_in(&format!("relay={r}")).ok().flatten());
    if let Some(r) = stored {
        return r;
    }
    let location = gloo::utils::window().location();
    let secure = location.protocol().is_ok_and(|p| p == "https:");
    let host = location.host().unwrap_or_default();
    format!("{}://{host}", if secure { "wss" } else { "ws" })
}

/// The page's address without its fragment.
pub(super) fn page_base() -> String {
    gloo::utils::window()
        .location()
        .href()
        .ok()
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// Writes `fragment` into the address without a history entry.
pub(super) fn set_address(fragment: &str) {
    if let Ok(h) = gloo::utils::window().history() {
        let _ = h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}

/// Takes the class out of the address (the design's own link comes back
/// with its next change).
pub(super) fn forget_address() {
    if link::is_live_link(&crate::persist::current_hash())
        && let Ok(h) = gloo::utils::window().history()
    {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_base()));
    }
}

/// The relay address at the page's own origin.
pub(super) fn relay_base_of_origin() -> String {
    let location = gloo::utils::window().location();
    let secure = location.protocol().is_ok_and(|p| p == "https:");
    format!(
        "{}://{}",
        if secure { "wss" } else { "ws" },
        location.host().unwrap_or_default()
    )
}
