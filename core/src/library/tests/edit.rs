//! Saving, the stale-tab rule, a full store, and managing entries.

use super::*;

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
    let mut moved = crate::json::from_json::<serde_json::Value>(
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
        .set(&format!("{KEY_PREFIX}e3-3"), &crate::json::to_json(&a))
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
