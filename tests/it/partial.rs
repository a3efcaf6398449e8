//! `quire serve`'s partial rebuilds write exactly what a whole build writes.
//!
//! Each kind of edit an editor makes is applied to a copy of the sample
//! site whose whole build is being served; the served folder is then
//! updated as serve updates it (in part when the change allows, else by a
//! whole build) and compared, file by file, with a fresh whole build of the
//! edited site. The search index is left out of the comparison: partial
//! rebuilds keep the last whole build's index, as `docs/search.md` says.

use std::path::Path;

use quire::assemble::{self, LoadOptions};
use quire::cmd::build::{build_into, Caching};
use quire::model::Archive;
use quire::serve::rebuild::{rebuild_touched, Partial};

use crate::support::{tree, TestSite, Tree};

/// The seed article, whose fields every edit below changes.
const SEED: &str = "content/2018/4/central-asia-integration.md";

/// How the served folder must be brought up to date.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// In part, without the taxonomies.
    Pages,
    /// In part, with the taxonomies built anew.
    Taxonomies,
    /// Only a whole build can show it.
    Whole,
}

/// A site being served: its whole build in `served`, and the archive and
/// templates serve keeps between saves.
struct Served {
    site: TestSite,
    served: tempfile::TempDir,
    archive: Archive,
    templates: Option<quire::render::templates::Templates>,
}

impl Served {
    fn new() -> Served {
        let site = TestSite::sample();
        let served = tempfile::tempdir().expect("a temporary folder");
        let archive = whole_build(site.root(), &served.path().join("site"));
        let templates = quire::render::load_templates(&archive, &mut Vec::new());
        Served {
            site,
            served,
            archive,
            templates,
        }
    }

    fn dir(&self) -> std::path::PathBuf {
        self.served.path().join("site")
    }

    /// Rebuilds after `rel` changed, as serve does, and checks how.
    fn rebuild(&mut self, rel: &str, expect: Expect) {
        let changed = [self.site.path(rel)];
        let dir = self.dir();
        let templates = self.templates.as_ref().map(|t| (t, &[][..]));
        let outcome = rebuild_touched(
            self.site.root(),
            &mut self.archive,
            &changed,
            &dir,
            templates,
        );
        let how = match outcome {
            Partial::Rebuilt {
                taxonomies: false, ..
            } => Expect::Pages,
            Partial::Rebuilt {
                taxonomies: true, ..
            } => Expect::Taxonomies,
            Partial::Whole(_) => {
                self.archive = whole_build(self.site.root(), &self.dir());
                self.templates = quire::render::load_templates(&self.archive, &mut Vec::new());
                Expect::Whole
            }
            other => panic!("editing {rel} gave {other:?}"),
        };
        assert_eq!(how, expect, "how an edit of {rel} was rebuilt");
    }

    /// The served folder equals a fresh whole build, search index aside.
    fn assert_same_as_whole_build(&self, after: &str) {
        let fresh = tempfile::tempdir().expect("a temporary folder");
        whole_build(self.site.root(), &fresh.path().join("site"));
        let served = without_search(tree(&self.dir()));
        let whole = without_search(tree(&fresh.path().join("site")));
        let only_served: Vec<&String> = served.keys().filter(|k| !whole.contains_key(*k)).collect();
        let only_whole: Vec<&String> = whole.keys().filter(|k| !served.contains_key(*k)).collect();
        let differ: Vec<&String> = served
            .iter()
            .filter(|(k, v)| whole.get(*k).is_some_and(|w| w != *v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            only_served.is_empty() && only_whole.is_empty() && differ.is_empty(),
            "after {after}, the partial rebuild differs from a whole build:\n\
             only in the served folder: {only_served:?}\n\
             only in the whole build: {only_whole:?}\n\
             different: {differ:?}"
        );
    }
}

/// Builds the site in `root` into `target` and returns its archive.
fn whole_build(root: &Path, target: &Path) -> Archive {
    let options = LoadOptions::default();
    let built = build_into(root, &options, target, Caching::Off).expect("the build runs");
    assert!(
        built.stats.is_some(),
        "the edited sample does not build: {:?}",
        built
            .diags
            .sorted()
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    let (archive, _) = assemble::load(root, &options);
    archive.expect("the sample loads")
}

/// The files without the search index and the search pages of every
/// language's tree (`search/`, `ru/search/`), whose filters count the
/// index's documents.
fn without_search(mut files: Tree) -> Tree {
    files.retain(|path, _| {
        !path.starts_with("search/")
            && !path
                .split_once('/')
                .is_some_and(|(tree, rest)| tree.len() == 2 && rest.starts_with("search/"))
    });
    files
}

#[test]
fn every_kind_of_edit_rebuilds_to_what_a_whole_build_writes() {
    let mut served = Served::new();
    let edits: [(&str, &str, &str, &str, Expect); 6] = [
        (
            "a title",
            SEED,
            "title: Central Asia in Search for its Own Way of Integration",
            "title: Central Asia and Its Own Way to Integration",
            Expect::Pages,
        ),
        (
            "an abstract",
            SEED,
            "Talk of regional integration has returned",
            "Talk of regional integration is back",
            Expect::Pages,
        ),
        (
            "a keyword",
            SEED,
            "regionalism, Kazakhstan",
            "regional order, Kazakhstan",
            Expect::Taxonomies,
        ),
        (
            "a country",
            SEED,
            "countries: [KZ, UZ, KG, TJ, TM]",
            "countries: [KZ, UZ, KG, TJ, AF]",
            Expect::Taxonomies,
        ),
        (
            "an author's name",
            SEED,
            "name: Evgeniya V. Makhmutova",
            "name: Evgenia V. Makhmutova",
            Expect::Taxonomies,
        ),
        (
            "the pages",
            SEED,
            "pages: 78-91",
            "pages: 79-92",
            Expect::Whole,
        ),
    ];
    for (what, rel, from, to, expect) in edits {
        served.site.replace(rel, from, to);
        served.rebuild(rel, expect);
        served.assert_same_as_whole_build(what);
    }
    // A new article file, then the same file made a draft.
    let new = "content/2018/4/a-new-article.md";
    let text = served
        .site
        .read(SEED)
        .replace("doi: 10.24833/2071-8160-2018-4-61-78-91\n", "")
        .replace("pages: 79-92", "pages: 92-99");
    served.site.write(new, &text);
    served.rebuild(new, Expect::Whole);
    served.assert_same_as_whole_build("a new file");
    served.site.replace(
        new,
        "section: Regional Studies",
        "section: Regional Studies\ndraft: true",
    );
    served.rebuild(new, Expect::Whole);
    served.assert_same_as_whole_build("the draft flag");
}
