//! Opening strategy: A body sentence that opens a run of measure clauses (`做好今年的政府工作，要…`).

use super::super::*;

impl Ctx<'_> {
    /// A measures section opened by a body sentence (做好今年的政府工作，要…): its measure clauses.
    pub(in crate::sections) fn measure_intro_section(&self, li: usize) -> Option<Opened> {
        let ln = &self.lns[li];
        let from = measure_intro(&ln.s)?;
        let items = self.measure_clauses(ln, from);
        if items.len() < 2 {
            return None;
        }
        Some(Self::section_at(ln, ln, MEASURES, false, items))
    }
}
