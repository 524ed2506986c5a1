//! The hot path: fit, every stage's pass, offer chances and every
//! strategy's value for `B` draws side by side. The Monte Carlo, the
//! sensitivity sweep and the planner all come through here, so the point
//! assessment and every draw share one arithmetic.

use super::{Model, formula, vote};
use crate::units::{Amount as Money, Fit, Level, Probability};

/// The figures recomputed for every draw: what the Monte Carlo reports as
/// distributions. Index by role (`fit`, `offer`, `salary`) or strategy (`ev`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Core {
    pub fit: Vec<Fit>,
    pub offer: Vec<Probability>,
    /// `I_r`: the offer chance once past the first stage (the screening).
    pub interviewed: Vec<Probability>,
    pub salary: Vec<Money>,
    pub ev: Vec<Money>,
    /// Scratch for [`Model::eval_lanes`] with one lane.
    pub(super) lanes: Lanes<1>,
    levels: Vec<[Level; 1]>,
    premiums: Vec<[f64; 1]>,
}

/// The same figures for `B` draws at once: `fit[r][b]` is role r's fit in
/// draw b. Evaluating draws side by side lets the processor overlap their
/// work; every lane gets exactly the arithmetic a single draw would.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lanes<const B: usize> {
    pub fit: Vec<[Fit; B]>,
    pub offer: Vec<[Probability; B]>,
    pub interviewed: Vec<[Probability; B]>,
    pub ev: Vec<[Money; B]>,
    /// Per role: the down-level rate and the upgrade green light of each
    /// draw. Empty (or of another length) means the point values; the
    /// Monte Carlo sets them when it draws them ([`Model::point_rates`]).
    pub downlevel: Vec<[Probability; B]>,
    pub green_light: Vec<[Probability; B]>,
    /// Scratch: levels in group order ([`Model::eval_lanes`]), the group
    /// sums `T_rg` and, where some stage is voted, the group sums of
    /// "not inclined" chances `M_rg`.
    sorted: Vec<[Level; B]>,
    pub(super) sums: Vec<[f64; B]>,
    pub(super) misses: Vec<[f64; B]>,
    scratch: Scratch<B>,
    /// Scratch for pay: premium multipliers per role, `(1 + g)^y` per job
    /// year, and `A_r(T_t)` (the value if taken) at `t·R + r`.
    pub(super) mult: Vec<[f64; B]>,
    pub(super) powers: Vec<[f64; B]>,
    taken: Vec<[Money; B]>,
}

/// Scratch for [`Model::group_sums`] when votes are factored: `e^(slope·x)`
/// per competency slot, and `1 − v_ri` at `r·n + k`.
#[derive(Debug, Clone, Default, PartialEq)]
struct Scratch<const B: usize> {
    lifts: Vec<[f64; B]>,
    terms: Vec<[f64; B]>,
}

impl Model<'_> {
    /// `T_rg = Σ_{i∈g} w_ri·x_i` into `sums[r·G + g]`, per lane, from levels
    /// in group order; where some stage is voted, also
    /// `M_rg = Σ_{i∈g} w_ri·(1 − v_ri)` into `misses[r·G + g]`: then a voted
    /// stage's `q_sr = Σ_g coef_srg·M_rg`, as a scored stage's score is
    /// `Σ_g coef_srg·T_rg`. The inclined chances `v_ri` are per role and
    /// competency, not per stage.
    fn group_sums<const B: usize>(
        &self,
        sorted: &[[Level; B]],
        sums: &mut Vec<[f64; B]>,
        misses: &mut Vec<[f64; B]>,
        scratch: &mut Scratch<B>,
    ) {
        let n = self.order.len();
        sums.clear();
        misses.clear();
        let Scratch { lifts, terms } = scratch;
        lifts.clear();
        terms.clear();
        if self.votes.any && self.votes.factored {
            lifts.extend(sorted.iter().map(|x| x.map(|x| self.votes.lift(x))));
            // Factored: `e^(slope·x)` once per competency and draw (in
            // `lifts`), shared by every role, and each distinct `1 − v_ri`
            // once: a role whose offset has the same bits as an earlier
            // role's (the same bar) gets that role's chances, bit for bit.
            for (at, (&source, &f)) in self
                .miss_source
                .iter()
                .zip(&self.incline_offset)
                .enumerate()
            {
                let term = if source == at {
                    lifts[at % n].map(|a| self.votes.miss_factored(f, a))
                } else {
                    terms[source]
                };
                terms.push(term);
            }
        }
        for r in 0..self.rubric.roles.len() {
            let w = &self.sorted_weights[r * n..(r + 1) * n];
            for range in &self.group_ranges {
                let mut acc = [0.0; B];
                for (w, x) in w[range.clone()].iter().zip(&sorted[range.clone()]) {
                    for (a, x) in acc.iter_mut().zip(x) {
                        *a += w * x;
                    }
                }
                sums.push(acc);
            }
            if self.votes.any && self.votes.factored {
                let terms = &terms[r * n..(r + 1) * n];
                for range in &self.group_ranges {
                    let mut acc = [0.0; B];
                    for (w, m) in w[range.clone()].iter().zip(&terms[range.clone()]) {
                        for (acc, m) in acc.iter_mut().zip(m) {
                            *acc += w * m;
                        }
                    }
                    misses.push(acc);
                }
            } else if self.votes.any {
                let factor = &self.incline_offset[r * n..(r + 1) * n];
                for range in &self.group_ranges {
                    let mut acc = [0.0; B];
                    let terms = w[range.clone()]
                        .iter()
                        .zip(&factor[range.clone()])
                        .zip(&sorted[range.clone()]);
                    for ((w, f), x) in terms {
                        for (acc, x) in acc.iter_mut().zip(x) {
                            *acc += w * self.votes.miss_from(*f, *x);
                        }
                    }
                    misses.push(acc);
                }
            }
        }
    }

    fn stage_coef_of(&self, r: usize, s: usize) -> &[f64] {
        let n_groups = self.rubric.groups.len();
        let at = (r * self.rubric.stages.len() + s) * n_groups;
        &self.stage_group_coef[at..at + n_groups]
    }

    /// Stage s's score and pass for role r from the sums the last
    /// [`Model::eval`] left in `core`, as [`Model::eval_lanes`] works them
    /// out: a scored stage's `S_sr`; a voted stage's `100·(1 − q_sr)`, the
    /// chance one vote is inclined.
    pub(super) fn stage_figures(&self, core: &Core, s: usize, r: usize) -> (Fit, Probability) {
        let n_groups = self.rubric.groups.len();
        let at = r * n_groups..(r + 1) * n_groups;
        let coef = self.stage_coef_of(r, s);
        match &self.voted[s] {
            Some((n, choose)) => {
                let q = dot(coef, &core.lanes.misses[at])[0];
                let pass = vote::pass(q, *n, choose, self.count[s]);
                (100.0 * (1.0 - q.clamp(0.0, 1.0)), pass)
            }
            None => {
                let score = combine(coef, &core.lanes.sums[at])[0];
                let pass_at = self.pass_at[r * self.rubric.stages.len() + s];
                let k = self.steepness[s];
                let pass = formula::stage_pass(score, pass_at, k, self.ln_odds[s], self.count[s]);
                (score, pass)
            }
        }
    }

    /// Recomputes fit, offer probability, salary and every strategy's EV.
    pub fn eval(&self, levels: &[Level], premiums: &[f64], out: &mut Core) {
        out.levels.clear();
        out.levels.extend(levels.iter().map(|x| [*x]));
        out.premiums.clear();
        out.premiums.extend(premiums.iter().map(|p| [*p]));
        self.eval_lanes(&out.levels, &out.premiums, [self.growth], &mut out.lanes);
        self.point_figures(out);
    }

    /// The group sums `T_rg = Σ_{i∈g} w_ri·x_i` of point levels, as
    /// `sums[r·G + g]` (weights scaled as the model scales them).
    pub(crate) fn sums(&self, levels: &[Level]) -> Vec<f64> {
        let sorted: Vec<[Level; 1]> = self.order.iter().map(|&i| [levels[i]]).collect();
        let (mut sums, mut misses) = (Vec::new(), Vec::new());
        self.group_sums(&sorted, &mut sums, &mut misses, &mut Scratch::default());
        sums.into_iter().map(|s| s[0]).collect()
    }

    /// `M_rg = Σ_{i∈g} w_ri·(1 − v_ri)` of point levels with penalties
    /// `penalty` (per competency, rubric order), as `misses[r·G + g]`;
    /// empty where no stage is voted. With the penalties as entered it is
    /// bit for bit what [`Model::eval`] sums.
    pub(crate) fn misses(&self, levels: &[Level], penalty: &[f64]) -> Vec<f64> {
        if !self.votes.any {
            return Vec::new();
        }
        let mut out = Vec::new();
        for r in 0..self.rubric.roles.len() {
            for range in &self.group_ranges {
                let mut acc = 0.0;
                for &i in &self.order[range.clone()] {
                    acc += self.miss_term(r, i, levels[i], penalty[i]);
                }
                out.push(acc);
            }
        }
        out
    }

    /// Whether a vote's `e^z` is worked out as two factors (see
    /// [`vote::Votes::factored`]).
    pub fn votes_factored(&self) -> bool {
        self.votes.factored
    }

    /// How much competency i's level moves role r's group sum: its scaled
    /// weight, in `sums[r·G + group]`.
    pub(crate) fn sum_weight(&self, r: usize, i: usize) -> f64 {
        self.sorted_weights[r * self.order.len() + self.slot[i]]
    }

    /// Competency i's term of role r's `M_rg` at level x with penalty
    /// `penalty`: `w_ri·(1 − v_ri)`, scaled as in [`Model::sums`].
    pub(crate) fn miss_term(&self, r: usize, i: usize, x: Level, penalty: f64) -> f64 {
        let bar = self.rubric.competencies[i].bar[r];
        self.sum_weight(r, i) * self.votes.miss(self.votes.offset(penalty, bar), x)
    }

    /// [`Model::eval`] from group sums (see [`Model::sums`]) rather than
    /// levels: what the planner uses, changing one competency at a time in
    /// a few sums instead of summing every competency again.
    pub(crate) fn eval_sums(&self, sums: &[f64], misses: &[f64], premiums: &[f64], out: &mut Core) {
        out.premiums.clear();
        out.premiums.extend(premiums.iter().map(|p| [*p]));
        out.lanes.sums.clear();
        out.lanes.sums.extend(sums.iter().map(|s| [*s]));
        out.lanes.misses.clear();
        out.lanes.misses.extend(misses.iter().map(|s| [*s]));
        self.eval_summed(&out.premiums, [self.growth], &mut out.lanes);
        self.point_figures(out);
    }

    /// Copies the one lane of `out.lanes` into `out`'s figures.
    fn point_figures(&self, out: &mut Core) {
        let first = |v: &[[f64; 1]], into: &mut Vec<f64>| {
            into.clear();
            into.extend(v.iter().map(|x| x[0]));
        };
        first(&out.lanes.fit, &mut out.fit);
        first(&out.lanes.offer, &mut out.offer);
        first(&out.lanes.interviewed, &mut out.interviewed);
        // Pay in job year 1, for the reports (the Monte Carlo needs none).
        out.salary.clear();
        for r in 0..self.rubric.roles.len() {
            let year_one = self.pay.first_year(r, out.lanes.mult[r][0], self.growth);
            out.salary.push(year_one);
        }
        first(&out.lanes.ev, &mut out.ev);
    }

    /// Every role's point down-level rate and green light (0 without a
    /// fallback), in every lane: what [`Lanes::downlevel`] and
    /// [`Lanes::green_light`] hold when nothing is drawn.
    pub(crate) fn point_rates<const B: usize>(&self) -> (Vec<[f64; B]>, Vec<[f64; B]>) {
        let roles = &self.rubric.roles;
        let of = |f: fn(&crate::rubric::Fallback) -> f64| {
            roles
                .iter()
                .map(|r| [r.fallback.as_ref().map_or(0.0, f); B])
                .collect()
        };
        (of(|f| f.downlevel_rate), of(|f| f.upgrade_green_light))
    }

    /// [`Model::eval`] for `B` draws at once: `levels[i][b]` is competency
    /// i's level in draw b, `premiums[r][b]` role r's premium.
    pub fn eval_lanes<const B: usize>(
        &self,
        levels: &[[Level; B]],
        premiums: &[[f64; B]],
        growth: [f64; B],
        out: &mut Lanes<B>,
    ) {
        let mut sorted = std::mem::take(&mut out.sorted);
        sorted.clear();
        sorted.extend(self.order.iter().map(|&i| levels[i]));
        self.eval_grouped_lanes(&sorted, premiums, growth, out);
        out.sorted = sorted;
    }

    /// [`Model::eval_lanes`] with the levels already in group order:
    /// `sorted[slots()[i]][b]` is competency i's level in draw b.
    pub(crate) fn eval_grouped_lanes<const B: usize>(
        &self,
        sorted: &[[Level; B]],
        premiums: &[[f64; B]],
        growth: [f64; B],
        out: &mut Lanes<B>,
    ) {
        self.group_sums(sorted, &mut out.sums, &mut out.misses, &mut out.scratch);
        self.eval_summed(premiums, growth, out);
    }

    /// Everything [`Model::eval_grouped_lanes`] works out once the group
    /// sums `T_rg` (and `M_rg`) are in `out`.
    #[inline(always)]
    fn eval_summed<const B: usize>(
        &self,
        premiums: &[[f64; B]],
        growth: [f64; B],
        out: &mut Lanes<B>,
    ) {
        let rubric = self.rubric;
        let n_roles = rubric.roles.len();
        let n_groups = rubric.groups.len().max(1);
        let n_stages = rubric.stages.len();
        out.fit.resize(n_roles, [0.0; B]);
        out.offer.resize(n_roles, [0.0; B]);
        out.interviewed.resize(n_roles, [0.0; B]);
        out.ev.resize(self.strategies.len(), [0.0; B]);
        if out.downlevel.len() != n_roles || out.green_light.len() != n_roles {
            (out.downlevel, out.green_light) = self.point_rates();
        }
        let per_role = n_stages * n_groups;
        for (r, ((t, (fit, offer)), interviewed)) in out
            .sums
            .chunks_exact(n_groups)
            .zip(out.fit.iter_mut().zip(out.offer.iter_mut()))
            .zip(out.interviewed.iter_mut())
            .enumerate()
        {
            let mut total = [0.0; B];
            for t in t {
                for (total, t) in total.iter_mut().zip(t) {
                    *total += t;
                }
            }
            for (fit, total) in fit.iter_mut().zip(total) {
                // Rounding can carry a sum of weights × 1 a hair past 100.
                *fit = (100.0 * total * self.fit_scale[r]).clamp(0.0, 100.0);
            }
            let coef = &self.stage_group_coef[r * per_role..(r + 1) * per_role];
            let pass_at = &self.pass_at[r * n_stages..(r + 1) * n_stages];
            let misses = out.misses.get(r * n_groups..(r + 1) * n_groups);
            *offer = [1.0; B];
            // `I_r`: every stage after the first.
            *interviewed = [1.0; B];
            let stages = coef
                .chunks_exact(n_groups)
                .zip(&self.count)
                .zip(pass_at)
                .zip(self.steepness.iter().zip(&self.ln_odds));
            for (s, (((c, &count), &mark), (&k, &ln_odds))) in stages.enumerate() {
                let pass = match (&self.voted[s], misses) {
                    (Some((n, choose)), Some(m)) => vote::pass_lanes(dot(c, m), *n, choose, count),
                    _ => formula::stage_pass_lanes(combine(c, t), mark, k, ln_odds, count),
                };
                for (p, pass) in offer.iter_mut().zip(pass) {
                    *p *= pass;
                }
                if s > 0 {
                    for (p, pass) in interviewed.iter_mut().zip(pass) {
                        *p *= pass;
                    }
                }
            }
        }
        // Pay: each role's premium multiplier, then `A_r(T)` at every join
        // time the strategies need.
        let pay = &self.pay;
        out.mult.resize(n_roles, [1.0; B]);
        pay.multipliers(premiums, &mut out.mult);
        out.powers.clear();
        let mut power = [1.0; B];
        for _ in 0..pay.growth_years() {
            for (p, g) in power.iter_mut().zip(&growth) {
                *p *= 1.0 + g;
            }
            out.powers.push(power);
        }
        out.taken.resize(pay.times.len() * n_roles, [0.0; B]);
        for r in 0..n_roles {
            out.taken[r] = pay.taken(pay.value(0, r, &out.mult[r], &out.powers));
            if let (Some(t), Some(f)) = (pay.upgrade_time[r], rubric.roles[r].fallback.as_ref()) {
                for role in [r, f.role] {
                    out.taken[t * n_roles + role] =
                        pay.taken(pay.value(t, role, &out.mult[role], &out.powers));
                }
            }
        }
        let rates = (&out.downlevel[..], &out.green_light[..]);
        for (ev, s) in out.ev.iter_mut().zip(&self.strategies) {
            *ev = s.expected_value(rubric, pay, &out.offer, &out.taken, rates);
        }
    }
}

/// `100 · Σ_g coef_g · T_g`, per lane.
fn combine<const B: usize>(coef: &[f64], t: &[[f64; B]]) -> [Fit; B] {
    dot(coef, t).map(|v| 100.0 * v)
}

/// `Σ_g coef_g · T_g`, per lane.
#[inline(always)]
fn dot<const B: usize>(coef: &[f64], t: &[[f64; B]]) -> [f64; B] {
    let mut out = [0.0; B];
    for (c, t) in coef.iter().zip(t) {
        for (o, t) in out.iter_mut().zip(t) {
            *o += c * t;
        }
    }
    out
}
