//! Changing a rubric file while keeping its comments, order and layout
//! (toml_edit): what `init --name/--salary` and `fill` do.

use toml_edit::{DocumentMut, Item, Value};

/// Why a rubric could not be edited.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct EditError {
    pub path: String,
    pub message: String,
}

/// A number as the person would write it: a whole amount stays an integer
/// in the file (`150000`, not `150000.0`).
pub(crate) fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).into()
    } else {
        v.into()
    }
}

/// The template leaves `current_salary` for the person to fill, as a
/// commented-out example line (`# current_salary = 150000  # required: …`):
/// turned back into a key, so `--salary` sets it in place with its comment.
pub(crate) fn uncomment_placeholder(text: &str, key: &str) -> String {
    let mut done = false;
    text.split_inclusive('\n')
        .map(|line| {
            let rest = line.trim_start().strip_prefix('#').map(str::trim_start);
            match rest {
                Some(rest)
                    if !done
                        && rest.starts_with(key)
                        && rest[key.len()..].trim_start().starts_with('=') =>
                {
                    done = true;
                    rest.to_string()
                }
                _ => line.to_string(),
            }
        })
        .collect()
}

/// A rubric's text, parsed for editing. A UTF-8 byte order mark and CRLF
/// line endings are kept: [`Editor::text`] gives them back.
pub(crate) struct Editor {
    path: String,
    doc: DocumentMut,
    bom: bool,
    crlf: bool,
}

impl Editor {
    pub(crate) fn parse(path: &str, text: &str) -> Result<Self, EditError> {
        let bom = text.starts_with('\u{feff}');
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        body.parse::<DocumentMut>()
            .map(|doc| Editor {
                path: path.to_string(),
                doc,
                bom,
                crlf: body.contains("\r\n"),
            })
            .map_err(|e| EditError {
                path: path.to_string(),
                message: format!("not valid TOML: {}", e.message()),
            })
    }

    fn refuse(&self, message: String) -> EditError {
        EditError {
            path: self.path.clone(),
            message,
        }
    }

    /// Sets `[table] key = value`, keeping the comment after an existing
    /// value and adding the table or key where missing. An error when
    /// `table` is something other than a table (`candidate = "Ada"`).
    pub(crate) fn set(
        &mut self,
        table: &str,
        key: &str,
        value: impl Into<Value>,
    ) -> Result<(), EditError> {
        if !self.doc.contains_key(table) {
            self.doc[table] = toml_edit::table();
        }
        let inline = self.doc[table].is_inline_table();
        let Some(slots) = self.doc.get_mut(table).and_then(Item::as_table_like_mut) else {
            return Err(self.refuse(format!(
                "`{table}` is not a table, so `{table}.{key}` cannot be set; write it as `[{table}]` with its keys below"
            )));
        };
        put(slots, key, value.into(), inline);
        Ok(())
    }

    /// Whether `[table] key` is set.
    pub(crate) fn has(&self, table: &str, key: &str) -> bool {
        self.doc
            .get(table)
            .and_then(Item::as_table_like)
            .is_some_and(|t| t.contains_key(key))
    }

    /// Sets `key = value` in the `index`-th `[[array]]` table, or the
    /// `index`-th inline table of `array = [ {…}, … ]`, keeping the comment
    /// after an existing value; a new key goes after the others. An error
    /// when there is no such table: the answer would be lost.
    pub(crate) fn set_in(
        &mut self,
        array: &str,
        index: usize,
        key: &str,
        value: impl Into<Value>,
    ) -> Result<(), EditError> {
        let inline = self.doc.get(array).is_some_and(Item::is_value);
        let slots: Option<&mut dyn toml_edit::TableLike> = match self.doc.get_mut(array) {
            Some(Item::ArrayOfTables(tables)) => tables
                .get_mut(index)
                .map(|t| t as &mut dyn toml_edit::TableLike),
            Some(Item::Value(Value::Array(values))) => values
                .get_mut(index)
                .and_then(Value::as_inline_table_mut)
                .map(|t| t as &mut dyn toml_edit::TableLike),
            _ => None,
        };
        let Some(slots) = slots else {
            return Err(self.refuse(format!(
                "cannot find entry {} of `{array}` to set its `{key}`; nothing was saved",
                index + 1
            )));
        };
        put(slots, key, value.into(), inline);
        Ok(())
    }

    /// How many `[[array]]` tables there are: 0 when there is none, `None`
    /// when `array` is something else (an inline array of tables, which
    /// `set_in` cannot edit).
    pub(crate) fn tables_in(&self, array: &str) -> Option<usize> {
        match self.doc.get(array) {
            None => Some(0),
            Some(item) => item.as_array_of_tables().map(|t| t.len()),
        }
    }

    /// Appends an empty `[[array]]` table and returns its index; `None`
    /// when `array` is not an array of tables. The first such table takes
    /// the comments at the end of the file above it, so an explanation
    /// (and a commented-out example) stays before the tables it explains.
    pub(crate) fn push_table(&mut self, array: &str) -> Option<usize> {
        if !self.doc.contains_key(array) {
            let mut table = toml_edit::Table::new();
            let trailing = self.doc.trailing().as_str().unwrap_or_default().to_string();
            if !trailing.trim().is_empty() {
                table
                    .decor_mut()
                    .set_prefix(format!("{}\n\n", trailing.trim_end()));
                self.doc.set_trailing("");
            }
            let mut tables = toml_edit::ArrayOfTables::new();
            tables.push(table);
            self.doc.insert(array, Item::ArrayOfTables(tables));
            return Some(0);
        }
        let tables = self.doc.get_mut(array)?.as_array_of_tables_mut()?;
        tables.push(toml_edit::Table::new());
        Some(tables.len() - 1)
    }

    /// Removes table `at` of `[[array]]`; `None` when there is no such
    /// table. The comments above the first table (the explanation
    /// [`Editor::push_table`] put there) move to the next one, or to the
    /// end of the file when it was the only one.
    pub(crate) fn remove_table(&mut self, array: &str, at: usize) -> Option<()> {
        let tables = self.doc.get_mut(array)?.as_array_of_tables_mut()?;
        if at >= tables.len() {
            return None;
        }
        let prefix = tables
            .get(at)?
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .to_string();
        tables.remove(at);
        let kept = prefix.trim_end();
        if at == 0 && !kept.trim().is_empty() {
            match tables.get_mut(0) {
                Some(next) => {
                    let own = next
                        .decor()
                        .prefix()
                        .and_then(|p| p.as_str())
                        .unwrap_or_default()
                        .trim_start()
                        .to_string();
                    next.decor_mut().set_prefix(format!("{kept}\n\n{own}"));
                }
                None => {
                    self.doc.remove(array);
                    let trailing = self.doc.trailing().as_str().unwrap_or_default().to_string();
                    self.doc.set_trailing(format!("{trailing}{kept}\n"));
                }
            }
        } else if tables.is_empty() {
            self.doc.remove(array);
        }
        Some(())
    }

    /// The edited text, with the original's byte order mark and line endings.
    pub fn text(&self) -> String {
        let mut text = self.doc.to_string();
        if self.crlf {
            // Lines toml_edit wrote itself end in a bare `\n`.
            text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        if self.bom {
            text.insert(0, '\u{feff}');
        }
        text
    }
}

/// Sets `key = value` in a table or an inline table, keeping the decor
/// (spaces and the comment) of a value it replaces.
fn put(slots: &mut dyn toml_edit::TableLike, key: &str, mut value: Value, inline: bool) {
    match slots.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            if let (Value::Array(new), Value::Array(was)) = (&mut value, &*old) {
                keep_item_comments(was, new);
            }
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        None => {
            if inline {
                // `{ id = "b" }`: the space before `}` moves after the new key.
                let last = slots.iter_mut().last().and_then(|(_, v)| v.as_value_mut());
                let suffix = last.and_then(|v| {
                    let suffix = v.decor().suffix().cloned();
                    v.decor_mut().set_suffix("");
                    suffix
                });
                value.decor_mut().set_prefix(" ");
                value
                    .decor_mut()
                    .set_suffix(suffix.unwrap_or_else(|| " ".into()));
            }
            slots.insert(key, Item::Value(value));
        }
    }
}

/// Splits `decor` after its first line break: what ends the line before
/// (`" # about a\n"`) and what leads up to the next item (comment lines and
/// the indentation). Without a line break, all of it leads.
fn split_line(decor: &str) -> (&str, &str) {
    match decor.find('\n') {
        Some(at) => decor.split_at(at + 1),
        None => ("", decor),
    }
}

/// Gives the items of `new` that were in `was` (equal values) the comments
/// they had: the comment lines above an item and the comment after it on
/// its line. toml_edit keeps a comment after an item in the next item's
/// prefix (or the array's trailing text), so the decor is split at line
/// breaks and put together again in the new order. Comments of items that
/// go, go with them; an item that is new gets the indentation of the last.
fn keep_item_comments(was: &toml_edit::Array, new: &mut toml_edit::Array) {
    let n = was.len();
    if n == 0 {
        return;
    }
    let prefix = |i: usize| {
        was.get(i)
            .and_then(|v| v.decor().prefix())
            .and_then(|p| p.as_str())
            .unwrap_or("")
    };
    // The last item's suffix holds what follows it when there is no
    // trailing comma; the array's trailing text, what follows the comma.
    let last_suffix = was
        .get(n - 1)
        .and_then(|v| v.decor().suffix())
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let end = format!("{last_suffix}{}", was.trailing().as_str().unwrap_or(""));
    let (open, first_leading) = split_line(prefix(0));
    let mut leading = vec![first_leading.to_string()];
    let mut tails = Vec::with_capacity(n);
    for i in 1..n {
        let (tail, lead) = split_line(prefix(i));
        tails.push(tail.to_string());
        leading.push(lead.to_string());
    }
    let (last_tail, close) = split_line(&end);
    tails.push(last_tail.to_string());
    let multiline = was.iter().any(|v| {
        v.decor()
            .prefix()
            .and_then(|p| p.as_str())
            .is_some_and(|p| p.contains('\n'))
    });
    let indent = leading[n - 1]
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .to_string();
    // On one line, the spacing goes by place: `["a", "b"]`.
    let spaced = |k: usize| match k {
        0 => leading[0].clone(),
        _ => leading.get(1).cloned().unwrap_or_else(|| " ".into()),
    };
    let parts: Vec<(String, String)> = new
        .iter()
        .enumerate()
        .map(
            |(k, v)| match was.iter().position(|old| bare(old) == bare(v)) {
                Some(i) if multiline => (leading[i].clone(), tails[i].clone()),
                Some(i) => (spaced(k), tails[i].clone()),
                None if multiline => (indent.clone(), "\n".to_string()),
                None => (spaced(k), String::new()),
            },
        )
        .collect();
    let mut after = open.to_string();
    for (v, (lead, tail)) in new.iter_mut().zip(&parts) {
        v.decor_mut().set_prefix(format!("{after}{lead}"));
        v.decor_mut().set_suffix("");
        after.clone_from(tail);
    }
    if multiline {
        new.set_trailing_comma(true);
    }
    new.set_trailing(format!("{after}{close}"));
}

/// A value as TOML, without the spaces and comments around it.
fn bare(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string()
}

/// A list of strings as a TOML value: `["a", "b"]`.
pub(crate) fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Value {
    Value::Array(items.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::Editor;

    #[test]
    fn set_keeps_comments_and_layout() {
        let text = "schema = 1\n\n[candidate]\nname = \"\"   # your name\ncurrent_salary = 0 # pay\n\n# roles\n[roles.pm]\nsalary = 1\n";
        let mut e = Editor::parse("r.toml", text).unwrap();
        e.set("candidate", "name", "Ada Lovelace").unwrap();
        e.set("candidate", "current_salary", 123_000i64).unwrap();
        assert_eq!(
            e.text(),
            "schema = 1\n\n[candidate]\nname = \"Ada Lovelace\"   # your name\ncurrent_salary = 123000 # pay\n\n# roles\n[roles.pm]\nsalary = 1\n"
        );
    }

    #[test]
    fn set_in_an_array_of_tables_appends_after_the_last_key() {
        let text = "[[competency]]\nid = \"a\"\nbar = 3 # the bar\n\n# next one\n[[competency]]\nid = \"b\"\nscore = 1 # mine\n";
        let mut e = Editor::parse("r.toml", text).unwrap();
        e.set_in("competency", 0, "score", 4i64).unwrap();
        e.set_in("competency", 1, "score", 2.5).unwrap();
        assert!(e.set_in("competency", 2, "score", 1i64).is_err());
        assert_eq!(
            e.text(),
            "[[competency]]\nid = \"a\"\nbar = 3 # the bar\nscore = 4\n\n# next one\n[[competency]]\nid = \"b\"\nscore = 2.5 # mine\n"
        );
    }

    #[test]
    fn set_adds_what_is_missing() {
        let mut e = Editor::parse("r.toml", "schema = 1\n").unwrap();
        e.set("candidate", "name", "Ada").unwrap();
        assert!(
            e.text().contains("[candidate]\nname = \"Ada\""),
            "{}",
            e.text()
        );
    }

    #[test]
    fn the_first_pushed_table_takes_the_closing_comments_above_it() {
        let text = "schema = 1\n\n[[stage]]\nname = \"A\"\n\n# The story bank.\n# [[story]]\n# id = \"x\"\n";
        let mut e = Editor::parse("r.toml", text).unwrap();
        assert_eq!(e.tables_in("story"), Some(0));
        let i = e.push_table("story").unwrap();
        e.set_in("story", i, "id", "first").unwrap();
        let i = e.push_table("story").unwrap();
        e.set_in("story", i, "id", "second").unwrap();
        let out = e.text();
        let comment = out.find("# The story bank.").unwrap();
        let first = out.find("id = \"first\"").unwrap();
        let second = out.find("id = \"second\"").unwrap();
        assert!(comment < first && first < second, "{out}");
        assert!(out.contains("# id = \"x\""), "{out}");
        assert_eq!(e.tables_in("story"), Some(2));
    }

    #[test]
    fn an_inline_array_of_tables_is_not_pushed_to() {
        let mut e = Editor::parse("r.toml", "story = [{ id = \"a\" }]\n").unwrap();
        assert_eq!(e.tables_in("story"), None);
        assert_eq!(e.push_table("story"), None);
    }

    #[test]
    fn set_refuses_a_value_where_a_table_belongs() {
        let mut e = Editor::parse("c.toml", "schema = 1\ncandidate = \"Ada\"\n").unwrap();
        let err = e.set("candidate", "name", "Bob").unwrap_err();
        assert!(
            err.to_string().contains("`candidate` is not a table"),
            "{err}"
        );
    }

    #[test]
    fn set_in_edits_an_inline_array_of_tables() {
        let text = "competency = [\n  { id = \"a\", score = 1 }, # first\n  { id = \"b\" },\n]\n";
        let mut e = Editor::parse("r.toml", text).unwrap();
        e.set_in("competency", 0, "score", 4i64).unwrap();
        e.set_in("competency", 1, "score", 2i64).unwrap();
        assert_eq!(
            e.text(),
            "competency = [\n  { id = \"a\", score = 4 }, # first\n  { id = \"b\", score = 2 },\n]\n"
        );
        assert!(e.set_in("competency", 2, "score", 1i64).is_err());
        assert!(e.set_in("story", 0, "score", 1i64).is_err());
    }

    #[test]
    fn a_changed_array_keeps_the_comments_of_the_items_that_stay() {
        let text = "[[story]]\nid = \"s\"\nprinciples = [ # the principles\n  # first, the customer\n  \"customer\", # obsession\n  \"owner\",\n  # frugal, really\n  \"frugal\", # cheap\n  # end of the list\n] # after\n";
        let set = |ids: &[&str]| {
            let mut e = Editor::parse("r.toml", text).unwrap();
            e.set_in(
                "story",
                0,
                "principles",
                super::strings(ids.iter().copied()),
            )
            .unwrap();
            e.text()
        };
        // The same principles again: not a byte changes.
        assert_eq!(set(&["customer", "owner", "frugal"]), text);
        // One goes, one comes, the order changes: the comments stay with
        // their items, the array's own comments where they were.
        assert_eq!(
            set(&["frugal", "customer", "bias"]),
            "[[story]]\nid = \"s\"\nprinciples = [ # the principles\n  # frugal, really\n  \"frugal\", # cheap\n  # first, the customer\n  \"customer\", # obsession\n  \"bias\",\n  # end of the list\n] # after\n"
        );
        let out = set(&["owner"]);
        assert_eq!(
            out,
            "[[story]]\nid = \"s\"\nprinciples = [ # the principles\n  \"owner\",\n  # end of the list\n] # after\n"
        );
        // A one-line array stays on one line.
        let mut e =
            Editor::parse("r.toml", "[[story]]\nprinciples = [\"a\", \"b\"] # two\n").unwrap();
        e.set_in("story", 0, "principles", super::strings(["b", "c"]))
            .unwrap();
        assert_eq!(e.text(), "[[story]]\nprinciples = [\"b\", \"c\"] # two\n");
    }

    #[test]
    fn crlf_and_a_byte_order_mark_are_kept() {
        let text = "\u{feff}schema = 1\r\n\r\n[candidate]\r\nname = \"\" # you\r\n";
        let mut e = Editor::parse("r.toml", text).unwrap();
        e.set("candidate", "name", "Ada").unwrap();
        e.set("candidate", "route", "referral").unwrap();
        assert_eq!(
            e.text(),
            "\u{feff}schema = 1\r\n\r\n[candidate]\r\nname = \"Ada\" # you\r\nroute = \"referral\"\r\n"
        );
    }
}
