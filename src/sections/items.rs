//! Items of an opened section: numbered entries, inline `一是……二是……` runs, `；` lists,
//! problem sentences, paragraphs and measure clauses, shared by every opening strategy.

use super::*;

impl Ctx<'_> {
    /// Plain problem sentences of line `li` from char `from`, one item each, up to a sentence
    /// that turns to resolve (我们一定要…, 对此…). Two sentences or more, else none.
    pub(in crate::sections) fn sentence_items(
        &self,
        li: usize,
        from: usize,
        role: ItemRole,
    ) -> Vec<Item> {
        /// More sentences than this are not a list of problems.
        const MAX_SENTENCES: usize = 20;
        let ln = &self.lns[li];
        let mut items = Vec::new();
        let mut a = from;
        for i in from..=ln.s.len() {
            let end = i == ln.s.len() || is_clause_end(ln.s[i]);
            if !end || is_false_stop(&ln.s, i) {
                continue;
            }
            let mut start = a;
            while start < i && (is_space(ln.s[start]) || is_comma(ln.s[start])) {
                start += 1;
            }
            a = i + 1;
            if start >= i {
                continue;
            }
            // A lead-in such as 主要是： is not part of the first problem.
            if let Some(k) = (start..i.min(start + MAX_LEAD_IN_CHARS)).find(|&k| is_colon(ln.s[k]))
                && !ln.s[start..k].iter().any(|&c| is_comma(c))
                && k + 1 < i
            {
                start = k + 1;
            }
            let sentence = ln.simp(start, i);
            if cues::contains_any_prefix(&sentence, cues::CLOSING_OPENERS) {
                break;
            }
            // A frame such as 从国内看， is not part of the problem.
            if sentence.starts_with('从')
                && let Some(k) = sentence.chars().take(8).position(|c| c == '看')
                && sentence.chars().nth(k + 1).is_some_and(is_comma)
            {
                start += k + 2;
            }
            let mut hb = i;
            if i - start > MAX_SENTENCE_HEADLINE_CHARS {
                // The first clause, or the first two when the first is a frame (在…方面).
                let commas: Vec<usize> = (start..i).filter(|&c| is_comma(ln.s[c])).collect();
                if let Some(&c) = commas.first() {
                    let first = ln.simp(start, c);
                    hb = if cues::FRAME_ENDINGS.iter().any(|f| first.ends_with(f.text)) {
                        commas.get(1).copied().unwrap_or(i)
                    } else {
                        c
                    };
                }
            }
            items.push(Item {
                line: ln.src_at(start),
                char_span: ln.source_chars(start, hb),
                marker: String::new(),
                headline: headline_text(ln, start, hb),
                text: trim_end_punct(ln.text(start, i)),
                role,
                children: Vec::new(),
            });
            if items.len() > MAX_SENTENCES {
                return Vec::new();
            }
        }
        // One sentence is a list only when it runs through several clauses (政府职能转变滞后，
        // 一些工作落实不够，办事效率不高).
        let one_list = items.len() == 1 && items[0].text.matches(['，', ',']).count() >= 2;
        if items.len() < 2 && !one_list {
            return Vec::new();
        }
        items
    }

    /// The item tree of node `n`, not looking past line index `last`.
    pub(in crate::sections) fn item(&self, n: usize, last: usize, role: ItemRole) -> Item {
        let node = &self.outline.nodes[n];
        let ln = &self.lns[node.li];
        let m = node.marker.len;
        let (a, b) = headline_range(&ln.s, m, ln.s.len());
        let body: Vec<usize> = (node.li + 1..=last)
            .filter(|&li| self.outline.owner[li] == Some(n))
            .collect();
        let mut text = ln.text(m, ln.t.len());
        for &li in &body {
            text.push('\n');
            text.push_str(&self.lns[li].text(0, usize::MAX));
        }
        let mut children: Vec<Item> = self.inline_items(node.li, m, role);
        for &c in &node.children {
            if self.outline.nodes[c].li <= last {
                children.push(self.item(c, last, role));
            }
        }
        for &li in &body {
            let inline = self.inline_items(li, 0, role);
            if inline.is_empty() && role == ItemRole::Measure {
                // 推动产业链供应链优化升级。保持…: a paragraph led by a short measure sentence.
                children.extend(self.lead_sentence_item(li));
            }
            children.extend(inline);
        }
        children.sort_by_key(|it| it.line);
        let head_s = ln.simp(a, b);
        let role = if cues::contains_any(&head_s, cues::CONTEXT_HEADS) && children.is_empty() {
            ItemRole::Context
        } else if !children.is_empty() && is_group_headline(&head_s) {
            ItemRole::Group
        } else {
            role
        };
        Item {
            line: ln.src_at(a),
            char_span: ln.source_chars(a, b),
            marker: ln.text(0, m),
            headline: headline_text(ln, a, b),
            text,
            role,
            children,
        }
    }

    /// A measure paragraph led by a short sentence that opens with a measure verb and has no
    /// comma (推动产业链供应链优化升级。保持工业经济平稳运行。…): the lead sentence is the headline.
    pub(in crate::sections) fn lead_sentence_item(&self, li: usize) -> Option<Item> {
        let ln = &self.lns[li];
        let end = ln.s.iter().position(|c| *c == '。')?;
        if !(2..=MAX_LEAD_SENTENCE_CHARS).contains(&end)
            || end + 1 >= ln.s.len()
            || ln.s[..end].iter().any(|&c| is_clause_mark(c))
        {
            return None;
        }
        let (skip, verb) = measure_verb_start(&ln.simp(0, end));
        (verb && skip == 0).then(|| Item {
            line: ln.src_at(0),
            char_span: ln.source_chars(0, end),
            marker: String::new(),
            headline: ln.text(0, end),
            text: trim_end_punct(ln.text(0, ln.t.len())),
            role: ItemRole::Measure,
            children: Vec::new(),
        })
    }

    /// Items of the inline run on line `li` from char `from`.
    pub(in crate::sections) fn inline_items(
        &self,
        li: usize,
        from: usize,
        role: ItemRole,
    ) -> Vec<Item> {
        let ln = &self.lns[li];
        inline_run(&ln.s, from)
            .iter()
            .map(|r: &InlineItem| {
                let body = r.start + r.marker_len;
                let (a, b) = headline_range(&ln.s, body, r.end);
                Item {
                    line: ln.src_at(a),
                    char_span: ln.source_chars(a, b),
                    marker: ln.text(r.start, body),
                    headline: headline_text(ln, a, b),
                    text: trim_end_punct(ln.text(body, r.end)),
                    role,
                    children: Vec::new(),
                }
            })
            .collect()
    }

    /// A `；`-separated list after char `from` (主要是：甲；乙；丙。), two parts or more.
    pub(in crate::sections) fn clause_list(
        &self,
        li: usize,
        from: usize,
        role: ItemRole,
    ) -> Vec<Item> {
        let ln = &self.lns[li];
        let mut parts = Vec::new();
        let mut a = from;
        for i in from..=ln.s.len() {
            let end = i == ln.s.len() || is_semicolon(ln.s[i]);
            let stop = i < ln.s.len() && ln.s[i] == '。' && !is_false_stop(&ln.s, i);
            if end || stop {
                if i > a {
                    parts.push((a, i));
                }
                a = i + 1;
                if stop {
                    // The list ends at the full stop after its last part.
                    if parts.len() >= 2 {
                        break;
                    }
                    parts.clear();
                }
            }
        }
        if parts.len() < 2 {
            return Vec::new();
        }
        // A lead-in before a colon (主要是：) is not part of the first clause.
        if let Some(first) = parts.first_mut()
            && let Some(k) = (first.0..first.1).find(|&k| is_colon(ln.s[k]))
        {
            first.0 = k + 1;
        }
        parts
            .into_iter()
            .map(|(a, b)| self.plain_item(ln, a, b, role))
            .collect()
    }

    pub(in crate::sections) fn plain_item(
        &self,
        ln: &Ln,
        a: usize,
        b: usize,
        role: ItemRole,
    ) -> Item {
        let (ha, hb) = headline_range(&ln.s, a, b);
        Item {
            line: ln.src_at(ha),
            char_span: ln.source_chars(ha, hb),
            marker: String::new(),
            headline: headline_text(ln, ha, hb),
            text: trim_end_punct(ln.text(a, b)),
            role,
            children: Vec::new(),
        }
    }

    /// Items of an unnumbered paragraph: measure clauses (进一步细化…，加强…) for measures, else
    /// a `；` list, else the paragraph itself.
    pub(in crate::sections) fn paragraph_items(
        &self,
        li: usize,
        from: usize,
        role: ItemRole,
    ) -> Vec<Item> {
        let ln = &self.lns[li];
        if role == ItemRole::Measure {
            let clauses = self.measure_clauses(ln, from);
            if !clauses.is_empty() {
                return clauses;
            }
        }
        let list = self.clause_list(li, from, role);
        if !list.is_empty() {
            return list;
        }
        // An intro sentence ending in a colon (我们也看到工作中还存在一些问题：甲。乙。): the
        // sentences after it are the items.
        if let Some(k) = intro_colon(ln, from) {
            let sentences = self.sentence_items(li, k + 1, role);
            if sentences.len() >= 2 {
                return sentences;
            }
        }
        vec![self.plain_item(ln, from, ln.s.len(), role)]
    }

    /// Comma clauses that open with a measure verb, each running on over the clauses that
    /// don't (强化资助育人理念，把…融入…全过程).
    pub(in crate::sections) fn measure_clauses(&self, ln: &Ln, from: usize) -> Vec<Item> {
        let mut bounds = Vec::new();
        let mut a = from;
        for i in from..=ln.s.len() {
            if i == ln.s.len() || (is_comma(ln.s[i]) || is_semicolon(ln.s[i]) || ln.s[i] == '。') {
                if i > a {
                    bounds.push((a, i, ln.s[i.min(ln.s.len() - 1)]));
                }
                a = i + 1;
            }
        }
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut open = false;
        for (a, b, _) in bounds {
            let clause: String = ln.s[a..b].iter().collect();
            let (skip, verb) = measure_verb_start(&clause);
            if verb && !clause.starts_with("确保") {
                items.push((a + skip, b));
                open = true;
            } else if open && !clause.starts_with("确保") && !clause.starts_with("使") {
                if let Some(last) = items.last_mut() {
                    last.1 = b;
                }
            } else {
                open = false;
            }
        }
        items
            .into_iter()
            .map(|(a, b)| {
                let text = trim_end_punct(ln.text(a, b));
                Item {
                    line: ln.src_at(a),
                    char_span: ln.source_chars(a, b),
                    marker: String::new(),
                    headline: text.clone(),
                    text,
                    role: ItemRole::Measure,
                    children: Vec::new(),
                }
            })
            .collect()
    }

    pub(in crate::sections) fn is_empty_body(&self, li: usize) -> bool {
        let s: String = self.lns[li]
            .s
            .iter()
            .filter(|c| !c.is_ascii_punctuation() && !matches!(c, '。' | '，' | '！' | '；'))
            .collect();
        cues::EMPTY_BODIES.iter().any(|c| c.text == s)
    }
}

/// Longest intro sentence (chars) before a colon that opens a paragraph's list of sentences.
const MAX_INTRO_CHARS: usize = 60;

/// The colon that ends a paragraph's first sentence (from char `from`), if the sentence is
/// short enough to be an intro and the colon is not the paragraph's last char.
pub(super) fn intro_colon(ln: &Ln, from: usize) -> Option<usize> {
    let end = ln.s.len().min(from + MAX_INTRO_CHARS);
    let k = (from..end).find(|&k| is_colon(ln.s[k]) || is_clause_end(ln.s[k]))?;
    (is_colon(ln.s[k]) && k + 1 < ln.s.len()).then_some(k)
}
