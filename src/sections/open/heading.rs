//! Opening strategy: A numbered heading that names problems or measures (`二、存在的问题`, `（三）下一步工作建议`):
//! the section is the heading's outline subtree.

use super::super::*;

/// Endings of a heading about a year's work (2026年财政管理改革工作, 2026年重点任务).
const PLANNED_WORK_ENDINGS: &[&str] = &["工作", "任务", "工作任务"];

impl Ctx<'_> {
    /// A section opened by the heading node `n`.
    pub(in crate::sections) fn heading_section(&self, n: usize) -> Option<Opened> {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let (a, b) = headline_range(&ln.s, node.marker.len, ln.s.len());
        let b = heading_end(ln, a, b)?;
        // A run of clauses (奖罚力度得当，避免误判，对于屡犯同一问题的部门，…) is an item, not a heading.
        if ln.s[a..b].iter().filter(|&&c| is_comma(c)).count() >= 3 {
            return None;
        }
        let ty = match classify(&ln.simp(a, b)) {
            Some(ty) => ty,
            // 二、问题整改的具体情况 over 1.关于预算编制不够精准的问题。…: a rectification
            // report lists its problems, each with how far its fix got.
            None if self.lists_rectified_problems(n, &ln.simp(a, b)) => PROBLEMS,
            None if self.names_planned_work(&ln.simp(a, b)) => MEASURES,
            None => return None,
        };
        if self.explains_a_template(node.li, b) {
            // 三、问题和改进措施。这部分主要写…: a how-to describing a report's parts.
            return None;
        }
        if ty == PROBLEMS && self.under_rectification(n) {
            // 二、问题整改的具体情况 → 1.关于预算编制不够精准的问题。: each problem heads the
            // account of its rectification, not a list of problems.
            return None;
        }
        let last = self.outline.extent(n);
        let role = role_of(ty);
        let mut items = Vec::new();
        // Inline runs on the heading line after its headline.
        items.extend(self.inline_items(node.li, b, role));
        let body: Vec<usize> = (node.li + 1..=last)
            .filter(|&li| self.outline.owner[li] == Some(n))
            .collect();
        for &c in &node.children {
            items.push(self.item(c, last, role));
        }
        for &li in &body {
            items.extend(self.inline_items(li, 0, role));
        }
        if body.is_empty()
            && node.children.is_empty()
            && items.is_empty()
            && ln.s.get(b).is_some_and(|&c| is_colon(c))
            && ln.s.len() > b + MIN_INLINE_BODY_CHARS
        {
            // 4. 问题和挑战：一些地方…: the label's text follows on the same line.
            items = self.paragraph_items(node.li, b + 1, role);
        }
        if body.is_empty() && node.children.is_empty() && items.is_empty() {
            // A heading with nothing under it (a list entry, a truncated report).
            return None;
        }
        let empty = !body.is_empty() && body.iter().all(|&li| self.is_empty_body(li));
        if empty {
            items.clear();
        } else if items.is_empty() {
            for &li in &body {
                items.extend(self.paragraph_items(li, 0, role));
            }
        }
        items.sort_by_key(|it| it.line);
        Some(Self::section_at(ln, &self.lns[last], ty, empty, items))
    }

    /// Whether the text after a heading's headline (on line `li` from char `b`, or the next line)
    /// opens with a [`cues::TEMPLATE_BODY_OPENERS`] phrase: the heading names a part of a model
    /// report that a how-to explains.
    pub(in crate::sections) fn explains_a_template(&self, li: usize, b: usize) -> bool {
        let ln = &self.lns[li];
        let rest: String =
            ln.s.get(b..)
                .unwrap_or(&[])
                .iter()
                .skip_while(|c| matches!(c, '。' | '：' | ':' | '.') || is_space(**c))
                .collect();
        let next = if rest.is_empty() {
            self.lns.get(li + 1).map(|l| l.simp(0, l.s.len()))
        } else {
            Some(rest)
        };
        next.is_some_and(|t| {
            cues::TEMPLATE_BODY_OPENERS
                .iter()
                .any(|o| t.starts_with(o.text))
        })
    }

    /// Whether heading node `n` (headline `h`, simplified) is about the rectification of
    /// problems (问题整改的具体情况, 审计查出问题的整改情况) and its sub-headings name the
    /// problems (关于…的问题), not the work done on them (整改上轮巡视整改未到位问题): two or
    /// more, most of them with a problem word no fixing verb governs.
    fn lists_rectified_problems(&self, n: usize, h: &str) -> bool {
        if !cues::contains_any(h, cues::RECTIFICATION_HEADS) || cues::last_problem_pos(h).is_none()
        {
            return false;
        }
        let children = &self.outline.nodes[n].children;
        let naming = children
            .iter()
            .filter(|&&c| {
                let node = &self.outline.nodes[c];
                let ln = &self.lns[node.li];
                let (a, b) = headline_range(&ln.s, node.marker.len, ln.s.len());
                let head = ln.simp(a, b);
                cues::last_problem_pos(&head).is_some()
            })
            .count();
        children.len() >= 2 && 2 * naming > children.len()
    }

    /// Whether a heading names the work of the year the report plans for
    /// (`2026年财政管理改革工作` in a report on 2025 and the 2026 draft).
    fn names_planned_work(&self, h: &str) -> bool {
        self.plan_year.as_deref().is_some_and(|y| {
            let compact: String = h.chars().filter(|c| !c.is_whitespace()).collect();
            compact.contains(&format!("{y}年"))
                && PLANNED_WORK_ENDINGS.iter().any(|e| compact.ends_with(e))
                && !cues::contains_any(&compact, cues::PAST_GUARDS)
        })
    }

    pub(in crate::sections) fn under_rectification(&self, n: usize) -> bool {
        let nodes = &self.outline.nodes;
        let mut up = nodes[n].parent;
        while let Some(p) = up {
            let ln = &self.lns[nodes[p].li];
            let (a, b) = headline_range(&ln.s, nodes[p].marker.len, ln.s.len());
            if cues::contains_any(&ln.simp(a, b), cues::RECTIFICATION_HEADS) {
                return true;
            }
            up = nodes[p].parent;
        }
        false
    }
}
