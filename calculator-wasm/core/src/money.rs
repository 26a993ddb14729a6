//! Money is `Decimal`, never a float. Rounding to cents happens here and nowhere else.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round half-up (away from zero at .5) to cents: the one rounding rule of the engine.
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Format money for output: rounded to cents, always two decimals (`"1234.50"`).
pub fn format_cents(amount: Decimal) -> String {
    let mut r = round_cents(amount);
    r.rescale(2);
    r.to_string()
}

/// Serde helper: serialise a `Decimal` as a two-decimal string.
pub mod cents {
    use rust_decimal::Decimal;

    /// Serialise as `"0.00"`-style string.
    pub fn serialize<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_cents(*d))
    }
}

/// Serde helper: serialise an `Option<Decimal>` as a two-decimal string or null.
pub mod cents_opt {
    use rust_decimal::Decimal;

    /// Serialise as `"0.00"`-style string, or `null`.
    pub fn serialize<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&super::format_cents(*d)),
            None => s.serialize_none(),
        }
    }
}

/// Serde helper: a `Decimal` already rounded where it was computed, written as a string with
/// the scale it carries (`"170.0"`, `"0.0150"`).
pub mod as_text {
    use rust_decimal::Decimal;

    /// Serialise as a string.
    pub fn serialize<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }
}

/// Serde helper: [`as_text`] for an `Option<Decimal>` (null when absent).
pub mod as_text_opt {
    use rust_decimal::Decimal;

    /// Serialise as a string, or `null`.
    pub fn serialize<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn half_up_to_cents() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(format_cents(d("0.125")), "0.13");
        assert_eq!(format_cents(d("0.124999")), "0.12");
        assert_eq!(format_cents(d("-0.125")), "-0.13");
        assert_eq!(format_cents(d("7")), "7.00");
    }
}
