//! Property-based fuzzing of every JSON decoder (`check authorization|deadline|accounting`,
//! `letter render`), in process: at least 10,000 inputs each, from three sources (arbitrary
//! JSON documents, valid documents with fields replaced, removed or added, and arbitrary text
//! including cut-off documents). No input may panic; every refusal must name a field. Each
//! decoder starts from several valid documents that between them hold every kind of value the
//! contract names (revision 2's `dependent` status, `involvement_in_care` and `impermissible`
//! bases, suspensions matched across case and white space, a notice on the day received, a
//! zero `after_days`). (The roster import is desk-office's and is fuzzed in its tests,
//! tests/office/roster.rs.)

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// Inputs per decoder.
const CASES: u32 = 10_000;

fn authorization_example() -> Value {
    json!({
      "as_of": "2025-06-01",
      "information": "Claims and eligibility records for 2023 and 2024",
      "discloser": "Sample County Group Health Plan",
      "recipient": "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960",
      "purpose": "At the request of the individual",
      "expires": { "on": "2026-01-01" },
      "signed_on": "2025-05-01",
      "signer": { "name": "Jane Q. Participant", "capacity": "personal_representative",
                  "authority": "guardian" },
      "statements": { "right_to_revoke": true, "conditioning": true, "redisclosure": true },
      "revoked_on": null,
      "subject": { "status": "terminated", "status_since": "2025-04-01" }
    })
}

/// The authorization example, and variants holding every expiry kind and subject status.
fn authorization_examples() -> Vec<Value> {
    let base = authorization_example();
    let variant = |expires: Value, subject: Value| {
        let mut v = base.clone();
        v["expires"] = expires;
        v["subject"] = subject;
        v
    };
    vec![
        base.clone(),
        variant(
            json!({"event": "employment_ends"}),
            json!({"status": "dependent", "status_since": null}),
        ),
        variant(
            json!({"after_days": 0}),
            json!({"status": "dependent", "status_since": "2019-09-01"}),
        ),
        variant(
            json!({"after_days": 90}),
            json!({"status": "retiree", "status_since": "2020-01-01"}),
        ),
        variant(
            json!({"event": "employment_ends"}),
            json!({"status": "active", "status_since": null}),
        ),
        variant(json!({"event": "the end of the lawsuit"}), Value::Null),
    ]
}

fn deadline_examples() -> Vec<Value> {
    let mut same_day = deadline_example();
    same_day["extension_noticed_on"] = json!("2025-01-31");
    let mut amendment = deadline_example();
    amendment["right"] = json!("amendment");
    amendment["extension_noticed_on"] = Value::Null;
    vec![deadline_example(), same_day, amendment]
}

fn deadline_example() -> Value {
    json!({ "right": "access", "received_on": "2025-01-31", "extension_noticed_on": "2025-02-10",
            "as_of": "2025-02-20" })
}

fn accounting_example() -> Value {
    json!({
      "requested_on": "2025-06-01",
      "period": { "from": "2020-01-01", "to": "2025-05-31" },
      "previous_accounting_on": "2024-08-01",
      "pages": 2,
      "disclosures": [
        { "id": "d1", "on": "2024-02-03", "recipient": "Blue Cross", "description": "Claim 88",
          "purpose": "Payment", "basis": "payment" },
        { "id": "d2", "on": "2024-09-10", "recipient": "Circuit Court",
          "description": "Claims 2023", "purpose": "Subpoena", "basis": "judicial" }
      ],
      "suspensions": [ { "recipient": "Circuit Court", "from": "2025-05-01", "to": "2025-07-01" } ]
    })
}

/// Every basis of the contract, suspensions written in other cases and spacing.
fn accounting_examples() -> Vec<Value> {
    const BASES: [&str; 22] = [
        "treatment",
        "payment",
        "operations",
        "to_individual",
        "incidental",
        "authorization",
        "national_security",
        "correctional_custody",
        "limited_data_set",
        "involvement_in_care",
        "required_by_law",
        "judicial",
        "law_enforcement",
        "public_health",
        "health_oversight",
        "abuse_neglect",
        "decedent",
        "organ_donation",
        "research",
        "serious_threat",
        "workers_compensation",
        "impermissible",
    ];
    let every_basis: Vec<Value> = BASES
        .iter()
        .enumerate()
        .map(|(i, basis)| {
            json!({ "id": format!("b{i}"), "on": "2024-03-01", "recipient": " county SHERIFF ",
                    "description": "Claims", "purpose": "Records", "basis": basis })
        })
        .collect();
    let mut all = accounting_example();
    all["disclosures"] = Value::Array(every_basis);
    all["suspensions"] =
        json!([ { "recipient": "County Sheriff", "from": "2025-05-01", "to": "2025-07-01" } ]);
    all["previous_accounting_on"] = Value::Null;
    vec![accounting_example(), all]
}

fn letter_example() -> Value {
    json!({
      "letter": "amendment_response",
      "dated": "2025-03-10",
      "organization": {
        "name": "Sample County", "plan_name": "Sample County Group Health Plan",
        "department": "Human Resources Department",
        "address": ["1840 25th Street", "Vero Beach, FL 32960"],
        "phone": "772-567-8000 ext. 1448", "fax": "772-770-5004",
        "privacy_official": { "name": "Pat Official", "title": "Benefits/Payroll Administrator" }
      },
      "recipient": { "name": "Jane Q. Participant", "address": ["12 Palm Ave", "Vero Beach, FL 32960"] },
      "received_on": "2025-03-03",
      "outcome": { "grant": { "notify": [ { "name": "Dr. Alan Smith", "address": ["40 Main St"] } ] } }
    })
}

/// Scalars worth trying anywhere: wrong types, edge numbers, odd dates and texts.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(json!(u64::MAX)),
        Just(json!(-1)),
        Just(json!(0)),
        prop_oneof![
            Just("2025-02-29"),
            Just("2024-02-29"),
            Just("9999-12-31"),
            Just("0000-01-01"),
            Just("-262144-01-01"),
            Just("2025-13-01"),
            Just(""),
            Just("   "),
            Just("access"),
            Just("employment_ends"),
            Just("dependent"),
            Just("retiree"),
            Just("involvement_in_care"),
            Just("impermissible"),
            Just("health_oversight"),
            Just("law_enforcement"),
            Just(" County Sheriff "),
            Just("\u{0}"),
            Just("\u{202e}é漢字"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
        ".{0,40}".prop_map(Value::String),
    ]
}

/// Any JSON document, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path (object keys and array indexes) inside `v`, the root included.
fn paths(v: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let mut p = here.clone();
                p.push(k.clone());
                paths(child, p, out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                let mut p = here.clone();
                p.push(i.to_string());
                paths(child, p, out);
            }
        }
        _ => {}
    }
}

fn at_path<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut cur = v;
    for part in path {
        cur = match cur {
            Value::Object(m) => m.get_mut(part)?,
            Value::Array(a) => a.get_mut(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(Value),
    Remove,
    AddKey(String, Value),
}

fn edit() -> impl Strategy<Value = (prop::sample::Index, Edit)> {
    (
        any::<prop::sample::Index>(),
        prop_oneof![
            3 => any_json().prop_map(Edit::Replace),
            2 => scalar().prop_map(Edit::Replace),
            2 => Just(Edit::Remove),
            1 => ("[a-z_]{1,10}", scalar()).prop_map(|(k, v)| Edit::AddKey(k, v)),
        ],
    )
}

/// A valid document with one to three fields replaced, removed or added.
fn mutated(base: Value) -> impl Strategy<Value = String> {
    prop::collection::vec(edit(), 1..4).prop_map(move |edits| {
        let mut doc = base.clone();
        for (index, e) in edits {
            let mut all = Vec::new();
            paths(&doc, Vec::new(), &mut all);
            let path = index.get(&all).clone();
            match e {
                Edit::Replace(v) => {
                    if let Some(slot) = at_path(&mut doc, &path) {
                        *slot = v;
                    }
                }
                Edit::Remove => {
                    if let Some((last, parent)) = path.split_last() {
                        match at_path(&mut doc, parent) {
                            Some(Value::Object(m)) => {
                                m.remove(last);
                            }
                            Some(Value::Array(a)) => {
                                if let Ok(i) = last.parse::<usize>() {
                                    if i < a.len() {
                                        a.remove(i);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Edit::AddKey(k, v) => {
                    if let Some(Value::Object(m)) = at_path(&mut doc, &path) {
                        m.insert(k, v);
                    }
                }
            }
        }
        doc.to_string()
    })
}

/// The valid document cut short, or with text after it, or plain arbitrary text.
fn text_of(base: Value) -> impl Strategy<Value = String> {
    let full = base.to_string();
    let cut = full.clone();
    prop_oneof![
        any::<prop::sample::Index>().prop_map(move |i| {
            let n = i.index(cut.len() + 1);
            cut.char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(cut.len()))
                .rfind(|b| *b <= n)
                .map_or(String::new(), |b| cut[..b].to_owned())
        }),
        ".{0,12}".prop_map(move |tail| format!("{full}{tail}")),
        ".{0,200}",
    ]
}

fn documents(base: Value) -> impl Strategy<Value = String> {
    prop_oneof![
        5 => mutated(base.clone()),
        2 => any_json().prop_map(|v| v.to_string()),
        2 => text_of(base),
    ]
}

/// [`documents`] from any of several valid documents.
fn documents_of(bases: Vec<Value>) -> impl Strategy<Value = String> {
    prop::sample::select(bases).prop_flat_map(documents)
}

/// Run `decode` over [`CASES`] inputs; a refusal must name a field. Returns (accepted, refused).
fn fuzz<E: std::fmt::Display>(
    what: &str,
    bases: Vec<Value>,
    decode: impl Fn(&str) -> Result<(), (String, E)>,
) -> (usize, usize) {
    let accepted = AtomicUsize::new(0);
    let refused = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&documents_of(bases), |text| {
        match decode(&text) {
            Ok(()) => {
                accepted.fetch_add(1, Ordering::Relaxed);
            }
            Err((field, e)) => {
                refused.fetch_add(1, Ordering::Relaxed);
                prop_assert!(
                    !field.trim().is_empty(),
                    "{what}: the refusal names no field: {e} (input {text:?})"
                );
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{what}: {e}");
    }
    let (a, r) = (accepted.into_inner(), refused.into_inner());
    eprintln!(
        "fuzz {what}: {} inputs, {a} accepted, {r} refused, 0 panics",
        a + r
    );
    assert_eq!(a + r, CASES as usize, "{what}: every input was tried");
    assert!(
        a > 0 && r > 0,
        "{what}: both outcomes were reached ({a} accepted, {r} refused)"
    );
    (a, r)
}

fn by_field(e: crate::check::FieldError) -> (String, crate::check::FieldError) {
    (e.field.clone(), e)
}

#[test]
fn check_authorization_decoder_never_panics_and_names_the_field() {
    fuzz("check authorization", authorization_examples(), |t| {
        crate::check::check_authorization(t)
            .map(drop)
            .map_err(by_field)
    });
}

#[test]
fn check_deadline_decoder_never_panics_and_names_the_field() {
    fuzz("check deadline", deadline_examples(), |t| {
        crate::check::check_deadline(t).map(drop).map_err(by_field)
    });
}

#[test]
fn check_accounting_decoder_never_panics_and_names_the_field() {
    fuzz("check accounting", accounting_examples(), |t| {
        crate::check::check_accounting(t)
            .map(drop)
            .map_err(by_field)
    });
}

#[test]
fn letter_render_decoder_never_panics_and_names_the_field() {
    fuzz("letter render", vec![letter_example()], |t| {
        crate::letter::decode(t)
            .map(drop)
            .map_err(|e| (e.field.clone(), e))
    });
}

/// The documents the fuzzing starts from are usable, so it mutates real revision 2 inputs
/// (a dependent, every basis, a suspension across case and white space) rather than refusals.
#[test]
fn every_fuzzing_start_is_a_usable_document() {
    for doc in authorization_examples() {
        let answer = crate::check::check_authorization(&doc.to_string());
        assert!(answer.is_ok(), "{doc}: {:?}", answer.err());
    }
    for doc in deadline_examples() {
        let answer = crate::check::check_deadline(&doc.to_string());
        assert!(answer.is_ok(), "{doc}: {:?}", answer.err());
    }
    for doc in accounting_examples() {
        let answer = crate::check::check_accounting(&doc.to_string());
        assert!(answer.is_ok(), "{doc}: {:?}", answer.err());
    }
}

/// A key that is empty or only white space, anywhere, is refused naming a real field (the
/// object holding it, or `input`), never the blank key itself: coverage-guided fuzzing
/// (`fuzz/`) found `{"  ": …}` refused on the field "  ".
#[test]
fn a_blank_key_is_refused_naming_a_field() {
    let with_key = |mut doc: Value, path: &[&str], key: &str| {
        let mut at = &mut doc;
        for part in path {
            at = &mut at[*part];
        }
        at[key] = json!(1);
        doc.to_string()
    };
    type Decoder = fn(&str) -> Option<String>;
    let decoders: [(&str, Value, &[&str], Decoder); 4] = [
        (
            "check authorization",
            authorization_example(),
            &["signer"],
            |t| crate::check::check_authorization(t).err().map(|e| e.field),
        ),
        ("check deadline", deadline_example(), &[], |t| {
            crate::check::check_deadline(t).err().map(|e| e.field)
        }),
        ("check accounting", accounting_example(), &["period"], |t| {
            crate::check::check_accounting(t).err().map(|e| e.field)
        }),
        (
            "letter render",
            letter_example(),
            &["organization", "privacy_official"],
            |t| crate::letter::decode(t).err().map(|e| e.field),
        ),
    ];
    for (what, example, nested, decode) in decoders {
        for key in ["", " ", "  ", "\t"] {
            for (path, expected) in [(&[][..], "input"), (nested, &nested.join(".")[..])] {
                let expected = if expected.is_empty() {
                    "input"
                } else {
                    expected
                };
                let text = with_key(example.clone(), path, key);
                let field = decode(&text).unwrap_or_else(|| panic!("{what}: {text} is refused"));
                assert_eq!(field, expected, "{what}: key {key:?} at {path:?}");
            }
        }
    }
}
