//! A progress display on standard error for long runs only, and only when
//! standard error is a terminal.
//!
//! The rate is ours, not indicatif's estimate: bytes actually read since
//! the start over the time elapsed (indicatif's estimator, fed one jump per
//! chunk after a second of silence, showed hundreds of GiB/s). The time
//! left is shown only when the input's size is known, from that same rate.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{HumanBytes, HumanDuration, ProgressBar, ProgressDrawTarget, ProgressStyle};

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
    /// What the counted items are (`lines`, `articles`).
    unit: &'static str,
    start: Instant,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A display for an input of `total_bytes` (a bar) or of unknown size (a
    /// counter) whose items are called `unit`; `enabled` false shows
    /// nothing.
    pub fn new(enabled: bool, total_bytes: Option<u64>, unit: &'static str) -> Self {
        Progress {
            enabled,
            total_bytes,
            unit,
            start: Instant::now(),
            bar: None,
        }
    }

    /// Records `items` items and `bytes` bytes read so far.
    pub fn update(&mut self, items: u64, bytes: u64) {
        if !self.enabled {
            return;
        }
        let elapsed = self.start.elapsed();
        if self.bar.is_none() {
            if elapsed < SHOW_AFTER {
                return;
            }
            self.bar = Some(self.make_bar());
        }
        let message = status(items, self.unit, bytes, self.total_bytes, elapsed);
        if let Some(bar) = &self.bar {
            if self.total_bytes.is_some() {
                bar.set_position(bytes);
            }
            bar.set_message(message);
        }
    }

    fn make_bar(&self) -> ProgressBar {
        let (len, template) = match self.total_bytes {
            Some(total) => (Some(total), "{bar:30} {msg}"),
            None => (None, "{spinner} {msg}"),
        };
        let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr())
            .with_style(ProgressStyle::with_template(template).expect("a valid template"));
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

/// `1200 lines, 3.5 MiB/10 MiB, 1.2 MiB/s, 5s left`: the rate is bytes
/// read over time elapsed; the time left appears only with a known total.
pub fn status(items: u64, unit: &str, bytes: u64, total: Option<u64>, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { bytes as f64 / secs } else { 0.0 };
    let mut out = format!("{items} {unit}, {}", HumanBytes(bytes));
    if let Some(total) = total {
        out.push_str(&format!("/{}", HumanBytes(total)));
    }
    out.push_str(&format!(", {}/s", HumanBytes(rate as u64)));
    if let Some(total) = total.filter(|_| rate > 0.0) {
        let left = total.saturating_sub(bytes) as f64 / rate;
        out.push_str(&format!(
            ", {} left",
            HumanDuration(Duration::from_secs_f64(left.min(1e7)))
        ));
    }
    out
}

/// A spinner showing a stage of a task of unknown length (training), shown
/// only when `enabled`; [`Stages::stage`] moves it on.
pub struct Stages {
    bar: Option<ProgressBar>,
}

impl Stages {
    /// A spinner (or nothing when not `enabled`) showing `first`.
    pub fn new(enabled: bool, first: &str) -> Self {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("a valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let stages = Stages { bar };
        stages.stage(first);
        stages
    }

    /// Shows `name` as the current stage.
    pub fn stage(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_owned());
        }
    }

    /// Removes the spinner.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_rates_bytes_read_over_time_and_gives_eta_only_with_a_total() {
        let s = status(
            1000,
            "lines",
            10 << 20,
            Some(40 << 20),
            Duration::from_secs(2),
        );
        assert_eq!(
            s,
            "1000 lines, 10.00 MiB/40.00 MiB, 5.00 MiB/s, 6 seconds left"
        );
        let s = status(1000, "lines", 10 << 20, None, Duration::from_secs(4));
        assert_eq!(s, "1000 lines, 10.00 MiB, 2.50 MiB/s");
    }
}
