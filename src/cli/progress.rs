//! A progress bar on standard error for long runs only, and only when
//! standard error is a terminal.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs shorter than this never show a bar.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Whether standard error is a terminal.
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// A progress display that appears once a run has lasted [`SHOW_AFTER`].
pub struct Progress {
    enabled: bool,
    total_bytes: Option<u64>,
    start: Instant,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A display for an input of `total_bytes` (a bar) or of unknown size (a
    /// counter); `enabled` false shows nothing.
    pub fn new(enabled: bool, total_bytes: Option<u64>) -> Self {
        Progress {
            enabled,
            total_bytes,
            start: Instant::now(),
            bar: None,
        }
    }

    /// Records `lines` lines and `bytes` bytes done.
    pub fn update(&mut self, lines: u64, bytes: u64) {
        if !self.enabled {
            return;
        }
        if self.bar.is_none() {
            if self.start.elapsed() < SHOW_AFTER {
                return;
            }
            self.bar = Some(self.make_bar());
        }
        if let Some(bar) = &self.bar {
            if self.total_bytes.is_some() {
                bar.set_position(bytes);
            } else {
                bar.set_position(lines);
            }
            bar.set_message(format!("{lines} lines"));
        }
    }

    fn make_bar(&self) -> ProgressBar {
        let bar = match self.total_bytes {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {bytes}/{total_bytes} {msg} ({bytes_per_sec}, {eta} left)",
                    )
                    .expect("a valid template"),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {msg} ({per_sec})")
                    .expect("a valid template"),
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    }

    /// Runs `f` (which prints to standard error) without garbling the bar.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// A spinner with a message for a task of unknown length (training), shown
/// only when `enabled`.
pub fn spinner(enabled: bool, message: &str) -> Option<ProgressBar> {
    if !enabled {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("a valid template"),
    );
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}
