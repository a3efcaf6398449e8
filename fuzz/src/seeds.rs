//! Seed inputs for each target, taken from the repository's fixtures and
//! sample content (and a few hostile cases written here), so that no large
//! corpus is committed: `fuzz/seed` writes them into `corpus/<target>/`.

use std::fs;
use std::path::{Path, PathBuf};

/// Hand-written inputs the fixtures lack: raw HTML that must not survive,
/// unsafe addresses, tabs and byte-order marks, traversal attempts.
const HOSTILE_MARKDOWN: &[&str] = &[
    "<script>alert(1)</script>\n\n<div onclick=\"x()\">a</div>\n",
    "<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) ![b](data:text/html,x)\n",
    "<svg><script>x</script></svg><iframe src=//e></iframe><style>p{}</style>\n",
    "# Title {#id}\n\n## Title\n\n## Title\n\n### \n\n| a | b |\n|---|---|\n| <b>c</b> | d |\n",
    "```rust\nfn main() { println!(\"<script>\"); }\n```\n\n```\nplain <b>\n```\n",
    "Text[^1].\n\n[^1]: A note with *emphasis* and <span>html</span>.\n",
    "[other](other.md#part) ![fig](figure.png) [up](../../x.png) [abs](/about/)\n",
    "<div><div><div><p>nested</p></div></div></div>\n\n<details><summary>s</summary>x</details>\n",
    "Form\u{c} feed and \u{1} control \u{fffe} characters.\n",
];

const HOSTILE_YAML: &[&str] = &[
    "\u{feff}title: BOM\n",
    "title: a\n\tauthors: []\n",
    "title: a\ntitle: b\n",
    "keywords: a string\ncountries: KZ\n",
    "year: 2021\nnumber: 1\npublished: 0000-01-01\n",
    "{ a: [1, {b: c}], d: &x e, f: *x }\n",
    "- a\n- b\n",
    "title: \"unterminated\n",
    "theme: /tmp\nper_page: 0\n",
];

const REQUEST_PATHS: &[&str] = &[
    "/",
    "/j",
    "/j/",
    "/j/archive",
    "/j/archive/",
    "/j/2020/1/article/",
    "/j/style.css",
    "/j/leak.txt",
    "/j/leak/",
    "/j/../outside/secret.txt",
    "/j/%2e%2e/outside/secret.txt",
    "/j/%252e%252e/",
    "/j/..%2fleak.txt",
    "/j//etc/passwd",
    "/j/archive%00/",
    "/j/\\..\\",
    "/j/%c0%ae%c0%ae/",
    "/j/archive/index.html",
];

/// The seed inputs of `target`, named, from the repository at `repo`.
pub fn for_target(target: &str, repo: &Path) -> Vec<(String, Vec<u8>)> {
    let files = |pick: &dyn Fn(&Path) -> bool| -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for dir in ["tests/fixtures", "content"] {
            let mut found = Vec::new();
            walk(&repo.join(dir), &mut found);
            found.sort();
            for path in found.into_iter().filter(|p| pick(p)) {
                if let Ok(bytes) = fs::read(&path) {
                    let name = path
                        .strip_prefix(repo)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .replace(['/', '\\'], "_");
                    out.push((name, bytes));
                }
            }
        }
        out
    };
    let ext = |e: &'static str| move |p: &Path| p.extension().is_some_and(|x| x == e);
    let named = |n: &'static str| move |p: &Path| p.file_name().is_some_and(|x| x == n);
    let written = |prefix: &str, list: &[&str]| -> Vec<(String, Vec<u8>)> {
        list.iter()
            .enumerate()
            .map(|(i, s)| (format!("{prefix}-{i}"), s.as_bytes().to_vec()))
            .collect()
    };
    let mut seeds = match target {
        "article" => {
            let mut s = files(&ext("md"));
            s.extend(
                written("hostile", HOSTILE_YAML)
                    .into_iter()
                    .map(|(n, y)| (n, [b"---\n".as_slice(), &y, b"---\nText.\n"].concat())),
            );
            s
        }
        "journal" => {
            let mut s = files(&named("journal.yaml"));
            s.extend(written("hostile", HOSTILE_YAML));
            s
        }
        "issue" => {
            let mut s = files(&named("_issue.yaml"));
            s.extend(written("hostile", HOSTILE_YAML));
            s
        }
        "markdown_html" | "jats" => {
            let mut s = files(&ext("md"));
            s.extend(written("hostile", HOSTILE_MARKDOWN));
            s
        }
        "search" => {
            let mut s = files(&|p: &Path| {
                p.extension().is_some_and(|x| x == "md") || p.ends_with("stemming/words.txt")
            });
            s.extend(written("hostile", HOSTILE_MARKDOWN));
            s
        }
        "import" => files(&|p: &Path| {
            p.extension().is_some_and(|x| x == "txt") && p.to_string_lossy().contains("import")
        }),
        "serve_path" => written("path", REQUEST_PATHS),
        _ => Vec::new(),
    };
    // libFuzzer's default cap is 4 KB for new inputs, but seeds may be larger.
    seeds.retain(|(_, bytes)| bytes.len() <= 64 * 1024);
    seeds
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() {
            out.push(path);
        }
    }
}

/// The repository this crate sits in.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ sits in the repository")
        .to_path_buf()
}
