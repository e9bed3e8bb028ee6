//! Scores the extractor against the gold attributions of the real-news dev
//! set (`../shared/dev/`: 25 article excerpts nobody on the team wrote).
//!
//! Prints the table per kind (gold, found, exact span, right speaker) and
//! every miss, and asserts floors at what the extractor reaches (floors only
//! go up). The dev README's soft spots are scored leniently (see
//! `tests/common/gold.rs`). Under `CI=true` a missing `../shared` fails.

mod common;

use common::gold;
use quotestance::Extractor;
use quotestance::SpeakerTable;

/// Floors, in per mille: direct+partial found, direct+partial right speaker,
/// indirect right speaker.
const FLOOR_MARKED_FOUND: f64 = 973.0;
const FLOOR_MARKED_SPEAKER: f64 = 973.0;
const FLOOR_INDIRECT_SPEAKER: f64 = 877.0;

#[test]
fn dev_articles_match_the_gold_attributions() -> anyhow::Result<()> {
    let Some(dir) = gold::shared_dir("dev") else {
        println!("SKIPPED: ../shared/dev is absent; the dev scores were not computed");
        return Ok(());
    };
    let run = gold::score(&Extractor::new(SpeakerTable::builtin()), &dir, true)?;
    for m in &run.misses {
        println!("{m}");
    }
    println!("{}", run.table());
    let (f, s, i) = (
        run.marked_found() * 1000.0,
        run.marked_right() * 1000.0,
        run.indirect_right() * 1000.0,
    );
    assert!(f >= FLOOR_MARKED_FOUND, "direct+partial found {f:.0}‰");
    assert!(
        s >= FLOOR_MARKED_SPEAKER,
        "direct+partial right speaker {s:.0}‰"
    );
    assert!(
        i >= FLOOR_INDIRECT_SPEAKER,
        "indirect right speaker {i:.0}‰"
    );
    Ok(())
}
