//! `--redact` (DESIGN.md "Readings fixed (v3)"): a report to share without
//! revealing pay. Every money amount and every figure computed from one is
//! withheld: the policy is a value made here once per rubric and handed to
//! every renderer, chart and the JSON serialiser, each of which asks
//! [`Policy::show`] and leaves out what is withheld. The rubric's file name
//! is replaced by the slug.

use super::Results;
use crate::units::Policy;

/// The policy for `--redact` (`redact`) or without it.
pub fn policy(redact: bool) -> Policy {
    if redact {
        Policy::Withheld
    } else {
        Policy::Amounts
    }
}

/// The one line a redacted report opens with, saying what is withheld;
/// None when nothing is.
pub(crate) fn note(policy: &Policy) -> Option<String> {
    policy.withholds().then(|| {
        "Redacted for sharing: every amount of money and every figure computed from one is withheld. \
         The ranking and the odds can still hint at pay to someone who knows the offers."
            .to_string()
    })
}

/// What the reports call the rubric: its path, or with `--redact` the
/// slug, so no file name (often the person's) appears.
pub(crate) fn source<'a>(res: &'a Results, policy: &Policy) -> &'a str {
    if policy.withholds() {
        &res.slug
    } else {
        &res.path
    }
}
