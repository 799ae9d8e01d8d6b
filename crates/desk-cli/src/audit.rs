//! `records-desk audit verify`: check every page of the database (recorded in the audit log),
//! then walk the audit chain and every row's signature, naming the rows that fail and whose key
//! would have had to sign them, and (with `--witness`) check the log against a witness.

use anyhow::{bail, Context};
use desk_office::{audit, integrity};
use desk_store::{DatabaseCheck, SignatureProblem, Witness, WitnessCheck};

use crate::session::{self, DbArg, PasswordArg, Passwords};

#[derive(clap::Subcommand)]
pub enum AuditCmd {
    /// Check every page of the database (SQLCipher's HMAC of each page, SQLite's integrity
    /// check; the outcome is recorded in the audit log), then walk the hash chain from the
    /// first row and check every row's signature by the key of whoever wrote it. Exit status 0
    /// when every page, every row and every signature holds (and the log holds the witness,
    /// when one is given); 1 when a page is damaged (restore from the latest backup), when a
    /// row was changed, removed or its link broken (the first broken row named), when a
    /// signature fails (each failing row listed with whose key would have had to sign it), or
    /// when the log was cut short or rewritten before the witness. With --password-stdin: one
    /// line, your password.
    Verify {
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this user.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        /// Check the log against a witness: the chain's head as a letter's footer, a report, or
        /// a backup's trailer printed it, `SEQ:HASH` (the hash in hex).
        #[arg(long, value_name = "SEQ:HASH")]
        witness: Option<String>,
        #[command(flatten)]
        password: PasswordArg,
    },
}

/// At most this many failing rows are printed; the count says how many there are.
const ROWS_SHOWN: usize = 20;

fn problem(p: SignatureProblem) -> &'static str {
    match p {
        SignatureProblem::Missing => "it carries no signature",
        SignatureProblem::Wrong => "its signature does not hold",
        SignatureProblem::NoKey => "no key of theirs was registered before it",
        SignatureProblem::NotARegistration => "it carries a key but registers none",
        _ => "its signature does not hold",
    }
}

pub fn run(cmd: AuditCmd) -> anyhow::Result<()> {
    match cmd {
        AuditCmd::Verify {
            db,
            signer,
            witness,
            password,
        } => {
            let witness: Option<Witness> = witness
                .map(|w| w.parse::<Witness>())
                .transpose()
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut passwords = Passwords::new(password);
            let opened = session::sign_in(&db, &signer, &mut passwords)?;
            let (outcome, view) = integrity::check_now(&opened.store)
                .map_err(session::plain)
                .context("could not check the database")?;
            if outcome == DatabaseCheck::Damaged {
                // The chain may not be readable, and signing out may not be recorded.
                drop(opened);
                bail!(
                    "the database file is damaged: {}",
                    view.advice.unwrap_or_default()
                );
            }
            let check = audit::verify_log(&opened.store, witness.as_ref())
                .map_err(session::plain)
                .context("could not read the audit log")?;
            session::sign_out(opened)?;
            outln!("every page of the database checked: none damaged");
            let rows = check.chain.rows;
            let mut failures = Vec::new();
            match check.chain.broken_at {
                None => outln!("audit log intact: {rows} rows verified"),
                Some(seq) => failures.push(format!(
                    "audit log broken at row {seq} (of {rows}): that row was changed or removed, \
                     or its link to row {} does not hold",
                    seq - 1
                )),
            }
            let s = &check.signatures;
            if s.unsigned_before_signing > 0 {
                outln!(
                    "rows 1 to {} were written before audit rows were signed",
                    s.unsigned_before_signing
                );
            }
            if s.failed == 0 {
                outln!(
                    "signatures hold: {} rows signed by their authors' keys",
                    s.signed
                );
            } else {
                for f in s.failures.iter().take(ROWS_SHOWN) {
                    outln!(
                        "row {}: {}; it must be signed by the key of {}",
                        f.seq,
                        problem(f.problem),
                        f.signer
                    );
                }
                if s.failed as usize > ROWS_SHOWN {
                    outln!("… and {} more rows", s.failed as usize - ROWS_SHOWN);
                }
                let first = &s.failures[0];
                failures.push(format!(
                    "audit log signatures fail on {} rows, the first row {} (the key of {} \
                     would have had to sign it): rows were rewritten by someone without their \
                     authors' keys",
                    s.failed, first.seq, first.signer
                ));
            }
            if s.own_key_registered == Some(false) {
                failures.push(
                    "your signing key is not the one the audit log registered for you: the \
                     log's keys were replaced"
                        .into(),
                );
            }
            if let Some((w, found)) = &check.witness {
                match found {
                    WitnessCheck::Holds => outln!("witness {} holds", w.seq),
                    WitnessCheck::Truncated { last } => failures.push(format!(
                        "audit log cut short before the witness: it ends at row {last}, the \
                         witness saw row {}",
                        w.seq
                    )),
                    _ => failures.push(format!(
                        "audit log rewritten before the witness: row {} no longer has the \
                         witness's hash (it or a row before it was changed)",
                        w.seq
                    )),
                }
            }
            match failures.first() {
                None => Ok(()),
                Some(first) => {
                    for more in &failures[1..] {
                        outln!("{more}");
                    }
                    bail!("{first}")
                }
            }
        }
    }
}
