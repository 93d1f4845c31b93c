//! What a file's C2PA Content Credentials say, as Greenlight keeps and shows them. Read by
//! core with the `c2pa` crate on import; stored with the version as JSON.
//!
//! Validity is never upgraded here: a manifest whose signature or hashes do not check out is
//! [`CredentialValidity::Invalid`], and the UI must not present what it claims as fact.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether the credentials can be believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CredentialValidity {
    /// Signature and hashes check out and the signer chains to a trust anchor.
    Trusted,
    /// Signature and hashes check out, but the signer is not on a trust list Greenlight knows
    /// (the content matches what was signed; who signed it is unverified).
    Valid,
    /// Something does not check out (a broken signature, content changed after signing, a
    /// manifest that cannot be read): nothing it says may be trusted.
    Invalid,
}

/// One action the manifest records (`c2pa.created`, `c2pa.edited`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CredentialAction {
    pub action: String,
    /// IPTC digital source type URI, when given.
    pub digital_source_type: Option<String>,
    /// The tool that performed it, when given.
    pub software_agent: Option<String>,
}

/// A summary of the active manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContentCredentials {
    /// The tool that made the claim ("Adobe Firefly 3", "Greenlight tests 1").
    pub claim_generator: Option<String>,
    pub title: Option<String>,
    /// Whether any action says the content was made by a trained model (the digital source
    /// type `trainedAlgorithmicMedia` or `compositeWithTrainedAlgorithmicMedia`). Only as
    /// believable as `validity`.
    pub ai_generated: bool,
    pub actions: Vec<CredentialAction>,
    /// Who signed: the certificate's organisation and common name.
    pub signer: Option<String>,
    /// When it was signed (from a time stamp), if known.
    pub signed_at: Option<String>,
    pub validity: CredentialValidity,
    /// The validation failures reported (`assertion.dataHash.mismatch`…); empty when clean.
    pub status_codes: Vec<String>,
    /// Why the manifest could not be read at all, when that is the case.
    pub problem: Option<String>,
}

/// Whether an IPTC digital source type says a trained model made the content.
pub fn is_ai_source_type(uri: &str) -> bool {
    let term = uri.rsplit('/').next().unwrap_or(uri);
    matches!(
        term,
        "trainedAlgorithmicMedia" | "compositeWithTrainedAlgorithmicMedia"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ai_source_types_are_recognised_by_their_term() {
        let iptc = "http://cv.iptc.org/newscodes/digitalsourcetype/";
        assert!(is_ai_source_type(&format!("{iptc}trainedAlgorithmicMedia")));
        assert!(is_ai_source_type(&format!(
            "{iptc}compositeWithTrainedAlgorithmicMedia"
        )));
        assert!(!is_ai_source_type(&format!("{iptc}digitalCapture")));
        assert!(!is_ai_source_type(&format!("{iptc}algorithmicMedia")));
    }
}
