//! `sim::SimTime`: whole microseconds of simulated time, as a type of its own
//! that serializes as the bare number.

use skydraft_core::sim::SimTime;

#[test]
fn an_instant_plus_a_span_is_an_instant_and_two_instants_differ_by_a_span() {
    let start = SimTime::from_ms(1_500);
    let later = start + 2_000_000;
    assert_eq!(later, SimTime::from_us(3_500_000));
    assert_eq!(later - start, 2_000_000);
    assert_eq!(later.as_us(), 3_500_000);
    assert!((later.as_secs_f64() - 3.5).abs() < 1e-12);
    assert_eq!(later.whole_secs(), 3);
    assert_eq!(later.second_start(), SimTime::from_secs(3));
    assert!(start < later);
    assert_eq!(start.saturating_since(later), 0);
    assert_eq!(SimTime::NEVER.saturating_add(1), SimTime::NEVER);
    assert_eq!(SimTime::default(), SimTime::ZERO);
}

#[test]
fn it_serializes_as_the_bare_number_of_microseconds() {
    let t = SimTime::from_us(42_000_017);
    let json = serde_json::to_string(&t).expect("serializes");
    assert_eq!(json, "42000017");
    assert_eq!(
        json,
        serde_json::to_string(&42_000_017u64).expect("serializes")
    );
    let back: SimTime = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, t);
    let max: SimTime = serde_json::from_str("18446744073709551615").expect("deserializes");
    assert_eq!(max, SimTime::NEVER);
}
