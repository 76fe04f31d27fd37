//! Finding versions of one story: the demo corpus's version sets and decoys, the
//! seed pair when present, templated look-alikes, copies, and quality on a
//! generated corpus with known answers.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use copydesk_core::Store;
use copydesk_core::dedup::{self, Clusters, DedupOptions};
use copydesk_testkit::synth::{self, SynthOptions, eval};

fn clusters_of(store: &Store) -> Clusters {
    dedup::cluster(store.articles(), &DedupOptions::default(), &|_| {})
}

fn groups(store: &Store, c: &Clusters) -> BTreeSet<BTreeSet<String>> {
    c.clusters
        .iter()
        .map(|cl| {
            cl.members
                .iter()
                .map(|&m| store.get(m).unwrap().location.to_string())
                .collect()
        })
        .collect()
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

#[test]
fn demo_version_sets_are_clusters_and_decoys_stand_alone() {
    let store = copydesk::demo::store();
    let c = clusters_of(&store);
    let want: BTreeSet<BTreeSet<String>> = [
        set(&[
            "northwire/rivermouth-strike.txt",
            "courier/dockers-walk-out.md",
            "briefs/rivermouth-strike-brief.txt",
            "northwire/rivermouth-strike-update.txt",
        ]),
        set(&[
            "northwire/central-bank-rates.txt",
            "valdorian-daily/rates-held.md",
            "briefs/central-bank-brief.txt",
        ]),
        set(&[
            "northwire/oster-flood.txt",
            "northwire/oster-flood-update.txt",
            "valdorian-daily/oster-evacuations.md",
        ]),
        set(&[
            "northwire/kestrel-brightline.txt",
            "northwire/kestrel-brightline-corrected.txt",
            "valdorian-daily/kestrel-deal.md",
        ]),
        set(&[
            "northwire/geneva-talks.txt",
            "courier/geneva-no-ceasefire.txt",
            "briefs/geneva-talks-brief.md",
        ]),
        set(&["northwire/stadium-vote.txt", "courier/ferry-road-sold.txt"]),
        set(&["feeds/wire-feed.jsonl#1", "feeds/wire-feed.jsonl#2"]),
    ]
    .into_iter()
    .collect();
    assert_eq!(groups(&store, &c), want);
    for decoy in [
        "northwire/rivermouth-port-expansion.txt",
        "northwire/valdoria-budget.txt",
        "northwire/oster-dam-contract.txt",
        "northwire/karsovia-prisoner-exchange.txt",
        "feeds/wire-feed.jsonl#3",
    ] {
        let id = store.find_path(decoy).unwrap();
        assert!(c.cluster_of(id).is_none(), "{decoy}");
        assert_eq!(c.versions(id), 1);
    }
    // Each version knows its closest other version, within its story.
    let strike = store.find_path("northwire/rivermouth-strike.txt").unwrap();
    let closest = c.closest(strike).unwrap();
    assert_eq!(
        c.cluster_of(closest).map(|x| x.id),
        c.cluster_of(strike).map(|x| x.id)
    );
    // The brief has nothing of its own; the update has its new paragraphs.
    let story = c.cluster_of(strike).unwrap();
    let share = |p: &str| {
        let id = store.find_path(p).unwrap();
        story.unique_share[story.members.iter().position(|&m| m == id).unwrap()]
    };
    assert!(share("briefs/rivermouth-strike-brief.txt") < 0.1);
    assert!(share("northwire/rivermouth-strike-update.txt") > 0.3);
}

#[test]
fn seed_pair_when_present() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        return;
    }
    let store = Store::load(&seeds).unwrap();
    let c = clusters_of(&store);
    assert_eq!(c.clusters.len(), 1);
    assert_eq!(c.clusters[0].members.len(), 2);
    assert!(c.cluster_of(2).is_none(), "002 is another story");
    let (a, b) = (store.get(0).unwrap(), store.get(1).unwrap());
    assert_eq!(
        copydesk_core::story::relation::of_pair(a, b),
        copydesk_core::story::Relation::Rewrite,
        "the seed pair is two rewrites of one report"
    );
}

#[test]
fn clusters_written_as_json_lines_read_back_as_the_same_stories() {
    let bin = env!("CARGO_BIN_EXE_copydesk");
    let out = Command::new(bin)
        .args(["dups", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let sets = |lines: &str| -> BTreeSet<BTreeSet<String>> {
        lines
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["articles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect()
            })
            .collect()
    };
    let written = sets(&text);
    assert!(written.len() >= 2, "{text}");
    // Read back with a line that is not JSON and one that names no article here.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clusters.jsonl");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(1, "not json at all");
    lines.insert(2, r#"["nowhere/one.txt", "nowhere/two.txt"]"#);
    std::fs::write(&file, lines.join("\n")).unwrap();
    let back = Command::new(bin)
        .args(["dups", "--format", "jsonl", "--clusters"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(back.status.success());
    assert_eq!(sets(&String::from_utf8(back.stdout).unwrap()), written);
    let err = String::from_utf8(back.stderr).unwrap();
    assert!(err.contains("clusters.jsonl:2: not a cluster"), "{err}");
    assert!(
        err.contains("clusters.jsonl:3: 2 articles not in this folder"),
        "{err}"
    );
}

fn store_of(files: &[(&str, String)]) -> Store {
    let (articles, skipped) =
        copydesk_core::load::load_memory(files.iter().map(|(p, t)| (*p, t.as_bytes())));
    Store::from_articles("mem", articles, skipped)
}

#[test]
fn templated_notices_copies_and_chains() {
    let notice = |company: &str, place: &str, day: u32, net: u32, rev: u32| {
        format!(
            "{company} REPORTS RESULTS\n\n{place}, March {day} - {company} said its first quarter net profit rose to {net} mln dlrs from {} mln dlrs a year earlier.\n    Revenue rose to {rev} mln dlrs from {} mln dlrs.\n    The company said results were helped by higher sales of its main products in Europe and Asia.\n Reuter\n",
            net - 7,
            rev - 40
        )
    };
    let story = "Harbour officials in Veltrona said on Tuesday that the new breakwater would be finished by the autumn, two years late. The contractor blamed winter storms and a shortage of granite from the quarries at Mossen Head. Fishermen said the delay had cost them most of a season.\n\nThe regional council approved an extra eleven million crowns for the work last month after a heated debate.";
    let follow_up = "The Veltrona breakwater, finished two years late after storms and a granite shortage, will be opened by the mayor on Friday. Separately, the council said the Lindqvist ferry terminal would close for repairs in the spring, with services moved to the north quay until June. The terminal was built in 1962.";
    let ferry = "The Lindqvist ferry terminal would close for repairs in the spring, the council said, with services moved to the north quay until June. Passenger numbers have doubled since the terminal was built in 1962, and the roof leaks in heavy rain. Travellers were told to allow an extra twenty minutes.";
    let store = store_of(&[
        ("a.txt", notice("ACME WIDGET CORP", "BOSTON", 3, 41, 900)),
        (
            "b.txt",
            notice("BELLCROFT TOOLS INC", "CHICAGO", 3, 77, 1300),
        ),
        ("c.txt", notice("ACME WIDGET CORP", "BOSTON", 3, 41, 900)),
        ("d.txt", notice("ACME WIDGET CORP", "BOSTON", 24, 53, 1010)),
        ("e.txt", story.to_string()),
        ("f.txt", follow_up.to_string()),
        ("g.txt", ferry.to_string()),
    ]);
    let c = clusters_of(&store);
    let got = groups(&store, &c);
    // Only the identical copy of one notice is a version; another company, or the
    // same company another quarter, is another story; a follow-up quoting two
    // stories does not join them.
    assert!(got.contains(&set(&["a.txt", "c.txt"])), "{got:?}");
    for g in &got {
        assert!(!(g.contains("a.txt") && g.contains("b.txt")), "{got:?}");
        assert!(!(g.contains("a.txt") && g.contains("d.txt")), "{got:?}");
        assert!(!(g.contains("e.txt") && g.contains("g.txt")), "{got:?}");
    }
}

#[test]
fn rate_tables_at_other_times_of_one_day_are_other_reports() {
    // One template, one day: the opening, late-morning and midday tables move
    // by a sixteenth here and there, and the late-morning one is sent twice.
    let table = |time: &str, six: &str| {
        format!(
            "LONDON DEPOSIT RATES {time} - APRIL 7\n\n overnight     6-1/4 1/8\n tom/next      6-1/4 1/8\n week fixed    6-5/16 3/16\n one month     6-7/16 5/16\n three         6-9/16 7/16\n six           {six}\n twelve        6-7/8 3/4\n Reuter\n"
        )
    };
    let store = store_of(&[
        ("open.txt", table("OPENING", "6-5/8 1/2")),
        ("eleven.txt", table("1100", "6-11/16 9/16")),
        ("eleven_again.txt", table("1100", "6-11/16 9/16")),
        ("half_past_twelve.txt", table("1230", "6-11/16 9/16")),
        ("close.txt", table("CLOSING", "6-11/16 9/16")),
    ]);
    let got = groups(&store, &clusters_of(&store));
    // Only the table sent twice is a story of versions.
    assert_eq!(
        got,
        BTreeSet::from([set(&["eleven.txt", "eleven_again.txt"])]),
        "{got:?}"
    );
}

#[test]
fn quality_on_a_generated_corpus() {
    let corpus = synth::generate(&SynthOptions {
        articles: 3000,
        seed: 11,
        ..SynthOptions::default()
    });
    let store = store_of(
        &corpus
            .articles
            .iter()
            .map(|a| (a.path.as_str(), a.text.clone()))
            .collect::<Vec<_>>(),
    );
    let c = clusters_of(&store);
    let predicted: Vec<Vec<String>> = c
        .clusters
        .iter()
        .map(|cl| {
            cl.members
                .iter()
                .map(|&m| store.get(m).unwrap().location.to_string())
                .collect()
        })
        .collect();
    let s = eval::score_clusters(&corpus.truth, &predicted);
    assert!(s.precision() >= 0.98, "{s:?}");
    assert!(s.recall() >= 0.95, "{s:?}");
}

#[test]
fn dups_json_has_the_documented_shape() {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["dups", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["articles", "clusters"]);
    assert_eq!(v["articles"], 30);
    let clusters = v["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 7);
    let sizes: Vec<usize> = clusters
        .iter()
        .map(|c| c["articles"].as_array().unwrap().len())
        .collect();
    let mut sorted = sizes.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(sizes, sorted, "most versions first");
    for (i, c) in clusters.iter().enumerate() {
        assert_eq!(c["id"], i);
        let members: Vec<&str> = c["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        for p in c["pairs"].as_array().unwrap() {
            let mut k: Vec<&String> = p.as_object().unwrap().keys().collect();
            k.sort();
            assert_eq!(k, ["a", "b", "containment", "relation", "similarity"]);
            let r = p["relation"].as_str().unwrap();
            assert!(
                ["copy", "correction", "update", "brief", "rewrite"].contains(&r),
                "{r}"
            );
            assert!(members.contains(&p["a"].as_str().unwrap()));
            let s = p["similarity"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&s));
        }
        // The timeline holds every version once, the first with no relation.
        let steps = c["timeline"].as_array().unwrap();
        let mut in_timeline: Vec<&str> = steps
            .iter()
            .map(|s| s["article"].as_str().unwrap())
            .collect();
        in_timeline.sort();
        let mut sorted_members = members.clone();
        sorted_members.sort();
        assert_eq!(in_timeline, sorted_members);
        assert!(steps[0]["relation"].is_null());
        for s in &steps[1..] {
            assert!(s["relation"].is_string());
            assert!(!s["changes"].as_array().unwrap().is_empty());
        }
        for r in c["related"].as_array().unwrap() {
            assert!(
                !members.contains(&r.as_str().unwrap()),
                "related is outside the story"
            );
        }
    }
    let text = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("dups")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.ends_with("30 articles, 7 stories with more than one version (20 articles in them)\n")
    );
    assert!(text.starts_with("◆4 "));
}

#[test]
fn articles_that_come_later_are_set_against_the_kept_signatures() {
    let corpus = synth::generate(&SynthOptions {
        articles: 3000,
        seed: 5,
        ..SynthOptions::default()
    });
    // Every fifth file arrives after the first run, as in a live folder.
    let (later, first): (Vec<_>, Vec<_>) = corpus
        .articles
        .iter()
        .enumerate()
        .partition(|(i, _)| i % 5 == 0);
    let files = |part: &[(usize, &synth::SynthArticle)]| -> Vec<(String, String)> {
        part.iter()
            .map(|(_, a)| (a.path.clone(), a.text.clone()))
            .collect()
    };
    let first = files(&first);
    let later = files(&later);
    let mut store = store_of(
        &first
            .iter()
            .map(|(p, t)| (p.as_str(), t.clone()))
            .collect::<Vec<_>>(),
    );
    let opts = DedupOptions::default();
    let (_, mut kept) = dedup::cluster_keeping(store.articles(), &opts, &|_| {});
    let (arrived, skipped) =
        copydesk_core::load::load_memory(later.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    let added = store.append(arrived, skipped);
    let updated = dedup::update(store.articles(), &mut kept, &added, &[], &opts);
    let score = |c: &Clusters, store: &Store| {
        let g = groups(store, c);
        let p: Vec<Vec<&str>> = g
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        eval::score_clusters(&corpus.truth, &p)
    };
    let s = score(&updated, &store);
    assert!(s.precision() >= 0.98, "{s:?}");
    assert!(s.recall() >= 0.95, "{s:?}");
    // As good as a run over everything at once.
    let whole = clusters_of(&store);
    let w = score(&whole, &store);
    assert!(s.recall() >= w.recall() - 0.02, "{s:?} against {w:?}");
    assert_eq!(updated.articles_seen(), store.len());

    // Articles that go leave their stories; the rest stay grouped.
    let gone: Vec<u32> = updated
        .clusters
        .iter()
        .take(20)
        .map(|c| c.members[0])
        .collect();
    for &g in &gone {
        store.remove(g);
    }
    let after = dedup::update(store.articles(), &mut kept, &[], &gone, &opts);
    for &g in &gone {
        assert!(after.cluster_of(g).is_none());
    }
    let s = score(&after, &store);
    assert!(s.precision() >= 0.98, "{s:?}");
}

#[test]
fn a_copy_stays_in_its_story_when_the_article_it_copied_goes() {
    let story = "Ferries between the islands resumed on Monday after a three-day strike by crews ended with a new pay deal. The operator said all routes would run to the normal timetable by Wednesday. Passengers stranded over the weekend will get refunds, the company said in a statement. The union said its members had voted by a large majority to accept the offer.";
    let rewrite = "Island ferries resumed on Monday after a three-day strike by crews ended with a new pay deal, the operator said. All routes would run to the normal timetable by Wednesday. Passengers stranded over the weekend will get refunds, the company said. Union members voted by a large majority to accept the offer, officials said.";
    let mut store = store_of(&[
        ("a.txt", format!("Ferries run again\n\n{story}\n")),
        ("b.txt", format!("Ferries run again\n\n{story}\n")),
        ("c.txt", format!("Island ferries back\n\n{rewrite}\n")),
    ]);
    let opts = DedupOptions::default();
    let (c, mut kept) = dedup::cluster_keeping(store.articles(), &opts, &|_| {});
    assert_eq!(c.versions(0), 3, "{:?}", c.clusters);
    store.remove(0);
    let after = dedup::update(store.articles(), &mut kept, &[], &[0], &opts);
    assert!(after.cluster_of(0).is_none());
    assert_eq!(after.cluster_of(1).map(|c| c.members.len()), Some(2));
    assert_eq!(after.cluster_of(1), after.cluster_of(2));
}
