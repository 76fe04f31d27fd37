//! The demo corpus, built into the binary so that `cargo install` users have it too.

use include_dir::{Dir, include_dir};

use copydesk_core::store::Store;

static DEMO: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/articles");

/// The invented wire service of the demo corpus, known as an agency when it loads.
pub const DEMO_AGENCY: &str = "Northwire";

/// What the demo corpus's root is called wherever a folder path would be shown.
pub const DEMO_ROOT: &str = "(demo corpus)";

/// Every file of the demo corpus as (relative path, bytes).
pub fn files() -> Vec<(&'static str, &'static [u8])> {
    let mut out = Vec::new();
    collect(&DEMO, &mut out);
    out
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(&'static str, &'static [u8])>) {
    for f in dir.files() {
        if let Some(p) = f.path().to_str() {
            out.push((p, f.contents()));
        }
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// The demo corpus, loaded.
pub fn store() -> Store {
    // The demo's wire service is invented, so copydesk cannot know it by name.
    let opts = copydesk_core::LoadOptions {
        agencies: vec![DEMO_AGENCY.to_string()],
        ..Default::default()
    };
    let (articles, skipped) = copydesk_core::load::load_memory_with(files(), &opts);
    Store::from_articles(DEMO_ROOT, articles, skipped)
}
