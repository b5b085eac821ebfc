//! The library's rules, each as a story a user could live through.

use super::*;
use crate::design::{Component, Point};

fn starter() -> (Design, Scenario) {
    let t = template::get(template::DEFAULT_ID).expect("the default template");
    (t.design, t.scenario)
}

fn other_template() -> (String, Design, Scenario) {
    let t = template::all()
        .into_iter()
        .find(|t| t.id != template::DEFAULT_ID)
        .expect("a second template");
    (t.id.to_owned(), t.design, t.scenario)
}

/// `design` with one more component, as a user's edit.
fn edited(design: &Design, x: f64) -> Design {
    let mut d = design.clone();
    let mut c = Component::new(d.next_component_id().0, "ec2", &[]);
    c.pos = Point { x, y: 40.0 };
    d.components.push(c);
    d
}

fn drawn(lib: &mut Library<MemoryStore>, name: &str, now: u64) -> (Entry, Design, Scenario) {
    let (mut d, s) = starter();
    d.name = name.to_owned();
    let d = edited(&d, 900.0);
    let e = lib
        .create(
            Draft {
                design: &d,
                scenario: &s,
                edited: true,
            },
            Origin::Drawn,
            now,
            1,
        )
        .expect("room");
    (e, d, s)
}

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

#[test]
fn a_stale_tab_keeps_the_other_tabs_version_as_a_copy() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, d, s) = drawn(&mut lib, "Shared", 1);
    // Tab A writes revision 2; tab B still holds revision 1.
    let a = edited(&d, 300.0);
    let Ok(Saved::Written { rev, .. }) = lib.save(&mine.id, mine.rev, &a, &s, 2, 1) else {
        panic!("tab A's edit was not written");
    };
    let b = edited(&d, 700.0);
    let saved = lib.save(&mine.id, mine.rev, &b, &s, 3, 2).expect("saves");
    let Saved::Written {
        kept_other: Some(kept),
        rev: rev_b,
        ..
    } = saved
    else {
        panic!("tab A's version was not kept: {saved:?}");
    };
    assert!(rev_b > rev);
    assert_eq!(
        kept.code,
        share::encode(&a, &s),
        "the copy holds tab A's edit"
    );
    assert_eq!(kept.origin, Origin::Copy);
    assert_eq!(
        lib.get(&mine.id).expect("entry").code,
        share::encode(&b, &s)
    );
    assert_eq!(lib.entries().len(), 2);

    // Tab A, now up to date, writes on top without a copy.
    let a2 = edited(&b, 100.0);
    let saved = lib.save(&mine.id, rev_b, &a2, &s, 4, 3).expect("saves");
    assert!(matches!(
        saved,
        Saved::Written {
            kept_other: None,
            ..
        }
    ));
}

#[test]
fn saving_an_unchanged_design_writes_nothing() {
    let mut lib = Library::new(MemoryStore::new());
    let (_, d, s) = other_template();
    let o = lib
        .open_link(&share::encode(&d, &s), None, 1, 1)
        .expect("opens");
    assert_eq!(
        lib.save(&o.entry.id, o.entry.rev, &d, &s, 2, 2),
        Ok(Saved::Unchanged)
    );
    assert!(
        lib.get(&o.entry.id).expect("entry").is_unedited_copy(),
        "still marked as from a link"
    );
}

#[test]
fn a_design_deleted_in_another_tab_is_made_again_by_the_next_edit() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, d, s) = drawn(&mut lib, "Mine", 1);
    lib.delete(&mine.id).expect("deletes");
    assert!(lib.entries().is_empty());
    let d2 = edited(&d, 10.0);
    let saved = lib.save(&mine.id, mine.rev, &d2, &s, 5, 1).expect("saves");
    assert!(matches!(
        saved,
        Saved::Written {
            recreated: true,
            ..
        }
    ));
    assert_eq!(
        lib.get(&mine.id).expect("back").code,
        share::encode(&d2, &s)
    );
}

#[test]
fn delete_can_be_undone_and_frees_its_space() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, ..) = drawn(&mut lib, "Mine", 1);
    let used = lib.usage();
    assert_eq!(used.designs, 1);
    let gone = lib.delete(&mine.id).expect("deletes");
    assert_eq!(
        lib.usage(),
        Usage {
            designs: 0,
            bytes: 0
        }
    );
    lib.restore(&gone).expect("restores");
    assert_eq!(lib.get(&mine.id), Some(mine));
    assert_eq!(lib.usage(), used);
    assert_eq!(
        lib.delete(&EntryId::new(9, 9)),
        Err(LibraryError::NotFound(EntryId::new(9, 9)))
    );
}

#[test]
fn a_full_store_refuses_the_write_and_keeps_everything() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, d, s) = drawn(&mut lib, "Mine", 1);
    let (_, t, ts) = other_template();
    let link = lib
        .open_link(&share::encode(&t, &ts), None, 2, 2)
        .expect("opens");
    let full = lib.store().bytes();
    lib.store_mut().quota = Some(full);
    let before = lib.store().clone();

    let bigger = edited(&d, 1234.5);
    assert_eq!(
        lib.save(&mine.id, mine.rev, &bigger, &s, 3, 3),
        Err(LibraryError::Store(StoreError::Full))
    );
    let (_, third, _) = {
        let t3 = template::all()
            .into_iter()
            .nth(2)
            .expect("a third template");
        (t3.id, t3.design, t3.scenario)
    };
    assert!(matches!(
        lib.open_link(&share::encode(&third, &ts), None, 4, 4),
        Err(LibraryError::Store(StoreError::Full))
    ));
    assert_eq!(
        lib.store().keys(),
        before.keys(),
        "nothing was dropped or added"
    );
    assert_eq!(lib.get(&mine.id).expect("mine").code, share::encode(&d, &s));

    // What can go to make room: the unedited link copy, never my drawing.
    let offer = lib.removable(None);
    assert_eq!(
        offer.iter().map(|e| &e.id).collect::<Vec<_>>(),
        [&link.entry.id]
    );
    assert!(
        lib.removable(Some(&link.entry.id)).is_empty(),
        "the open entry is never offered"
    );
    lib.delete(&link.entry.id).expect("removes");
    assert!(
        lib.save(&mine.id, mine.rev, &bigger, &s, 5, 5).is_ok(),
        "fits after the removal"
    );
}

#[test]
fn a_conflict_copy_that_does_not_fit_leaves_no_half_write() {
    let mut lib = Library::new(MemoryStore::new());
    let (mine, d, s) = drawn(&mut lib, "Mine", 1);
    let a = edited(&d, 300.0);
    lib.save(&mine.id, mine.rev, &a, &s, 2, 1).expect("saves");
    // Room for the copy but not for the bigger write that follows.
    let entry_bytes = lib.store().bytes();
    lib.store_mut().quota = Some(entry_bytes * 2 + 10);
    let b = edited(&edited(&edited(&d, 700.0), 800.0), 850.0);
    let r = lib.save(&mine.id, mine.rev, &b, &s, 3, 2);
    assert_eq!(r, Err(LibraryError::Store(StoreError::Full)));
    assert_eq!(lib.entries().len(), 1, "the copy was taken back");
    assert_eq!(
        lib.get(&mine.id).expect("entry").code,
        share::encode(&a, &s)
    );
}

#[test]
fn the_old_autosave_becomes_the_first_entry_once() {
    let (mut d, s) = starter();
    d.name = "Homework".to_owned();
    let d = edited(&d, 50.0);
    let mut store = MemoryStore::new();
    store
        .set(LEGACY_AUTOSAVE_KEY, &share::encode(&d, &s))
        .expect("room");
    let mut lib = Library::new(store);
    let e = lib
        .migrate_legacy(7, 1)
        .expect("migrates")
        .expect("an entry");
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
    let mut store = MemoryStore::new();
    store
        .set(LEGACY_AUTOSAVE_KEY, &share::encode(&d, &s))
        .expect("room");
    let mut lib = Library::new(store);
    let e = lib
        .migrate_legacy(7, 1)
        .expect("migrates")
        .expect("an entry");
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

#[test]
fn the_list_is_sorted_by_last_edit_and_searched_by_name() {
    let mut lib = Library::new(MemoryStore::new());
    let (a, ..) = drawn(&mut lib, "Web shop", 10);
    let (b, bd, bs) = drawn(&mut lib, "Photo pipeline", 20);
    let (c, ..) = drawn(&mut lib, "Shop backend", 30);
    let ids = |v: Vec<Entry>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(lib.entries()),
        [c.id.clone(), b.id.clone(), a.id.clone()]
    );
    lib.save(&b.id, b.rev, &edited(&bd, 1.0), &bs, 40, 1)
        .expect("saves");
    assert_eq!(
        ids(lib.entries()),
        [b.id.clone(), c.id.clone(), a.id.clone()]
    );
    assert_eq!(ids(lib.search("SHOP")), [c.id, a.id]);
    assert_eq!(lib.search("  ").len(), 3);
}

#[test]
fn rename_and_duplicate_change_only_what_they_name() {
    let mut lib = Library::new(MemoryStore::new());
    let (a, ..) = drawn(&mut lib, "Web shop", 10);
    let renamed = lib.rename(&a.id, "  Store front  ", 11).expect("renames");
    assert_eq!(renamed.name, "Store front");
    assert_eq!(
        share::decode(&renamed.code).expect("decodes").0.name,
        "Store front"
    );
    let copy = lib.duplicate(&a.id, 12, 1).expect("copies");
    assert_eq!(copy.name, "Store front (copy)");
    assert_eq!(copy.origin, Origin::Copy);
    assert!(copy.edited.is_some());
    assert_eq!(lib.get(&a.id).expect("kept").name, "Store front");
    let long = "x".repeat(200);
    assert_eq!(
        lib.rename(&a.id, &long, 13)
            .expect("renames")
            .name
            .chars()
            .count(),
        MAX_NAME_CHARS
    );
    assert_eq!(lib.rename(&a.id, "", 14).expect("renames").name, UNTITLED);
}

#[test]
fn records_that_cannot_be_read_are_skipped_not_fatal() {
    let mut lib = Library::new(MemoryStore::new());
    let (a, ..) = drawn(&mut lib, "Good", 1);
    let store = lib.store_mut();
    store
        .set(&format!("{KEY_PREFIX}e7-7"), "{not json")
        .expect("room");
    store
        .set(&format!("{KEY_PREFIX}<img>"), "{}")
        .expect("room");
    // A record stored under another entry's key is not taken for it.
    let mut moved = share::from_json::<serde_json::Value>(
        store
            .get(&Library::<MemoryStore>::key(&a.id))
            .expect("a")
            .as_bytes(),
    )
    .expect("json");
    moved["id"] = serde_json::Value::String("e2-2".to_owned());
    store
        .set(&Library::<MemoryStore>::key(&a.id), &moved.to_string())
        .expect("room");
    store
        .set(&format!("{KEY_PREFIX}e3-3"), &share::to_json(&a))
        .expect("room");
    assert!(lib.entries().is_empty());
    assert_eq!(lib.usage().designs, 3);
}

#[test]
fn fresh_ids_never_collide() {
    let mut lib = Library::new(MemoryStore::new());
    let (a, ..) = drawn(&mut lib, "A", 5);
    let again = lib.fresh_id(5, 1);
    assert_ne!(again, a.id);
    assert_eq!(
        Library::<MemoryStore>::id_of_key(&Library::<MemoryStore>::key(&a.id)),
        Some(a.id)
    );
}
