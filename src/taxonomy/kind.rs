//! The four taxonomies as a type: what each is called in addresses, the
//! catalogue keys of what pages call it, and what it offers.

/// One of the archive's taxonomies.
///
/// Every place that treats the taxonomies alike matches on this enum, so a
/// new one is a compile error wherever it needs a decision, never a silent
/// fall-through to another kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Keywords, merged across spellings and synonyms.
    Keywords,
    /// Countries, from the gazetteer.
    Countries,
    /// UN M49 sub-regions, through their countries or by name.
    Regions,
    /// People, merged across bylines.
    Authors,
}

impl Kind {
    /// Every taxonomy, in the order pages list them.
    pub const ALL: [Kind; 4] = [
        Kind::Keywords,
        Kind::Countries,
        Kind::Regions,
        Kind::Authors,
    ];

    /// The address segment and the name templates see: `keywords`,
    /// `countries`, `regions`, `authors`.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Keywords => "keywords",
            Kind::Countries => "countries",
            Kind::Regions => "regions",
            Kind::Authors => "authors",
        }
    }

    /// The catalogue key of its index page's title ("Keywords").
    pub fn title_key(self) -> &'static str {
        match self {
            Kind::Keywords => "keywords-title",
            Kind::Countries => "countries-title",
            Kind::Regions => "regions-title",
            Kind::Authors => "authors-title",
        }
    }

    /// The catalogue key of what one term is called ("Keyword").
    pub fn singular_key(self) -> &'static str {
        match self {
            Kind::Keywords => "keywords-singular",
            Kind::Countries => "countries-singular",
            Kind::Regions => "regions-singular",
            Kind::Authors => "authors-singular",
        }
    }

    /// Whether each term has an Atom feed (an author's articles are few
    /// and followed through the author's own page).
    pub fn has_feeds(self) -> bool {
        !matches!(self, Kind::Authors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_distinct_address_segments() {
        let mut slugs: Vec<&str> = Kind::ALL.iter().map(|k| k.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), Kind::ALL.len());
        for slug in slugs {
            assert!(slug.parse::<crate::model::Slug>().is_ok(), "{slug}");
        }
    }
}
