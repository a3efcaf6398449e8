//! Addresses of output files, always under the site's base path.

use std::fmt;
use std::path::PathBuf;

/// Where a file lands in the output, relative to the site's root folder:
/// `archive/2018/4/central-asia-integration/index.html`.
///
/// Made only from checked segments, so it never starts with `/`, never holds
/// `..`, `.` or an empty segment, and never names a folder outside the
/// output.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SitePath(String);

impl SitePath {
    /// The site's root folder (the home page's folder).
    pub fn root() -> SitePath {
        SitePath(String::new())
    }

    /// This folder's `segment` sub-path; `None` when `segment` is not a safe
    /// single file or folder name.
    pub fn join(&self, segment: &str) -> Option<SitePath> {
        let safe = !segment.is_empty()
            && segment != "."
            && segment != ".."
            && !segment
                .chars()
                .any(|c| c == '/' || c == '\\' || c.is_control() || c == ':');
        if !safe {
            return None;
        }
        let mut path = String::with_capacity(self.0.len() + 1 + segment.len());
        path.push_str(&self.0);
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(segment);
        Some(SitePath(path))
    }

    /// Joins a relative path of several `/`-separated segments, each checked.
    pub fn join_relative(&self, relative: &str) -> Option<SitePath> {
        relative
            .split('/')
            .try_fold(self.clone(), |path, segment| path.join(segment))
    }

    /// Joins segments known to be safe (literals and slugs).
    ///
    /// # Panics
    /// When a segment is unsafe: callers pass only literals and [`Slug`](super::Slug)s.
    pub fn at(segments: &[&str]) -> SitePath {
        segments.iter().fold(SitePath::root(), |path, segment| {
            path.join(segment)
                .expect("SitePath::at takes only literal and slug segments")
        })
    }

    /// The path relative to the output folder (`archive/2018/4`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The folder's `index.html`.
    pub fn index_html(&self) -> SitePath {
        self.join("index.html").expect("a literal segment")
    }

    /// The address of this folder under `base_path`, ending in `/`:
    /// `/journal/archive/2018/4/`.
    pub fn dir_url(&self, base_path: &str) -> String {
        if self.0.is_empty() {
            base_path.to_string()
        } else {
            let mut url = String::with_capacity(base_path.len() + self.0.len() + 1);
            url.push_str(base_path);
            encode_into(&self.0, &mut url);
            url.push('/');
            url
        }
    }

    /// The address of this file under `base_path`: `/journal/style.css`.
    pub fn file_url(&self, base_path: &str) -> String {
        let mut url = String::with_capacity(base_path.len() + self.0.len());
        url.push_str(base_path);
        encode_into(&self.0, &mut url);
        url
    }

    /// The file path inside an output folder.
    pub fn to_path(&self) -> PathBuf {
        self.0.split('/').filter(|s| !s.is_empty()).collect()
    }
}

/// Percent-encodes what may not stand in a URL path (spaces, non-ASCII,
/// `?`, `#`, `%`...), keeping `/`.
fn encode_into(path: &str, out: &mut String) {
    let kept = |b: u8| b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b);
    // Runs of kept bytes are copied whole: addresses made of slugs are
    // nearly always one run. Every byte of a character beyond ASCII is
    // encoded, so a run that is not empty starts and ends between
    // characters.
    let mut run = 0;
    for (i, b) in path.bytes().enumerate() {
        if !kept(b) {
            if run < i {
                out.push_str(&path[run..i]);
            }
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
            run = i + 1;
        }
    }
    out.push_str(&path[run..]);
}

/// The digits of `%XX`, upper case as RFC 3986 recommends.
const HEX: &[u8; 16] = b"0123456789ABCDEF";

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn addresses_encode_what_a_path_may_not_hold() {
        let path = SitePath::at(&["archive", "a b", "é", "Россия", "x%y", "😀"]);
        assert_eq!(
            path.dir_url("/j/"),
            "/j/archive/a%20b/%C3%A9/%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F/x%25y/%F0%9F%98%80/"
        );
        assert_eq!(SitePath::at(&["é.pdf"]).file_url("/"), "/%C3%A9.pdf");
        assert_eq!(SitePath::at(&["a-b_c.~"]).file_url("/"), "/a-b_c.~");
    }

    #[test]
    fn urls() {
        let issue = SitePath::at(&["archive", "2018", "4"]);
        assert_eq!(issue.dir_url("/journal/"), "/journal/archive/2018/4/");
        assert_eq!(SitePath::root().dir_url("/"), "/");
        assert_eq!(issue.index_html().as_str(), "archive/2018/4/index.html");
        assert_eq!(
            issue
                .join_relative("figures/a.png")
                .unwrap()
                .file_url("/j/"),
            "/j/archive/2018/4/figures/a.png"
        );
        assert!(issue.join_relative("../x").is_none());
        assert!(issue.join_relative("/etc/passwd").is_none());
        assert!(issue.join("a\\b").is_none());
        assert_eq!(
            issue.join("Fig 1.png").unwrap().file_url("/"),
            "/archive/2018/4/Fig%201.png"
        );
    }

    proptest! {
        #[test]
        fn joined_paths_stay_under_the_root(relative in "[a-z./\\\\]{0,20}") {
            if let Some(path) = SitePath::root().join_relative(&relative) {
                prop_assert!(!path.as_str().starts_with('/'));
                prop_assert!(path.as_str().split('/').all(|s| !s.is_empty() && s != "." && s != ".."));
                prop_assert!(path.to_path().components().all(|c| matches!(c, std::path::Component::Normal(_))));
                prop_assert!(path.dir_url("/base/").starts_with("/base/"));
            }
        }
    }
}
