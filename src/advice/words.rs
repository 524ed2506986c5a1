//! The advice that carries money, in words: what a renderer calls with the
//! [`Policy`] it was handed, so the amounts come out as that policy says.

use super::{CloseCall, Contender, Reason, Winner};
use crate::text::{money, percent, years};
use crate::units::Policy;

/// "over 4 years", "over one year".
fn over(horizon: f64) -> String {
    format!("over {}", years(horizon, true))
}

/// One sentence: why the recommendation comes first (or why it is too
/// close to call).
pub fn reason(reason: &Reason, policy: &Policy, horizon: f64) -> String {
    let over = over(horizon);
    let (winner, ev, margin) = match reason {
        Reason::Close(c) => return close_call_reason(c, policy, &over),
        Reason::Leads { winner, ev, margin } => (winner, *ev, margin),
    };
    let margin = margin.as_ref().map_or(String::new(), |(by, label)| {
        format!(", {} more than \"{label}\"", money(policy, *by))
    });
    match winner {
        Winner::Stay => format!(
            "Staying has the highest expected value ({} {over}{margin}): no application's \
             odds of an offer make up for the chance of getting none.",
            money(policy, ev)
        ),
        Winner::Apply {
            role,
            offer,
            salary,
        } => format!(
            "Applying as {role} has the highest expected value ({} {over}{margin}), \
             with a {} chance of an offer paying {} in its first year.",
            money(policy, ev),
            percent(*offer),
            money(policy, *salary)
        ),
        Winner::Upgrade {
            role,
            fallback,
            offer,
        } => format!(
            "Applying as {fallback} and then trying for {role} has the highest expected value \
             ({} {over}{margin}): a {} chance of the {fallback} offer, which you keep if the {role} \
             attempt fails.",
            money(policy, ev),
            percent(*offer),
        ),
    }
}

/// "Pay if it works", or a dash for staying (nothing to work).
pub fn if_it_works(c: &Contender, policy: &Policy) -> String {
    match c.value_if_it_works {
        _ if c.index == 0 => "—".into(),
        Some(v) => money(policy, v),
        None => "never".into(),
    }
}

/// Days to an offer, or a dash for staying.
pub fn days(c: &Contender) -> String {
    if c.index == 0 {
        "—".into()
    } else {
        format!("{:.0}", c.days_to_offer)
    }
}

/// The `close-call` warning: the two strategies and what separates them.
pub fn close_call_warning(c: &CloseCall, policy: &Policy, horizon: f64) -> String {
    let over = over(horizon);
    let (a, b) = (&c.a, &c.b);
    let share = c.share.filter(|s| *s < 0.6).map_or_else(String::new, |s| {
        format!(
            ", and \"{}\" comes first in only {} of the simulations",
            a.label,
            percent(s)
        )
    });
    format!(
        "Too close to call: \"{}\" ({} {over}) and \"{}\" ({}) differ by {}{share}. \
         What separates them: a new role {} vs {} of the time; {} vs {} {over} if it works; \
         an offer after {} vs {} days.",
        a.label,
        money(policy, a.ev),
        b.label,
        money(policy, b.ev),
        money(policy, a.ev - b.ev),
        percent(a.new_role),
        percent(b.new_role),
        if_it_works(a, policy),
        if_it_works(b, policy),
        days(a),
        days(b)
    )
}

/// The reason when it is a close call: no winner crowned.
fn close_call_reason(c: &CloseCall, policy: &Policy, over: &str) -> String {
    let (a, b) = (&c.a, &c.b);
    let share = c.share.map_or_else(String::new, |s| {
        format!(" and comes first in {} of the simulations", percent(s))
    });
    if b.index == 0 || a.index == 0 {
        // One of the two is staying: the question is whether to apply at all.
        let apply = if a.index == 0 { b } else { a };
        return format!(
            "Too close to call: \"{}\" is worth only {} {over} more or less than staying{share}. \
             Applying is worth it for what the model does not count — the role itself, the \
             experience of the loop — not for the money.",
            apply.label,
            money(policy, (a.ev - b.ev).abs())
        );
    }
    format!(
        "The two are too close to call: \"{}\" is ahead of \"{}\" by only {} {over} (it adds {} \
         over staying){share}. Choose on what differs — how likely a new role is, what it pays, \
         how long it takes — and on what you want.",
        a.label,
        b.label,
        money(policy, a.ev - b.ev),
        money(policy, a.ev - c.stay)
    )
}
