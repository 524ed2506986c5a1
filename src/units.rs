//! The units every room of rolefit speaks, and the numeric helpers they
//! share. A leaf: it uses nothing else of the crate.

/// A scale-point value such as a score or a bar (on the rubric's scale).
pub(crate) type Points = f64;
/// A level on 0–1 (`x_i` in DESIGN.md).
pub(crate) type Level = f64;
/// An amount in the rubric's currency as the model computes with it: a
/// plain `f64` inside `model/` and `simulate/` (hot loops). Everything
/// past the model that shows an amount takes it as [`Money`].
pub(crate) type Amount = f64;
/// A fit or stage score, 0–100.
pub(crate) type Fit = f64;
/// A probability, 0–1.
pub(crate) type Probability = f64;

/// A power of two that brings the largest of `values` into [1, 2).
/// Multiplying by a power of two is exact, so ratios of weighted sums are
/// unchanged, while products of very small or very large weights neither
/// underflow nor overflow. 1 when there is nothing positive and finite.
pub(crate) fn pow2_scale(values: &[f64]) -> f64 {
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    if max <= 0.0 {
        return 1.0;
    }
    // The unbiased exponent of `max`, kept where 2^−e is a normal number.
    let e = (((max.to_bits() >> 52) & 0x7ff) as i64 - 1023).clamp(-1000, 1000);
    f64::from_bits(((1023 - e) as u64) << 52)
}

/// An amount of money in the rubric's currency, on its way to a reader.
/// It has no `Display` and no way out as a number except through a
/// [`Policy`]: whatever shows money (a report, a chart, the JSON) asks the
/// policy it was given how to show it, so `--redact` cannot be bypassed by
/// a new renderer or a new field.
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Money(f64);

impl Money {
    pub const fn new(amount: Amount) -> Money {
        Money(amount)
    }

    /// `self / other`: a ratio of two amounts is no longer money.
    pub(crate) fn ratio(self, other: Money) -> f64 {
        self.0 / other.0
    }

    pub(crate) fn abs(self) -> Money {
        Money(self.0.abs())
    }

    pub(crate) fn is_negative(self) -> bool {
        self.0 < 0.0
    }

    pub(crate) fn max(self, other: Money) -> Money {
        Money(self.0.max(other.0))
    }
}

impl From<Amount> for Money {
    fn from(amount: Amount) -> Money {
        Money(amount)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl std::ops::Mul<f64> for Money {
    type Output = Money;
    fn mul(self, k: f64) -> Money {
        Money(self.0 * k)
    }
}

/// How money is shown to a reader: a value every renderer is handed and
/// asks ([`Policy::show`]), never ambient state, so two renders on two
/// threads with two policies cannot mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Amounts as they are.
    Amounts,
    /// `--redact` (DESIGN.md "Readings fixed (v3)"): every amount and every
    /// figure computed from one is withheld.
    Withheld,
}

/// An amount as a policy lets it be shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Shown {
    /// In the rubric's currency.
    Amount(f64),
    /// Not shown (`null` in the JSON; left out of reports and charts).
    Withheld,
}

impl Shown {
    /// The number a chart plots or the JSON holds; None when withheld.
    pub(crate) fn value(self) -> Option<f64> {
        match self {
            Shown::Amount(v) => Some(v),
            Shown::Withheld => None,
        }
    }
}

impl serde::Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Amount(v) => s.serialize_f64(*v),
            Shown::Withheld => s.serialize_none(),
        }
    }
}

impl Policy {
    pub(crate) fn show(&self, money: Money) -> Shown {
        match self {
            Policy::Amounts => Shown::Amount(money.0),
            Policy::Withheld => Shown::Withheld,
        }
    }

    /// Whether amounts, and what is computed from them, are kept from the
    /// reader.
    pub(crate) fn withholds(&self) -> bool {
        matches!(self, Policy::Withheld)
    }
}

/// Index of the largest value; ties go to the first.
pub(crate) fn argmax_first(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}

/// How far apart two values may be and still tie: `1e-9 · max(1, |v|)`
/// (DESIGN.md "Readings fixed": ties), so rounding noise decides nothing.
pub(crate) fn tolerance(v: f64) -> f64 {
    1e-9 * v.abs().max(1.0)
}

/// Index of the largest value, where every value within the tie tolerance
/// of the largest counts as largest and the first of them wins. `None`
/// for no values.
pub(crate) fn best_with_ties(values: impl Iterator<Item = (usize, f64)> + Clone) -> Option<usize> {
    let max = values
        .clone()
        .map(|(_, v)| v)
        .fold(f64::NEG_INFINITY, f64::max);
    values
        .clone()
        .find(|(_, v)| *v >= max - tolerance(max))
        .or_else(|| values.clone().next())
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::{argmax_first, best_with_ties, pow2_scale};

    #[test]
    fn ties_within_rounding_go_to_the_first() {
        let v = [1.0, 3.0, 3.0 + 1e-12, 2.0];
        assert_eq!(best_with_ties(v.iter().copied().enumerate()), Some(1));
        // A real lead wins even when listed later.
        let v = [1.0, 3.0, 3.0 + 1e-6];
        assert_eq!(best_with_ties(v.iter().copied().enumerate()), Some(2));
        // Large values: the tolerance scales with them.
        let v = [1e9, 1e9 + 0.5];
        assert_eq!(best_with_ties(v.iter().copied().enumerate()), Some(0));
        let v = [1e9, 1e9 + 2.0];
        assert_eq!(best_with_ties(v.iter().copied().enumerate()), Some(1));
        // Leaving one out: the runner-up.
        let v = [5.0, 3.0, 3.0, 4.0];
        let ru = best_with_ties(v.iter().copied().enumerate().filter(|(i, _)| *i != 0));
        assert_eq!(ru, Some(3));
        assert_eq!(best_with_ties(std::iter::empty()), None);
    }

    #[test]
    fn pow2_scale_brings_the_largest_near_1_exactly() {
        for values in [
            vec![3.0, 1.0],
            vec![1e-300, 2e-300],
            vec![1e300],
            vec![0.75],
        ] {
            let max = values.iter().copied().fold(0.0, f64::max);
            let k = pow2_scale(&values);
            assert!((1.0..2.0).contains(&(max * k)), "{values:?}");
            // A power of two: scaling and unscaling is exact.
            assert_eq!(max * k / k, max);
            assert_eq!(k.to_bits() & ((1 << 52) - 1), 0, "{k} is a power of two");
        }
        assert_eq!(pow2_scale(&[0.0, 0.0]), 1.0);
    }

    #[test]
    fn argmax_prefers_the_first_on_ties() {
        assert_eq!(argmax_first(&[1.0, 3.0, 3.0]), 1);
        assert_eq!(argmax_first(&[2.0]), 0);
    }
}
