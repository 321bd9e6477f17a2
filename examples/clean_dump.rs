fn main() {
    let path = std::env::args().nth(1).expect("path");
    let text = std::fs::read_to_string(&path).expect("read");
    for (i, raw) in baogao::clean::split_lines(&text).into_iter().enumerate() {
        let l = baogao::clean::clean_line(raw);
        if l.repaired {
            println!("{} {}", i + 1, l.text.chars().take(30).collect::<String>());
        }
    }
}
