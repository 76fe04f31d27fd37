//! Writing a generated story out as the text of an article file.

use super::story::*;
use super::words::*;

pub(crate) fn render(story: &Story) -> String {
    let style = story.style;
    let headline = render_toks(&story.headline, style);
    let mut paras: Vec<String> = Vec::new();
    let mut i = 0;
    for &k in &story.paras {
        let p: Vec<String> = story.sents[i..(i + k).min(story.sents.len())]
            .iter()
            .map(|s| render_toks(&s.toks, style))
            .collect();
        i += k;
        if !p.is_empty() {
            paras.push(p.join(" "));
        }
    }
    let month = MONTHS[story.month];
    let mut out = String::new();
    match story.layout {
        Layout::Wire => {
            out.push_str(&headline.to_uppercase());
            out.push_str("\n\n");
            for (n, p) in paras.iter().enumerate() {
                let text = if n == 0 {
                    format!(
                        "{}, {} {} - {}",
                        story.place.to_uppercase(),
                        &month[..3],
                        story.day,
                        p
                    )
                } else {
                    p.clone()
                };
                for (k, l) in wrap(&text, 65).iter().enumerate() {
                    if n > 0 && k == 0 {
                        out.push_str("    ");
                    }
                    out.push_str(l);
                    out.push('\n');
                }
            }
            out.push_str(" Reuter\n");
        }
        Layout::Agency => {
            for (n, p) in paras.iter().enumerate() {
                if n == 0 {
                    out.push_str(&format!(
                        "{} ({}) - ",
                        story.place.to_uppercase(),
                        story.agency
                    ));
                }
                out.push_str(p);
                out.push('\n');
            }
            if let Some(c) = &story.credit {
                out.push_str(c);
                out.push('\n');
            }
        }
        Layout::Blank => {
            out.push_str(&headline);
            out.push_str("\n\n");
            for (n, p) in paras.iter().enumerate() {
                if n == 0 {
                    out.push_str(&format!(
                        "{} ({}) — ",
                        story.place.to_uppercase(),
                        story.agency
                    ));
                }
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        Layout::Markdown => {
            out.push_str(&format!(
                "---\ntitle: \"{}\"\nsource: {}\ndate: 2024-{:02}-{:02}\n---\n\n",
                headline.replace('"', "'"),
                pick(&mut fastrand::Rng::with_seed(story.day as u64), PAPERS),
                story.month + 1,
                story.day
            ));
            for p in &paras {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        Layout::Blob => {
            out.push_str(&paras.join(" "));
            out.push('\n');
        }
    }
    out
}
