//! The questions: answers re-validated, the validator's words, money and choices as typed.
use super::parse::{numbers, parse_money};
use super::*;

fn template() -> (String, Rubric) {
    let text = rubric::DEFAULT_RUBRIC.to_string();
    let r = rubric::parse_str("r.toml", &text).unwrap();
    (text, r)
}

fn refusal(r: Result<(String, Rubric), Refused>) -> String {
    match r {
        Err(Refused::Invalid(why)) => why,
        Err(Refused::Edit(e)) => panic!("an edit error: {e}"),
        Ok(_) => panic!("accepted"),
    }
}

#[test]
fn an_answer_reaches_the_rubric_through_the_text() {
    let (text, r) = template();
    let [score, confidence, evidence] = competency(&r, 0);
    let answers = [
        (score.key, score.parse("4").unwrap()),
        (confidence.key, confidence.parse("HI").unwrap()),
        (evidence.key, evidence.parse("Ran 40 calls.").unwrap()),
    ];
    let (new, r) = apply("r.toml", &text, &answers).unwrap();
    assert_eq!(r.competencies[0].score, Some(4.0));
    assert_eq!(r.competencies[0].sd, 0.3, "high confidence");
    assert_eq!(r.competencies[0].evidence.as_deref(), Some("Ran 40 calls."));
    assert!(new.contains("confidence = \"high\""), "{new}");
    assert_eq!(competency(&r, 0)[1].current.as_deref(), Some("high"));
}

#[test]
fn the_validator_refuses_with_its_own_words() {
    let (text, r) = template();
    let [score, confidence, _] = competency(&r, 0);
    let id = &r.competencies[0].id;
    let why = refusal(apply(
        "r.toml",
        &text,
        &[(score.key, score.parse("9").unwrap())],
    ));
    assert_eq!(
        why,
        format!("`{id}.score` = 9 is out of range; must be on the scale 1–5")
    );
    let why = refusal(apply(
        "r.toml",
        &text,
        &[(confidence.key, confidence.parse("maybe").unwrap())],
    ));
    assert!(
        why.contains("use low, medium, high, or a standard deviation greater than 0"),
        "{why}"
    );
    let pay = salary(&r);
    let why = refusal(apply(
        "r.toml",
        &text,
        &[(pay.key, pay.parse("2,000,000,000,000").unwrap())],
    ));
    assert!(why.contains("must be an amount within 0–1e12"), "{why}");
    let route = route(&r);
    let why = refusal(apply(
        "r.toml",
        &text,
        &[(route.key, route.parse("headhunter").unwrap())],
    ));
    assert!(
        why.contains("must be one of `careers-site`, `referral`, `recruiter`"),
        "{why}"
    );
}

#[test]
fn choices_by_number_id_or_the_start_of_one() {
    let (_, r) = template();
    let q = route(&r);
    assert_eq!(q.parse("2").unwrap().as_str(), Some("referral"));
    assert_eq!(q.parse("RECRUITER").unwrap().as_str(), Some("recruiter"));
    assert_eq!(q.parse("ref").unwrap().as_str(), Some("referral"));
    assert!(q.parse("7").unwrap_err().contains("a number from 1 to 3"));
    let [_, confidence, _] = competency(&r, 0);
    assert_eq!(confidence.parse("med").unwrap().as_str(), Some("medium"));
    assert_eq!(confidence.parse("Low").unwrap().as_str(), Some("low"));
}

#[test]
fn money_as_people_type_it_and_nothing_ambiguous() {
    for (typed, amount) in [
        ("150000", 150_000.0),
        ("150,000", 150_000.0),
        ("1,250,000", 1_250_000.0),
        ("150_000", 150_000.0),
        ("150000.50", 150_000.5),
        ("150,000.5", 150_000.5),
        ("150k", 150_000.0),
        ("1.1k", 1_100.0),
        ("1.5M", 1_500_000.0),
        ("0", 0.0),
        ("-5", -5.0),
    ] {
        assert_eq!(parse_money(typed), Ok(amount), "{typed}");
    }
    for typed in [
        "150000,50",
        "1,50,000",
        "15,0000",
        ",150",
        "150.000",
        "1.500",
    ] {
        let why = parse_money(typed).unwrap_err();
        assert!(why.contains(typed), "{typed}: {why}");
    }
    for typed in [
        "lots", "", "1e6", "inf", "NaN", "12.", "1..2", "k", "150 000",
    ] {
        assert!(parse_money(typed).is_err(), "{typed}");
    }
}

#[test]
fn principles_by_number_in_the_order_given() {
    assert_eq!(numbers("3 1, 12", 16), Ok(vec![2, 0, 11]));
    assert_eq!(numbers("2 2", 16), Ok(vec![1]));
    assert!(numbers("17", 16).is_err());
    assert!(numbers("x", 16).is_err());
    assert!(numbers(" , ", 16).is_err());
}

#[test]
fn a_new_story_is_added_one_past_the_last() {
    let (text, r) = template();
    let n = r.stories.len();
    let (_, r) = apply(
        "r.toml",
        &text,
        &[
            (Key::Story(n, "id"), "cut-costs".into()),
            (Key::Story(n, "title"), "Cut costs".into()),
        ],
    )
    .unwrap();
    assert_eq!(r.stories.len(), n + 1);
    assert_eq!(r.stories[n].title, "Cut costs");
    let why = refusal(apply(
        "r.toml",
        &text,
        &[(Key::Story(n, "id"), "Not An Id".into())],
    ));
    assert!(why.contains("Not An Id"), "{why}");
}

#[test]
fn an_answer_that_would_outgrow_the_file_is_refused() {
    let (text, r) = template();
    let [_, _, evidence] = competency(&r, 0);
    // Each control character is escaped as six bytes (\u0001).
    let long = "\u{1}".repeat(MAX_BYTES / 4);
    let why = refusal(apply(
        "r.toml",
        &text,
        &[(evidence.key, evidence.parse(&long).unwrap())],
    ));
    assert!(why.contains("too long to save"), "{why}");
}

#[test]
fn every_question_of_a_filled_rubric_takes_its_own_value_back() {
    // What a form does: show each question with the value in effect and
    // send it back unchanged; the rubric must stay as valid as it was.
    let text = rubric::EXAMPLE_RUBRIC.to_string();
    let r = rubric::parse_str("e.toml", &text).unwrap();
    let mut all = for_rubric(&r);
    all.extend(for_story(&r, 0));
    assert_eq!(all.len(), 3 + 3 * r.competencies.len() + 6);
    let mut keys: Vec<Key> = all.iter().map(|q| q.key).collect();
    keys.dedup();
    assert_eq!(keys.len(), all.len(), "one question per key");
    let mut answers = Vec::new();
    for q in &all {
        let Some(current) = &q.current else { continue };
        let value = q
            .parse(current)
            .unwrap_or_else(|e| panic!("{:?} refuses its own {current:?}: {e}", q.key));
        answers.push((q.key, value));
    }
    let (_, again) = apply("e.toml", &text, &answers).unwrap();
    assert_eq!(again.competencies.len(), r.competencies.len());
    for (a, b) in again.competencies.iter().zip(&r.competencies) {
        assert_eq!((a.score, a.sd, &a.evidence), (b.score, b.sd, &b.evidence));
    }
    assert_eq!(again.stories[0].principles, r.stories[0].principles);
}

#[test]
fn ids_come_from_titles_and_never_repeat() {
    let taken = vec![crate::rubric::Story {
        id: "cut-costs".into(),
        ..crate::rubric::Story::default()
    }];
    assert_eq!(super::story_id("Cut costs!", &[]), "cut-costs");
    assert_eq!(super::story_id("Cut costs!", &taken), "cut-costs-2");
    assert_eq!(super::story_id("!!!", &[]), "story");
    assert_eq!(super::story_id("None", &[]), "none-story");
}
