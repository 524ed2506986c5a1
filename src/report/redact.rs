//! `--redact` (DESIGN.md "Readings fixed (v2)"): a report to share without
//! revealing pay. Every money amount is divided by one unit — staying's
//! value, or the recommended strategy's when staying pays nothing (1 when
//! that is 0 too). The text, Markdown and HTML reports and the charts write
//! money through [`crate::text::money`], which [`crate::text::money_as_share`]
//! turns into percentages of the unit; summary.json divides its money
//! fields here and says which unit it used.

use serde::Serialize;
use serde_json::Value;

use crate::model::Assessment;

/// What money is divided by in a redacted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MoneyUnit {
    /// `stay_value`.
    Stay,
    /// The recommended strategy's value (staying pays 0).
    Recommended,
}

/// A redacted report's unit: which one, and its amount (never shown).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Redaction {
    pub unit: MoneyUnit,
    pub amount: f64,
}

impl Redaction {
    /// The unit DESIGN.md names: `stay_value`, else the recommended
    /// strategy's value, else 1 (then `money_unit` still says
    /// "recommended": the amounts are that value's, 0).
    pub fn of(a: &Assessment) -> Redaction {
        Redaction::from_values(a.stay_value, a.strategies[a.recommendation].ev)
    }

    /// The unit from staying's value and the recommended strategy's.
    pub fn from_values(stay: f64, recommended: f64) -> Redaction {
        if stay != 0.0 {
            Redaction {
                unit: MoneyUnit::Stay,
                amount: stay,
            }
        } else {
            Redaction {
                unit: MoneyUnit::Recommended,
                amount: if recommended != 0.0 { recommended } else { 1.0 },
            }
        }
    }

    /// Divides every money field of a schema-2 JSON document (DESIGN.md
    /// "JSON") by the unit and marks it `"redacted": true` with its
    /// `"money_unit"`, placed after `stay_value`.
    pub fn json(&self, doc: &mut Value) {
        let k = self.amount;
        let div = |v: &mut Value| {
            if let Some(x) = v.as_f64() {
                *v = Value::from(x / k);
            }
        };
        let each = |v: Option<&mut Value>, f: &dyn Fn(&mut Value)| {
            if let Some(Value::Array(items)) = v {
                items.iter_mut().for_each(f);
            }
        };
        let Some(top) = doc.as_object_mut() else {
            return;
        };
        if let Some(v) = top.get_mut("stay_value") {
            div(v);
        }
        if let Some(Value::Object(roles)) = top.get_mut("roles") {
            for role in roles.values_mut() {
                if let Some(v) = role.get_mut("salary") {
                    div(v);
                }
                if let Some(pay) = role.get_mut("pay") {
                    for key in ["base", "rsu"] {
                        if let Some(v) = pay.get_mut(key) {
                            div(v);
                        }
                    }
                    each(pay.get_mut("sign_on"), &div);
                    each(pay.get_mut("by_year"), &div);
                }
            }
        }
        each(top.get_mut("strategies"), &|s| {
            if let Some(Value::Object(stat)) = s.get_mut("expected_value") {
                stat.values_mut().for_each(div);
            }
            each(s.get_mut("by_year"), &div);
        });
        if let Some(prep) = top.get_mut("prep") {
            each(prep.get_mut("marginal"), &|m| {
                if let Some(v) = m.get_mut("gain") {
                    div(v);
                }
            });
            each(prep.get_mut("plan"), &|p| {
                if let Some(v) = p.get_mut("value") {
                    div(v);
                }
            });
            if let Some(Value::Object(routes)) = prep.get_mut("routes") {
                for route in routes.values_mut() {
                    if let Some(v) = route.get_mut("value") {
                        div(v);
                    }
                }
            }
        }
        if let Some(sens) = top.get_mut("sensitivity") {
            for sweep in ["shift", "premium"] {
                // Every column but `x` is a strategy's value.
                each(sens.get_mut(sweep), &|row| {
                    if let Value::Object(cols) = row {
                        cols.iter_mut()
                            .filter(|(key, _)| key.as_str() != "x")
                            .for_each(|(_, v)| div(v));
                    }
                });
            }
        }
        // `redacted` and `money_unit` right after `stay_value`, which they explain.
        let at = top
            .keys()
            .position(|key| key == "stay_value")
            .map_or(top.len(), |i| i + 1);
        top.shift_insert(at, "redacted".into(), Value::Bool(true));
        top.shift_insert(
            at + 1,
            "money_unit".into(),
            serde_json::to_value(self.unit).unwrap_or(Value::Null),
        );
    }
}

/// The sentence a redacted report opens with, saying what its
/// percentages are of; None when not redacted.
pub fn note(res: &crate::report::Results) -> Option<String> {
    let unit = match res.redaction?.unit {
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

/// The currency words for an axis: the rubric's currency, or with
/// `--redact` a percentage of the unit.
pub fn axis_unit() -> &'static str {
    if crate::text::money_redacted() {
        "% of staying"
    } else {
        "the rubric's currency"
    }
}

#[cfg(test)]
mod tests {
    use super::{MoneyUnit, Redaction};

    #[test]
    fn the_unit_is_staying_else_the_recommendation_else_one() {
        let r = Redaction::from_values(600_000.0, 700_000.0);
        assert_eq!((r.unit, r.amount), (MoneyUnit::Stay, 600_000.0));
        let r = Redaction::from_values(0.0, 700_000.0);
        assert_eq!((r.unit, r.amount), (MoneyUnit::Recommended, 700_000.0));
        let r = Redaction::from_values(0.0, 0.0);
        assert_eq!((r.unit, r.amount), (MoneyUnit::Recommended, 1.0));
    }

    #[test]
    fn json_money_is_divided_and_marked() {
        let mut doc = serde_json::json!({
            "schema": 2,
            "stay_value": 600000.0,
            "roles": {"pm": {"salary": 150000.0, "fit": {"point": 60.0},
                "pay": {"base": 150000.0, "sign_on": [60000.0], "rsu": 0.0,
                        "vesting": [0.05], "by_year": [210000.0]}}},
            "strategies": [{"expected_value": {"point": 660000.0}, "best_share": 1.0,
                            "by_year": [150000.0], "expected_days": 30.0}],
            "prep": {"marginal": [{"gain": 6000.0, "hours": 4.0, "offer_gain": {"pm": 0.01}}],
                     "plan": [{"value": 666000.0, "hours_total": 4.0}],
                     "routes": {"referral": {"value": 690000.0}}},
            "sensitivity": {"shift": [{"x": -2.0, "stay": 600000.0}]},
            "warnings": []
        });
        Redaction::from_values(600_000.0, 0.0).json(&mut doc);
        let text = doc.to_string();
        for amount in ["600000", "150000", "60000", "6000", "666000", "690000"] {
            assert!(!text.contains(amount), "{amount} in {text}");
        }
        assert_eq!(doc["stay_value"], 1.0);
        assert_eq!(doc["roles"]["pm"]["fit"]["point"], 60.0);
        assert_eq!(doc["roles"]["pm"]["pay"]["vesting"][0], 0.05);
        assert_eq!(doc["prep"]["marginal"][0]["hours"], 4.0);
        assert_eq!(doc["prep"]["marginal"][0]["offer_gain"]["pm"], 0.01);
        assert_eq!(doc["sensitivity"]["shift"][0]["x"], -2.0);
        assert_eq!(doc["strategies"][0]["expected_days"], 30.0);
        let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
        assert_eq!(keys[1..4], ["stay_value", "redacted", "money_unit"]);
        assert_eq!(doc["money_unit"], "stay");
    }
}
