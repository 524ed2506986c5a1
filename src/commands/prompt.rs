//! Asking in the terminal, for `fill` and `fill --stories`: a line read per
//! answer (so answers can be piped), and a rubric file whose text is the
//! one state, saved after every accepted answer.

use std::io::{BufRead, Write};
use std::path::Path;

use toml_edit::Value;

use crate::error::Error;
use crate::questions::{self, Key, Question, Refused};
use crate::rubric::limits::MAX_BYTES;
use crate::rubric::{self, Rubric};
use crate::saving::RubricFile;
use crate::text::{clean, fit_width, wrap};

/// One answer read from the input: a value, Enter (keep), back one
/// question, or the end.
pub(super) enum Answer<T> {
    Value(T),
    Keep,
    Back,
    Quit,
}

/// What the keys do, for the banner and `?`.
pub(super) const KEYS: &str =
    "Enter keeps an answer, < goes back one question, ? explains, q stops";

pub(super) struct Session<'a> {
    pub(super) input: &'a mut dyn BufRead,
    pub(super) out: &'a mut dyn Write,
}

impl Session<'_> {
    /// Asks until `parse` accepts the line; Enter keeps, `<` (or `b`,
    /// `back`) goes back, `?` shows `help` and asks again, `q` or the end
    /// of the input quits.
    pub(super) fn ask<T>(
        &mut self,
        prompt: &str,
        help: &str,
        mut parse: impl FnMut(&str) -> Result<T, String>,
    ) -> Answer<T> {
        loop {
            let _ = write!(self.out, "{prompt}");
            let _ = self.out.flush();
            let mut line = Vec::new();
            // At most a rubric's size of one line: a longer one is skipped.
            match std::io::Read::take(&mut *self.input, MAX_BYTES as u64 + 1)
                .read_until(b'\n', &mut line)
            {
                Ok(0) | Err(_) => {
                    let _ = writeln!(self.out);
                    return Answer::Quit;
                }
                Ok(_) => {}
            }
            if line.len() > MAX_BYTES {
                let _ = self.input.skip_until(b'\n');
                let _ = writeln!(
                    self.out,
                    "  that answer is longer than a whole rubric may be (1 MiB); not saved"
                );
                continue;
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim();
            if line.is_empty() {
                return Answer::Keep;
            }
            if line.eq_ignore_ascii_case("q") {
                return Answer::Quit;
            }
            if ["<", "b", "back"]
                .iter()
                .any(|b| line.eq_ignore_ascii_case(b))
            {
                return Answer::Back;
            }
            if line == "?" {
                if !help.is_empty() {
                    let _ = write!(self.out, "{}", wrap(help, 80, "  "));
                }
                let _ = write!(self.out, "{}", wrap(&format!("{KEYS}."), 80, "  "));
                continue;
            }
            match parse(line) {
                Ok(v) => return Answer::Value(v),
                Err(e) => {
                    let _ = writeln!(self.out, "  {e}");
                }
            }
        }
    }

    /// Asks `q` (its prompt, indented by `indent`, with the value in
    /// effect) until an answer is saved, kept, or the person stops.
    pub(super) fn question(
        &mut self,
        filling: &mut Filling,
        q: &Question,
        indent: &str,
    ) -> Result<Answer<()>, Error> {
        let shown = match q.current.as_deref() {
            Some(v) => format!(" [{}]", fit_width(&clean(v), 40)),
            None if q.blank.is_empty() => String::new(),
            None => format!(" [{}]", q.blank),
        };
        let prompt = format!("{indent}{}{shown}: ", q.prompt);
        let help = match (q.help.as_str(), q.accepts.describe()) {
            ("", accepts) => format!("The answer: {accepts}."),
            (help, accepts) => format!("{}\nThe answer: {accepts}.", clean(help)),
        };
        self.save_answer(filling, &prompt, &help, |line| {
            Ok(vec![(q.key, q.parse(line)?)])
        })
    }

    /// Asks until what `answers` makes of the line is saved (the validator
    /// accepting it), kept, or the person stops; a refusal is shown and
    /// asked again.
    pub(super) fn save_answer(
        &mut self,
        filling: &mut Filling,
        prompt: &str,
        help: &str,
        answers: impl Fn(&str) -> Result<Vec<(Key, Value)>, String>,
    ) -> Result<Answer<()>, Error> {
        let mut fatal = None;
        let answer = self.ask(prompt, help, |line| {
            let answers = answers(line)?;
            match filling.answer(&answers) {
                Ok(accepted) => accepted,
                Err(e) => {
                    fatal = Some(e);
                    Ok(())
                }
            }
        });
        match fatal {
            Some(e) => Err(e),
            None => Ok(answer),
        }
    }
}

/// A rubric being filled out: its file, whose text is the state, and the
/// rubric that text validates to.
pub(super) struct Filling {
    pub(super) file: RubricFile,
    pub(super) rubric: Rubric,
}

impl Filling {
    pub(super) fn open(path: &Path) -> Result<Self, Error> {
        let file = RubricFile::open(path)?;
        let rubric = rubric::parse_str(&file.display, file.text())?;
        Ok(Filling { file, rubric })
    }

    /// Writes `answers` into the text and saves it when the validator
    /// accepts the result; `Ok(Err(why))` when it does not (nothing saved).
    pub(super) fn answer(&mut self, answers: &[(Key, Value)]) -> Result<Result<(), String>, Error> {
        match questions::apply(&self.file.display, self.file.text(), answers) {
            Ok((text, rubric)) => {
                self.file.save(&text)?;
                self.rubric = rubric;
                Ok(Ok(()))
            }
            Err(Refused::Invalid(why)) => Ok(Err(why)),
            Err(Refused::Edit(e)) => Err(e.into()),
        }
    }
}
