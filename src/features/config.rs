//! Every setting of feature extraction, with its defaults (the
//! [`Default`] impl below) and its check.

use serde::{Deserialize, Serialize};

use crate::analysis::AnalyzerConfig;
use crate::error::{Error, Result};

/// Every setting of feature extraction, saved with a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureConfig {
    /// Tokenisation, stemming, negation and token filters.
    pub analyzer: AnalyzerConfig,
    /// Word n-gram orders, inclusive (`None` disables). Default `(1, 3)`.
    pub word_ngrams: Option<(usize, usize)>,
    /// Character n-gram orders, inclusive (`None` disables). Default `(2, 5)`.
    pub char_ngrams: Option<(usize, usize)>,
    /// Keep a term only if at least this many training texts contain it.
    /// Default 2.
    pub min_df: usize,
    /// Drop a term if more than this fraction of training texts contain it.
    /// Default 1.0 (keep all).
    pub max_df: f64,
    /// Keep at most this many terms per n-gram block (words, characters), the
    /// most frequent over the training texts. Default `Some(50_000)`.
    pub max_features: Option<usize>,
    /// Use `1 + ln(tf)` instead of raw term counts. Default `true`.
    pub sublinear_tf: bool,
    /// Smooth idf: `ln((1 + n) / (1 + df)) + 1`; otherwise
    /// `ln(n / df) + 1`. Default `true`.
    pub smooth_idf: bool,
    /// Add speaker features (one-hot speaker id and side). Default `true`:
    /// on the real-quote protocol (`docs/stance.md`) they are the largest
    /// single gain; texts without a speaker get none.
    pub speaker_features: bool,
    /// Value of each active speaker feature. Default 0.5.
    pub speaker_weight: f64,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            analyzer: AnalyzerConfig::default(),
            word_ngrams: Some((1, 3)),
            char_ngrams: Some((2, 5)),
            min_df: 2,
            max_df: 1.0,
            max_features: Some(50_000),
            sublinear_tf: true,
            smooth_idf: true,
            speaker_features: true,
            speaker_weight: 0.5,
        }
    }
}

impl FeatureConfig {
    /// Reads an n-gram range as command lines write it: `LO-HI` (`1-3`), one
    /// order (`2`, the same as `2-2`), or `none` (no n-grams of that kind).
    /// The orders themselves are checked by [`check`](Self::check).
    ///
    /// ```
    /// use quotestance::advanced::features::FeatureConfig;
    ///
    /// assert_eq!(FeatureConfig::parse_ngram_range("1-3")?, Some((1, 3)));
    /// assert_eq!(FeatureConfig::parse_ngram_range("2")?, Some((2, 2)));
    /// assert_eq!(FeatureConfig::parse_ngram_range("none")?, None);
    /// assert!(FeatureConfig::parse_ngram_range("1-x").is_err());
    /// # Ok::<(), quotestance::Error>(())
    /// ```
    pub fn parse_ngram_range(s: &str) -> Result<Option<(usize, usize)>> {
        if s.trim().eq_ignore_ascii_case("none") {
            return Ok(None);
        }
        let (lo, hi) = s.split_once('-').unwrap_or((s, s));
        let num = |x: &str| {
            x.trim().parse::<usize>().map_err(|_| Error::InvalidParam {
                name: "ngram range",
                message: format!("`{s}` is not `LO-HI` (e.g. 1-3), one order or `none`"),
            })
        };
        Ok(Some((num(lo)?, num(hi)?)))
    }

    /// Checks the settings; the error names the offending one.
    pub fn check(&self) -> Result<()> {
        for (name, range) in [
            ("word_ngrams", self.word_ngrams),
            ("char_ngrams", self.char_ngrams),
        ] {
            if let Some((lo, hi)) = range {
                if lo == 0 || lo > hi || hi > 10 {
                    return Err(Error::InvalidParam {
                        name,
                        message: format!("({lo}, {hi}) is not a range 1 <= lo <= hi <= 10"),
                    });
                }
            }
        }
        if self.word_ngrams.is_none() && self.char_ngrams.is_none() {
            return Err(Error::InvalidParam {
                name: "word_ngrams",
                message: "word and character n-grams are both disabled".into(),
            });
        }
        if self.min_df == 0 {
            return Err(Error::InvalidParam {
                name: "min_df",
                message: "must be at least 1".into(),
            });
        }
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::InvalidParam {
                name: "max_df",
                message: format!("{} is not in (0, 1]", self.max_df),
            });
        }
        if self.max_features == Some(0) {
            return Err(Error::InvalidParam {
                name: "max_features",
                message: "must be at least 1".into(),
            });
        }
        if !(self.speaker_weight.is_finite() && self.speaker_weight >= 0.0) {
            return Err(Error::InvalidParam {
                name: "speaker_weight",
                message: format!(
                    "{} is not a finite non-negative number",
                    self.speaker_weight
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_their_check() {
        FeatureConfig::default().check().unwrap();
    }

    #[test]
    fn bad_settings_are_named() {
        let bad = [
            FeatureConfig {
                word_ngrams: Some((2, 1)),
                ..FeatureConfig::default()
            },
            FeatureConfig {
                word_ngrams: None,
                char_ngrams: None,
                ..FeatureConfig::default()
            },
            FeatureConfig {
                min_df: 0,
                ..FeatureConfig::default()
            },
            FeatureConfig {
                max_df: 1.5,
                ..FeatureConfig::default()
            },
            FeatureConfig {
                max_features: Some(0),
                ..FeatureConfig::default()
            },
            FeatureConfig {
                speaker_weight: f64::NAN,
                ..FeatureConfig::default()
            },
        ];
        let names = [
            "word_ngrams",
            "word_ngrams",
            "min_df",
            "max_df",
            "max_features",
            "speaker_weight",
        ];
        for (cfg, name) in bad.iter().zip(names) {
            match cfg.check() {
                Err(Error::InvalidParam { name: got, .. }) => assert_eq!(got, name),
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}
