//! Numbers as the screen writes them: counts with thousands separators, and a
//! ten-cell bar for a share of work done.

/// `12345` as `12,345`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A ten-cell bar for a percentage.
pub fn gauge(pct: usize) -> String {
    let full = (pct.min(100) + 5) / 10;
    format!("{}{}", "█".repeat(full), "░".repeat(10 - full))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_bars() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(gauge(0), "░░░░░░░░░░");
        assert_eq!(gauge(55), "██████░░░░");
        assert_eq!(gauge(250), "██████████");
    }
}
