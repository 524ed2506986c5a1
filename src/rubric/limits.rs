//! The limits on a rubric's size and numbers (DESIGN.md "Rubric format",
//! ranges and limits): far above any real rubric, low enough that no file
//! can exhaust memory or time.

/// The largest rubric read: far above any real one (the bundled rubric is
/// about 25 KB), small enough that no file can exhaust memory or time.
pub(crate) const MAX_BYTES: usize = 1 << 20;
/// The most money any amount may be (salaries, pay parts, equity).
pub(crate) const MAX_MONEY: f64 = 1e12;
/// The longest list of yearly amounts or shares (`sign_on`, `vesting`,
/// `current_equity`).
pub(crate) const MAX_LIST: usize = 50;
/// The largest magnitude of a scale's `min` and `max` (whole numbers).
pub(crate) const MAX_SCALE: f64 = 1000.0;
/// The longest horizon, in years.
pub(crate) const MAX_HORIZON: f64 = 50.0;

/// The steepest logistic slope per stage-score point (DESIGN.md v3): no
/// stage doubles its odds in less than 0.14 points.
pub(crate) const MAX_STEEPNESS: f64 = 5.0;
/// The longest a stage or an upgrade may take, in days (ten years).
pub(crate) const MAX_DAYS: f64 = 3650.0;

/// Upper bound on `[model] samples`: more would take minutes, not seconds.
pub(crate) const MAX_SAMPLES: i64 = 10_000_000;
/// Upper bound on a stage's `count`.
pub(crate) const MAX_COUNT: i64 = 100;
/// Upper bounds on the rubric's size: far above any real rubric, low enough
/// that the work per draw stays bounded.
pub(crate) const MAX_COMPETENCIES: usize = 1_000;
pub(crate) const MAX_STAGES: usize = 100;
pub(crate) const MAX_ROLES: usize = 20;
pub(crate) const MAX_STORIES: usize = 200;
/// The longest text of a story part (title, situation, task, action,
/// result), in characters: a story is told in two minutes.
pub(crate) const MAX_STORY_TEXT: usize = 2_000;

/// Non-zero weights or emphases further apart than this are refused: the
/// products of two of them must stay far from under- and overflow.
pub(crate) const MAX_SPREAD: f64 = 1e150;
