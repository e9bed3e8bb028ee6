//! Re-saves a model file in the current format (for a version 1 file: with
//! the checksum it lacks), without retraining: the weights, vocabulary and
//! training record are kept as they are.
//!
//! ```text
//! cargo run --example resave_model -- models/stance.json [OUT]
//! ```

use std::path::PathBuf;

use clap::Parser;
use quotestance::StanceModel;

/// Re-saves a model file in the current format.
#[derive(Parser)]
struct Args {
    /// The model file to read.
    model: PathBuf,
    /// Where to write it [default: over MODEL].
    out: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let output = args.out.unwrap_or_else(|| args.model.clone());
    let model = StanceModel::load(&args.model)?;
    model.save(&output)?;
    eprintln!("resave_model: wrote {}", output.display());
    Ok(())
}
