//! Answering requests: the built files under the site's base path, the
//! live-reload script and its status address; nothing outside the output
//! folder, whatever the request says. [`super::connection`] reads the
//! requests off the connections and writes these answers.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use percent_encoding::percent_decode_str;

use super::Shared;

/// The script every served page loads: it waits for rebuilds and reloads the
/// page, or shows the build's errors over it.
const RELOAD_JS: &str = include_str!("reload.js");

/// The addresses quire answers itself, under the base path.
const STATUS: &str = "__quire/status";
const SCRIPT: &str = "__quire/reload.js";

/// How long a status request waits for a new build before answering anyway.
const LONG_POLL: Duration = Duration::from_secs(25);

/// Where a request's path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder asked for without its final `/`: go to this address.
    Redirect(String),
    /// Outside the output folder (`..`, encoded dots, a link leading out).
    Forbidden,
    /// Not there.
    NotFound,
}

/// Resolves the path of a request (`/journal/archive/%32018/`, query
/// already removed) against the output folder `site`, published under
/// `base_path` (`/journal/`).
pub fn resolve(site: &Path, base_path: &str, raw: &str) -> Target {
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else {
        return Target::NotFound;
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Target::Forbidden;
    }
    // Refuse `..` and `.` in the path as written and as decoded, before
    // anything is joined to a folder.
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Target::Forbidden;
    }
    if !decoded.starts_with(base_path) {
        if decoded == "/" || format!("{decoded}/") == base_path {
            return Target::Redirect(base_path.to_string());
        }
        return Target::NotFound;
    }
    let rest = &decoded[base_path.len()..];
    let relative = Path::new(rest);
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Target::Forbidden;
    }
    let mut candidate = site.join(relative);
    if candidate.is_dir() {
        if !decoded.ends_with('/') {
            // The address as the reader wrote it, with its slash: only when
            // it visibly starts with the base path (an encoded `/` in it
            // would make a redirect that leaves the site; found by fuzzing).
            return if raw.starts_with(base_path) {
                Target::Redirect(format!("{raw}/"))
            } else {
                Target::NotFound
            };
        }
        candidate.push("index.html");
    }
    // A link inside the output may point anywhere: what counts is where the
    // file really is.
    let (Ok(real), Ok(root)) = (candidate.canonicalize(), site.canonicalize()) else {
        return Target::NotFound;
    };
    if !real.starts_with(&root) {
        return Target::Forbidden;
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

/// The media type of a file, by its extension.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "bib" => "application/x-bibtex; charset=utf-8",
        "ris" => "application/x-research-info-systems; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The status line's words for the codes quire answers.
pub(super) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        _ => "Internal Server Error",
    }
}

/// One answer, before it is written.
#[derive(Debug)]
pub(super) struct Reply {
    /// The status code.
    pub status: u16,
    /// The media type.
    pub kind: &'static str,
    /// The body (a HEAD request gets only its length).
    pub body: Vec<u8>,
    /// Where a redirect leads.
    pub location: Option<String>,
}

fn reply(status: u16, kind: &'static str, body: Vec<u8>) -> Reply {
    Reply {
        status,
        kind,
        body,
        location: None,
    }
}

pub(super) fn text(status: u16, body: &str) -> Reply {
    reply(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

/// Puts the live-reload script at the end of an HTML page's body.
fn with_reload_script(html: Vec<u8>, base_path: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{base_path}{SCRIPT}\" defer></script>\n");
    let mut text = match String::from_utf8(html) {
        Ok(text) => text,
        Err(e) => return e.into_bytes(),
    };
    match text.rfind("</body>") {
        Some(at) => text.insert_str(at, &tag),
        None => text.push_str(&tag),
    }
    text.into_bytes()
}

/// Answers one request for `target` (`/journal/archive/?x=1`), a GET
/// or a HEAD.
pub(super) fn answer(target: &str, shared: &Shared) -> Reply {
    let url = target;
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let base = &shared.base_path;
    if path == format!("{base}{STATUS}") {
        return status(shared, query);
    }
    if path == format!("{base}{SCRIPT}") {
        return reply(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        );
    }
    // A whole build swaps the served folder for a new one: no request
    // reads between the two renames (that would be a 404 for a page that
    // exists in both builds).
    let _reading = shared.reading();
    match resolve(&shared.site, base, path) {
        Target::File(file) => match fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let body = if kind.starts_with("text/html") {
                    with_reload_script(bytes, base)
                } else {
                    bytes
                };
                reply(200, kind, body)
            }
            Err(_) => not_found(shared),
        },
        Target::Redirect(to) => Reply {
            location: Some(to),
            ..reply(301, "text/plain; charset=utf-8", Vec::new())
        },
        Target::Forbidden => text(403, "forbidden: outside the site\n"),
        Target::NotFound => not_found(shared),
    }
}

/// The site's own 404 page, with status 404.
fn not_found(shared: &Shared) -> Reply {
    match fs::read(shared.site.join("404.html")) {
        Ok(bytes) => reply(
            404,
            "text/html; charset=utf-8",
            with_reload_script(bytes, &shared.base_path),
        ),
        // No good build yet: a page that shows the errors and reloads.
        Err(_) => reply(
            404,
            "text/html; charset=utf-8",
            with_reload_script(
                b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><p>The site has not been built yet.</p></body></html>".to_vec(),
                &shared.base_path,
            ),
        ),
    }
}

/// `__quire/status?since=N`: waits until the build generation differs from
/// N (or a while has passed), then answers the generation and the last
/// build's errors as JSON.
fn status(shared: &Shared, query: &str) -> Reply {
    let since: u64 = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let state = shared.wait_for_change(since, LONG_POLL);
    let body = serde_json::json!({
        "generation": state.generation,
        "errors": state.errors,
    });
    reply(200, "application/json", body.to_string().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("site/archive")).expect("mkdir");
        fs::write(dir.path().join("site/index.html"), "home").expect("write");
        fs::write(dir.path().join("site/archive/index.html"), "archive").expect("write");
        fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        dir
    }

    #[test]
    fn files_and_folders_under_the_base_path() {
        let dir = site();
        let s = dir.path().join("site");
        let real = |p: &str| Target::File(s.join(p).canonicalize().expect("exists"));
        assert_eq!(resolve(&s, "/j/", "/j/"), real("index.html"));
        assert_eq!(
            resolve(&s, "/j/", "/j/archive/"),
            real("archive/index.html")
        );
        assert_eq!(
            resolve(&s, "/j/", "/j/%61rchive/"),
            real("archive/index.html")
        );
        assert_eq!(
            resolve(&s, "/j/", "/j/archive"),
            Target::Redirect("/j/archive/".into())
        );
        assert_eq!(resolve(&s, "/j/", "/j"), Target::Redirect("/j/".into()));
        assert_eq!(resolve(&s, "/j/", "/"), Target::Redirect("/j/".into()));
        assert_eq!(resolve(&s, "/j/", "/other/"), Target::NotFound);
        assert_eq!(resolve(&s, "/j/", "/j/missing/"), Target::NotFound);
    }

    #[test]
    fn nothing_outside_the_output_folder() {
        let dir = site();
        let s = dir.path().join("site");
        for raw in [
            "/j/../secret.txt",
            "/j/%2e%2e/secret.txt",
            "/j/%2E%2E%2Fsecret.txt",
            "/j/archive/..%2f..%2fsecret.txt",
            "/j/./index.html",
            "/j/..%5csecret.txt",
            "/j/%00",
        ] {
            assert_eq!(resolve(&s, "/j/", raw), Target::Forbidden, "{raw}");
        }
        assert_eq!(resolve(&s, "/j/", "//etc/passwd"), Target::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn links_leading_out_are_refused() {
        let dir = site();
        let s = dir.path().join("site");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), s.join("leak.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink(dir.path(), s.join("up")).expect("symlink");
        assert_eq!(resolve(&s, "/j/", "/j/leak.txt"), Target::Forbidden);
        assert_eq!(resolve(&s, "/j/", "/j/up/secret.txt"), Target::Forbidden);
    }

    #[test]
    fn a_folder_redirect_never_leaves_the_base_path() {
        let dir = site();
        let s = dir.path().join("site");
        assert_eq!(
            resolve(&s, "/", "/archive"),
            Target::Redirect("/archive/".to_string())
        );
        // An encoded slash decodes under the base path, but a redirect to
        // the address as written would not be (found by fuzzing).
        assert_eq!(resolve(&s, "/", "%2farchive"), Target::NotFound);
        assert_eq!(resolve(&s, "/j/", "/j%2farchive"), Target::NotFound);
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let html = with_reload_script(b"<html><body><p>x</p></body></html>".to_vec(), "/j/");
        let html = String::from_utf8(html).expect("utf-8");
        assert!(
            html.contains("<p>x</p><script src=\"/j/__quire/reload.js\" defer></script>\n</body>")
        );
    }
}
