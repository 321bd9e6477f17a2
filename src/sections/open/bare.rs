//! Opening strategy: An unnumbered heading line (`存在的主要问题`, `建议与展望`).

use super::super::*;

impl Ctx<'_> {
    /// A section opened by an unnumbered heading line (存在的主要问题, 建议与展望). It runs to the
    /// next unnumbered heading, or to a numbered heading at the level of the one it sits under.
    pub(in crate::sections) fn bare_section(&self, li: usize) -> Option<Opened> {
        // The first line of a report is its title.
        if li == 0 {
            return None;
        }
        let ln = &self.lns[li];
        if !is_bare_heading_like(&ln.s) {
            return None;
        }
        if ln.s.last().is_some_and(|&c| is_colon(c)) {
            let next_is_marker = self
                .outline
                .node_at
                .get(li + 1)
                .is_some_and(|n| n.is_some());
            if is_intro_sentence(&ln.s, next_is_marker).is_some() {
                // 调查发现主要存在以下问题：: an opening sentence, read by `intro_section`.
                return None;
            }
        }
        let ty = classify(&ln.simp(0, ln.s.len()))?;
        let nodes = &self.outline.nodes;
        let up = self.outline.owner[li];
        let up_rank = up.map(|n| nodes[n].rank);
        let mut last = li;
        for j in li + 1..self.lns.len() {
            match self.outline.node_at[j] {
                Some(n) if up_rank.is_some_and(|r| nodes[n].rank <= r) => break,
                Some(_) => {}
                None if is_bare_heading_like(&self.lns[j].s) => break,
                None => {}
            }
            last = j;
        }
        if last == li {
            return None;
        }
        let role = role_of(ty);
        let body: Vec<usize> = (li + 1..=last)
            .filter(|&j| self.outline.node_at[j].is_none() && self.outline.owner[j] == up)
            .collect();
        let empty = !body.is_empty()
            && body.iter().all(|&j| self.is_empty_body(j))
            && (li + 1..=last).all(|j| self.outline.node_at[j].is_none());
        let mut items = Vec::new();
        if !empty {
            for j in li + 1..=last {
                if let Some(n) = self.outline.node_at[j] {
                    let top = nodes[n].parent.is_none_or(|p| nodes[p].li < li);
                    if top {
                        items.push(self.item(n, last, role));
                    }
                } else if self.outline.owner[j] == up {
                    let inline = self.inline_items(j, 0, role);
                    if inline.is_empty() {
                        items.extend(self.paragraph_items(j, 0, role));
                    } else {
                        items.extend(inline);
                    }
                }
            }
        }
        Some(Self::section_at(ln, &self.lns[last], ty, empty, items))
    }
}
