//! Agencies and publishers: which names are agencies, how each spells itself, and
//! the sign-off on the last line of wire copy, which counts only when it names one.

/// Agencies copydesk knows: how each spells itself, then other ways it is written
/// (lower case). A config file can add more (`agencies` in the config).
const KNOWN: &[(&str, &[&str])] = &[
    ("Reuters", &["reuters", "reuter"]),
    ("AP", &["ap", "associated press"]),
    (
        "AFP",
        &["afp", "agence france-presse", "agence france presse"],
    ),
    ("dpa", &["dpa", "deutsche presse-agentur"]),
    ("UPI", &["upi", "united press international"]),
    ("Bloomberg", &["bloomberg"]),
    ("Dow Jones", &["dow jones"]),
    ("Knight-Ridder", &["knight-ridder", "knight ridder"]),
    ("Xinhua", &["xinhua", "new china news agency"]),
    ("Kyodo", &["kyodo"]),
    ("Jiji", &["jiji", "jiji press"]),
    ("Yonhap", &["yonhap"]),
    ("ANSA", &["ansa"]),
    ("EFE", &["efe"]),
    ("Lusa", &["lusa"]),
    ("TASS", &["tass", "itar-tass"]),
    ("Interfax", &["interfax"]),
    ("RIA Novosti", &["ria novosti", "ria"]),
    ("PTI", &["pti", "press trust of india"]),
    ("IANS", &["ians"]),
    ("APP", &["app", "associated press of pakistan"]),
    ("Anadolu", &["anadolu", "anadolu agency", "aa"]),
    ("PA", &["pa", "press association"]),
    ("CP", &["cp", "canadian press"]),
    ("AAP", &["aap", "australian associated press"]),
    ("ANP", &["anp"]),
    ("APA", &["apa"]),
    ("Belga", &["belga"]),
    ("ČTK", &["čtk", "ctk"]),
    ("MTI", &["mti"]),
    ("PAP", &["pap"]),
    ("BTA", &["bta"]),
    ("HINA", &["hina"]),
    ("Tanjug", &["tanjug"]),
    ("Agerpres", &["agerpres"]),
    ("NTB", &["ntb"]),
    ("TT", &["tt"]),
    ("Ritzau", &["ritzau"]),
    ("STT", &["stt"]),
    ("SDA", &["sda", "ats"]),
    ("IRNA", &["irna"]),
    ("SANA", &["sana"]),
    ("MENA", &["mena"]),
    ("WAFA", &["wafa"]),
    ("KUNA", &["kuna"]),
    ("WAM", &["wam"]),
    ("SPA", &["spa", "saudi press agency"]),
    ("QNA", &["qna"]),
    ("Antara", &["antara"]),
    ("Bernama", &["bernama"]),
    ("PNA", &["pna"]),
    ("CNA", &["cna", "central news agency"]),
    ("Notimex", &["notimex"]),
    ("Prensa Latina", &["prensa latina"]),
    ("Agência Brasil", &["agência brasil", "agencia brasil"]),
    ("Télam", &["télam", "telam"]),
    ("KCNA", &["kcna"]),
    ("Ukrinform", &["ukrinform"]),
    ("UNIAN", &["unian"]),
    ("BelTA", &["belta"]),
];

/// The way a known agency spells itself, for any way of writing it (`REUTER`,
/// `Associated Press`), or for one slip of the keys in a name of five letters or
/// more (`Reute`, `Ruter`, `Reuiter`). `extra` are the config's own agencies.
pub(crate) fn known(name: &str, extra: &[String]) -> Option<String> {
    let lower = name.trim().to_lowercase();
    if lower.is_empty() {
        return None;
    }
    if let Some(own) = extra.iter().find(|e| e.to_lowercase() == lower) {
        return Some(own.clone());
    }
    for (canonical, aliases) in KNOWN {
        if aliases.contains(&lower.as_str()) {
            return Some((*canonical).to_string());
        }
    }
    let letters = lower.chars().count();
    if letters < 5 {
        return None;
    }
    let slips = if letters >= 8 { 2 } else { 1 };
    let close =
        |alias: &str| alias.chars().count() >= 5 && strsim::osa_distance(&lower, alias) <= slips;
    let mut found = None;
    for (canonical, aliases) in KNOWN {
        if aliases.iter().any(|a| close(a)) {
            if found.is_some_and(|f| f != *canonical) {
                return None;
            }
            found = Some(*canonical);
        }
    }
    if let Some(f) = found {
        return Some(f.to_string());
    }
    extra
        .iter()
        .find(|e| close(&e.to_lowercase()))
        .map(|e| e.to_string())
}

/// An agency sign-off on the last line of wire copy (`Reuter`, `REUTER`, `Reute`):
/// one or two words on a line of their own that name a known agency. A stray last
/// word (`More`, `Quiet`, a table's last figure) is no sign-off.
pub(crate) fn sign_off(line: &str, extra: &[String]) -> Option<String> {
    let t = line.trim().trim_end_matches(['.', '-']).trim();
    let ok = (2..=30).contains(&t.chars().count())
        && t.split_whitespace().count() <= 2
        && t.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && t.starts_with(char::is_uppercase);
    if !ok {
        return None;
    }
    // Two-letter names are sign-offs only in capitals (`AP`, not `Ap`).
    if t.chars().count() <= 3 && !t.chars().all(char::is_uppercase) {
        return None;
    }
    known(t, extra)
}

/// Spells an agency the way it calls itself: a known one by its own spelling, an
/// unknown one from a dateline's brackets with capitals softened (`NORTHWIRE` is
/// `Northwire`).
pub(crate) fn canonical_agency(s: &str) -> String {
    if let Some(k) = known(s, &[]) {
        return k;
    }
    if s.chars().count() > 3 && s.chars().all(|c| c.is_uppercase()) {
        // First letter kept, the rest lower-cased (the letter may be wider than
        // one byte: `ÉFE`).
        let first = s.chars().next().map_or(0, char::len_utf8);
        let mut out: String = s[..first].to_string();
        out.push_str(&s[first..].to_lowercase());
        return out;
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_offs_name_agencies_or_nothing() {
        for (line, want) in [
            (" Reuter", Some("Reuters")),
            ("REUTER", Some("Reuters")),
            (" Reute", Some("Reuters")),
            (" Reuiter", Some("Reuters")),
            (" Reueter", Some("Reuters")),
            (" Ruter", Some("Reuters")),
            ("AP", Some("AP")),
            ("Associated Press", Some("AP")),
            (" More", None),
            (" Quiet", None),
            (" Nil", None),
            ("Europe", None),
            ("Steady", None),
            ("Irregular", None),
            ("Ap", None),
        ] {
            assert_eq!(sign_off(line, &[]).as_deref(), want, "{line:?}");
        }
        let own = ["Northwire".to_string()];
        assert_eq!(sign_off(" NORTHWIRE", &own).as_deref(), Some("Northwire"));
        assert_eq!(sign_off(" Northwire", &[]), None);
    }
}
