//! Ctrl-C (SIGINT) and SIGTERM during `train`: before the save they stop
//! the run at once (nothing is written yet); during the save they wait for
//! it to finish, so no temporary file and no half-written model is left,
//! then stop the run. (SIGKILL cannot be caught: it may leave the hidden
//! `.NAME.XXXXXX.tmp` beside the model.)

use std::sync::Mutex;

/// The exit status of a run stopped by a signal (128 + SIGINT).
const INTERRUPTED_STATUS: i32 = 130;

#[derive(Default)]
struct State {
    saving: bool,
    interrupted: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    saving: false,
    interrupted: false,
});

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs the handler (once per process; a second call does nothing).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let mut s = state();
        if s.saving {
            s.interrupted = true;
        } else {
            // The lock is held: a save cannot begin while the process ends.
            say!("quotestance: interrupted");
            std::process::exit(INTERRUPTED_STATUS);
        }
    });
}

/// Runs `save` to its end even when a signal comes meanwhile; then, if one
/// came, stops the run.
pub fn uninterrupted<R>(save: impl FnOnce() -> R) -> R {
    state().saving = true;
    let result = save();
    let mut s = state();
    s.saving = false;
    if s.interrupted {
        say!("quotestance: interrupted (the save was finished first)");
        std::process::exit(INTERRUPTED_STATUS);
    }
    result
}
