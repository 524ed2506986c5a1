//! The advice that carries money, in words: what a renderer calls with the
//! [`Policy`] it was handed, so the amounts come out as that policy says.

use super::{CloseCall, Contender, Reason, Tie, WhatIf, Winner};
use crate::text::{amount, capitalised, lower_first, money, percent, trim_number, years};
use crate::units::Policy;

/// "over 4 years", "over one year".
fn over(horizon: f64) -> String {
    format!("over {}", years(horizon, true))
}

/// One sentence: why the recommendation comes first (or why it is too
/// close to call).
pub fn reason(reason: &Reason, policy: &Policy, horizon: f64) -> String {
    let over = over(horizon);
    let (winner, ev, margin, never_worse) = match reason {
        Reason::Close(c) => return close_call_reason(c, policy, &over),
        Reason::Tied { ev, tie } => {
            let value = amount(policy, *ev).map_or_else(|| over.clone(), |v| format!("{v} {over}"));
            return format!(
                "Every strategy is worth the same as staying ({value}): {}. Staying is named because a tie goes to the strategy listed first.",
                tie_words(*tie, horizon)
            );
        }
        Reason::Leads {
            winner,
            ev,
            margin,
            never_worse,
        } => (winner, *ev, margin, *never_worse),
    };
    let sentence = lead_sentence(winner, ev, margin, policy, &over);
    match margin {
        Some((_, label)) if never_worse => format!(
            "{sentence} It is never worse than \"{label}\": it is worth at least as much in \
             every simulation."
        ),
        _ => sentence,
    }
}

/// The reason's first sentence: what the leading strategy is worth and why.
fn lead_sentence(
    winner: &Winner,
    ev: crate::units::Money,
    margin: &Option<(crate::units::Money, String)>,
    policy: &Policy,
    over: &str,
) -> String {
    // "(264,000 over 4 years, 12,000 more than "…")", or withheld
    // "(over 4 years, ahead of "…")".
    let value = match (amount(policy, ev), margin) {
        (Some(ev), Some((by, label))) => {
            format!("{ev} {over}, {} more than \"{label}\"", money(policy, *by))
        }
        (Some(ev), None) => format!("{ev} {over}"),
        (None, Some((_, label))) => format!("{over}, ahead of \"{label}\""),
        (None, None) => over.to_string(),
    };
    match winner {
        Winner::Stay => format!(
            "Staying has the highest expected value ({value}): no application's \
             odds of an offer make up for the chance of getting none."
        ),
        Winner::Apply {
            role,
            offer,
            salary,
        } => format!(
            "Applying as {role} has the highest expected value ({value}), \
             with {} chance of an offer{}.",
            with_article(&percent(*offer)),
            amount(policy, *salary).map_or_else(String::new, |pay| format!(
                " paying {pay} in its first year"
            ))
        ),
        Winner::Upgrade {
            role,
            fallback,
            offer,
        } => format!(
            "Applying as {fallback} and then trying for {role} has the highest expected value \
             ({value}): {} chance of the {fallback} offer, which you keep if the {role} \
             attempt fails.",
            with_article(&percent(*offer)),
        ),
    }
}

/// Why every strategy ties with staying, as the end of a sentence.
pub(crate) fn tie_words(tie: Tie, horizon: f64) -> String {
    match tie {
        Tie::Pay => "every offer would pay less than staying over the horizon, so you would \
                     decline it (set accept_lower_pay = true to count offers worth less)"
            .into(),
        Tie::Timing { days } => format!(
            "the stages take {days:.0} days, so no offer could start within the {} counted",
            years(horizon, false)
        ),
        Tie::NoOffer => "no application has any chance of an offer".into(),
    }
}

/// "Pay if it works", or a dash for staying (nothing to work).
pub(crate) fn if_it_works(c: &Contender, policy: &Policy) -> String {
    match c.value_if_it_works {
        _ if c.index == 0 => "—".into(),
        Some(v) => money(policy, v),
        None => "never".into(),
    }
}

/// Days to an offer, or a dash for staying.
pub(crate) fn days(c: &Contender) -> String {
    if c.index == 0 {
        "—".into()
    } else {
        format!("{:.0}", c.days_to_offer)
    }
}

/// The `close-call` warning: the two strategies and what separates them.
pub(crate) fn close_call_warning(c: &CloseCall, policy: &Policy, horizon: f64) -> String {
    let over = over(horizon);
    let (a, b) = (&c.a, &c.b);
    let share = c.share.filter(|s| *s < 0.6).map_or_else(String::new, |s| {
        format!(
            ", and \"{}\" comes first in only {} of the simulations",
            a.label,
            percent(s)
        )
    });
    if policy.withholds() {
        return format!(
            "Too close to call: \"{}\" and \"{}\" are worth nearly the same {over}{share}. \
             What separates them: a new role {} vs {} of the time; an offer after {} vs {} days.",
            a.label,
            b.label,
            percent(a.new_role),
            percent(b.new_role),
            days(a),
            days(b)
        );
    }
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
        if policy.withholds() {
            return format!(
                "Too close to call: \"{}\" is worth about the same as staying {over}{share}. \
                 Applying is worth it for what the model does not count — the role itself, the \
                 experience of the loop — not for the money.",
                apply.label
            );
        }
        return format!(
            "Too close to call: \"{}\" is worth only {} {over} more or less than staying{share}. \
             Applying is worth it for what the model does not count — the role itself, the \
             experience of the loop — not for the money.",
            apply.label,
            money(policy, (a.ev - b.ev).abs())
        );
    }
    if policy.withholds() {
        return format!(
            "The two are too close to call: \"{}\" is only just ahead of \"{}\" {over}{share}. \
             Choose on what differs — how likely a new role is, what it pays, how long it takes — \
             and on what you want.",
            a.label, b.label
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

/// Sentences on what would change the answer: the shift of the group's
/// levels, then the premium. Sweeps need not be monotone, so each sentence
/// says exactly that, never "whatever" unless nothing changes on the whole
/// swept range.
pub fn what_if(w: &WhatIf, horizon: f64) -> Vec<String> {
    let (role, fallback, group) = (&w.role, &w.fallback, &w.group);
    if let Some(tie) = w.tie {
        return vec![format!(
            "Nothing on the swept range changes the answer: every strategy ties with staying \
             at every shift of your {group} levels and every pay premium, because {}.",
            tie_words(tie, horizon)
        )];
    }
    let direct = format!("Applying as {role} directly");
    let through = format!("going through {fallback} (alone, or then trying for {role})");
    let (lo, hi) = w.shifts;
    let by = |x: f64| {
        format!(
            "{} scale point{} {}",
            trim_number(x.abs()),
            if x.abs() == 1.0 { "" } else { "s" },
            if x < 0.0 { "lower" } else { "higher" }
        )
    };
    let whole_shift = format!(
        "whatever your {group} levels, from {} to {}",
        by(lo),
        by(hi)
    );
    let shift = match (w.direct_wins, w.shift) {
        (true, Some(x)) => format!(
            "{direct} wins now over {through}, and would stop winning if your {group} levels were {}.",
            by(x)
        ),
        (true, None) => format!("{direct} wins over {through} {whole_shift}."),
        (false, Some(x)) => format!(
            "{} wins now; {} would start winning if your {group} levels were {}.",
            capitalised(&through),
            lower_first(&direct),
            by(x)
        ),
        (false, None) => format!(
            "{} wins over applying as {role} directly {whole_shift}.",
            capitalised(&through)
        ),
    };
    let pct = |p: f64| format!("{:.0}%", 100.0 * p);
    let (plo, phi) = w.premiums;
    let premium = match (w.direct_wins, w.premium) {
        (true, Some(p)) => format!(
            "{direct} wins now at a {} pay premium, and would stop winning at {}.",
            pct(w.premium_now),
            pct(p)
        ),
        (true, None) => format!(
            "{direct} wins at any pay premium from {} to {}.",
            pct(plo),
            pct(phi)
        ),
        (false, Some(p)) => format!(
            "{} wins now at a {} pay premium; {} would start winning at {}.",
            capitalised(&through),
            pct(w.premium_now),
            lower_first(&direct),
            pct(p)
        ),
        (false, None) => format!(
            "{} wins at any pay premium from {} to {}.",
            capitalised(&through),
            pct(plo),
            pct(phi)
        ),
    };
    vec![shift, premium]
}

/// "a 34%", "an 18%", "an 8%", "an 80%", "an 11%": the article as the
/// number is said (eight…, eleven, eighteen).
fn with_article(figure: &str) -> String {
    let digits: String = figure.chars().take_while(char::is_ascii_digit).collect();
    let an = digits.starts_with('8') || digits == "11" || digits == "18";
    format!("{} {figure}", if an { "an" } else { "a" })
}

#[cfg(test)]
#[test]
fn articles_follow_the_spoken_number() {
    for (figure, said) in [
        ("34%", "a 34%"),
        ("18%", "an 18%"),
        ("8%", "an 8%"),
        ("80%", "an 80%"),
        ("11%", "an 11%"),
        ("1%", "a 1%"),
        ("110%", "a 110%"),
        ("<1%", "a <1%"),
    ] {
        assert_eq!(with_article(figure), said);
    }
}
