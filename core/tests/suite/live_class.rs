//! A live class without the network: links and keys, frames, envelopes and
//! their caps, the inboxes that drop tampered, replayed and wrong-side
//! messages, the student's follow state machine and the teacher's hand-ins.

use skydraft_core::live::follow::{Effect, Follower, HandIns, Mode};
use skydraft_core::live::inbox::{Dropped, Inbox, Outbox};
use skydraft_core::live::link::{ClassKeys, LiveLinkError, is_live_link, room_of};
use skydraft_core::live::message::{Body, Envelope, Frame, Kind, MAX_LASER_POINTS, State, View};

fn state(code: &str, locked: bool) -> State {
    State {
        code: code.to_owned(),
        locked,
        view: Some(View {
            x: 0.0,
            y: 0.0,
            w: 800.0,
            h: 600.0,
        }),
        moment_ms: Some(1_500),
        step: None,
        challenge: None,
    }
}

#[test]
fn the_room_is_the_relays_rule_sha256_of_the_secret() {
    // The relay's RoomId::of_secret([9; 32]), as its frame tests address it.
    let room: String = room_of(&[9; 32])
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(room, "8c0cc17a04942cc4f8e0fe0b302606d3");
}

#[test]
fn links_round_trip_and_students_cannot_broadcast() {
    let keys = ClassKeys::new([3; 32], [4; 32]);
    let teacher = ClassKeys::parse(&format!("https://x.org/#{}", keys.teacher_fragment())).unwrap();
    assert_eq!(teacher, keys);
    assert!(teacher.is_teacher());
    assert_eq!(
        teacher.relay_path(),
        format!("/r/{}?t={}", keys.room_hex(), "03".repeat(32))
    );
    let student = ClassKeys::parse(&keys.student_fragment()).unwrap();
    assert_eq!(student, keys.for_student());
    assert!(!student.is_teacher());
    assert_eq!(student.relay_path(), format!("/r/{}", keys.room_hex()));
    assert!(is_live_link(&keys.student_fragment()));
    assert!(!is_live_link("#d=1.abc"));
    assert!(
        !format!("{keys:?}").contains(&"04".repeat(4)),
        "keys stay out of logs"
    );
}

#[test]
fn damaged_links_say_which_part() {
    let keys = ClassKeys::new([3; 32], [4; 32]);
    let good = keys.teacher_fragment();
    let (room, rest) = good.trim_start_matches("live=").split_once('.').unwrap();
    let (key, secret) = rest.split_once("&t=").unwrap();
    let cases = [
        ("d=1.abc".to_owned(), LiveLinkError::NotLive),
        (format!("live={}.{key}", &room[1..]), LiveLinkError::BadRoom),
        (
            format!("live=+{}.{key}", &room[1..]),
            LiveLinkError::BadRoom,
        ),
        (format!("live={room}.{}", &key[2..]), LiveLinkError::BadKey),
        (format!("live={room}"), LiveLinkError::BadKey),
        (
            format!("live={room}.{key}&t={}", &secret[1..]),
            LiveLinkError::BadSecret,
        ),
        (
            format!("live={room}.{key}&t={}", "00".repeat(32)),
            LiveLinkError::WrongSecret,
        ),
        (
            format!("live={room}.{key}&x={}", "a".repeat(600)),
            LiveLinkError::TooLong,
        ),
    ];
    for (link, want) in cases {
        assert_eq!(ClassKeys::parse(&link), Err(want.clone()), "{link}");
        assert!(want.to_string().ends_with('.'));
    }
}

#[test]
fn frames_carry_kind_nonce_and_ciphertext_and_refuse_junk() {
    let f = Frame {
        kind: Kind::Snapshot,
        nonce: [5; 12],
        ciphertext: vec![9; 40],
    };
    let bytes = f.to_bytes();
    assert_eq!(bytes[0], 1, "the relay keeps kind 1 as the snapshot");
    assert_eq!(Frame::from_bytes(&bytes), Some(f));
    assert_eq!(Frame::from_bytes(&[]), None);
    assert_eq!(Frame::from_bytes(&[3; 40]), None, "unknown kind");
    assert_eq!(Frame::from_bytes(&[2; 20]), None, "shorter than a tag");
    let ad = Frame::associated_data(Kind::Update, &[7; 16]);
    assert_eq!(ad.len(), 17);
    assert_ne!(ad, Frame::associated_data(Kind::Snapshot, &[7; 16]));
}

#[test]
fn envelopes_round_trip_and_hostile_contents_are_unreadable() {
    let mut out = Outbox::new(42, 1_000);
    let e = out.wrap(Body::Snapshot(state("1.abc", true)));
    assert_eq!((e.seq, out.wrap(Body::Hand(true)).seq), (1, 2));
    assert_eq!(Envelope::from_bytes(&e.to_bytes()), Some(e.clone()));
    let bad_view = View {
        x: f32::NAN,
        y: 0.0,
        w: 1.0,
        h: 1.0,
    };
    let long_laser = Body::Laser {
        points: vec![(0.0, 0.0); MAX_LASER_POINTS + 1],
        colour: "#ff0000".into(),
    };
    let markup_colour = Body::Laser {
        points: vec![(1.0, 2.0)],
        colour: "red\"><x".into(),
    };
    for body in [Body::View(bad_view), long_laser, markup_colour] {
        let hostile = Envelope { body, ..e.clone() };
        assert_eq!(Envelope::from_bytes(&hostile.to_bytes()), None);
    }
    let mut newer = e.to_bytes();
    newer[0] = 2;
    assert_eq!(Envelope::from_bytes(&newer), None, "another version");
    assert_eq!(Envelope::from_bytes(&[0xff; 8]), None);
}

#[test]
fn a_students_inbox_drops_tampered_replayed_and_wrong_side_messages() {
    let mut teacher = Outbox::new(1, 1_000);
    let mut inbox = Inbox::for_student();
    let first = teacher.wrap(Body::Snapshot(state("1.a", true))).to_bytes();
    let second = teacher.wrap(Body::Step(Some(2))).to_bytes();
    assert_eq!(inbox.accept(None).unwrap_err(), Dropped::Tampered);
    assert!(inbox.accept(Some(&second)).is_ok());
    assert_eq!(
        inbox.accept(Some(&first)).unwrap_err(),
        Dropped::Replayed,
        "reordered"
    );
    assert_eq!(
        inbox.accept(Some(&second)).unwrap_err(),
        Dropped::Replayed,
        "replayed"
    );
    let posing = Outbox::new(9, 5_000).wrap(Body::HandIn {
        name: "x".into(),
        code: "1.b".into(),
    });
    assert_eq!(
        inbox.accept(Some(&posing.to_bytes())).unwrap_err(),
        Dropped::WrongSide
    );
    // The teacher reopens the page: a later epoch, a new sender, seq from 1.
    let reopened = Outbox::new(2, 2_000).wrap(Body::Snapshot(state("1.c", true)));
    assert!(inbox.accept(Some(&reopened.to_bytes())).is_ok());
    assert!(Dropped::Replayed.to_string().contains("ignored"));
}

#[test]
fn the_teachers_inbox_orders_each_student_apart_and_refuses_teacher_messages() {
    let mut inbox = Inbox::for_teacher();
    let mut ada = Outbox::new(10, 1);
    let mut bob = Outbox::new(11, 1);
    let a1 = ada.wrap(Body::Hand(true)).to_bytes();
    let b1 = bob.wrap(Body::Hand(true)).to_bytes();
    assert!(inbox.accept(Some(&a1)).is_ok());
    assert!(inbox.accept(Some(&b1)).is_ok(), "Bob's seq 1 is his own");
    assert_eq!(inbox.accept(Some(&a1)).unwrap_err(), Dropped::Replayed);
    let posing = ada.wrap(Body::Snapshot(state("1.x", true))).to_bytes();
    assert_eq!(inbox.accept(Some(&posing)).unwrap_err(), Dropped::WrongSide);
}

#[test]
fn a_student_follows_pauses_on_a_pan_and_returns_current() {
    let mut f = Follower::new();
    assert_eq!(f.mode(), Mode::Following);
    let effects = f.receive(Body::Snapshot(state("1.a", true)));
    assert_eq!(effects[0], Effect::Open("1.a".into()));
    assert!(effects.contains(&Effect::Moment(Some(1_500))));
    assert!(!f.may_edit());
    let v = View {
        x: 10.0,
        y: 20.0,
        w: 300.0,
        h: 200.0,
    };
    assert_eq!(f.receive(Body::View(v)), vec![Effect::Fit(v)]);
    assert_eq!(f.panned(), vec![Effect::Mode(Mode::Paused)]);
    assert_eq!(f.panned(), vec![], "already paused");
    let later = View { x: 99.0, ..v };
    assert_eq!(
        f.receive(Body::View(later)),
        vec![],
        "a paused student keeps their view"
    );
    assert_eq!(f.receive(Body::Step(Some(3))), vec![]);
    let back = f.resume();
    assert_eq!(back[0], Effect::Mode(Mode::Following));
    assert!(
        back.contains(&Effect::Fit(later)),
        "the latest view, at once"
    );
    assert!(back.contains(&Effect::Step(Some(3))));
    assert_eq!(f.resume(), vec![], "already following");
}

#[test]
fn an_unlocked_class_works_on_its_own_copy_until_locked_again() {
    let mut f = Follower::new();
    let joined = f.receive(Body::Snapshot(state("1.a", false)));
    assert_eq!(
        joined[0],
        Effect::Open("1.a".into()),
        "a newcomer starts from the board"
    );
    assert!(joined.contains(&Effect::Mode(Mode::Free)));
    assert!(f.may_edit());
    assert_eq!(
        f.receive(Body::Snapshot(state("1.b", false))),
        vec![],
        "own copy kept"
    );
    assert_eq!(f.receive(Body::Step(Some(1))), vec![]);
    let locked = f.receive(Body::Snapshot(state("1.b", true)));
    assert_eq!(
        locked[0],
        Effect::Open("1.b".into()),
        "locking brings the board back"
    );
    assert!(locked.contains(&Effect::Mode(Mode::Following)));
    assert!(!f.may_edit());
}

#[test]
fn hand_ins_keep_each_students_latest_in_order_of_arrival() {
    let mut h = HandIns::new();
    let hand_in = |name: &str, code: &str| Body::HandIn {
        name: name.into(),
        code: code.into(),
    };
    h.receive(7, hand_in("Ada", "1.a"));
    h.receive(8, hand_in("Bob", "1.b"));
    h.receive(7, hand_in("Ada L.", "1.c"));
    let names: Vec<_> = h
        .list()
        .iter()
        .map(|x| (x.name.as_str(), x.code.as_str()))
        .collect();
    assert_eq!(names, [("Ada L.", "1.c"), ("Bob", "1.b")]);
    h.receive(8, Body::Hand(true));
    h.receive(7, Body::Hand(true));
    h.receive(8, Body::Hand(false));
    assert_eq!(h.hands(), [7]);
}

#[test]
fn a_shown_students_design_gives_way_to_the_teachers_next_snapshot() {
    let mut f = Follower::new();
    f.receive(Body::Snapshot(state("1.a", true)));
    let shown = f.receive(Body::Show {
        name: "Ada".into(),
        code: "1.s".into(),
    });
    assert_eq!(shown, [Effect::Show("Ada".into(), "1.s".into())]);
    let back = f.receive(Body::Snapshot(state("1.a", true)));
    assert_eq!(
        back.first(),
        Some(&Effect::Open("1.a".into())),
        "the same board comes back after a show"
    );
    let again = f.receive(Body::Snapshot(state("1.a", true)));
    assert!(
        !again.contains(&Effect::Open("1.a".into())),
        "an unchanged board is not reopened"
    );
}

#[test]
fn a_link_may_name_its_relay_and_only_a_websocket_one() {
    use skydraft_core::live::link::relay_in;
    let keys = ClassKeys::new([7; 32], [1; 32]);
    let link = format!("#{}", keys.student_fragment());
    assert_eq!(relay_in(&link), Ok(None), "no relay: the page's origin");
    assert_eq!(
        relay_in(&format!("{link}&relay=ws://127.0.0.1:8787")),
        Ok(Some("ws://127.0.0.1:8787".into()))
    );
    assert_eq!(
        relay_in(&format!("{link}&relay=wss%3A%2F%2Frelay.example.org%2F")),
        Ok(Some("wss://relay.example.org".into()))
    );
    for bad in [
        "javascript:alert(1)",
        "http://example.org",
        "ws://",
        "ws://a b",
        "ws://x\"><script>",
    ] {
        assert_eq!(
            relay_in(&format!("{link}&relay={bad}")),
            Err(LiveLinkError::BadRelay),
            "{bad}"
        );
    }
    assert!(
        ClassKeys::parse(&format!("{link}&relay=ws://127.0.0.1:8787")).is_ok(),
        "the relay part does not disturb the keys"
    );
}

#[test]
fn the_teachers_end_reaches_every_student_however_they_work() {
    for locked in [true, false] {
        let mut f = Follower::new();
        f.receive(Body::Snapshot(state("1.a", locked)));
        assert_eq!(f.receive(Body::End), [Effect::Ended], "locked: {locked}");
    }
    let mut inbox = Inbox::for_student();
    let mut out = Outbox::new(1, 1);
    let end = out.wrap(Body::End).to_bytes();
    assert!(
        inbox.accept(Some(&end)).is_ok(),
        "the end is the teacher's to say"
    );
    let mut teachers = Inbox::for_teacher();
    assert_eq!(
        teachers.accept(Some(&end)).map(|_| ()),
        Err(Dropped::WrongSide),
        "a student cannot end the class"
    );
}
