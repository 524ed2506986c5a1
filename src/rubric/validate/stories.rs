//! `[[story]]`: the story bank (DESIGN.md "Story bank"). Ids unique and
//! valid, principles naming `leadership` competencies, each text at most
//! 2,000 characters. A story without principles is a draft: valid.

use std::ops::Range;

use indexmap::IndexMap;
use toml::Spanned;

use super::super::diag::Diag;
use super::super::limits::MAX_STORY_TEXT;
use super::super::raw::RawStory;
use super::super::{Competency, Story};
use super::{Checker, list};

/// Validates every story; `leadership` is the index of the `leadership`
/// group, if there is one.
pub(super) fn stories(
    c: &mut Checker,
    raw: &[Spanned<RawStory>],
    competencies: &[Competency],
    leadership: Option<usize>,
    src: &str,
) -> Vec<Story> {
    let principles: Vec<(usize, &str)> = competencies
        .iter()
        .enumerate()
        .filter(|(_, k)| Some(k.group) == leadership)
        .map(|(i, k)| (i, k.id.as_str()))
        .collect();
    // Lookups by id: a story may name hundreds of principles.
    let by_id: std::collections::HashMap<&str, usize> =
        principles.iter().map(|&(i, id)| (id, i)).collect();
    let mut seen: IndexMap<&str, Range<usize>> = IndexMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for s in raw {
        let s = s.get_ref();
        let id = s.id.get_ref();
        c.id(&s.id, "story");
        if let Some(first) = seen.get(id.as_str()) {
            let (line, _) = Diag::new(first.clone(), "").line_col(src);
            c.err(s.id.span(), format!("story id `{id}` repeats")).help = Some(format!(
                "ids must be unique; it is first used on line {line}"
            ));
        } else {
            seen.insert(id, s.id.span());
        }
        let owner = format!("story `{id}`");
        let mut text = |value: &Option<Spanned<String>>, key: &str| -> Option<String> {
            let v = value.as_ref()?;
            let n = v.get_ref().chars().count();
            if n > MAX_STORY_TEXT {
                c.err(
                    v.span(),
                    format!("{owner}: `{key}` is {n} characters long; at most {MAX_STORY_TEXT}"),
                )
                .help = Some(
                    "a story is told in about two minutes: keep each part to a few sentences"
                        .into(),
                );
            }
            let t = v.get_ref().trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        let title = text(&s.title, "title");
        let situation = text(&s.situation, "situation");
        let task = text(&s.task, "task");
        let action = text(&s.action, "action");
        let result = text(&s.result, "result");
        let mut named: Vec<usize> = Vec::new();
        let mut seen_here = std::collections::HashSet::new();
        for p in s.principles.iter().flat_map(|p| p.get_ref()) {
            let want = p.get_ref().as_str();
            match by_id.get(want).copied() {
                Some(i) if !seen_here.insert(i) => {
                    c.err(p.span(), format!("{owner} names principle `{want}` twice"))
                        .label = Some("name each principle once".into());
                }
                Some(i) => named.push(i),
                None => {
                    let d = c.err(
                        p.span(),
                        format!("{owner}: `principles` names `{want}`, which is not a leadership principle"),
                    );
                    d.help = Some(match (competencies.iter().find(|k| k.id == want), leadership) {
                        (_, None) => "stories back the competencies of the `leadership` group, and this rubric has none".into(),
                        (Some(_), Some(_)) => format!(
                            "`{want}` is not in the `leadership` group; stories back leadership principles: {}",
                            list(principles.iter().map(|p| p.1))
                        ),
                        (None, Some(_)) => format!(
                            "leadership principles: {}",
                            list(principles.iter().map(|p| p.1))
                        ),
                    });
                }
            }
        }
        out.push(Story {
            id: id.clone(),
            title: title.unwrap_or_else(|| id.clone()),
            situation,
            task,
            action,
            result,
            principles: named,
        });
    }
    out
}
