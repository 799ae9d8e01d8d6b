//! Records Desk desktop app: command-line options, the app state, and the command table.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod progress;
mod session;

use std::path::PathBuf;
use std::time::Duration;

use session::Desk;

/// `--db PATH` opens another database; `--idle-seconds N` locks sooner than the setting.
struct Options {
    db: Option<PathBuf>,
    idle_cap: Option<Duration>,
}

fn parse_options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        db: None,
        idle_cap: None,
    };
    let mut args = args.skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => options.db = Some(args.next().ok_or("--db needs a path")?.into()),
            "--idle-seconds" => {
                let n: u64 = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--idle-seconds needs a whole number of seconds above 0")?;
                options.idle_cap = Some(Duration::from_secs(n));
            }
            other => {
                return Err(format!(
                    "unknown option {other}; use --db PATH or --idle-seconds N"
                ))
            }
        }
    }
    Ok(options)
}

fn main() {
    let options = match parse_options(std::env::args()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("records-desk-app: {e}");
            std::process::exit(2);
        }
    };
    let db_path = match options.db.or_else(desk_store::default_db_path) {
        Some(p) => p,
        None => {
            eprintln!("records-desk-app: no data directory for the database; pass --db PATH");
            std::process::exit(2);
        }
    };

    let result = tauri::Builder::default()
        .manage(Desk::new(db_path, options.idle_cap))
        .setup(|app| {
            session::spawn_idle_watch(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::setup::app_status,
            commands::setup::setup_create,
            commands::setup::setup_recovery_sheet,
            commands::session::session_sign_in,
            commands::session::session_lock,
            commands::session::session_sign_out,
            commands::session::session_touch,
            commands::session::integrity_status,
            commands::participant::dashboard_get,
            commands::participant::participant_search,
            commands::participant::participant_get,
            commands::participant::participant_add,
            commands::participant::participant_form,
            commands::participant::participant_edit,
            commands::request::verification_check,
            commands::request::request_intake,
            commands::request::request_get,
            commands::request::request_form_pdf,
            commands::request::case_file_pdf,
            commands::request::request_form_signed,
            commands::request::request_end,
            commands::request::request_note,
            commands::request::case_search,
            commands::referral::referral_list,
            commands::referral::request_verify,
            commands::referral::referral_refuse,
            commands::referral::referral_county_attorney,
            commands::referral::written_request_letter,
            commands::referral::written_request_received,
            commands::decision::decision_record,
            commands::decision::approval_list,
            commands::decision::decision_approve,
            commands::decision::decision_return,
            commands::decision::review_request,
            commands::decision::review_complete,
            commands::decision::dispute_record,
            commands::letter::letter_create,
            commands::letter::letter_pdf,
            commands::letter::letter_save,
            commands::letter::letter_mark_sent,
            commands::print::print_window,
            commands::draft::draft_load,
            commands::draft::draft_save,
            commands::draft::draft_discard,
            commands::settings::settings_get,
            commands::settings::password_change_own,
            commands::settings::settings_save_organization,
            commands::settings::settings_save_idle,
            commands::settings::settings_save_signature,
            commands::settings::user_list,
            commands::settings::user_add,
            commands::settings::user_set_role,
            commands::registers::restriction_decide,
            commands::registers::restriction_list,
            commands::registers::restriction_end,
            commands::registers::disclosure_conflicts,
            commands::logbook::disclosure_record_checked,
            commands::settings::user_deactivate,
            commands::settings::user_reactivate,
            commands::recovery::recovery_reset_password,
            commands::recovery::recovery_new_code,
            commands::logbook::logbook_get,
            commands::logbook::disclosure_reviews_pending,
            commands::logbook::disclosure_review,
            commands::logbook::authorization_check,
            commands::logbook::authorization_record,
            commands::logbook::authorization_revoke,
            commands::logbook::authorization_form_pdf,
            commands::logbook::suspension_record,
            commands::logbook::suspension_confirm,
            commands::logbook::accounting_get,
            commands::logbook::accounting_set_period,
            commands::logbook::accounting_fee_notice,
            commands::logbook::accounting_withdraw,
            commands::logbook::accounting_letter,
            commands::logbook::accounting_extend,
            commands::associate_accounting::associate_accounting_get,
            commands::associate_accounting::associate_accounting_ask,
            commands::associate_accounting::associate_reply_record,
            commands::associate_accounting::associate_log_columns,
            commands::associate_accounting::associate_log_import,
            commands::registers::communication_decide,
            commands::registers::communication_end,
            commands::registers::complaint_log,
            commands::registers::complaint_list,
            commands::registers::complaint_acknowledge,
            commands::registers::complaint_close,
            commands::report::report_get,
            commands::report::report_pdf,
            commands::audit::audit_trail,
            commands::audit::audit_trail_pdf,
            commands::backup::backup_status,
            commands::backup::backup_create,
            commands::backup::backup_list,
            commands::backup::backup_restore,
            commands::settings::settings_save_backup_reminder,
            commands::associates::associate_register,
            commands::associates::associate_add,
            commands::associates::associate_correct,
            commands::associates::associate_end,
            commands::associates::associate_forward,
            commands::associates::associate_reply,
            commands::incident::incident_associates,
            commands::incident::incident_log,
            commands::incident::incident_list,
            commands::incident::incident_get,
            commands::incident::incident_correct,
            commands::incident::incident_add_participants,
            commands::incident::incident_assess,
            commands::incident::incident_decide,
            commands::incident::incident_letters,
            commands::incident::incident_out_of_date,
            commands::incident::incident_substitute,
            commands::incident::incident_action,
            commands::incident::incident_annual_log,
            commands::incident::incident_annual_log_save,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("records-desk-app: could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        parse_options(
            std::iter::once("records-desk-app")
                .chain(args.iter().copied())
                .map(String::from),
        )
    }

    #[test]
    fn the_database_and_the_idle_cap_come_from_the_command_line() {
        let o = parse(&["--db", "/tmp/x/records.db", "--idle-seconds", "5"]).expect("valid");
        assert_eq!(o.db, Some(PathBuf::from("/tmp/x/records.db")));
        assert_eq!(o.idle_cap, Some(Duration::from_secs(5)));
        let none = parse(&[]).expect("no options");
        assert!(
            none.db.is_none() && none.idle_cap.is_none(),
            "defaults apply"
        );
    }

    #[test]
    fn a_bad_option_is_refused_with_what_is_expected() {
        for (args, says) in [
            (&["--idle-seconds", "0"][..], "above 0"),
            (&["--idle-seconds", "soon"][..], "whole number"),
            (&["--db"][..], "needs a path"),
            (&["--verbose"][..], "unknown option --verbose"),
        ] {
            let e = parse(args).err().unwrap_or_default();
            assert!(
                e.contains(says),
                "{args:?} must be refused saying {says:?}, said {e:?}"
            );
        }
    }
}
