//! Progress of long work told to the webview beside the work, never in its way.

use std::sync::mpsc::RecvTimeoutError;

use tauri::{AppHandle, Emitter};

/// The webview is told progress at most this often: each time it redraws the bar, the web
/// process takes CPU the backup's page checks need.
const TELL_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// `work`, its progress told to the webview as `event` from a thread of its own: the work never
/// waits on the window to take it, and the webview is told the newest at most every
/// [`TELL_EVERY`]. The last progress is told before `work`'s outcome returns.
pub fn told_beside<P, T>(
    app: &AppHandle,
    event: &'static str,
    work: impl FnOnce(&mut dyn FnMut(P)) -> T,
) -> T
where
    P: serde::Serialize + Clone + Send + 'static,
{
    let (tell, told) = std::sync::mpsc::channel::<P>();
    let app = app.clone();
    let teller = std::thread::spawn(move || {
        while let Ok(first) = told.recv() {
            let (mut newest, since) = (first, std::time::Instant::now());
            loop {
                match told.recv_timeout(TELL_EVERY.saturating_sub(since.elapsed())) {
                    Ok(p) => newest = p,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => {
                        let _ = app.emit(event, newest);
                        return;
                    }
                }
            }
            let _ = app.emit(event, newest);
        }
    });
    let outcome = work(&mut |p| {
        let _ = tell.send(p);
    });
    drop(tell);
    let _ = teller.join();
    outcome
}
