//! Print the paragraphs layout recovery reads from a file (a debugging aid).
fn main() -> anyhow::Result<()> {
    for path in std::env::args().skip(1) {
        let loaded = baogao::pipeline::load_path(std::path::Path::new(&path))?;
        for report in baogao::doc::Report::all(&loaded.doc, &loaded.layout.reports) {
            for p in baogao::layout::paragraphs(&report.lines) {
                let t: String = p.t.iter().collect();
                println!(
                    "{}-{}\t{}",
                    p.first().src,
                    p.pieces.last().map_or(0, |x| x.src),
                    t
                );
            }
        }
    }
    Ok(())
}
