//! A suggestion's reason, in words.

use super::{Doubt, NearDuplicate, SuggestParams, Uncertainty};

pub(super) fn reason_text(
    rank: usize,
    d: &Doubt,
    names: &[&str],
    similarity: f64,
    most_similar_to: Option<&str>,
    dups: &[NearDuplicate],
    params: &SuggestParams,
) -> String {
    let p = &d.probabilities;
    let mut out = format!(
        "{}: {} {:.2} vs {} {:.2} (margin {:.2}; favor {:.2}, against {:.2}, none {:.2}), {} uncertainty {:.2}",
        names[d.target],
        d.top,
        p.get(d.top),
        d.second,
        p.get(d.second),
        d.margin,
        p.favor,
        p.against,
        p.none,
        match params.uncertainty {
            Uncertainty::Margin => "margin",
            Uncertainty::Entropy => "entropy",
        },
        d.uncertainty
    );
    match most_similar_to {
        Some(other) => out.push_str(&format!(
            "; closest suggestion above: {other} (cosine {similarity:.2})"
        )),
        None if rank == 1 => out.push_str("; the most uncertain of the pool"),
        None => out.push_str("; no n-gram in common with the suggestions above"),
    }
    if !dups.is_empty() {
        let shown: Vec<String> = dups
            .iter()
            .take(5)
            .map(|n| {
                let name = n.id.clone().unwrap_or_else(|| format!("line {}", n.line));
                format!(
                    "{name} (cosine {:.2}, uncertainty {:.2})",
                    n.similarity, n.uncertainty
                )
            })
            .collect();
        let more = dups.len().saturating_sub(5);
        out.push_str(&format!(
            "; picked over {} near duplicate{} left out: {}{}",
            dups.len(),
            if dups.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    out
}
