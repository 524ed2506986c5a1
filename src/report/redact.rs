//! `--redact` (DESIGN.md "Readings fixed (v2)"): a report to share without
//! revealing pay. The policy is a value made here once per rubric and handed
//! to every renderer, chart and the JSON serialiser; each shows money as
//! [`Policy::show`] says. Today's policy divides every amount by one unit —
//! staying's value, or the recommended strategy's when staying pays nothing
//! (1 when that is 0 too).

use super::Results;
use crate::units::{MoneyUnit, Policy};

/// The policy for these results: amounts as they are, or with `redact`
/// shares of the unit DESIGN.md names.
pub fn policy(res: &Results, redact: bool) -> Policy {
    if !redact {
        return Policy::Amounts;
    }
    let a = &res.assessment;
    shares_of(a.stay_value, a.strategies[a.recommendation].ev)
}

/// The redacted policy from staying's value and the recommended strategy's:
/// `stay_value`, else the recommended strategy's value, else 1 (then
/// `money_unit` still says "recommended": the amounts are that value's, 0).
pub fn shares_of(stay: f64, recommended: f64) -> Policy {
    if stay != 0.0 {
        Policy::Shares {
            unit: MoneyUnit::Stay,
            amount: stay,
        }
    } else {
        Policy::Shares {
            unit: MoneyUnit::Recommended,
            amount: if recommended != 0.0 { recommended } else { 1.0 },
        }
    }
}

/// The sentence a redacted report opens with, saying what its
/// percentages are of; None when not redacted.
pub fn note(res: &Results, policy: &Policy) -> Option<String> {
    let unit = match policy.unit()? {
        MoneyUnit::Stay => format!(
            "staying's value over {}",
            crate::text::years(res.rubric.model.horizon_years, false)
        ),
        MoneyUnit::Recommended => "the recommended strategy's value (staying pays nothing)".into(),
    };
    Some(format!(
        "Redacted for sharing: every money figure is a percentage of {unit}, which is 100%; no amounts are shown."
    ))
}

#[cfg(test)]
mod tests {
    use super::shares_of;
    use crate::units::{MoneyUnit, Policy};

    #[test]
    fn the_unit_is_staying_else_the_recommendation_else_one() {
        let unit = |p: Policy| match p {
            Policy::Shares { unit, amount } => (unit, amount),
            Policy::Amounts => panic!("not redacted"),
        };
        assert_eq!(
            unit(shares_of(600_000.0, 700_000.0)),
            (MoneyUnit::Stay, 600_000.0)
        );
        assert_eq!(
            unit(shares_of(0.0, 700_000.0)),
            (MoneyUnit::Recommended, 700_000.0)
        );
        assert_eq!(unit(shares_of(0.0, 0.0)), (MoneyUnit::Recommended, 1.0));
    }
}
