//! Stage 4: money, percentages and years (work in progress).
