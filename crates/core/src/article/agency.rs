//! Agencies: the sign-off on the last line of wire copy, and how an agency spells
//! its own name.

/// An agency sign-off on the last line of wire copy (`Reuter`, `REUTER`, ` Northwire`):
/// a single capitalised word on a line of its own.
pub(crate) fn sign_off(line: &str) -> Option<String> {
    let t = line.trim().trim_end_matches(['.', '-']).trim();
    let ok = (2..=15).contains(&t.chars().count())
        && t.chars().all(char::is_alphabetic)
        && t.starts_with(char::is_uppercase);
    ok.then(|| canonical_agency(t))
}

/// Spells an agency the way it calls itself (`Reuter` and `REUTER` are Reuters).
pub(crate) fn canonical_agency(s: &str) -> String {
    match s.to_ascii_lowercase().as_str() {
        "reuter" | "reuters" => "Reuters".to_string(),
        "ap" => "AP".to_string(),
        "afp" => "AFP".to_string(),
        "dpa" => "dpa".to_string(),
        _ if s.len() > 3 && s.chars().all(|c| c.is_uppercase()) => {
            // First letter kept, the rest lower-cased (the letter may be wider
            // than one byte: `ÉFE`).
            let first = s.chars().next().map_or(0, char::len_utf8);
            let mut out: String = s[..first].to_string();
            out.push_str(&s[first..].to_lowercase());
            out
        }
        _ => s.to_string(),
    }
}
