//! Opening strategy: A body sentence that announces problems (`…存在一些问题和不足，主要体现在以下几个方面：`).

use super::super::*;

impl Ctx<'_> {
    /// A problems section opened by a body sentence on line `li`.
    pub(in crate::sections) fn intro_section(&self, li: usize) -> Option<Opened> {
        let ln = &self.lns[li];
        let next_is_marker = self
            .outline
            .node_at
            .get(li + 1)
            .is_some_and(|n| n.is_some());
        let cue = intro_cue(&ln.s, next_is_marker)?;
        // A sentence that announces a list (主要存在四个方面的问题：) keeps its items even when the
        // first one names a problem (一是认识不足).
        if !ln.s.last().is_some_and(|&c| is_colon(c))
            && self
                .outline
                .node_at
                .get(li + 1)
                .copied()
                .flatten()
                .is_some_and(|n| self.node_type(n) == Some(PROBLEMS))
        {
            // 虽然…，但是还是存在一些问题。 → 二、…存在的主要问题: the heading right after the
            // sentence opens the section itself.
            return None;
        }
        let from = cue.from;
        let role = role_of(PROBLEMS);
        let parent = self.outline.owner[li];
        let end = self.lns.len() - 1;
        let nodes = &self.outline.nodes;
        // Lines up to the next heading at the parent's level or above.
        let limit = match parent {
            Some(p) => self.outline.extent(p),
            None => match self.outline.node_at.get(li + 1).copied().flatten() {
                // Numbered lines follow: they and their bodies, up to a heading of a higher
                // level (a smaller rank) than the first of them.
                Some(first) => {
                    let rank = nodes[first].rank;
                    nodes[first + 1..]
                        .iter()
                        .find(|m| m.rank < rank)
                        .map_or(end, |m| m.li - 1)
                }
                None => nodes.iter().find(|m| m.li > li).map_or(end, |m| m.li - 1),
            },
        };
        let mut last = li;
        let mut items = Vec::new();
        if cue.listed {
            items = self.inline_items(li, from, role);
            if items.is_empty() {
                items = self.clause_list(li, from, role);
            }
            if items.is_empty() {
                // Numbered lines follow: take them and their bodies.
                let mut j = li + 1;
                while j <= limit {
                    if self.outline.node_at[j].is_none()
                        && (j == li + 1
                            || intro_cue(&self.lns[j].s, false).is_some_and(|c| !c.listed))
                    {
                        // Not numbered, or a paragraph that recognises problems of its own
                        // (我们还认识到，政府工作中存在不少缺点和不足。…). A sub-list announced
                        // inside an item (调查中发现主要存在以下问题：) stays in it.
                        break;
                    }
                    last = j;
                    j += 1;
                }
                for (id, node) in nodes.iter().enumerate() {
                    let top = node.parent.is_none_or(|p| nodes[p].li <= li);
                    if node.li > li && node.li <= last && top {
                        items.push(self.item(id, last, role));
                    }
                }
            }
            if items.is_empty() && from < ln.s.len() {
                // …面临的困难和挑战：甲，乙。丙。: no list marks and no numbered lines, so the
                // sentences after the colon are the items.
                items = self.sentence_items(li, from, role);
            }
        } else if from < ln.s.len() {
            // 我们也清醒看到…困难和问题。甲。乙。: the sentences after the cue.
            items = self.sentence_items(li, from, role);
        } else if li < limit
            && self.outline.node_at[li + 1].is_none()
            && self.outline.owner[li + 1] == parent
            && !is_bare_heading_like(&self.lns[li + 1].s)
        {
            // The cue sentence is a paragraph of its own: the problems are the next paragraph,
            // as a `一是` run, a `；` list or plain sentences.
            let nl = li + 1;
            let next_next = self
                .outline
                .node_at
                .get(nl + 1)
                .is_some_and(|n| n.is_some());
            if intro_cue(&self.lns[nl].s, next_next).is_some_and(|c| c.listed) {
                // The next paragraph opens its own list (坦承…还存在不少缺点：甲；乙): it is
                // the section's opening sentence.
                return None;
            }
            items = self.inline_items(nl, 0, role);
            if items.is_empty() {
                items = self.clause_list(nl, 0, role);
            }
            if items.is_empty() {
                items = self.sentence_items(nl, 0, role);
            }
            if !items.is_empty() {
                last = nl;
            }
        }
        if items.is_empty() {
            return None;
        }
        let mut opened = Self::section_at(ln, &self.lns[last], PROBLEMS, false, items);
        // The section starts where the cue's sentence does, which in a joined paragraph may be a
        // later line than the paragraph's first.
        let sentence_start = ln.s[..from.min(ln.s.len()).saturating_sub(1)]
            .iter()
            .rposition(|&c| is_sentence_end(c))
            .map_or(0, |i| i + 1);
        opened.section.heading_line = ln.src_at(sentence_start);
        opened.section.line_start = opened.section.heading_line;
        Some(opened)
    }

    /// Whether a heading sits under a heading about rectification (问题整改的具体情况,
    /// 审计查出问题的整改情况): see [`cues::RECTIFICATION_HEADS`].
    /// The type a numbered line's headline names, as [`classify`] reads it.
    pub(in crate::sections) fn node_type(&self, n: usize) -> Option<SectionType> {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let (a, b) = headline_range(&ln.s, node.marker.len, ln.s.len());
        let b = heading_end(ln, a, b)?;
        classify(&ln.simp(a, b))
    }
}
