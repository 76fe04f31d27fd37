//! Loading folders: the seed articles, our own wire fixtures, and every messy case a
//! real folder throws at the loader.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use copydesk_core::Store;
use copydesk_core::article::{Encoding, TitleRule};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn own_wire_fixtures_give_lead_headlines_datelines_and_credits() {
    let store = Store::load(&fixtures().join("wire")).unwrap();
    assert_eq!(store.len(), 3);
    let a = &store.articles()[0];
    assert_eq!(a.title_rule, TitleRule::Lead);
    assert!(
        a.title
            .starts_with("The city of Lyon will close its oldest bridge")
    );
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.dateline.as_deref(), Some("LYON"));
    assert_eq!(
        a.credit(),
        Some("Reporting by Claire Exemple; editing by Marc Test")
    );
    assert!(!a.body.contains("Reporting by"));
    assert!(!a.body.contains("(Reuters)"));
    assert_eq!(a.paragraphs().count(), 3);

    let b = &store.articles()[1];
    assert_eq!(b.title_rule, TitleRule::Lead);
    assert_eq!(b.source, None);
    assert_eq!(b.credit(), None);

    let c = &store.articles()[2];
    assert_eq!(c.dateline.as_deref(), Some("LYON/GRENOBLE"));
    assert_eq!(c.source.as_deref(), Some("Reuters"));
    assert!(c.credit().unwrap().ends_with("Editing by Marc Test"));
    assert!(!c.body.contains("Reporting"));
}

#[test]
fn seed_articles_when_present() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("../shared/seeds not present; covered by own fixtures");
        return;
    }
    let store = Store::load(&seeds).unwrap();
    assert_eq!(store.len(), 3);
    let [a, b, c] = [0, 1, 2].map(|i| &store.articles()[i]);
    for x in [a, b, c] {
        assert_eq!(x.title_rule, TitleRule::Lead, "{}", x.location);
        assert!(!x.title.contains(".txt"));
    }
    assert!(a.location.file.starts_with("000"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(c.source.as_deref(), Some("Reuters"));
    assert_eq!(a.dateline.as_deref(), Some("PARIS"));
    assert_eq!(c.dateline.as_deref(), Some("PARIS/VIENNA"));
    for x in [a, c] {
        let credit = x.credit().unwrap();
        assert!(credit.starts_with("Reporting by"));
        assert!(!x.body.contains(credit));
    }
    assert!(a.title.starts_with("France and Britain"));
}

/// A folder with every kind of trouble, built fresh in a temp dir.
fn messy_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let w = |name: &str, bytes: &[u8]| {
        let path = p.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    w(
        "latin1.txt",
        b"Caf\xe9 prices rise\n\nThe price of caf\xe9 cr\xe8me rose in Lyon.\n",
    );
    w(
        "cp1252.txt",
        b"\x93Quoted\x94 headline here\n\nThe body has a dash \x96 and \x85 an ellipsis.\n",
    );
    w(
        "bom.txt",
        b"\xEF\xBB\xBFBOM headline\n\nThe body after a byte order mark.\n",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Wide headline\n\nA body in UTF-16 with caf\u{e9}.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    w("utf16.txt", &utf16);
    w(
        "crlf.txt",
        b"CRLF HEADLINE\r\n\r\nThe first line of the body is\r\nwrapped onto a second line.\r\n",
    );
    w("empty.txt", b"");
    w("blank.txt", b"   \n\n  \n");
    w("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    w(
        "nested/a/b/c/deep.md",
        b"---\ntitle: Deep story\ndate: 2021-03-04\nsource: Deep Times\n---\n\nIt is deep.\n",
    );
    w(
        "records.jsonl",
        b"{\"title\": \"First record\", \"body\": \"One.\", \"date\": \"2020-01-02\", \"extra\": 1}\n{\"title\": broken\n\n{\"text\": \"GENEVA (AP) - A record with no title but a text field.\"}\n",
    );
    w(
        "array.json",
        b"[{\"title\": \"In an array\", \"content\": \"Body.\"}, 42, {\"headline\": \"Second\", \"body\": \"Two.\"}]",
    );
    w("picture.png", b"\x89PNG");
    w(".hidden/secret.txt", b"Hidden\n\nNot loaded.\n");
    w("noperm.txt", b"Locked\n\nCannot be read.\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p.join("noperm.txt"), std::fs::Permissions::from_mode(0o000))
            .unwrap();
        std::fs::create_dir(p.join("loop")).unwrap();
        std::os::unix::fs::symlink("..", p.join("loop/back")).unwrap();
    }
    dir
}

fn is_root() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[test]
fn messy_folder_loads_what_is_text_and_reports_the_rest() {
    let dir = messy_folder();
    let store = Store::load(dir.path()).unwrap();
    let by_path: BTreeMap<String, &copydesk_core::Article> = store
        .articles()
        .iter()
        .map(|a| (a.location.to_string(), a))
        .collect();
    let skipped: BTreeMap<&str, String> = store
        .skipped()
        .iter()
        .map(|s| (s.path.as_str(), s.reason.to_string()))
        .collect();

    let latin = by_path["latin1.txt"];
    assert_eq!(latin.title.as_ref(), "Café prices rise");
    assert_eq!(latin.encoding, Encoding::Windows1252);
    assert!(latin.body.contains("café crème"));

    let cp = by_path["cp1252.txt"];
    assert_eq!(cp.title.as_ref(), "“Quoted” headline here");
    assert!(cp.body.contains("dash – and … an"));

    assert_eq!(by_path["bom.txt"].encoding, Encoding::Utf8Bom);
    assert_eq!(by_path["bom.txt"].title.as_ref(), "BOM headline");
    let wide = by_path["utf16.txt"];
    assert_eq!(wide.encoding, Encoding::Utf16Le);
    assert_eq!(wide.title.as_ref(), "Wide headline");
    assert!(wide.body.contains("café"));

    let crlf = by_path["crlf.txt"];
    assert_eq!(crlf.title.as_ref(), "CRLF HEADLINE");
    assert_eq!(
        crlf.body.as_ref(),
        "The first line of the body is wrapped onto a second line."
    );

    let deep = by_path["nested/a/b/c/deep.md"];
    assert_eq!(deep.title_rule, TitleRule::FrontMatter);
    assert_eq!(deep.title.as_ref(), "Deep story");
    assert_eq!(deep.source.as_deref(), Some("Deep Times"));
    assert_eq!(deep.date.unwrap().to_string(), "2021-03-04");

    assert_eq!(by_path["records.jsonl#1"].title.as_ref(), "First record");
    assert_eq!(by_path["records.jsonl#1"].title_rule, TitleRule::Record);
    let rec3 = by_path["records.jsonl#4"];
    assert_eq!(rec3.dateline.as_deref(), Some("GENEVA"));
    assert_eq!(rec3.source.as_deref(), Some("AP"));
    assert!(skipped["records.jsonl"].contains("line 2"), "{skipped:?}");

    assert_eq!(by_path["array.json#1"].title.as_ref(), "In an array");
    assert_eq!(by_path["array.json#3"].title.as_ref(), "Second");
    assert!(skipped["array.json"].contains("record 2"));

    assert!(skipped["empty.txt"].contains("empty"));
    assert!(skipped["blank.txt"].contains("empty"));
    assert!(skipped["binary.txt"].contains("binary"));
    if !is_root() {
        assert!(
            skipped["noperm.txt"].contains("permission denied"),
            "{skipped:?}"
        );
    }
    #[cfg(unix)]
    assert!(
        skipped.get("loop/back").is_some_and(|r| r.contains("loop")),
        "{skipped:?}"
    );
    assert!(!by_path.keys().any(|p| p.contains("hidden")));
    assert!(!by_path.keys().any(|p| p.contains("loop/")));
    assert_eq!(store.ignored(), 1, "picture.png is ignored");
}

/// Every file's bytes and modification time under `root`.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).into_iter().flatten() {
        if e.file_type().is_file() {
            let meta = e.metadata().unwrap();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            out.insert(e.path().to_path_buf(), (bytes, meta.modified().unwrap()));
        }
    }
    out
}

#[test]
fn loading_never_changes_the_folder() {
    let dir = messy_folder();
    let before = snapshot(dir.path());
    let entries_before = std::fs::read_dir(dir.path()).unwrap().count();
    let _ = Store::load(dir.path()).unwrap();
    assert_eq!(snapshot(dir.path()), before);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        entries_before
    );
}

#[test]
fn missing_folder_and_wrong_file_are_errors() {
    let err = Store::load(Path::new("/no/such/folder")).unwrap_err();
    assert!(err.to_string().contains("no such file or folder"));
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("x.png");
    std::fs::write(&png, b"x").unwrap();
    let err = Store::load(&png).unwrap_err();
    assert!(err.to_string().contains("not a folder"));
    let one = dir.path().join("one.txt");
    std::fs::write(&one, "One file\n\nIs a corpus too.\n").unwrap();
    assert_eq!(Store::load(&one).unwrap().len(), 1);
}

#[test]
fn demo_corpus_loads_completely() {
    let store = copydesk::demo::store();
    assert_eq!(store.len(), 30);
    assert!(store.skipped().is_empty(), "{:?}", store.skipped());
    let jsonl = store
        .articles()
        .iter()
        .filter(|a| a.location.to_string().contains(".jsonl#"))
        .count();
    assert!(jsonl >= 3);
    assert!(
        store
            .articles()
            .iter()
            .any(|a| a.location.file.ends_with(".md"))
    );
}

/// Stories written for this test, in scripts whose files often come in legacy
/// encodings.
const JAPANESE_STORY: &str = "東京で大雨、交通に乱れ\n\n東京都内では朝から強い雨が降り、鉄道の一部で運転の見合わせが続いている。気象庁によると、雨は夕方まで続く見込みだ。\n";
const RUSSIAN_STORY: &str = "В столице открылась выставка\n\nВ понедельник в городском музее открылась выставка старых карт. Организаторы ожидают тысячи посетителей за первую неделю.\n";

#[test]
fn legacy_encodings_utf16_without_a_mark_and_damaged_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(JAPANESE_STORY);
    std::fs::write(p.join("tokyo-sjis.txt"), &sjis).unwrap();
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN_STORY);
    std::fs::write(p.join("moscow-1251.txt"), &cp1251).unwrap();
    let wide: Vec<u8> = JAPANESE_STORY
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(p.join("tokyo-utf16.txt"), &wide).unwrap();
    let english: Vec<u8> =
        "Ferries run again\n\nThe ferries to the islands ran again on Tuesday.\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
    std::fs::write(p.join("ferry-utf16be.txt"), &english).unwrap();
    let mut damaged =
        "Zürich café reopens\n\nThe café on the lake in Zürich reopened on Friday after a year.\n"
            .as_bytes()
            .to_vec();
    damaged.insert(damaged.len() - 10, 0xFC);
    std::fs::write(p.join("zurich.txt"), &damaged).unwrap();

    let store = Store::load(p).unwrap();
    assert!(store.skipped().is_empty(), "{:?}", store.skipped());
    let get = |name: &str| {
        store
            .articles()
            .iter()
            .find(|a| &*a.location.file == name)
            .unwrap_or_else(|| panic!("{name} not loaded"))
    };
    let tokyo = get("tokyo-sjis.txt");
    assert_eq!(tokyo.title.as_ref(), "東京で大雨、交通に乱れ");
    assert_eq!(tokyo.encoding.as_str(), "shift_jis");
    let moscow = get("moscow-1251.txt");
    assert_eq!(moscow.title.as_ref(), "В столице открылась выставка");
    assert_eq!(moscow.encoding.as_str(), "windows-1251");
    let wide = get("tokyo-utf16.txt");
    assert_eq!(wide.title.as_ref(), "東京で大雨、交通に乱れ");
    assert_eq!(wide.encoding, Encoding::Utf16LeNoBom);
    assert_eq!(get("ferry-utf16be.txt").title.as_ref(), "Ferries run again");
    let zurich = get("zurich.txt");
    assert_eq!(zurich.title.as_ref(), "Zürich café reopens");
    assert_eq!(zurich.encoding, Encoding::Utf8Damaged);
    assert!(zurich.body.contains('\u{FFFD}'));
    let w = store.warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].path, "zurich.txt");
    assert_eq!(w[0].line, Some(3));
    assert!(w[0].to_string().contains("not UTF-8"), "{}", w[0]);

    // The CLI says which encoding each file was read in, and warns on stderr.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["list", "--format", "json"])
        .arg(p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let encodings: BTreeMap<&str, &str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["path"].as_str().unwrap(), a["encoding"].as_str().unwrap()))
        .collect();
    assert_eq!(encodings["tokyo-sjis.txt"], "shift_jis");
    assert_eq!(encodings["zurich.txt"], "utf-8-damaged");
    assert_eq!(v["warnings"][0]["path"], "zurich.txt");
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("list")
        .arg(p)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(stderr.contains("warning zurich.txt:3:"), "{stderr}");
}

#[test]
fn front_matter_by_a_real_parser_with_tags_lang_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("vote.md"),
        "---\n# desk notes: not the headline\ntitle: \"Council says \\\"no\\\" to the bridge\"\ntags: [politics, \"roads, bridges\"]\ncategories:\n  - Local\nlang: en\n---\n\nThe council voted against the bridge on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("broken.md"),
        "---\ntitle: Fine so far\ndate: [2020-01-01\n---\n\nA body that still loads.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("records.jsonl"),
        "{\"title\": \"Tagged record\", \"body\": \"Text.\", \"tags\": [\"economy\"], \"lang\": \"de\"}\n",
    )
    .unwrap();
    let store = Store::load(p).unwrap();
    let get = |name: &str| {
        store
            .articles()
            .iter()
            .find(|a| a.location.to_string() == name)
            .unwrap()
    };
    let vote = get("vote.md");
    assert_eq!(vote.title.as_ref(), "Council says \"no\" to the bridge");
    let tags: Vec<&str> = vote.tags().iter().map(|t| t.as_ref()).collect();
    assert_eq!(tags, ["politics", "roads, bridges", "Local"]);
    assert_eq!(vote.lang(), Some("en"));
    let broken = get("broken.md");
    assert!(broken.body.contains("still loads"));
    assert_eq!(broken.title_rule, TitleRule::Lead);
    let w = store.warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        (w[0].path.as_str(), w[0].line.is_some()),
        ("broken.md", true)
    );
    let line = w[0].line.unwrap();
    assert!((3..=4).contains(&line), "{}", w[0]);
    assert_eq!(get("records.jsonl#1").tags(), ["economy".into()]);
    // tag: narrows a search the way source: does.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["search", "--format", "json"])
        .arg(p)
        .arg("tag:politics")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(v["matches"][0]["path"], "vote.md");
}
