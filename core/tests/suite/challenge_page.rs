//! What the page needs from challenges: judging in the worker gives the
//! verdict `grade` gives; a locked part cannot be edited; a teacher's
//! challenge from the current design and its last run.

use skydraft_core::catalog::Kind;
use skydraft_core::challenge::{self, Aggregation, Draft, EventRef, LockedEdit, link};
use skydraft_core::design::{Component, Point};
use skydraft_core::remote::{Reply, Request};

use super::support::serve_as_worker;
use skydraft_core::sim;
use skydraft_core::template;

#[test]
fn judging_in_the_worker_gives_the_verdict_judge_gives() {
    let c = challenge::get("az-outage").expect("exists");
    for design in [&c.start, c.reference.as_ref().expect("reference")] {
        let replies = serve_as_worker(&Request::judge(3, &c, design), 30.0);
        let (last, progress) = replies.split_last().expect("replies");
        let total = c.scenario.duration_s * 2.0;
        let mut reached = 0.0;
        for p in progress {
            let Reply::Progress {
                serial: 3,
                now_s,
                duration_s,
            } = p
            else {
                panic!("{p:?}");
            };
            assert!(*now_s >= reached && *now_s <= total, "{now_s}");
            assert_eq!(*duration_s, total);
            reached = *now_s;
        }
        assert!(
            reached > c.scenario.duration_s,
            "progress spans both runs: {reached}"
        );
        let Reply::Judged { serial: 3, runs } = last else {
            panic!("{last:?}");
        };
        assert_eq!(
            runs.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>(),
            challenge::variants(&c)
        );
        let page = challenge::verdict_from_runs(&c, design, runs);
        let native = challenge::judge(&c, design).expect("judged");
        assert_eq!(page, native);
        assert_eq!(page.digest(), native.digest());
    }
    let start = challenge::judge(&c, &c.start).expect("judged");
    assert!(!start.passed && start.goals[0].reason.is_some());
}

#[test]
fn a_judge_request_without_a_sound_challenge_fails_with_a_reason() {
    let c = challenge::get("az-outage").expect("exists");
    let mut request = Request::judge(4, &c, &c.start);
    request.challenge = Some("{".to_owned());
    assert!(matches!(
        serve_as_worker(&request, 30.0).as_slice(),
        [Reply::Failed { serial: 4, .. }]
    ));
    let mut broken = c.clone();
    broken.goals.clear();
    let replies = serve_as_worker(&Request::judge(5, &broken, &c.start), 30.0);
    let [Reply::Failed { serial: 5, error }] = replies.as_slice() else {
        panic!("{replies:?}");
    };
    assert!(error.to_string().contains("no goal"), "{error}");
}

#[test]
fn locked_parts_refuse_moves_edits_and_deletes() {
    let c = challenge::get("az-outage").expect("exists");
    let locked = challenge::locked_ids(&c);
    let users = c
        .start
        .components
        .iter()
        .find(|x| x.is(Kind::Users))
        .expect("users");
    assert!(locked.contains(&users.id));
    assert!(challenge::is_locked(&c, users.id));
    let before = &c.start;

    let mut moved = before.clone();
    moved
        .components
        .iter_mut()
        .find(|x| x.id == users.id)
        .expect("users")
        .pos = Point { x: 1.0, y: 2.0 };
    assert_eq!(
        challenge::check_edit(&c, before, &moved),
        Err(LockedEdit::Component {
            label: users.label.clone()
        })
    );
    let mut removed = before.clone();
    removed.components.retain(|x| x.id != users.id);
    assert!(challenge::check_edit(&c, before, &removed).is_err());

    let free = before
        .components
        .iter()
        .find(|x| !locked.contains(&x.id))
        .expect("an unlocked component");
    assert!(!challenge::is_locked(&c, free.id));
    let mut ok = before.clone();
    ok.components
        .iter_mut()
        .find(|x| x.id == free.id)
        .expect("free")
        .pos = Point { x: 9.0, y: 9.0 };
    assert_eq!(challenge::check_edit(&c, before, &ok), Ok(()));

    let mut more_users = before.clone();
    let mut extra = Component::new(999, Kind::Users, &[]);
    extra.label = "More users".to_owned();
    more_users.components.push(extra);
    assert_eq!(
        challenge::check_edit(&c, before, &more_users),
        Err(LockedEdit::Traffic)
    );
    assert!(LockedEdit::Traffic.to_string().contains("traffic"));
}

#[test]
fn a_teacher_makes_a_challenge_from_the_current_design_and_run() {
    let t = template::get("alb-asg").expect("template");
    let mut scenario = t.scenario.clone();
    scenario.duration_s = 240.0;
    let run = sim::run(&t.design, &scenario).expect("runs");
    let mut goals = challenge::goal_choices();
    goals.retain(|g| g.id == "errors" || g.id == "p99" || g.id == "cost");
    for g in &mut goals {
        g.value = challenge::value_from_run(g, &run, &scenario).expect("a value");
        assert!(g.value.is_finite());
    }
    let users = t
        .design
        .components
        .iter()
        .find(|x| x.is(Kind::Users))
        .expect("users")
        .id;
    let draft = Draft {
        title: "  Keep it fast  ".to_owned(),
        brief: "First paragraph.\n\n  Second <b>paragraph</b>.  \n\n".to_owned(),
        start: t.design.clone(),
        scenario: scenario.clone(),
        goals,
        locked: vec![users],
        lock_traffic: true,
        bonus: Vec::new(),
        seeds: 1,
        each_az: false,
        hints: String::new(),
        hints_after: 1,
    };
    let c = challenge::author(draft.clone()).expect("authored");
    assert_eq!(c.title, "Keep it fast");
    assert_eq!(
        c.brief,
        vec!["First paragraph.", "Second <b>paragraph</b>."]
    );
    assert!(c.id.starts_with("custom-"));
    assert_eq!(challenge::author(draft.clone()).expect("again").id, c.id);
    assert_eq!(c.variants.seeds, vec![scenario.seed]);

    // The design it was made from meets every goal, exactly at the limit.
    let v = challenge::judge(&c, &t.design).expect("judged");
    assert!(v.passed, "{:?}", v.goals);
    assert_eq!(v.goals.len(), 3);
    // It travels packed in a link and opens as the same challenge.
    let text = link::encode(&c, Some(&t.design), Some("Ada"));
    let opened = link::decode(&text).expect("opens");
    assert!(!opened.built_in);
    assert_eq!(opened.challenge, c);

    let mut no_goals = draft.clone();
    no_goals.goals.clear();
    assert_eq!(
        challenge::author(no_goals),
        Err(challenge::ChallengeError::NoGoals)
    );
    let mut bad_lock = draft;
    bad_lock.locked = vec![skydraft_core::design::ComponentId(4242)];
    assert!(matches!(
        challenge::author(bad_lock),
        Err(challenge::ChallengeError::LockedNotInStart(_))
    ));
}

#[test]
fn a_draft_carries_variants_aggregations_bonus_goals_and_hints_into_the_link() {
    let t = template::get("alb-asg").expect("template");
    let mut scenario = t.scenario.clone();
    scenario.duration_s = 300.0;
    scenario.seed = 7;
    let mut goals = challenge::goal_choices();
    goals.retain(|g| g.id == "errors" || g.id == "p99");
    goals[0].value = 2.5;
    goals[0].over = Aggregation::AfterEvent {
        event: EventRef::AzLoss,
    };
    goals[1].value = 400.0;
    goals[1].over = Aggregation::WorstBucket { allowed_over: 3 };
    let mut bonus = challenge::goal_choices();
    bonus.retain(|g| g.id == "cost");
    bonus[0].value = 0.9;
    let draft = Draft {
        title: "Lose a zone".to_owned(),
        brief: String::new(),
        start: t.design.clone(),
        scenario: scenario.clone(),
        goals: goals.clone(),
        locked: Vec::new(),
        lock_traffic: false,
        bonus: bonus.clone(),
        seeds: 3,
        each_az: true,
        hints: "  Spread the group over two zones.\n\n<b>Size</b> for one zone down.\n".to_owned(),
        hints_after: 2,
    };
    let c = challenge::author(draft.clone()).expect("authored");
    assert_eq!(c.variants.seeds, vec![7, 8, 9]);
    let loss = c.variants.each_az.clone().expect("each AZ in turn");
    assert_eq!(loss, challenge::each_az_loss(&t.design, &scenario));
    assert!(loss.azs.len() >= 2, "{loss:?}");
    assert!((loss.at_s - 100.0).abs() < 1e-9, "{loss:?}");
    assert_eq!(challenge::variants(&c).len(), 3 * loss.azs.len());
    assert_eq!(c.goals, goals);
    assert_eq!(c.bonus, bonus);
    let texts: Vec<(&str, u32, Option<&str>)> = c
        .hints
        .iter()
        .map(|h| (h.text.as_str(), h.after_failures, h.goal.as_deref()))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("Spread the group over two zones.", 2, None),
            ("<b>Size</b> for one zone down.", 2, None)
        ]
    );
    assert!(c.hints_for(1, &[]).is_empty());
    assert_eq!(c.hints_for(2, &[]).len(), 2);
    let opened = link::decode(&link::encode(&c, None, None)).expect("opens");
    assert_eq!(opened.challenge, c);

    // Seeds are capped; an AZ-loss goal without each AZ in turn is refused.
    let many = Draft {
        seeds: 99,
        each_az: false,
        goals: bonus.clone(),
        bonus: Vec::new(),
        ..draft.clone()
    };
    assert_eq!(
        challenge::author(many)
            .expect("authored")
            .variants
            .seeds
            .len(),
        challenge::MAX_SEEDS as usize
    );
    let no_az = Draft {
        each_az: false,
        seeds: 1,
        ..draft
    };
    assert!(matches!(
        challenge::author(no_az),
        Err(challenge::ChallengeError::NoAzLoss { .. })
    ));
}
