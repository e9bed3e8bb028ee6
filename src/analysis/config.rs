//! The analysis chain's settings, saved with a model.

use serde::{Deserialize, Serialize};

/// How hashtags are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HashtagMode {
    /// `#Ukraine` becomes the word `ukraine` (default).
    #[default]
    Word,
    /// `#Ukraine` stays `#ukraine`, a term distinct from the word.
    Keep,
    /// Hashtags are dropped.
    Drop,
}

/// How `@mentions` are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MentionMode {
    /// Every mention becomes the one term `@user` (default).
    #[default]
    Normalize,
    /// Mentions are kept as they are (`@tedcruz`).
    Keep,
    /// Mentions are dropped.
    Drop,
}

/// Settings of the analysis chain. Saved with a model, so a loaded model
/// analyses text exactly as it did when trained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalyzerConfig {
    /// Stem words with the Snowball English stemmer. Default `true`.
    pub stem: bool,
    /// Mark words after a negation (`not`, `no`, `never`, `n't` ...) up to the
    /// next punctuation, so `not support` differs from `support`. Default
    /// `true` (see `docs/benchmarks-semeval.md` for the evidence).
    pub negation: bool,
    /// Hashtag handling. Default [`HashtagMode::Word`].
    pub hashtags: HashtagMode,
    /// Mention handling. Default [`MentionMode::Normalize`].
    pub mentions: MentionMode,
    /// Tokens dropped before anything else, compared with the lower-cased
    /// token as written (`#semst` for the SemEval marker hashtag). Default
    /// empty.
    pub drop_tokens: Vec<String>,
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig {
            stem: true,
            negation: true,
            hashtags: HashtagMode::Word,
            mentions: MentionMode::Normalize,
            drop_tokens: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_settings_take_their_defaults() {
        let c: AnalyzerConfig = serde_json::from_str(r#"{"negation": true}"#).unwrap();
        assert_eq!(
            c,
            AnalyzerConfig {
                negation: true,
                ..AnalyzerConfig::default()
            }
        );
        assert!(c.stem);
    }

    #[test]
    fn modes_are_snake_case_in_the_saved_form() {
        let c = AnalyzerConfig {
            hashtags: HashtagMode::Keep,
            mentions: MentionMode::Drop,
            ..AnalyzerConfig::default()
        };
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains(r#""hashtags":"keep""#), "{json}");
        assert!(json.contains(r#""mentions":"drop""#), "{json}");
        assert_eq!(serde_json::from_str::<AnalyzerConfig>(&json).unwrap(), c);
    }
}
