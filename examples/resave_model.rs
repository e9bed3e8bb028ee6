//! Re-saves a model file in the current format (for a version 1 file: with
//! the checksum it lacks), without retraining: the weights, vocabulary and
//! training record are kept as they are.
//!
//! ```text
//! cargo run --example resave_model -- models/stance.json [OUT]
//! ```

use anyhow::Context;
use quotestance::StanceModel;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let input = args.next().context("usage: resave_model MODEL [OUT]")?;
    let output = args.next().unwrap_or_else(|| input.clone());
    let model = StanceModel::load(&input)?;
    model.save(&output)?;
    eprintln!("resave_model: wrote {output}");
    Ok(())
}
