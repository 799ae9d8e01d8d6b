//! Printing: the window's printable part (the PDF preview's pages, by the print style sheet)
//! through the system's print dialog: WebKitGTK's print operation, set up for US Letter and
//! modal over the app's window. The pages go from the webview to the print system: no file is
//! written for it.

use tauri::{State, WebviewWindow};

use crate::error::{ApiError, ErrorCode, Result};
use crate::session::Desk;

/// Open the system's print dialog for what the window shows. When it shows a stored letter
/// (`letter_id`), the print is recorded in the audit log first.
#[tauri::command]
pub fn print_window(
    window: WebviewWindow,
    desk: State<'_, Desk>,
    letter_id: Option<i64>,
) -> Result<()> {
    if let Some(id) = letter_id {
        desk.with_store(|s| desk_office::letter::record_print(s, id))?;
    }
    #[cfg(target_os = "linux")]
    let opened = window.with_webview(open_dialog);
    #[cfg(not(target_os = "linux"))]
    let opened = window.print();
    opened.map_err(|_| {
        ApiError::new(
            ErrorCode::Internal,
            "The print dialog could not be opened. Save the PDF and print it from there.",
        )
    })
}

#[cfg(target_os = "linux")]
fn open_dialog(webview: tauri::webview::PlatformWebview) {
    use gtk::prelude::{Cast, WidgetExt};
    use webkit2gtk::PrintOperationExt;

    let view = webview.inner();
    let operation = webkit2gtk::PrintOperation::new(&view);
    let setup = gtk::PageSetup::new();
    setup.set_paper_size(&gtk::PaperSize::new(Some(gtk::PAPER_NAME_LETTER)));
    // Each preview page is a whole letter page already (margins included): print edge to edge.
    setup.set_top_margin(0.0, gtk::Unit::Points);
    setup.set_bottom_margin(0.0, gtk::Unit::Points);
    setup.set_left_margin(0.0, gtk::Unit::Points);
    setup.set_right_margin(0.0, gtk::Unit::Points);
    operation.set_page_setup(&setup);
    let parent = view
        .toplevel()
        .and_then(|w| w.downcast::<gtk::Window>().ok());
    operation.run_dialog(parent.as_ref());
}
