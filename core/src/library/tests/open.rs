//! Opening links, templates and the old autosave.

use super::*;

#[test]
fn opening_a_link_never_overwrites_the_design_drawn_before() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, my_design, s) = drawn(&mut lib, "Mine", 100);
    let (_, theirs, ts) = other_template();
    let link = format!("https://x.test/#d={}", share::encode(&theirs, &ts));

    let opened = lib.open_link(&link, None, 200, 2).expect("opens");
    assert_eq!(opened.how, LinkOpened::New);
    assert_eq!(opened.design, theirs);
    assert_ne!(opened.entry.id, mine.id);
    assert!(opened.entry.is_unedited_copy());
    // Mine is untouched, and the plain address reopens it (the last edited).
    assert_eq!(
        lib.get(&mine.id).expect("mine").code,
        share::encode(&my_design, &s)
    );
    assert_eq!(lib.last_edited().expect("an entry").id, mine.id);
    assert_eq!(lib.entries().len(), 2);
}

#[test]
fn the_same_link_twice_reopens_its_entry_with_the_edits_and_keeps_the_original() {
    let mut lib = Library::new(MemoryStore::new());
    let (_, d, s) = other_template();
    let code = share::encode(&d, &s);
    let first = lib.open_link(&code, None, 10, 1).expect("opens");

    // The same link again, unedited: the same entry.
    let again = lib.open_link(&code, None, 20, 2).expect("opens");
    assert_eq!(
        (again.entry.id.clone(), again.how),
        (first.entry.id.clone(), LinkOpened::Reopened)
    );

    // Edited, then opened again: the edits come back, and the original is offered.
    let changed = edited(&d, 500.0);
    let saved = lib
        .save(&first.entry.id, first.entry.rev, &changed, &s, 30, 3)
        .expect("saves");
    assert!(matches!(
        saved,
        Saved::Written {
            kept_other: None,
            ..
        }
    ));
    let later = lib.open_link(&code, None, 40, 4).expect("opens");
    assert_eq!(later.how, LinkOpened::ReopenedEdited);
    assert_eq!(later.entry.id, first.entry.id);
    assert_eq!(later.design, changed);
    assert_eq!(lib.entries().len(), 1);

    let original = lib.open_original(&code, 50, 5).expect("opens");
    assert_eq!(original.design, d);
    assert_ne!(original.entry.id, first.entry.id);
    assert_eq!(
        lib.get(&first.entry.id).expect("kept").code,
        share::encode(&changed, &s)
    );
    assert_eq!(lib.entries().len(), 2);
}

#[test]
fn a_reloaded_tab_finds_its_own_entry_by_the_code_in_its_address() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, d, s) = drawn(&mut lib, "Mine", 1);
    let copy = lib.duplicate(&mine.id, 2, 9).expect("copies");
    // The copy has another name, so another code; put it back to the same content.
    let (mut cd, cs) = share::decode(&copy.code).expect("decodes");
    cd.name = d.name.clone();
    lib.save(&copy.id, copy.rev, &cd, &cs, 3, 1).expect("saves");
    let code = share::encode(&d, &s);
    // Two entries hold the same design: the tab's own wins.
    for hint in [&mine.id, &copy.id] {
        let tab = TabHint {
            entry: hint.clone(),
            url_code: None,
        };
        let o = lib.open_link(&code, Some(&tab), 5, 7).expect("opens");
        assert_eq!((&o.entry.id, o.how), (hint, LinkOpened::Reopened));
    }
    assert_eq!(lib.entries().len(), 2, "a reload made no new entry");
}

#[test]
fn a_reload_right_after_an_edit_reopens_the_entry_as_it_is_now() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, d, s) = drawn(&mut lib, "Mine", 1);
    // The address still holds the code before the last edit.
    let in_address = share::encode(&d, &s);
    let newer = edited(&d, 640.0);
    lib.save(&mine.id, mine.rev, &newer, &s, 2, 1)
        .expect("saves");
    let tab = TabHint {
        entry: mine.id.clone(),
        url_code: Some(in_address.clone()),
    };
    let o = lib.open_link(&in_address, Some(&tab), 3, 2).expect("opens");
    assert_eq!(
        (&o.entry.id, &o.how, &o.design),
        (&mine.id, &LinkOpened::Reopened, &newer)
    );
    assert_eq!(
        lib.entries().len(),
        1,
        "no entry was made from the stale address"
    );
    // Another tab with the same stale code in its address but no such memory
    // opens it as a link of its own: it never writes over the entry.
    let o = lib.open_link(&in_address, None, 4, 3).expect("opens");
    assert_ne!(o.entry.id, mine.id);
    assert_eq!(
        lib.get(&mine.id).expect("kept").code,
        share::encode(&newer, &s)
    );
}

#[test]
fn a_link_that_does_not_decode_writes_nothing() {
    let mut lib = Library::new(MemoryStore::new());
    drawn(&mut lib, "Mine", 1);
    let before = lib.store().clone();
    for bad in ["", "garbage", "1.AAAA", "#d=2.x", "1.!!!"] {
        assert!(
            matches!(lib.open_link(bad, None, 9, 9), Err(LibraryError::Decode(_))),
            "{bad:?}"
        );
    }
    assert_eq!(lib.store().keys(), before.keys());
}

/// A library whose store held `d` in the old autosave slot, migrated at 7 ms.
fn migrated(d: &Design, s: &Scenario) -> (Library<MemoryStore>, Entry) {
    let mut store = MemoryStore::new();
    store
        .set(LEGACY_AUTOSAVE_KEY, &share::encode(d, s))
        .expect("room");
    let mut lib = Library::new(store);
    let e = lib
        .migrate_legacy(7, 1)
        .expect("migrates")
        .expect("an entry");
    (lib, e)
}

#[test]
fn the_old_autosave_becomes_the_first_entry_once() {
    let (mut d, s) = starter();
    d.name = "Homework".to_owned();
    let (mut lib, e) = migrated(&edited(&d, 50.0), &s);
    assert_eq!(
        (e.name.as_str(), e.origin.clone(), e.edited),
        ("Homework", Origin::Drawn, Some(7))
    );
    assert_eq!(lib.store().get(LEGACY_AUTOSAVE_KEY), None);
    assert_eq!(lib.last_edited().map(|e| e.id), Some(e.id));
    assert_eq!(lib.migrate_legacy(8, 2), Ok(None), "only once");
    assert_eq!(lib.entries().len(), 1);
}

#[test]
fn an_untouched_template_in_the_old_autosave_comes_in_as_that_template() {
    let (d, s) = starter();
    let (_, e) = migrated(&d, &s);
    assert!(e.is_unedited_copy());
    assert_eq!(
        e.origin,
        Origin::Template {
            id: template::DEFAULT_ID.to_owned()
        }
    );
}

#[test]
fn an_old_autosave_that_does_not_fit_stays_where_it_was() {
    let (d, s) = starter();
    let code = share::encode(&edited(&d, 5.0), &s);
    let mut store = MemoryStore::with_quota(item_bytes(LEGACY_AUTOSAVE_KEY, &code) + 10);
    store.set(LEGACY_AUTOSAVE_KEY, &code).expect("room");
    let mut lib = Library::new(store);
    assert_eq!(
        lib.migrate_legacy(1, 1),
        Err(LibraryError::Store(StoreError::Full))
    );
    assert_eq!(lib.store().get(LEGACY_AUTOSAVE_KEY), Some(code));
}

#[test]
fn an_unreadable_old_autosave_is_left_alone() {
    let mut store = MemoryStore::new();
    store.set(LEGACY_AUTOSAVE_KEY, "not a code").expect("room");
    let mut lib = Library::new(store);
    assert_eq!(lib.migrate_legacy(1, 1), Ok(None));
    assert_eq!(
        lib.store().get(LEGACY_AUTOSAVE_KEY).as_deref(),
        Some("not a code")
    );
}

#[test]
fn templates_reuse_an_unedited_entry_and_never_an_edited_one() {
    let mut lib = Library::new(MemoryStore::new());
    let (id, d, s) = other_template();
    let a = lib.open_template(&id, &d, &s, 1, 1).expect("opens");
    let b = lib.open_template(&id, &d, &s, 2, 2).expect("opens");
    assert_eq!(a.id, b.id);
    lib.save(&a.id, a.rev, &edited(&d, 3.0), &s, 3, 3)
        .expect("saves");
    let c = lib.open_template(&id, &d, &s, 4, 4).expect("opens");
    assert_ne!(c.id, a.id, "the edited copy is not reused");
    assert_eq!(lib.entries().len(), 2);
}
