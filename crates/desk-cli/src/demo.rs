//! `records-desk demo`: a synthetic Sample County database for trying the app. Deterministic
//! (seeded), every name made up, requests in every kind and status around today.

use anyhow::Context;
use chrono::{Days, NaiveDate};
use desk_core::clock;
use desk_core::person::{Channel, EmploymentStatus, Relationship, RequesterRole, Role};
use desk_core::request::{RequestKind, RequestStatus};
use desk_core::Sensitive;
use desk_store::{Address, NewDependent, NewParticipant, NewRequest, NewUser, Roster, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::session::{self, DbArg};

/// The demo's accounts. Published on purpose: the demo holds no real data.
pub const DEMO_OFFICIAL: (&str, &str) = ("official", "demo-official-pass");
pub const DEMO_STAFF: (&str, &str) = ("staff", "demo-staff-pass");

/// Create a demo database with synthetic participants, dependents and requests. Accounts:
/// `official` / `demo-official-pass` (Privacy Official) and `staff` / `demo-staff-pass`.
#[derive(clap::Args)]
pub struct DemoArgs {
    #[command(flatten)]
    db: DbArg,
    /// Seed for the generator: the same seed and date give the same people and requests.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// "Today" for the request dates (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    today: Option<NaiveDate>,
    /// How many employees and retirees (dependents come on top).
    #[arg(long, default_value_t = 240)]
    employees: usize,
}

/// Made-up names (not drawn from any real roster).
pub const FIRST_NAMES: [&str; 32] = [
    "Avery", "Briar", "Calla", "Dorian", "Elowen", "Fenwick", "Greer", "Halden", "Isolde", "Jory",
    "Kestrel", "Linnea", "Marlow", "Nerissa", "Osric", "Perpetua", "Quentin", "Rosalind", "Soren",
    "Tamsin", "Ulric", "Verity", "Wystan", "Xanthe", "Yardley", "Zinnia", "Ambrose", "Bettany",
    "Cosimo", "Delphine", "Evander", "Florian",
];
pub const LAST_NAMES: [&str; 32] = [
    "Ashgrove",
    "Brindlecombe",
    "Copperwick",
    "Dunmore",
    "Eldervale",
    "Fairbrook",
    "Gallowglass",
    "Hollowell",
    "Ivybridge",
    "Juniperson",
    "Kettleburn",
    "Larkspur",
    "Mossgiel",
    "Nettlefold",
    "Oakhurst",
    "Pennyroyal",
    "Quarrington",
    "Rookwood",
    "Saltmarsh",
    "Thornbury",
    "Underhay",
    "Vantreight",
    "Wrenfield",
    "Yarborough",
    "Zellweger",
    "Applethwaite",
    "Blackthorne",
    "Cindervale",
    "Drummondby",
    "Emberley",
    "Foxcombe",
    "Greywater",
];
const STREETS: [&str; 8] = [
    "Palm Avenue",
    "Indian River Drive",
    "Mangrove Lane",
    "Heron Court",
    "Citrus Boulevard",
    "Seagrape Way",
    "Pelican Road",
    "Sabal Street",
];

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn days_before(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(day)
}

fn days_after(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(day)
}

fn birth_date(rng: &mut StdRng, from_year: i32, to_year: i32) -> NaiveDate {
    ymd(
        rng.gen_range(from_year..=to_year),
        rng.gen_range(1..=12),
        rng.gen_range(1..=28),
    )
}

/// The due date desk-core's clock gives a request kind (`None`: answered "promptly").
fn due_on(kind: RequestKind, received_on: NaiveDate) -> Option<NaiveDate> {
    clock::Right::of_kind(kind).and_then(|right| clock::due_on(right, received_on).ok())
}

/// Every status a request can be in.
const STATUSES: [RequestStatus; 10] = [
    RequestStatus::Received,
    RequestStatus::Verified,
    RequestStatus::InReview,
    RequestStatus::Extended,
    RequestStatus::PendingApproval,
    RequestStatus::Decided,
    RequestStatus::LetterSent,
    RequestStatus::UnderReview,
    RequestStatus::Closed,
    RequestStatus::Withdrawn,
];

fn person(rng: &mut StdRng, last: &str, born: NaiveDate, address: &Address) -> NewParticipant {
    NewParticipant {
        employee_id: None,
        last_name: last.to_owned(),
        first_name: FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())].to_owned(),
        date_of_birth: born,
        address: address.clone(),
        phone: format!(
            "555-01{:02}-{:04}",
            rng.gen_range(0..100),
            rng.gen_range(0..10000)
        ),
        employment: None,
        ssn_last4: Some(Sensitive::new(format!("{:04}", rng.gen_range(0..10000)))),
        ssn: None,
    }
}

/// Build the synthetic roster: employees and retirees, spouses and children (some minors).
fn roster(rng: &mut StdRng, employees: usize, today: NaiveDate) -> Roster {
    let mut roster = Roster::default();
    for i in 0..employees {
        let last = LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())];
        let address = Address {
            line1: format!(
                "{} {}",
                rng.gen_range(100..9999),
                STREETS[rng.gen_range(0..STREETS.len())]
            ),
            line2: if rng.gen_bool(0.15) {
                format!("Apt {}", rng.gen_range(1..40))
            } else {
                String::new()
            },
            city: "Sampleton".into(),
            state: "FL".into(),
            zip: format!("3296{}", rng.gen_range(0..10)),
        };
        let roll: f64 = rng.gen();
        let (born, employment) = if roll < 0.75 {
            (birth_date(rng, 1962, 2003), EmploymentStatus::Active)
        } else if roll < 0.87 {
            let on = days_before(today, rng.gen_range(30..1800));
            (
                birth_date(rng, 1960, 1998),
                EmploymentStatus::Terminated { on },
            )
        } else {
            let since = days_before(today, rng.gen_range(60..5000));
            (
                birth_date(rng, 1945, 1962),
                EmploymentStatus::Retiree { since: Some(since) },
            )
        };
        let employee_id = format!("SC{:05}", 10000 + i);
        let mut e = person(rng, last, born, &address);
        e.employee_id = Some(employee_id.clone());
        e.employment = Some(employment);
        let parent_year = e
            .date_of_birth
            .format("%Y")
            .to_string()
            .parse()
            .unwrap_or(1980);
        roster.employees.push(e);

        if rng.gen_bool(0.35) {
            let spouse_born = birth_date(rng, parent_year - 4, parent_year + 4);
            roster.dependents.push(NewDependent {
                person: person(rng, last, spouse_born, &address),
                dependent_of: employee_id.clone(),
                relationship: Relationship::Spouse,
            });
        }
        let this_year: i32 = today.format("%Y").to_string().parse().unwrap_or(2025);
        if parent_year < this_year - 20 {
            for _ in 0..rng.gen_range(0..=2) {
                let lo = (parent_year + 20).min(this_year - 1);
                let hi = (parent_year + 40).min(this_year - 1);
                let born = birth_date(rng, lo, hi.max(lo));
                let mut child = person(rng, last, born, &address);
                child.ssn_last4 = None;
                roster.dependents.push(NewDependent {
                    person: child,
                    dependent_of: employee_id.clone(),
                    relationship: Relationship::Child,
                });
            }
        }
    }
    roster
}

pub fn run(args: DemoArgs) -> anyhow::Result<()> {
    let path = args.db.path()?;
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut rng = StdRng::seed_from_u64(args.seed);

    let (mut store, code) = Store::create(
        &path,
        &session::default_organization()?,
        DEMO_OFFICIAL.0,
        "Pat Official",
        &Sensitive::new(DEMO_OFFICIAL.1.to_owned()),
        chrono::Utc::now(),
    )
    .with_context(|| format!("could not create {}", path.display()))?;
    store
        .add_user(&NewUser {
            username: DEMO_STAFF.0.into(),
            display_name: "Sam Staff".into(),
            role: Role::Staff,
            password: Sensitive::new(DEMO_STAFF.1.to_owned()),
        })
        .context("could not add the demo staff account")?;

    let roster = roster(&mut rng, args.employees, today);
    let counts = store
        .import_roster(&roster)
        .context("could not add the demo participants")?;
    let requests = add_requests(&mut store, &roster, &mut rng, today)?;
    let logged = add_logbook(&mut store, today)?;
    store.lock();

    println!("Demo database: {}", path.display());
    println!(
        "{} employees and retirees, {} dependents, {requests} requests (dates around {today}).",
        counts.employees, counts.dependents
    );
    println!("{logged} disclosures in the logbook of employee {LOGBOOK_EMPLOYEE}.");
    println!("Accounts (demo only, published):");
    println!(
        "  {:<10} {:<20} Privacy Official",
        DEMO_OFFICIAL.0, DEMO_OFFICIAL.1
    );
    println!("  {:<10} {:<20} staff", DEMO_STAFF.0, DEMO_STAFF.1);
    println!("Recovery code: {}", code.expose());
    Ok(())
}

/// Requests of every kind in every status; open access requests due soon and overdue.
fn add_requests(
    store: &mut Store,
    roster: &Roster,
    rng: &mut StdRng,
    today: NaiveDate,
) -> anyhow::Result<usize> {
    let kinds = [
        RequestKind::Access,
        RequestKind::Amendment,
        RequestKind::Accounting,
        RequestKind::Restriction,
        RequestKind::ConfidentialCommunication,
        RequestKind::Complaint,
    ];
    let mut adults: Vec<i64> = Vec::new();
    let mut minors: Vec<i64> = Vec::new();
    for e in &roster.employees {
        let Some(employee_id) = e.employee_id.as_deref() else {
            continue;
        };
        for found in store
            .search_participants(&desk_store::ParticipantSearch::EmployeeId(
                employee_id.into(),
            ))
            .context("could not look up a demo participant")?
        {
            adults.push(found.id);
            for d in store
                .dependents_of(found.id)
                .context("could not list dependents")?
            {
                if desk_core::person::is_minor(d.date_of_birth, today) {
                    minors.push(d.id);
                }
            }
        }
    }
    anyhow::ensure!(!adults.is_empty(), "the demo roster is empty");

    let mut n = 0;
    for (k, kind) in kinds.iter().enumerate() {
        for (s, status) in STATUSES.iter().enumerate() {
            // Ages spread from today to ~80 days back, so open ones fall before, near and past
            // their due dates.
            let age = ((k * 7 + s * 9) % 80) as u64;
            let received_on = days_before(today, age);
            let parent_asks = !minors.is_empty() && (k + s) % 7 == 3;
            let (participant_id, requester_role) = if parent_asks {
                (
                    minors[rng.gen_range(0..minors.len())],
                    RequesterRole::Parent,
                )
            } else if (k + s) % 11 == 5 {
                (
                    adults[rng.gen_range(0..adults.len())],
                    RequesterRole::PersonalRepresentative,
                )
            } else {
                (
                    adults[rng.gen_range(0..adults.len())],
                    RequesterRole::Individual,
                )
            };
            let channel = [
                Channel::InPerson,
                Channel::Telephone,
                Channel::Mail,
                Channel::Fax,
            ][(k + s) % 4];
            let due_on = due_on(*kind, received_on);
            let id = store
                .create_request(&NewRequest {
                    kind: *kind,
                    channel,
                    received_on,
                    participant_id,
                    requester_role,
                    requester_id: None,
                    due_on,
                    summary: String::new(),
                })
                .context("could not add a demo request")?;
            let extended = *status == RequestStatus::Extended;
            if let (Some(due), true) = (due_on, extended || (age > 25 && s % 3 == 0)) {
                let noticed = days_after(received_on, 20).min(due).min(today);
                // The lifecycle extends a request only once it is verified.
                store
                    .set_request_status(id, RequestStatus::Verified)
                    .context("could not set a demo request's status")?;
                store
                    .set_request_extension(id, noticed, days_after(due, 30))
                    .context("could not add a demo extension")?;
            }
            if *status != RequestStatus::Received {
                store
                    .set_request_status(id, *status)
                    .context("could not set a demo request's status")?;
            }
            n += 1;
        }
    }
    // A few open access requests on the edge: due in 1–3 days, and 1–3 days overdue.
    for days in [27u64, 28, 29, 31, 32, 33] {
        store
            .create_request(&NewRequest {
                kind: RequestKind::Access,
                channel: Channel::Mail,
                received_on: days_before(today, days),
                participant_id: adults[rng.gen_range(0..adults.len())],
                requester_role: RequesterRole::Individual,
                requester_id: None,
                due_on: due_on(RequestKind::Access, days_before(today, days)),
                summary: String::new(),
            })
            .context("could not add a demo request")?;
        n += 1;
    }
    Ok(n)
}

/// The employee whose disclosure logbook the demo fills in (the roster's first).
pub const LOGBOOK_EMPLOYEE: &str = "SC10000";

/// A disclosure logbook long enough that its accounting runs over more than one page: court
/// and agency disclosures that are accounted for (each its own case number; one repeated to
/// the same agency for the same purpose), among disclosures that never are (payment,
/// treatment, operations, under an authorization) and one from before the six years.
fn add_logbook(store: &mut Store, today: NaiveDate) -> anyhow::Result<usize> {
    let id = store
        .search_participants(&desk_store::ParticipantSearch::EmployeeId(
            LOGBOOK_EMPLOYEE.into(),
        ))
        .context("could not look up the logbook's participant")?
        .first()
        .map(|p| p.id)
        .context("the demo roster has no first employee")?;
    let accounted = [
        (
            desk_core::disclosure::Basis::Judicial,
            "Circuit Court Clerk",
            "Claims records named in subpoena",
        ),
        (
            desk_core::disclosure::Basis::PublicHealth,
            "County Health Department",
            "Immunization claims for case report",
        ),
        (
            desk_core::disclosure::Basis::LawEnforcement,
            "Sampleton Police Department",
            "Enrollment dates for court-ordered warrant",
        ),
        (
            desk_core::disclosure::Basis::WorkersCompensation,
            "State Workers Compensation Bureau",
            "Claims for workplace injury",
        ),
    ];
    let never = [
        (
            desk_core::disclosure::Basis::Payment,
            "Sample Claims Administrator",
            "Claim adjudication file",
        ),
        (
            desk_core::disclosure::Basis::Treatment,
            "Harbor Pharmacy Network",
            "Prescription eligibility",
        ),
        (
            desk_core::disclosure::Basis::Operations,
            "Plan Auditors LLP",
            "Annual plan audit sample",
        ),
    ];
    let mut entries = Vec::new();
    for n in 0..28u64 {
        let (basis, recipient, what) = accounted[(n % 4) as usize];
        entries.push((
            days_before(today, 20 + n * 45),
            basis,
            recipient.to_owned(),
            format!("{what} (case 24-CA-{:03})", 101 + n),
            format!("Request number 24-CA-{:03}", 101 + n),
        ));
    }
    // Repeated: one agency, one purpose, three times.
    for n in 0..3u64 {
        entries.push((
            days_before(today, 100 + n * 30),
            desk_core::disclosure::Basis::HealthOversight,
            "State Health Oversight Office".to_owned(),
            "Claims sample for the plan's compliance review".to_owned(),
            "Quarterly compliance review".to_owned(),
        ));
    }
    for n in 0..12u64 {
        let (basis, recipient, what) = never[(n % 3) as usize];
        entries.push((
            days_before(today, 15 + n * 60),
            basis,
            recipient.to_owned(),
            format!("{what} (batch {})", 700 + n),
            "Plan administration".to_owned(),
        ));
    }
    // Older than six years: never in an accounting asked for now.
    entries.push((
        days_before(today, 6 * 366 + 40),
        desk_core::disclosure::Basis::Judicial,
        "Old County Records Archive".to_owned(),
        "Claims records for an old subpoena".to_owned(),
        "Subpoena of the archive".to_owned(),
    ));
    let n = entries.len();
    for (on, basis, recipient, description, purpose) in entries {
        store
            .record_disclosure(&desk_store::NewDisclosure {
                participant_id: id,
                disclosed_on: on,
                recipient,
                recipient_address: String::new(),
                description,
                purpose,
                basis,
                authorization_id: None,
                written_request: None,
                corrects_id: None,
            })
            .context("could not add a demo disclosure")?;
    }
    Ok(n)
}
