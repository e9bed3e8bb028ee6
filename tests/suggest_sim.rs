//! A small run of the simulated labelling loop on the real dev quotes
//! (`examples/suggest_sim.rs` runs the full one): the loop runs, the pool's
//! accounting is exact, the test pages never reach training, and both curves
//! are printed. It does not assert that suggested beats random: see
//! docs/labelling.md for what the full simulation measured.

use std::collections::BTreeSet;
use std::path::Path;

use quotestance::advanced::data::read_labelled;
use quotestance::advanced::suggest::sim::{simulate, Curve, SimConfig};
use quotestance::StanceParams;

const REAL: &str = "../shared/dev/quotes.jsonl";

fn check_curve(c: &Curve, pool: &[usize], rounds: usize, batch: usize) {
    assert_eq!(c.points.len(), rounds + 1, "{}", c.arm);
    for (r, p) in c.points.iter().enumerate() {
        assert_eq!(p.added, r * batch, "{}", c.arm);
        assert_eq!(p.added + p.pool_left, pool.len(), "{}", c.arm);
        assert!((0.0..=1.0).contains(&p.mean_f_avg), "{}", c.arm);
        assert_eq!(p.f_avg.len(), 3, "{}: every target scored", c.arm);
        let mean = p.f_avg.values().sum::<f64>() / 3.0;
        assert!((mean - p.mean_f_avg).abs() < 1e-12);
    }
    assert_eq!(c.added.len(), rounds * batch, "{}", c.arm);
    let distinct: BTreeSet<usize> = c.added.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        c.added.len(),
        "{}: a quote added twice",
        c.arm
    );
    let pool: BTreeSet<usize> = pool.iter().copied().collect();
    assert!(
        distinct.is_subset(&pool),
        "{}: added from outside the pool",
        c.arm
    );
}

#[test]
fn the_simulated_loop_runs_and_accounts_for_every_pool_quote() {
    if !Path::new(REAL).exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{REAL} is missing under CI=true"
        );
        eprintln!("skipping: {REAL} not found");
        return;
    }
    // Every 4th corpus quote and 1,000 features per target keep the debug
    // build's seven fits quick.
    let corpus: Vec<_> = read_labelled("data/quotes.jsonl")
        .unwrap()
        .into_iter()
        .step_by(4)
        .collect();
    let real = read_labelled(REAL).unwrap();
    let labelled: Vec<_> = real.iter().filter(|q| !q.stance.is_empty()).collect();
    assert_eq!(labelled.len(), 274);
    let (rounds, batch) = (2, 15);
    let config = SimConfig {
        rounds,
        batch,
        random_seeds: vec![1, 2],
        params: StanceParams::new()
            .folds(0)
            .alpha(0.1)
            .selected_features(1000),
        ..SimConfig::default()
    };
    let report = simulate(&corpus, &real, &config).unwrap();
    println!("{report}");
    for c in std::iter::once(&report.suggested).chain(&report.random) {
        println!(
            "{}: {:?}",
            c.arm,
            c.points
                .iter()
                .map(|p| format!("{}: {:.1}", p.added, 100.0 * p.mean_f_avg))
                .collect::<Vec<_>>()
        );
    }

    // Test and pool split the labelled quotes, by page.
    let test: BTreeSet<usize> = report.test.iter().copied().collect();
    let pool: BTreeSet<usize> = report.pool.iter().copied().collect();
    assert!(test.is_disjoint(&pool));
    assert_eq!(test.len() + pool.len(), 274);
    assert!(
        test.len() > 50 && pool.len() > 150,
        "{} / {}",
        test.len(),
        pool.len()
    );
    let pages = |s: &BTreeSet<usize>| -> BTreeSet<&str> {
        s.iter()
            .map(|&i| labelled[i].source.as_deref().unwrap())
            .collect()
    };
    assert!(
        pages(&test).is_disjoint(&pages(&pool)),
        "a page on both sides"
    );
    assert_eq!(report.pages, (pages(&test).len(), pages(&pool).len()));

    check_curve(&report.suggested, &report.pool, rounds, batch);
    for c in &report.random {
        check_curve(c, &report.pool, rounds, batch);
        // Every arm starts from the same corpus-only model.
        assert_eq!(c.points[0], report.suggested.points[0]);
    }
    assert_ne!(
        report.random[0].added, report.random[1].added,
        "two seeds, two orders"
    );
    // The suggested arm's first batch is what `suggest` ranks first under
    // the corpus-only model, not the pool's first quotes.
    assert_ne!(report.suggested.added[..batch], report.pool[..batch]);
    // Adding real quotes changes the model: some arm's score moves.
    let moved = std::iter::once(&report.suggested)
        .chain(&report.random)
        .any(|c| c.points[rounds].mean_f_avg != c.points[0].mean_f_avg);
    assert!(moved);
}
