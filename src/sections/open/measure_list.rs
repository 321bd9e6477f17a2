//! Opening strategy: A sentence that announces proposals, then a numbered list (`建议如下：` 1. … 2. …).

use super::super::*;

impl Ctx<'_> {
    /// A measures section opened by a sentence that announces proposals, the numbered (or
    /// bulleted) lines right after it: 我们需要从以下几个方面入手：, 建议如下：.
    pub(in crate::sections) fn measure_list_section(&self, li: usize) -> Option<Opened> {
        let ln = &self.lns[li];
        if !is_measure_list_opener(&ln.s) {
            return None;
        }
        let nodes = &self.outline.nodes;
        let first = self.outline.node_at.get(li + 1).copied().flatten()?;
        let rank = nodes[first].rank;
        // The list: its entries and their bodies, up to a heading of a higher level or an
        // unnumbered heading.
        let mut last = li;
        for j in li + 1..self.lns.len() {
            let inside = match self.outline.node_at[j] {
                Some(n) => nodes[n].rank >= rank,
                None => {
                    self.outline.owner[j].is_some_and(|o| nodes[o].rank >= rank)
                        && !is_bare_heading_like(&self.lns[j].s)
                }
            };
            if !inside {
                break;
            }
            last = j;
        }
        let role = role_of(MEASURES);
        let items: Vec<Item> = nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| {
                node.li > li && node.li <= last && node.parent.is_none_or(|p| nodes[p].li <= li)
            })
            .map(|(id, _)| self.item(id, last, role))
            .collect();
        if items.is_empty() {
            return None;
        }
        Some(Self::section_at(
            ln,
            &self.lns[last],
            MEASURES,
            false,
            items,
        ))
    }
}
