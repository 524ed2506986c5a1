//! What the person named on the command line: rubric files, folders of
//! them and globs the shell did not expand, in order; nothing means the
//! bundled example. Every command that reads rubrics expands them here.

use std::path::{Path, PathBuf};

use crate::rubric::{self, LoadError, Rubric};

/// One rubric to read: a file, or the bundled example (`path` None).
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// How the rubric is named in messages and JSON.
    pub name: String,
    /// The file stem: the result folder's name when the candidate has none.
    pub stem: String,
    pub path: Option<PathBuf>,
    /// Why nothing can be read here (a folder with no rubric in it).
    problem: Option<String>,
}

impl Input {
    /// The rubric file at `path`, named and stemmed as `assess` names it.
    pub(crate) fn file(path: PathBuf) -> Self {
        Input {
            name: path.display().to_string(),
            stem: path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            path: Some(path),
            problem: None,
        }
    }

    /// The bundled example, what `assess` reads when given no path.
    pub(crate) fn example() -> Self {
        Input {
            name: rubric::EXAMPLE_NAME.to_string(),
            stem: "example".into(),
            path: None,
            problem: None,
        }
    }

    /// False for a folder that holds no rubric.
    pub(crate) fn found(&self) -> bool {
        self.problem.is_none()
    }

    /// Reads and validates the rubric.
    pub fn load(&self) -> Result<Rubric, LoadError> {
        if let Some(problem) = &self.problem {
            return Err(LoadError::Unreadable {
                path: self.name.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, problem.clone()),
            });
        }
        match &self.path {
            Some(p) => rubric::load(p).map_err(|e| with_suggestion(e, p)),
            None => rubric::parse_str(rubric::EXAMPLE_NAME, rubric::EXAMPLE_RUBRIC),
        }
    }
}

/// Whether `paths` name several rubrics, however many there turn out to
/// be: more than one path, a folder or a glob. `assess --format json` then
/// prints an array, even of one document or of none (#23.16).
pub(crate) fn names_several(paths: &[PathBuf]) -> bool {
    paths.len() > 1
        || paths
            .iter()
            .any(|p| p.is_dir() || (!p.exists() && p.to_string_lossy().contains(['*', '?', '['])))
}

/// A file that is not there, with the rubric its name was probably meant
/// to be: `my-rubric.tom` → "did you mean my-rubric.toml?".
pub(crate) fn with_suggestion(e: LoadError, path: &Path) -> LoadError {
    match e {
        LoadError::Unreadable { path: name, source }
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            let source = match did_you_mean(path) {
                Some(near) => std::io::Error::new(
                    source.kind(),
                    format!("{source}; did you mean {}?", near.display()),
                ),
                None => source,
            };
            LoadError::Unreadable { path: name, source }
        }
        other => other,
    }
}

/// The `*.toml` file beside `path` whose name is nearest to it, within two
/// edits (a letter missing, extra, wrong or two swapped).
fn did_you_mean(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let files = folder(dir.unwrap_or(Path::new("."))).ok()?;
    files
        .into_iter()
        .filter_map(|f| {
            let other = f.file_name()?.to_string_lossy().to_lowercase();
            let d = edits(&name, &other);
            (d <= 2).then_some((d, f))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| match dir {
            Some(_) => f,
            // As the person wrote it: `my-rubric.toml`, not `./my-rubric.toml`.
            None => f.file_name().map_or(f.clone(), PathBuf::from),
        })
}

/// The edit distance of two names (Damerau–Levenshtein, adjacent swaps
/// counting one); names are short, so the plain O(n·m) table.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The rubrics named by `paths`: files as given, every `*.toml` of a folder
/// (sorted), and the matches of a glob the shell did not expand (sorted; a
/// glob matching nothing is kept as a path, to be reported missing). No
/// paths: the bundled example.
pub(crate) fn expand(paths: &[PathBuf]) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::example()];
    }
    let mut out = Vec::new();
    for p in paths {
        let text = p.to_string_lossy();
        if p.is_dir() {
            match folder(p) {
                Ok(files) if !files.is_empty() => out.extend(files.into_iter().map(Input::file)),
                found => {
                    let mut input = Input::file(p.clone());
                    input.problem = Some(match found {
                        Err(e) => e.to_string(),
                        Ok(_) => "this folder holds no rubric (no *.toml file)".into(),
                    });
                    out.push(input);
                }
            }
        } else if !p.exists() && text.contains(['*', '?', '[']) {
            let mut matches: Vec<PathBuf> = glob::glob(&text)
                .map(|m| m.flatten().filter(|f| f.is_file()).collect())
                .unwrap_or_default();
            matches.sort();
            if matches.is_empty() {
                out.push(Input::file(p.clone()));
            } else {
                out.extend(matches.into_iter().map(Input::file));
            }
        } else {
            out.push(Input::file(p.clone()));
        }
    }
    out
}

/// The `*.toml` files directly inside `dir`, sorted.
fn folder(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|f| f.extension().is_some_and(|e| e == "toml") && f.is_file())
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::{edits, expand};

    #[test]
    fn a_near_name_is_suggested() {
        assert_eq!(edits("my-rubric.tom", "my-rubric.toml"), 1);
        assert_eq!(edits("my-rubirc.toml", "my-rubric.toml"), 1);
        assert_eq!(edits("rubric.toml", "cubic.toml"), 2);
        assert_eq!(edits("a.toml", "zzz.toml"), 3);
    }

    #[test]
    fn folders_and_globs_expand_sorted_and_files_stay_as_given() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let names = |paths: &[std::path::PathBuf]| -> Vec<String> {
            expand(paths).into_iter().map(|i| i.stem).collect()
        };
        assert_eq!(names(&[dir.path().to_path_buf()]), ["a", "b"]);
        assert_eq!(names(&[dir.path().join("*.toml")]), ["a", "b"]);
        assert_eq!(
            names(&[dir.path().join("b.toml"), dir.path().join("a.toml")]),
            ["b", "a"]
        );
        // A glob matching nothing stays, to be reported as missing.
        assert_eq!(names(&[dir.path().join("*.json")]), ["*"]);
        // No path: the bundled example.
        assert_eq!(expand(&[])[0].stem, "example");
        // A folder with no rubric is one input that cannot be read.
        let empty = tempfile::tempdir().unwrap();
        let inputs = expand(&[empty.path().to_path_buf()]);
        assert_eq!(inputs.len(), 1);
        let err = inputs[0].load().unwrap_err().to_string();
        assert!(err.contains("holds no rubric"), "{err}");
    }
}
