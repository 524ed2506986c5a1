//! Stopping a long computation that is no longer wanted (`serve`: a newer
//! answer came). Cooperative: the Monte Carlo asks between chunks of
//! draws, the assessment between its steps, the planner between its
//! steps; a computation that stops says so with [`Cancelled`], never with
//! a partial result. `assess` passes [`Cancel::never`], which is never
//! asked anything, so its outputs cannot depend on it.

use std::sync::Arc;

/// Whether to stop: asked between pieces of work, from any thread.
#[derive(Clone, Default)]
pub struct Cancel(Option<Arc<dyn Fn() -> bool + Send + Sync>>);

/// A computation stopped before its end: it has no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("stopped: a newer computation replaced this one")]
pub struct Cancelled;

impl Cancel {
    /// Never stops (the command line's computations).
    pub fn never() -> Cancel {
        Cancel(None)
    }

    /// Stops once `stop` returns true (asked once per piece of work, on
    /// the thread doing it; it should be cheap, and stay true once true).
    pub fn when(stop: impl Fn() -> bool + Send + Sync + 'static) -> Cancel {
        Cancel(Some(Arc::new(stop)))
    }

    /// `Err(Cancelled)` when the work should stop here.
    pub fn check(&self) -> Result<(), Cancelled> {
        match &self.0 {
            Some(stop) if stop() => Err(Cancelled),
            _ => Ok(()),
        }
    }
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Cancel::when(..)"
        } else {
            "Cancel::never()"
        })
    }
}
