//! The rubric: what a person fills out (DESIGN.md "Rubric format").
//!
//! `raw` deserializes the TOML keeping spans, `validate` checks every rule and
//! builds the [`Rubric`] the model works on. Roles, groups and stages are
//! data: the engine knows nothing about Amazon.

pub(crate) mod diag;
pub(crate) mod edit;
pub(crate) mod limits;
mod load;
pub(crate) mod raw;
pub(crate) mod validate;

pub use diag::Diag;
#[cfg(test)]
pub use load::parse_step_fixture;
pub use load::{LoadError, load, parse_str, read_capped};

/// The bundled Amazon PM/PMT rubric, blank: what `init` writes.
pub const DEFAULT_RUBRIC: &str = include_str!("../../rubrics/amazon-pm-pmt.toml");
/// The filled-out example `assess` uses when given no path.
pub const EXAMPLE_RUBRIC: &str = include_str!("../../rubrics/examples/experienced-pm.toml");
/// How the bundled example is named in messages and JSON.
pub const EXAMPLE_NAME: &str = "rubrics/examples/experienced-pm.toml";

use crate::units::{Amount as Money, Points, Probability};

/// A validated rubric. Indices (`role`, `group`) point into `roles`/`groups`,
/// which keep rubric order.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub candidate: Candidate,
    pub scale: Scale,
    pub model: ModelParams,
    pub roles: Vec<Role>,
    pub groups: Vec<Group>,
    pub competencies: Vec<Competency>,
    pub stages: Vec<Stage>,
    /// The story bank, in rubric order.
    pub stories: Vec<Story>,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    /// Trimmed; empty when blank (a template).
    pub name: String,
    /// The "stay where you are" baseline; `None` when absent (a template).
    pub current_salary: Option<Money>,
    /// Equity that vests in each coming calendar year if you stay (from 1).
    pub current_equity: Vec<Money>,
    /// Take an offer worth less than staying (else it is declined).
    pub accept_lower_pay: bool,
    /// How the application reaches the team.
    pub route: Route,
    /// When the self-assessment was made, `YYYY-MM-DD` (for `compare`).
    pub date: Option<String>,
    /// Lines to point at when the name or the salary is missing: the
    /// `name` key's, else the `[candidate]` header's (1-based).
    pub name_line: Option<usize>,
    pub table_line: Option<usize>,
}

impl Candidate {
    /// The pay of staying: `current_salary`, 0 while it is missing.
    pub(crate) fn stay_pay(&self) -> Money {
        self.current_salary.unwrap_or(0.0)
    }
}

/// How an application reaches the hiring team (DESIGN.md `route`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    CareersSite,
    Referral,
    Recruiter,
}

impl Route {
    pub(crate) const ALL: [Route; 3] = [Route::CareersSite, Route::Referral, Route::Recruiter];

    /// The id written in the rubric and the JSON.
    pub fn id(self) -> &'static str {
        match self {
            Route::CareersSite => "careers-site",
            Route::Referral => "referral",
            Route::Recruiter => "recruiter",
        }
    }

    pub(crate) fn from_id(id: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.id() == id)
    }

    // Every wording of a route is here, one method per place in a sentence.

    /// The route as a clause for a report: "you apply through the careers site".
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Route::CareersSite => "you apply through the careers site",
            Route::Referral => "an Amazon employee refers you",
            Route::Recruiter => "a recruiter put you forward",
        }
    }

    /// What choosing the route means, for the question and `--help`:
    /// "you apply cold through amazon.jobs".
    pub(crate) fn hint(self) -> &'static str {
        match self {
            Route::CareersSite => "you apply cold through amazon.jobs",
            Route::Referral => "an Amazon employee refers you",
            Route::Recruiter => "a recruiter approached you",
        }
    }

    /// The route as the subject of a sentence: "A referral".
    pub(crate) fn subject(self) -> &'static str {
        match self {
            Route::Referral => "A referral",
            Route::Recruiter => "A recruiter putting you forward",
            Route::CareersSite => "Applying through the careers site",
        }
    }

    /// The route as an adverbial: "with a referral".
    pub(crate) fn clause(self) -> &'static str {
        match self {
            Route::Referral => "with a referral",
            Route::Recruiter => "through a recruiter",
            Route::CareersSite => "through the careers site",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Scale {
    pub min: Points,
    pub max: Points,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ModelParams {
    pub self_bias: Points,
    /// Logistic slope k per fit point.
    pub steepness: f64,
    pub samples: u64,
    pub seed: u64,
    /// H: the years over which pay is counted, (0, 50].
    pub horizon_years: f64,
    /// The yearly change of the share price, for RSU values.
    pub stock_growth: Estimate,
    /// Index of the group shifted in the sensitivity sweep.
    pub sensitivity_group: usize,
    /// Fit points (0–100).
    pub overfocus_gap: f64,
    /// The planner's budget, hours.
    pub prep_hours: f64,
    /// How far one step of preparation raises a score, scale points.
    pub prep_step: Points,
    /// Principles a loop asks about (the story bank's aim), 1–100.
    pub loop_principles: usize,
    /// The sd of the error all self-scores share in a Monte Carlo draw,
    /// scale points (0: none drawn).
    pub self_bias_sd: Points,
    /// Voted stages: the slope of a vote's log-odds of "inclined" per
    /// scale point above the bar.
    pub vote_steepness: f64,
    /// Voted stages: the chance a vote is inclined at the bar, before noise.
    pub inclined_at_bar: Probability,
    /// Voted stages: the share of votes that are a coin flip.
    pub vote_noise: Probability,
    /// Voted stages: scale points off an unprepared principle.
    pub unprepared_penalty: Points,
    /// The planner's hours to write a missing story.
    pub story_hours: f64,
}

/// A number the rubric gives as a point or as a triangular distribution
/// (a premium, the stock growth): the Monte Carlo draws a triangular one.
#[derive(Debug, Clone, PartialEq)]
pub enum Estimate {
    Fixed(f64),
    Triangular { min: f64, mode: f64, max: f64 },
}

impl Estimate {
    /// The value used for point estimates: the mode of a triangular one.
    pub(crate) fn point(&self) -> f64 {
        match *self {
            Estimate::Fixed(p) => p,
            Estimate::Triangular { mode, .. } => mode,
        }
    }

    /// `(min, mode, max)` when the Monte Carlo draws it: a triangular one
    /// with some width.
    pub fn drawn(&self) -> Option<(f64, f64, f64)> {
        match *self {
            Estimate::Triangular { min, mode, max } if max > min => Some((min, mode, max)),
            _ => None,
        }
    }
}

/// A pay package (DESIGN.md "Pay"): lists count from job year 1; entries
/// past a list's end are 0. `salary = N` is `{ base = N }`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Package {
    pub base: Money,
    /// Sign-on bonus per job year.
    pub sign_on: Vec<Money>,
    /// The RSU grant, valued at the share price when granted.
    pub rsu: Money,
    /// The share of the grant vesting in each job year.
    pub vesting: Vec<f64>,
}

impl Package {
    /// `pay(y) = base + sign_on[y] + rsu · vesting[y] · (1 + g)^y`, job year
    /// `y` from 1.
    pub(crate) fn year(&self, y: usize, growth: f64) -> Money {
        let at = |list: &[f64]| {
            y.checked_sub(1)
                .and_then(|i| list.get(i))
                .copied()
                .unwrap_or(0.0)
        };
        self.base + at(&self.sign_on) + self.rsu * at(&self.vesting) * (1.0 + growth).powi(y as i32)
    }

    /// This package with every part multiplied by `k` (a premium's `1 + p`).
    pub(crate) fn scaled(&self, k: f64) -> Package {
        Package {
            base: self.base * k,
            sign_on: self.sign_on.iter().map(|s| s * k).collect(),
            rsu: self.rsu * k,
            vesting: self.vesting.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Pay {
    /// `salary = N` or `pay = { … }`.
    Package(Package),
    /// The `premium_over` role's package with base, every sign-on and the
    /// RSU grant × (1 + premium).
    PremiumOver { role: usize, premium: Estimate },
}

#[derive(Debug, Clone)]
pub struct Fallback {
    pub role: usize,
    /// Point values (a triangular's mode), what the point model uses.
    pub downlevel_rate: f64,
    pub upgrade_green_light: f64,
    pub upgrade_days: f64,
    /// As given: the Monte Carlo draws a triangular one (DESIGN.md v3).
    pub downlevel_estimate: Estimate,
    pub green_light_estimate: Estimate,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub title: String,
    pub pay: Pay,
    pub fallback: Option<Fallback>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub title: String,
    /// Preparation hours one step takes in this group, if the rubric says.
    pub hours_per_step: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Competency {
    pub id: String,
    pub name: String,
    pub group: usize,
    pub question: Option<String>,
    pub levels: Vec<String>,
    /// Per role, in role order; 0 where the rubric gives none.
    pub weight: Vec<f64>,
    /// Per role; `None` where the rubric sets no bar.
    pub bar: Vec<Option<Points>>,
    /// `None` in a blank template.
    pub score: Option<Points>,
    /// Standard deviation of the self-assessment, in scale points.
    pub sd: Points,
    pub evidence: Option<String>,
    /// Preparation hours one step of this competency takes: its own
    /// `hours_per_step`, else its group's, else 10.
    pub hours_per_step: f64,
}

#[derive(Debug, Clone)]
pub struct Stage {
    pub name: String,
    pub count: u32,
    pub days: f64,
    /// Per group, in group order.
    pub emphasis: Vec<f64>,
    /// Per role, 0–100.
    pub pass_at: Vec<f64>,
    /// The logistic slope `k_s`: the stage's own, else the model's.
    pub steepness: f64,
    /// Odds multiplier per route, in [`Route::ALL`] order (1 where the
    /// stage lists none).
    pub route_odds: [f64; 3],
    /// A voted stage's votes; `None` for a scored stage (`pass_at`).
    pub vote: Option<Vote>,
}

/// A voted stage (DESIGN.md v3): `votes` judgements, each on one
/// competency; the debrief tolerates `max_no` "not inclined" ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    pub votes: u32,
    pub max_no: u32,
}

impl Stage {
    /// `m_s` for `route`.
    pub(crate) fn odds(&self, route: Route) -> f64 {
        let at = Route::ALL.iter().position(|r| *r == route).unwrap_or(0);
        self.route_odds[at]
    }
}

/// A STAR story of the story bank (DESIGN.md "Story bank"). Blank parts
/// are `None`; a story without principles is a draft.
#[derive(Debug, Clone, Default)]
pub struct Story {
    pub id: String,
    /// The title, else the id.
    pub title: String,
    pub situation: Option<String>,
    pub task: Option<String>,
    pub action: Option<String>,
    pub result: Option<String>,
    /// Indices of the `leadership` competencies it backs, in the order named.
    pub principles: Vec<usize>,
}

/// A STAR part of a story, by its key in the rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Situation,
    Task,
    Action,
    Result,
}

impl Part {
    pub(crate) const ALL: [Part; 4] = [Part::Situation, Part::Task, Part::Action, Part::Result];

    pub(crate) fn key(self) -> &'static str {
        match self {
            Part::Situation => "situation",
            Part::Task => "task",
            Part::Action => "action",
            Part::Result => "result",
        }
    }
}

impl Story {
    pub(crate) fn part(&self, part: Part) -> Option<&String> {
        match part {
            Part::Situation => self.situation.as_ref(),
            Part::Task => self.task.as_ref(),
            Part::Action => self.action.as_ref(),
            Part::Result => self.result.as_ref(),
        }
    }

    pub(crate) fn part_mut(&mut self, part: Part) -> &mut Option<String> {
        match part {
            Part::Situation => &mut self.situation,
            Part::Task => &mut self.task,
            Part::Action => &mut self.action,
            Part::Result => &mut self.result,
        }
    }

    /// What the story still lacks, by key: the STAR parts missing or blank,
    /// then `principles` when it names none and `principles_apply` (the
    /// rubric has principles to name).
    pub(crate) fn lacks(&self, principles_apply: bool) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Part::ALL
            .into_iter()
            .filter(|p| self.part(*p).is_none())
            .map(Part::key)
            .collect();
        if principles_apply && self.principles.is_empty() {
            out.push("principles");
        }
        out
    }
}

impl Rubric {
    /// Whether some stage is voted (DESIGN.md v3): only then do stories
    /// and the unprepared penalty touch the odds.
    pub fn voted(&self) -> bool {
        self.stages.iter().any(|s| s.vote.is_some())
    }

    /// Leadership competencies *unprepared* as entered (DESIGN.md v3):
    /// evidence absent or blank and no story names them (a story with a
    /// blank STAR part still counts; a draft names none). Rubric order.
    pub fn unprepared(&self) -> Vec<usize> {
        let Some(leadership) = self.group_index("leadership") else {
            return Vec::new();
        };
        let mut named = vec![false; self.competencies.len()];
        for s in &self.stories {
            for &p in &s.principles {
                named[p] = true;
            }
        }
        self.competencies
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.group == leadership
                    && c.evidence.as_ref().is_none_or(|e| e.trim().is_empty())
                    && !named[*i]
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Days until an offer comes: every stage's days (an offer needs them
    /// all), `T0` in days.
    pub(crate) fn days_to_offer(&self) -> f64 {
        self.stages.iter().map(|s| s.days).sum()
    }

    /// `stay(y) = current_salary + current_equity[y]`, calendar year y from 1.
    pub(crate) fn stay_year(&self, y: usize) -> Money {
        let equity = y
            .checked_sub(1)
            .and_then(|i| self.candidate.current_equity.get(i))
            .copied()
            .unwrap_or(0.0);
        self.candidate.stay_pay() + equity
    }

    pub fn group_index(&self, id: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.id == id)
    }

    /// Competencies without a score (a blank or partly filled template).
    pub fn blank(&self) -> Vec<&Competency> {
        self.competencies
            .iter()
            .filter(|c| c.score.is_none())
            .collect()
    }

    /// What a template still lacks before it can be assessed, one line
    /// each, with the rubric line to fix where there is one: a blank name,
    /// a missing `current_salary`, competencies without a score. Empty when
    /// the rubric is ready.
    pub(crate) fn missing(&self) -> Vec<String> {
        let c = &self.candidate;
        let at = |line: Option<usize>| line.map_or_else(String::new, |l| format!("line {l}: "));
        let mut out = Vec::new();
        if c.name.is_empty() {
            out.push(format!(
                "{}[candidate] name is blank: write your name (it names the results folder and the charts)",
                at(c.name_line.or(c.table_line))
            ));
        }
        if c.current_salary.is_none() {
            out.push(format!(
                "{}[candidate] current_salary is missing: your current annual pay, the \"stay\" baseline (0 if you have none)",
                at(c.table_line.or(c.name_line))
            ));
        }
        let blank = self.blank();
        if !blank.is_empty() {
            out.push(format!(
                "{} of {} competencies {} no score yet: {}",
                blank.len(),
                self.competencies.len(),
                if blank.len() == 1 { "has" } else { "have" },
                blank
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out
    }
}
