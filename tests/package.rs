//! What a crate people install needs: the manifest's fields, both licence texts
//! and the tuned release profile.

fn manifest(path: &str) -> toml::Table {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    text.parse().unwrap()
}

#[test]
fn the_packages_say_what_they_are_and_under_which_licence() {
    let root = manifest("Cargo.toml");
    let ws = &root["workspace"]["package"];
    assert_eq!(ws["license"].as_str(), Some("MIT OR Apache-2.0"));
    assert_eq!(ws["rust-version"].as_str(), Some("1.91"));
    for path in ["Cargo.toml", "crates/core/Cargo.toml"] {
        let m = manifest(path);
        let p = m["package"].as_table().unwrap();
        for field in ["description", "readme", "keywords", "categories"] {
            assert!(p.contains_key(field), "{path} has no {field}");
        }
        assert_eq!(p["license"]["workspace"].as_bool(), Some(true), "{path}");
        assert_eq!(
            p["rust-version"]["workspace"].as_bool(),
            Some(true),
            "{path}"
        );
    }
    for file in ["LICENSE", "LICENSE-MIT", "LICENSE-APACHE"] {
        let text =
            std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(!text.trim().is_empty(), "{file}");
    }
    let top = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/LICENSE")).unwrap();
    assert!(top.contains("LICENSE-MIT") && top.contains("LICENSE-APACHE"));
}

#[test]
fn the_release_profile_is_tuned_and_benchmarks_stay_quick_to_build() {
    let root = manifest("Cargo.toml");
    let release = &root["profile"]["release"];
    assert_eq!(release["lto"].as_bool(), Some(true));
    assert_eq!(release["codegen-units"].as_integer(), Some(1));
    assert_eq!(release["strip"].as_bool(), Some(true));
    let bench = &root["profile"]["bench"];
    assert_eq!(bench["inherits"].as_str(), Some("release"));
    assert_eq!(bench["lto"].as_bool(), Some(false));
}
