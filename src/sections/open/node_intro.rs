//! Opening strategy: A numbered line that is not a heading but announces a list on the same line
//! (`（二）…主要存在以下几个方面的问题。第一，…第二，…`).

use super::super::*;

impl Ctx<'_> {
    /// A problems section opened by a sentence on a numbered line that is not itself a section
    /// heading: （二）绩效指标设置混淆。…主要存在以下几个方面的问题。第一，…第二，…. Only a list
    /// on the same line (an inline run or a `；` list) counts.
    pub(in crate::sections) fn node_intro_section(&self, n: usize) -> Option<Opened> {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let m = node.marker.len.min(ln.s.len());
        let cue = intro_cue(&ln.s[m..], false).filter(|c| c.listed)?;
        let from = m + cue.from;
        let role = role_of(PROBLEMS);
        let mut items = self.inline_items(node.li, from, role);
        if items.is_empty() {
            items = self.clause_list(node.li, from, role);
        }
        if items.len() < 2 {
            return None;
        }
        Some(Self::section_at(ln, ln, PROBLEMS, false, items))
    }
}
