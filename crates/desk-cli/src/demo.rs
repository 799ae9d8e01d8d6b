//! `records-desk demo`: a synthetic Sample County database for trying the app. Deterministic
//! (seeded), every name made up. Every case is made through desk-office's operations, as the
//! app makes it, on the store's clock set to each step's own moment: the database is created about
//! 17 months before today, the roster imported and the paper logbook entered that day, then
//! each case's steps are replayed in date order up to yesterday (see `cases` for the mix).

mod cases;
mod replay;

use anyhow::Context;
use chrono::{Datelike, Days, NaiveDate};
use desk_core::person::{EmploymentStatus, Relationship};
use desk_core::request::RequestStatus;
use desk_core::Sensitive;
use desk_store::{Address, NewDependent, NewParticipant, Roster, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::session::{self, DbArg};
use cases::{Adult, Child, People, Planner};
use replay::{moment, office, Desk, Op, Who};

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
    /// "Today": the cases run over the 18 months before it, the last step the day before
    /// (YYYY-MM-DD; default: today).
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

fn birth_date(rng: &mut StdRng, from_year: i32, to_year: i32) -> NaiveDate {
    ymd(
        rng.gen_range(from_year..=to_year),
        rng.gen_range(1..=12),
        rng.gen_range(1..=28),
    )
}

/// How long before today the demo office started using Records Desk (about 17 months: every
/// case falls inside the 18 months of the report).
const STARTED_DAYS_AGO: u64 = 515;

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

/// Build the synthetic roster: employees and retirees, spouses and children (some minors), as
/// imported on `started` (nobody born after it).
fn roster(rng: &mut StdRng, employees: usize, started: NaiveDate) -> Roster {
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
            let on = days_before(started, rng.gen_range(30..1800));
            (
                birth_date(rng, 1960, 1998),
                EmploymentStatus::Terminated { on },
            )
        } else {
            let since = days_before(started, rng.gen_range(60..5000));
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
        let this_year = started.year();
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
    anyhow::ensure!(
        args.employees >= 10,
        "--employees: give at least 10 (the demo's cases need several participants)"
    );
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut rng = StdRng::seed_from_u64(args.seed);
    let started = days_before(today, STARTED_DAYS_AGO);

    let account = desk_office::setup::FirstOfficial {
        username: DEMO_OFFICIAL.0.into(),
        display_name: "Pat Official".into(),
        password: Sensitive::new(DEMO_OFFICIAL.1.to_owned()),
    };
    let (opened, code) = office(desk_office::demo::create(
        &path,
        &session::default_organization()?,
        &account,
        moment(started, 8 * 60),
    ))
    .with_context(|| format!("could not create {}", path.display()))?;
    let mut official = opened.store;
    office(desk_office::demo::set_clock(
        &mut official,
        moment(started, 8 * 60 + 5),
    ))?;
    office(desk_office::settings::add_user(
        &mut official,
        desk_office::settings::NewUserForm {
            username: DEMO_STAFF.0.into(),
            display_name: "Sam Staff".into(),
            role: desk_office::session::RoleView::Staff,
            password: Sensitive::new(DEMO_STAFF.1.to_owned()),
        },
    ))
    .context("could not add the demo staff account")?;
    // The claims administrator the set-up named: the Privacy Official completes its register
    // entry from the county's administrative services agreement.
    office(desk_office::demo::set_clock(
        &mut official,
        moment(started, 8 * 60 + 7),
    ))?;
    claims_administrator(&mut official, started)?;
    // The county's enrollment export, imported as the office imports it.
    let roster = roster(&mut rng, args.employees, started);
    let export = desk_office::roster::RosterForm {
        csv: office(desk_office::roster::csv_of(&roster))?,
    };
    office(desk_office::demo::set_clock(
        &mut official,
        moment(started, 8 * 60 + 10),
    ))?;
    let counts = match office(desk_office::roster::import(&mut official, &export))
        .context("could not add the demo participants")?
    {
        desk_office::roster::RosterImport::Imported {
            employees,
            dependents,
            ..
        } => (employees, dependents),
        desk_office::roster::RosterImport::Refused { problems } => anyhow::bail!(
            "the demo roster was refused: {}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    // The staff member's own session, beside the Privacy Official's: each does their own steps.
    let staff = office(desk_office::demo::sign_in_beside(
        &official,
        &desk_office::session::SignInForm {
            username: DEMO_STAFF.0.into(),
            password: Sensitive::new(DEMO_STAFF.1.to_owned()),
        },
        moment(started, 8 * 60 + 20),
    ))
    .context("could not sign in as the demo staff account")?
    .store;

    let people = people(&official, &roster)?;
    let mut planner = Planner::new(&mut rng, &people, today);
    planner.plan();
    let logged = plan_logbook(&mut planner, &official, today, started)?;
    let (mut steps, cases) = (planner.steps, planner.cases);
    // Every step of every case in date order (stable: a case's steps keep their order).
    steps.sort_by_key(|s| s.at);
    let end = steps.last().map_or(moment(started, 17 * 60), |s| {
        s.at + chrono::Duration::minutes(10)
    });
    let mut desk = Desk { official, staff };
    replay::run(&mut desk, cases, steps)?;

    let requests = desk
        .official
        .list_requests(&desk_store::RequestFilter::default())
        .context("could not list the demo requests")?;
    let complaints = desk
        .official
        .complaints()
        .context("could not list the demo complaints")?
        .len();
    let answered = requests
        .iter()
        .filter(|r| r.answered_on.is_some() && r.status != RequestStatus::Withdrawn)
        .count();
    let closed = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Closed)
        .count();
    let withdrawn = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Withdrawn)
        .count();
    let waiting: Vec<_> = requests
        .iter()
        .filter(|r| desk_core::lifecycle::waits_for_office(r.status))
        .collect();
    let awaiting = requests
        .iter()
        .filter(|r| r.status == RequestStatus::AwaitingWrittenRequest)
        .count();
    let overdue = waiting
        .iter()
        .filter(|r| r.effective_due_on().is_some_and(|d| d < today))
        .count();
    // Both sign out after the last step.
    for mut store in [desk.staff, desk.official] {
        office(desk_office::demo::set_clock(&mut store, end))?;
        office(desk_office::session::sign_out(store)).context("could not sign out")?;
    }

    outln!("Demo database: {}", path.display());
    outln!(
        "{} employees and retirees, {} dependents, {} requests and {complaints} complaints received over the 18 months to {today}.",
        counts.0,
        counts.1,
        requests.len()
    );
    outln!(
        "{answered} requests answered ({closed} of them closed since), {withdrawn} withdrawn, {} waiting for the office ({overdue} overdue), {awaiting} awaiting a written request.",
        waiting.len()
    );
    outln!("{logged} disclosures in the logbook of employee {LOGBOOK_EMPLOYEE}.");
    outln!("Accounts (demo only, published):");
    outln!(
        "  {:<10} {:<20} Privacy Official",
        DEMO_OFFICIAL.0,
        DEMO_OFFICIAL.1
    );
    outln!("  {:<10} {:<20} staff", DEMO_STAFF.0, DEMO_STAFF.1);
    outln!("Recovery code: {}", code.expose());
    Ok(())
}

/// The roster's employees and retirees as the requests' participants (all but the logbook's
/// employee, whose accounting the app's tests ask for first), and their minor-age children.
fn people(store: &Store, roster: &Roster) -> anyhow::Result<People> {
    let mut people = People::default();
    for e in &roster.employees {
        let Some(employee_id) = e.employee_id.as_deref() else {
            continue;
        };
        if employee_id == LOGBOOK_EMPLOYEE {
            continue;
        }
        let found = office(desk_office::participant::search(store, employee_id))
            .context("could not look up a demo participant")?;
        let Some(p) = found.first() else {
            continue;
        };
        let parent = people.adults.len();
        people.adults.push(Adult {
            id: p.id,
            name: format!("{} {}", e.first_name, e.last_name),
            ssn4: e.ssn_last4.clone(),
            address: e.address.lines(),
        });
        for d in store
            .dependents_of(p.id)
            .context("could not list dependents")?
        {
            if d.dependent_of
                .as_ref()
                .is_some_and(|l| l.relationship == Relationship::Child)
            {
                people.children.push(Child {
                    id: d.id,
                    parent,
                    born: d.date_of_birth,
                });
            }
        }
    }
    anyhow::ensure!(!people.adults.is_empty(), "the demo roster is empty");
    Ok(people)
}

/// The claims administrator of the default profile, as its agreement has it: it holds the
/// plan's claims and mails the claims statements, under an agreement signed four years before
/// the office started using Records Desk, with the addendum's days.
fn claims_administrator(store: &mut Store, started: NaiveDate) -> anyhow::Result<()> {
    let entry = office(desk_office::associate::register(store))?
        .associates
        .into_iter()
        .find(|a| a.name.starts_with("Sample Claims Administrator"))
        .context("the default profile names the claims administrator")?;
    let days = entry.duties;
    office(desk_office::associate::correct(
        store,
        entry.id,
        &desk_office::associate::AssociateForm {
            name: entry.name,
            address: entry.address.join("\n"),
            contact: "Privacy Office".into(),
            holds: vec![
                desk_core::associate::Holding::Claims,
                desk_core::associate::Holding::Mail,
            ],
            agreement_on: ymd(started.year() - 4, 1, 1).format("%Y-%m-%d").to_string(),
            access_days: days.access_days.to_string(),
            amendment_days: days.amendment_days.to_string(),
            accounting_days: days.accounting_days.to_string(),
            incident_days: days.incident_days.to_string(),
            ended_on: String::new(),
        },
    ))
    .context("could not complete the claims administrator's register entry")?;
    Ok(())
}

/// The employee whose disclosure logbook the demo fills in (the roster's first).
pub const LOGBOOK_EMPLOYEE: &str = "SC10000";

/// A disclosure logbook long enough that its accounting runs over more than one page: court
/// and agency disclosures that are accounted for (each its own case number; one repeated to
/// the same agency for the same purpose), among disclosures that never are (payment,
/// treatment, operations) and one from before the six years. Staff record each through
/// `logbook::record_disclosure`: those from before `started` that day (the paper logbook
/// entered), the others on the day they were made.
fn plan_logbook(
    planner: &mut Planner<'_>,
    store: &Store,
    today: NaiveDate,
    started: NaiveDate,
) -> anyhow::Result<usize> {
    let id = office(desk_office::participant::search(store, LOGBOOK_EMPLOYEE))
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
    entries.sort_by_key(|e| e.0);
    let n = entries.len();
    let case = planner.new_case();
    // The minimum-necessary standard: the claims file and the audit sample are routine
    // disclosures on the county's list; court and agency disclosures are reviewed by the
    // Privacy Official on their own, the newest still waiting for her.
    let marking = |basis: desk_core::disclosure::Basis| {
        use desk_core::disclosure::Basis;
        use desk_core::minimum::{MinimumNecessary, RoutineFunction, RoutineRecipient};
        match basis {
            Basis::Payment => Some(MinimumNecessary::Routine {
                recipient: RoutineRecipient::MedicalPlan,
                function: RoutineFunction::ClaimResolution,
            }),
            Basis::Operations => Some(MinimumNecessary::Routine {
                recipient: RoutineRecipient::Auditor,
                function: RoutineFunction::Audit,
            }),
            b if desk_core::minimum::applies(b) => Some(MinimumNecessary::Reviewed),
            _ => None,
        }
    };
    let last_reviewed = entries
        .iter()
        .rposition(|e| desk_core::minimum::needs_review(marking(e.1)));
    for (i, (on, basis, recipient, description, purpose)) in entries.into_iter().enumerate() {
        let (day, minutes) = if on < started {
            (started, 10 * 60 + 3 * i as u32)
        } else {
            (on, 11 * 60 + (i % 60) as u32)
        };
        let minimum_necessary = marking(basis);
        let reviewed = desk_core::minimum::needs_review(minimum_necessary);
        let form = desk_office::logbook::DisclosureCheckForm {
            participant_id: id,
            disclosed_on: on,
            recipient,
            recipient_address: String::new(),
            description,
            purpose,
            basis: desk_office::form::code_of(&basis),
            conflicts_seen: false,
            authorization_id: None,
            written_request: None,
            corrects_id: None,
            minimum_necessary,
            review_note: String::new(),
            information_confirmed: false,
            associate_id: None,
        };
        planner.at_time(case, day, minutes, Who::Staff, Op::Disclose(Box::new(form)));
        if reviewed && Some(i) != last_reviewed {
            planner.at_time(
                case,
                day,
                minutes + 1,
                Who::Official,
                Op::ReviewDisclosure(
                    "Checked against the request: only the records it names were sent.",
                ),
            );
        }
    }
    Ok(n)
}
